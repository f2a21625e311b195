package dev.anax.engine.types.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash table of large hashes against a {@link HashMap} model.
 */
class FieldTableTest
{
    private static byte[] b(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean put(final FieldTable table, final String field, final String value)
    {
        final byte[] f = b(field);
        final byte[] v = b(value);
        return table.put(f, 0, f.length, v, 0, v.length);
    }

    private static String get(final FieldTable table, final String field)
    {
        final byte[] f = b(field);
        final int index = table.find(f, 0, f.length);
        if (index < 0)
        {
            return null;
        }
        return new String(table.array(index), table.valueOffset(index), table.valueLength(index),
            StandardCharsets.ISO_8859_1);
    }

    private static String field(final FieldTable table, final int index)
    {
        return new String(table.array(index), table.fieldOffset(index), table.fieldLength(index),
            StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> contents(final FieldTable table)
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < table.size(); i++)
        {
            map.put(field(table, i), new String(table.array(i), table.valueOffset(i), table.valueLength(i),
                StandardCharsets.ISO_8859_1));
        }
        return map;
    }

    @Test
    void shouldLayPairsOutInPagesAsDocumented()
    {
        final FieldTable table = new FieldTable(0);
        put(table, "ab", "xyz");
        put(table, "c", "");
        final byte[] page = table.array(0);
        assertThat(table.array(1)).isSameAs(page);
        assertThat(Arrays.copyOf(page, 10)).containsExactly(2, 3, 'a', 'b', 'x', 'y', 'z', 1, 0, 'c');
        assertThat(table.fieldOffset(1)).isEqualTo(9);
        assertThat(table.valueOffset(1)).isEqualTo(10);
        put(table, "ab", "123");
        assertThat(table.array(0)).isSameAs(page);
        assertThat(Arrays.copyOf(page, 7)).containsExactly(2, 3, 'a', 'b', '1', '2', '3');
        assertThat(table.garbageBytes()).isZero();
        // A value of another length moves the pair to the tail: its old bytes are garbage.
        put(table, "ab", "");
        assertThat(table.valueOffset(0)).isEqualTo(14);
        assertThat(table.garbageBytes()).isEqualTo(7);
        assertThat(get(table, "ab")).isEmpty();
        final String longField = "f".repeat(200);
        put(table, longField, "v");
        assertThat(table.fieldLength(2)).isEqualTo(200);
        assertThat(table.fieldOffset(2)).isEqualTo(14 + 3);
        assertThat(table.valueLength(2)).isEqualTo(1);
        assertThat(field(table, 2)).isEqualTo(longField);
    }

    @Test
    void shouldKeepBigPairsInArraysOfTheirOwn()
    {
        final FieldTable table = new FieldTable(0);
        final String big = "B".repeat(FieldTable.BIG_PAIR);
        put(table, "small", "s");
        put(table, "big", big);
        assertThat(table.array(1)).isNotSameAs(table.array(0)).hasSize(2 + 1 + 3 + big.length());
        assertThat(get(table, "big")).isEqualTo(big);
        final byte[] own = table.array(1);
        put(table, "big", "tiny");
        assertThat(table.array(1)).isSameAs(table.array(0));
        put(table, "big2", big + "x");
        // The freed slot is reused.
        assertThat(get(table, "big2")).isEqualTo(big + "x");
        assertThat(table.array(2)).isNotSameAs(own);
        final byte[] f = b("big2");
        assertThat(table.remove(f, 0, f.length)).isTrue();
        assertThat(contents(table)).containsOnlyKeys("small", "big");
    }

    @Test
    void shouldFillWholePagesAndCompactGarbage()
    {
        final FieldTable table = new FieldTable(0);
        for (int i = 0; i < 100_000; i++)
        {
            put(table, String.format("f%07d", i), String.format("v%015d", i));
        }
        // 26 bytes a pair, 2520 pairs a 64 KiB page.
        assertThat(table.pageCount()).isEqualTo((100_000 + 2519) / 2520);
        for (int i = 0; i < 100_000; i += 2)
        {
            final byte[] f = b(String.format("f%07d", i));
            assertThat(table.remove(f, 0, f.length)).isTrue();
        }
        assertThat(table.garbageBytes()).isLessThanOrEqualTo(50_000L * 26 / 2 + 65536);
        assertThat(table.pageCount()).isLessThanOrEqualTo(30);
        for (int i = 1; i < 100_000; i += 2)
        {
            assertThat(get(table, String.format("f%07d", i))).isEqualTo(String.format("v%015d", i));
            put(table, String.format("f%07d", i), "other length " + i);
        }
        for (int i = 1; i < 100_000; i += 2)
        {
            assertThat(get(table, String.format("f%07d", i))).isEqualTo("other length " + i);
        }
        assertThat(table.size()).isEqualTo(50_000);
    }

    @Test
    void shouldGrowAndShrinkItsBuckets()
    {
        final FieldTable table = new FieldTable(0);
        assertThat(table.buckets()).isEqualTo(4);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(put(table, "f" + i, "v")).isTrue();
        }
        assertThat(table.buckets()).isEqualTo(1024);
        for (int i = 0; i < 990; i++)
        {
            final byte[] f = b("f" + i);
            assertThat(table.remove(f, 0, f.length)).isTrue();
        }
        assertThat(table.buckets()).isLessThanOrEqualTo(64);
        assertThat(contents(table)).hasSize(10).containsEntry("f995", "v");
    }

