package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every set command through a real socket with Jedis, over RESP2 and RESP3, with one shard and
 * with four (where the multi-key commands cross shards).
 */
class SetIT
{
    static Stream<Arguments> servers()
    {
        return Stream.of(
            Arguments.of(1, RedisProtocol.RESP2),
            Arguments.of(4, RedisProtocol.RESP2),
            Arguments.of(1, RedisProtocol.RESP3),
            Arguments.of(4, RedisProtocol.RESP3));
    }

    private static Jedis connect(final ServerFixture fixture, final RedisProtocol protocol)
    {
        return new Jedis(new HostAndPort("127.0.0.1", fixture.port()),
            DefaultJedisClientConfig.builder().protocol(protocol).build());
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldServeSingleKeyCommands(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            assertThat(jedis.sadd("ints", "3", "1", "2")).isEqualTo(3L);
            assertThat(jedis.objectEncoding("ints")).isEqualTo("intset");
            assertThat(jedis.smembers("ints")).containsExactlyInAnyOrder("1", "2", "3");
            assertThat(jedis.sadd("ints", "x")).isEqualTo(1L);
            assertThat(jedis.objectEncoding("ints")).isEqualTo("hashtable");
            assertThat(jedis.srem("ints", "x", "y")).isEqualTo(1L);
            assertThat(jedis.scard("ints")).isEqualTo(3L);
            assertThat(jedis.sismember("ints", "2")).isTrue();
            assertThat(jedis.sismember("ints", "9")).isFalse();
            assertThat(jedis.smismember("ints", "1", "9")).containsExactly(true, false);

            assertThat(jedis.srandmember("ints")).isIn("1", "2", "3");
            assertThat(jedis.srandmember("ints", 2)).hasSize(2).doesNotHaveDuplicates();
            assertThat(jedis.srandmember("ints", -5)).hasSize(5);
            assertThat(jedis.spop("ints")).isIn("1", "2", "3");
            assertThat(jedis.spop("ints", 5)).hasSize(2);
            assertThat(jedis.exists("ints")).isFalse();
            assertThat(jedis.spop("ints")).isNull();
            assertThat(jedis.srandmember("ints")).isNull();
            assertThat(jedis.smembers("ints")).isEmpty();

            jedis.set("str", "v");
            assertThatThrownBy(() -> jedis.sadd("str", "a")).hasMessageStartingWith("WRONGTYPE");
            assertThatThrownBy(() -> jedis.spop("str", -1)).hasMessage("ERR value is out of range, must be positive");
        }
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldServeMultiKeyCommandsAcrossShards(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            jedis.sadd("a", "1", "2", "3", "x");
            jedis.sadd("b", "2", "3", "4");
            jedis.sadd("c", "3", "x", "y");
            assertThat(jedis.sinter("a", "b")).containsExactlyInAnyOrder("2", "3");
            assertThat(jedis.sinter("a", "b", "c")).containsExactly("3");
            assertThat(jedis.sintercard("a", "b", "c")).isEqualTo(1L);
            assertThat(jedis.sintercard(1, "a", "b")).isEqualTo(1L);
            assertThat(jedis.sunion("a", "b", "c")).containsExactlyInAnyOrder("1", "2", "3", "4", "x", "y");
            assertThat(jedis.sdiff("a", "b", "c")).containsExactly("1");
            assertThat(jedis.sinterstore("d", "a", "b")).isEqualTo(2L);
            assertThat(jedis.objectEncoding("d")).isEqualTo("intset");
            assertThat(jedis.sunionstore("d", "a", "c")).isEqualTo(5L);
            assertThat(jedis.objectEncoding("d")).isEqualTo("hashtable");
            assertThat(jedis.sdiffstore("d", "b", "a")).isEqualTo(1L);
            assertThat(jedis.smembers("d")).containsExactly("4");
            assertThat(jedis.sinterstore("d", "a", "missing")).isZero();
            assertThat(jedis.exists("d")).isFalse();

            assertThat(jedis.smove("a", "b", "x")).isEqualTo(1L);
            assertThat(jedis.smove("a", "b", "x")).isZero();
            assertThat(jedis.sismember("b", "x")).isTrue();
            assertThat(jedis.smove("b", "fresh", "4")).isEqualTo(1L);
            assertThat(jedis.objectEncoding("fresh")).isEqualTo("intset");
            jedis.set("str", "v");
            assertThatThrownBy(() -> jedis.smove("a", "str", "1")).hasMessageStartingWith("WRONGTYPE");
            assertThatThrownBy(() -> jedis.sunion("a", "str")).hasMessageStartingWith("WRONGTYPE");
            assertThat(jedis.smove("missing", "str", "1")).isZero();
        }
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldScanLargeSets(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            final String[] members = new String[2000];
            for (int i = 0; i < members.length; i++)
            {
                members[i] = "m" + i;
            }
            assertThat(jedis.sadd("big", members)).isEqualTo(2000L);
            final List<String> seen = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<String> page = jedis.sscan("big", cursor, new ScanParams().count(50));
                seen.addAll(page.getResult());
                cursor = page.getCursor();
            }
            while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertThat(new HashSet<>(seen)).hasSize(2000);
            final Set<String> matched = new HashSet<>();
            cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<String> page = jedis.sscan("big", cursor, new ScanParams().match("m199*").count(500));
                matched.addAll(page.getResult());
                cursor = page.getCursor();
            }
            while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertThat(matched).containsExactlyInAnyOrder("m199", "m1990", "m1991", "m1992", "m1993", "m1994",
                "m1995", "m1996", "m1997", "m1998", "m1999");
            assertThat(jedis.spop("big", 1990)).hasSize(1990);
            assertThat(jedis.scard("big")).isEqualTo(10L);
        }
    }
}
