package dev.anax.engine.types.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        final byte[] pair = table.entry(index);
        return new String(pair, FieldTable.valueOffset(pair), FieldTable.valueLength(pair), StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> contents(final FieldTable table)
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < table.size(); i++)
        {
            final byte[] pair = table.entry(i);
            map.put(
                new String(pair, FieldTable.fieldOffset(pair), FieldTable.fieldLength(pair), StandardCharsets.ISO_8859_1),
                new String(pair, FieldTable.valueOffset(pair), FieldTable.valueLength(pair), StandardCharsets.ISO_8859_1));
        }
        return map;
    }

    @Test
    void shouldLayAPairOutAsDocumented()
    {
        final FieldTable table = new FieldTable(0);
        put(table, "ab", "xyz");
        assertThat(table.entry(0)).containsExactly(2, 'a', 'b', 'x', 'y', 'z');
        final byte[] before = table.entry(0);
        put(table, "ab", "123");
        assertThat(table.entry(0)).isSameAs(before).containsExactly(2, 'a', 'b', '1', '2', '3');
        put(table, "ab", "");
        assertThat(table.entry(0)).containsExactly(2, 'a', 'b');
        final String longField = "f".repeat(200);
        put(table, longField, "v");
        final byte[] pair = table.entry(1);
        assertThat(FieldTable.fieldLength(pair)).isEqualTo(200);
        assertThat(FieldTable.fieldOffset(pair)).isEqualTo(2);
        assertThat(FieldTable.valueLength(pair)).isEqualTo(1);
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
                    final String value = "v" + random.nextInt(1000);
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
            if (table.size() > 0)
            {
                final byte[] pair = table.entry(0);
                table.setValue(0, b("changed"), 0, 7);
                assertThat(copy.entry(copy.find(pair, FieldTable.fieldOffset(pair), FieldTable.fieldLength(pair))))
                    .isNotSameAs(table.entry(0));
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
                    final byte[] pair = table.entry(index);
                    seen.add(new String(pair, FieldTable.fieldOffset(pair), FieldTable.fieldLength(pair),
                        StandardCharsets.ISO_8859_1));
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
