package dev.anax.engine.types.set;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongTableTest
{
    private static Set<Long> contents(final LongTable table)
    {
        final Set<Long> contents = new HashSet<>();
        for (int position = 0; position < table.positionLimit(); position++)
        {
            if (table.occupied(position))
            {
                assertThat(contents.add(table.valueAt(position))).isTrue();
            }
        }
        assertThat(contents).hasSize(table.size());
        return contents;
    }

    @Test
    void shouldKeepTheMostNegativeValueOutsideTheSlots()
    {
        final LongTable table = new LongTable(0);
        assertThat(table.contains(Long.MIN_VALUE)).isFalse();
        assertThat(table.add(Long.MIN_VALUE)).isTrue();
        assertThat(table.add(Long.MIN_VALUE)).isFalse();
        assertThat(table.add(0)).isTrue();
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.occupied(table.positionLimit() - 1)).isTrue();
        assertThat(contents(table)).containsExactlyInAnyOrder(Long.MIN_VALUE, 0L);
        final Set<Long> scanned = new HashSet<>();
        long cursor = 0;
        do
        {
            cursor = table.scan(cursor, scanned::add);
        }
        while (cursor != 0);
        assertThat(scanned).containsExactlyInAnyOrder(Long.MIN_VALUE, 0L);
        assertThat(table.remove(Long.MIN_VALUE)).isTrue();
        assertThat(table.remove(Long.MIN_VALUE)).isFalse();
        assertThat(contents(table)).containsExactly(0L);
        final LongTable copy = table.copy();
        copy.add(5);
        assertThat(contents(table)).containsExactly(0L);
    }

    @Test
    void shouldGrowAndShrinkAsTheMemberTableDoes()
    {
        final LongTable table = new LongTable(0);
        for (long i = 0; i < 1000; i++)
        {
            table.add(i * 7919);
        }
        assertThat(table.capacity()).isEqualTo(2048);
        for (long i = 0; i < 995; i++)
        {
            assertThat(table.remove(i * 7919)).isTrue();
        }
        assertThat(table.capacity()).isLessThanOrEqualTo(16);
        assertThat(contents(table)).hasSize(5);
    }

    @Test
    void shouldBehaveAsAHashSetOfLongs()
    {
        final long seed = System.nanoTime();
        System.out.println("LongTableTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<Long> model = new HashSet<>();
        final LongTable table = new LongTable(0);
        for (int op = 0; op < 60_000; op++)
        {
            final long value = random.nextInt(20) == 0 ? Long.MIN_VALUE :
                (op < 30_000 ? random.nextLong(-3000, 3000) : random.nextLong(-200, 200));
            switch (random.nextInt(op < 30_000 ? 3 : 2))
            {
                case 0:
                    assertThat(table.remove(value)).as("seed %d", seed).isEqualTo(model.remove(value));
                    break;
                case 1:
                    assertThat(table.contains(value)).as("seed %d", seed).isEqualTo(model.contains(value));
                    if (!model.isEmpty())
                    {
                        final int position = table.randomPosition(ThreadLocalRandom.current());
                        assertThat(model.remove(table.valueAt(position))).as("seed %d", seed).isTrue();
                        table.removeAt(position);
                    }
                    break;
                default:
                    assertThat(table.add(value)).as("seed %d", seed).isEqualTo(model.add(value));
                    break;
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        assertThat(contents(table)).as("seed %d", seed).isEqualTo(model);
    }

    @Test
    void shouldScanEveryMemberOnce()
    {
        final LongTable table = new LongTable(0);
        for (long i = -1500; i < 1500; i++)
        {
            table.add(i);
        }
        final Map<Long, Integer> seen = new HashMap<>();
        long cursor = 0;
        do
        {
            cursor = table.scan(cursor, value -> seen.merge(value, 1, Integer::sum));
        }
        while (cursor != 0);
        assertThat(seen).hasSize(3000);
        assertThat(seen.values()).containsOnly(1);
    }

    @Test
    void shouldPickRandomMembersUniformlyIncludingTheMostNegative()
    {
        final LongTable table = new LongTable(0);
        for (long i = 0; i < 9; i++)
        {
            table.add(i);
        }
        table.add(Long.MIN_VALUE);
        final Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++)
        {
            counts.merge(table.valueAt(table.randomPosition(ThreadLocalRandom.current())), 1, Integer::sum);
        }
        double chiSquare = 0;
        for (final int count : counts.values())
        {
            chiSquare += (count - 10_000.0) * (count - 10_000.0) / 10_000.0;
        }
        assertThat(counts).hasSize(10);
        assertThat(chiSquare).isLessThan(40);
    }
}
