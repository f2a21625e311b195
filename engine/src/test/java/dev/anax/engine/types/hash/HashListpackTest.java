package dev.anax.engine.types.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed small hash against a {@link LinkedHashMap} model, and its byte layout.
 */
class HashListpackTest
{
    private static byte[] b(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] put(final byte[] lp, final String field, final String value)
    {
        final byte[] f = b(field);
        final byte[] v = b(value);
        final int pos = HashListpack.find(lp, f, 0, f.length);
        return pos >= 0 ?
            HashListpack.replaceValue(lp, pos, v, 0, v.length) :
            HashListpack.append(lp, f, 0, f.length, v, 0, v.length);
    }

    private static Map<String, String> contents(final byte[] lp)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        int pos = HashListpack.first(lp);
        while (pos < lp.length)
        {
            final int valuePos = HashListpack.next(lp, pos);
            map.put(
                new String(lp, HashListpack.offset(lp, pos), HashListpack.length(lp, pos), StandardCharsets.ISO_8859_1),
                new String(lp, HashListpack.offset(lp, valuePos), HashListpack.length(lp, valuePos),
                    StandardCharsets.ISO_8859_1));
            pos = HashListpack.next(lp, valuePos);
        }
        return map;
    }

    @Test
    void shouldLayPairsOutAsDocumented()
    {
        byte[] lp = HashListpack.empty();
        assertThat(lp).containsExactly(0);
        lp = put(lp, "ab", "xyz");
        assertThat(lp).containsExactly(1, 2, 'a', 'b', 3, 'x', 'y', 'z');
        lp = put(lp, "", "");
        assertThat(lp).containsExactly(2, 2, 'a', 'b', 3, 'x', 'y', 'z', 0, 0);
        final byte[] same = put(lp, "ab", "123");
        assertThat(same).isSameAs(lp).containsExactly(2, 2, 'a', 'b', 3, '1', '2', '3', 0, 0);
        lp = put(lp, "ab", "q");
        assertThat(lp).containsExactly(2, 2, 'a', 'b', 1, 'q', 0, 0);
        lp = HashListpack.delete(lp, HashListpack.first(lp));
        assertThat(lp).containsExactly(1, 0, 0);
    }

    @Test
    void shouldUseMultiByteLengthsAndCounts()
    {
        byte[] lp = HashListpack.empty();
        final String longValue = "v".repeat(300);
        for (int i = 0; i < 200; i++)
        {
            lp = put(lp, "f" + i, i == 150 ? longValue : "x");
        }
        assertThat(HashListpack.count(lp)).isEqualTo(200);
        // 200 = 0b1_1001000: two bytes, low seven bits first.
        assertThat(lp[0] & 0xFF).isEqualTo(0x80 | (200 & 0x7F));
        assertThat(lp[1]).isEqualTo((byte)1);
        assertThat(contents(lp).get("f150")).isEqualTo(longValue);
        for (int i = 0; i < 150; i++)
        {
            final byte[] f = b("f" + i);
            lp = HashListpack.delete(lp, HashListpack.find(lp, f, 0, f.length));
        }
        assertThat(HashListpack.count(lp)).isEqualTo(50);
        assertThat(lp[0]).isEqualTo((byte)50);
        assertThat(contents(lp).keySet()).first().isEqualTo("f150");
        assertThat(contents(lp).get("f150")).isEqualTo(longValue);
    }

    @Test
    void shouldIndexPositionsAndConvertToATable()
    {
        byte[] lp = HashListpack.empty();
        for (int i = 0; i < 10; i++)
        {
            lp = put(lp, "k" + i, "v" + i);
        }
        final int[] positions = new int[10];
        HashListpack.positions(lp, positions);
        for (int i = 0; i < 10; i++)
        {
            final byte[] f = b("k" + i);
            assertThat(positions[i]).isEqualTo(HashListpack.find(lp, f, 0, f.length));
        }
        final FieldTable table = HashListpack.toTable(lp);
        assertThat(table.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++)
        {
            final byte[] f = b("k" + i);
            final int index = table.find(f, 0, f.length);
            assertThat(new String(table.array(index), table.valueOffset(index), table.valueLength(index),
                StandardCharsets.ISO_8859_1)).isEqualTo("v" + i);
        }
    }

    @Test
    void shouldMatchAnInsertionOrderedMapUnderRandomOperations()
    {
        final long seed = System.nanoTime();
        System.out.println("HashListpackTest seed " + seed);
        final Random random = new Random(seed);
        for (int round = 0; round < 50; round++)
        {
            byte[] lp = HashListpack.empty();
            final Map<String, String> model = new LinkedHashMap<>();
            final int fields = 1 + random.nextInt(40);
            for (int op = 0; op < 400; op++)
            {
                final String field = "f" + random.nextInt(fields);
                final byte[] f = b(field);
                final int pos = HashListpack.find(lp, f, 0, f.length);
                assertThat(pos >= 0).as("seed %d", seed).isEqualTo(model.containsKey(field));
                if (random.nextInt(3) == 0)
                {
                    if (pos >= 0)
                    {
                        lp = HashListpack.delete(lp, pos);
                        model.remove(field);
                    }
                }
                else
                {
                    final String value = randomValue(random);
                    lp = put(lp, field, value);
                    model.put(field, value);
                }
                assertThat(HashListpack.count(lp)).as("seed %d", seed).isEqualTo(model.size());
            }
            assertThat(contents(lp)).as("seed %d", seed).containsExactlyEntriesOf(model);
        }
    }

    private static String randomValue(final Random random)
    {
        final int length = random.nextInt(10) == 0 ? 100 + random.nextInt(300) : random.nextInt(12);
        final char[] chars = new char[length];
        Arrays.fill(chars, (char)('a' + random.nextInt(26)));
        return new String(chars);
    }

    @Test
    void shouldFindOnlyWholeFields()
    {
        byte[] lp = HashListpack.empty();
        lp = put(lp, "abc", "abcd");
        final List<String> absent = new ArrayList<>(List.of("ab", "abcd", "bc", ""));
        for (final String field : absent)
        {
            final byte[] f = b(field);
            assertThat(HashListpack.find(lp, f, 0, f.length)).isEqualTo(-1);
        }
        final byte[] padded = b("xxabcxx");
        assertThat(HashListpack.find(lp, padded, 2, 3)).isEqualTo(HashListpack.first(lp));
    }
}
