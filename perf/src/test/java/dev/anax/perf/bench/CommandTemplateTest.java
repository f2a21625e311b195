package dev.anax.perf.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTemplateTest
{
    private final KeyFormat keys = new KeyFormat(16, 1_000_000);
    private final ValueCodec values = new ValueCodec(1, 12);

    private String encode(final CommandTemplate t, final int[] keyIdx, final int version)
    {
        final byte[] out = new byte[t.maxEncodedLength()];
        final int end = t.encode(out, 0, keyIdx, 0, version, new SplittableRandom(1), 1000);
        return new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldNameKeysWithAFixedLength()
    {
        assertThat(keys.name(42)).isEqualTo("key:000000000042");
        assertThat(new KeyFormat(6, 100_000).name(7)).isEqualTo("k00007");
    }

    @Test
    void shouldEncodeAGetAsARespArray()
    {
        final CommandTemplate get = new CommandTemplate("GET __key__", keys, values);
        assertThat(get.kind()).isEqualTo(CommandTemplate.Kind.GET);
        assertThat(get.name()).isEqualTo("GET");
        assertThat(encode(get, new int[] {42}, 0)).isEqualTo("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000000042\r\n");
    }

    @Test
    void shouldEncodeASetWithTheVersionedValue()
    {
        final CommandTemplate set = new CommandTemplate("set __key__ __value__", keys, values);
        assertThat(set.kind()).isEqualTo(CommandTemplate.Kind.SET);
        final byte[] v = new byte[12];
        values.write(7, 3, v, 0);
        assertThat(new String(v, 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("00000003");
        assertThat(encode(set, new int[] {7}, 3)).isEqualTo("*3\r\n$3\r\nset\r\n$16\r\nkey:000000000007\r\n$12\r\n" +
            new String(v, StandardCharsets.ISO_8859_1) + "\r\n");
    }

    @Test
    void shouldFillPlaceholdersInsideArguments()
    {
        final CommandTemplate t = new CommandTemplate("HSET \"h:__rand_int__\" f __key__", keys, values);
        assertThat(t.kind()).isEqualTo(CommandTemplate.Kind.OTHER);
        assertThat(t.keyCount()).isEqualTo(1);
        final int r = new SplittableRandom(1).nextInt(1000);
        assertThat(encode(t, new int[] {5}, 0)).isEqualTo("*4\r\n$4\r\nHSET\r\n$14\r\nh:" +
            String.format("%012d", r) + "\r\n$1\r\nf\r\n$16\r\nkey:000000000005\r\n");
    }

    @Test
    void shouldClassifyMgetAndDrawAKeyPerOccurrence()
    {
        final CommandTemplate t = new CommandTemplate("MGET __key__ __key__", keys, values);
        assertThat(t.kind()).isEqualTo(CommandTemplate.Kind.MGET);
        assertThat(encode(t, new int[] {1, 2}, 0))
            .isEqualTo("*3\r\n$4\r\nMGET\r\n$16\r\nkey:000000000001\r\n$16\r\nkey:000000000002\r\n");
    }

    @Test
    void shouldBuildTheMixFromARatioAndWeightedCommands()
    {
        final CommandMix mix = CommandMix.parse("1:3", List.of("2|INCR c:__rand_int__", "PING"), keys, values);
        assertThat(mix.names()).containsExactly("SET", "GET", "INCR", "PING");
        assertThat(mix.toString())
            .isEqualTo("1x 'SET __key__ __value__', 3x 'GET __key__', 2x 'INCR c:__rand_int__', 1x 'PING'");
        final int[] picks = new int[4];
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 70_000; i++)
        {
            picks[mix.pick(random)]++;
        }
        assertThat(picks[1]).isBetween(29_000, 31_000);
        assertThat(picks[2]).isBetween(19_000, 21_000);
    }

    @Test
    void shouldEncodeASequenceAsOneRequestOfSeveralCommands()
    {
        final CommandTemplate t = new CommandTemplate("MULTI; 2*SET __key__ x; EXEC", keys, values);
        assertThat(t.kind()).isEqualTo(CommandTemplate.Kind.SEQUENCE);
        assertThat(t.name()).isEqualTo("MULTI+2xSET+EXEC");
        assertThat(t.replies()).isEqualTo(4);
        assertThat(t.keyCount()).isEqualTo(2);
        assertThat(t.isTransaction()).isTrue();
        assertThat(encode(t, new int[] {1, 2}, 0)).isEqualTo("*1\r\n$5\r\nMULTI\r\n" +
            "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$1\r\nx\r\n" +
            "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000002\r\n$1\r\nx\r\n" +
            "*1\r\n$4\r\nEXEC\r\n");
        assertThat(new CommandTemplate("ECHO \"a;b\"", keys, values).kind()).isEqualTo(CommandTemplate.Kind.OTHER);
    }

    @Test
    void shouldSpreadTheKeysOfACommandOverShards()
    {
        final ShardSpread spread = new ShardSpread(2, keys, 10_000);
        final KeyDistribution uniform = KeyDistribution.uniform(10_000);
        final SplittableRandom random = new SplittableRandom(5);
        final org.agrona.concurrent.UnsafeBuffer name = new org.agrona.concurrent.UnsafeBuffer(new byte[16]);
        for (int i = 0; i < 100; i++)
        {
            for (int position = 0; position < 4; position++)
            {
                keys.write(spread.next(uniform, random, position), name.byteArray(), 0);
                final int hash = dev.anax.codecs.Bytes.routingHash(name, 0, 16);
                assertThat((hash & 0xFFFF_FFFFL) % 2).isEqualTo(position % 2);
            }
        }
    }
}