    @Test
    void shouldMatchAHashMapUnderRandomOperations()
    {
        final long seed = System.nanoTime();
        System.out.println("FieldTableTest seed " + seed);
        final Random random = new Random(seed);
        for (int round = 0; round < 20; round++)
        {
            final FieldTable table = new FieldTable(random.nextInt(10));
            final Map<String, String> model = new HashMap<>();
            final int fields = 1 + random.nextInt(2000);
            for (int op = 0; op < 5000; op++)
            {
                final String field = "f" + random.nextInt(fields);
                final int kind = random.nextInt(10);
                if (kind < 3)
                {
                    final byte[] f = b(field);
                    assertThat(table.remove(f, 0, f.length)).as("seed %d", seed).isEqualTo(model.remove(field) != null);
                }
                else if (kind < 8)
                {
                    final int shape = random.nextInt(100);
                    final String value = shape < 3 ? "B".repeat(FieldTable.BIG_PAIR + random.nextInt(100)) + op :
                        shape < 10 ? "m".repeat(random.nextInt(300)) : "v" + random.nextInt(1000);
                    assertThat(put(table, field, value)).as("seed %d", seed).isEqualTo(model.put(field, value) == null);
                }
                else
                {
                    assertThat(get(table, field)).as("seed %d", seed).isEqualTo(model.get(field));
                }
                assertThat(table.size()).as("seed %d", seed).isEqualTo(model.size());
            }
            assertThat(contents(table)).as("seed %d", seed).isEqualTo(model);
            final FieldTable copy = table.deepCopy();
            for (int i = 0; i < table.size(); i++)
            {
                table.setValue(i, b("changed"), 0, 7);
            }
            assertThat(contents(copy)).as("seed %d", seed).isEqualTo(model);
        }
    }

    @Test
    void shouldScanEveryPairPresentForTheWholeScanAcrossResizes()
    {
        final long seed = System.nanoTime();
        System.out.println("FieldTableTest scan seed " + seed);
        final Random random = new Random(seed);
        for (int round = 0; round < 20; round++)
        {
            final FieldTable table = new FieldTable(0);
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++)
            {
                put(table, "s" + i, "v");
                stable.add("s" + i);
            }
            final List<String> transientFields = new ArrayList<>();
            final Set<String> seen = new HashSet<>();
            long cursor = 0;
            int calls = 0;
            do
            {
                final List<Integer> visited = new ArrayList<>();
                cursor = table.scan(cursor, 1 + random.nextInt(30), visited::add);
                for (final int index : visited)
                {
                    seen.add(field(table, index));
                }
                // Grow or shrink between calls.
                if (random.nextBoolean())
                {
                    for (int i = 0; i < random.nextInt(400); i++)
                    {
                        final String field = "t" + round + ":" + calls + ":" + i;
                        put(table, field, "v");
                        transientFields.add(field);
                    }
                }
                else
                {
                    while (!transientFields.isEmpty() && random.nextInt(50) != 0)
                    {
                        final byte[] f = b(transientFields.remove(transientFields.size() - 1));
                        table.remove(f, 0, f.length);
                    }
                }
                calls++;
            }
            while (cursor != 0 && calls < 100_000);
            assertThat(seen).as("seed %d", seed).containsAll(stable);
        }
    }

    @Test
    void shouldStopAScanStepAtTheCountOrTheBudget()
    {
        final FieldTable table = new FieldTable(0);
        for (int i = 0; i < 1000; i++)
        {
            put(table, "f" + i, "v");
        }
        final List<Integer> visited = new ArrayList<>();
        final long next = table.scan(0, 10, visited::add);
        // Twice the pairs reach the count: at least 5 pairs, then the step ends.
        assertThat(visited.size()).isBetween(5, 4 + 16);
        assertThat(next).isNotZero();
        final FieldTable sparse = new FieldTable(0);
        for (int i = 0; i < 1000; i++)
        {
            put(sparse, "f" + i, "v");
        }
        for (int i = 0; i < 999; i++)
        {
            final byte[] f = b("f" + i);
            sparse.remove(f, 0, f.length);
        }
        final List<Integer> one = new ArrayList<>();
        long cursor = 0;
        do
        {
            cursor = sparse.scan(cursor, 1, one::add);
        }
        while (cursor != 0);
        assertThat(one).containsExactly(0);
    }

    @Test
    void shouldPickEveryIndexAtRandom()
    {
        final FieldTable table = new FieldTable(0);
        for (int i = 0; i < 20; i++)
        {
            put(table, "f" + i, "v");
        }
        final SplittableRandom random = new SplittableRandom(42);
        final Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++)
        {
            picked.add(table.randomIndex(random));
        }
        assertThat(picked).hasSize(20);
    }
}
