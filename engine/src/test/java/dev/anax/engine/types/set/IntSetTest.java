package dev.anax.engine.types.set;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class IntSetTest
{
    private static List<Long> members(final byte[] set)
    {
        final List<Long> members = new ArrayList<>();
        for (int i = 0; i < IntSet.size(set); i++)
        {
            members.add(IntSet.get(set, i));
        }
        return members;
    }

    @Test
    void shouldStartEmptyAtTheNarrowestWidth()
    {
        final byte[] empty = IntSet.empty();
        assertThat(IntSet.size(empty)).isZero();
        assertThat(IntSet.width(empty)).isEqualTo(2);
        assertThat(IntSet.contains(empty, 0)).isFalse();
        assertThat(IntSet.indexOf(empty, 5)).isEqualTo(-1);
    }

    @Test
    void shouldPackMembersLittleEndianAfterTheWidthByte()
    {
        byte[] set = IntSet.add(IntSet.empty(), 0x0102);
        set = IntSet.add(set, -1);
        assertThat(set).containsExactly(2, 0xFF, 0xFF, 0x02, 0x01);
    }

    @Test
    void shouldKeepMembersAscending()
    {
        byte[] set = IntSet.empty();
        for (final long value : new long[] {5, -3, 17, 0, 5, 2})
        {
            set = IntSet.add(set, value);
        }
        assertThat(members(set)).containsExactly(-3L, 0L, 2L, 5L, 17L);
        assertThat(IntSet.indexOf(set, 2)).isEqualTo(2);
        assertThat(IntSet.indexOf(set, 3)).isEqualTo(-4);
        assertThat(IntSet.indexOf(set, 100)).isEqualTo(-6);
    }

    @Test
    void shouldUpgradeToTheWidthANewMemberNeeds()
    {
        byte[] set = IntSet.add(IntSet.add(IntSet.empty(), 1), 2);
        set = IntSet.add(set, 70_000);
        assertThat(IntSet.width(set)).isEqualTo(4);
        assertThat(set.length).isEqualTo(1 + 3 * 4);
        set = IntSet.add(set, Long.MIN_VALUE);
        assertThat(IntSet.width(set)).isEqualTo(8);
        set = IntSet.add(set, Long.MAX_VALUE);
        assertThat(members(set)).containsExactly(Long.MIN_VALUE, 1L, 2L, 70_000L, Long.MAX_VALUE);
        assertThat(IntSet.width(IntSet.remove(set, Long.MIN_VALUE))).isEqualTo(8);
    }

    @Test
    void shouldReturnTheSameArrayWhenNothingChanges()
    {
        final byte[] set = IntSet.add(IntSet.add(IntSet.empty(), 1), 2);
        assertThat(IntSet.add(set, 2)).isSameAs(set);
        assertThat(IntSet.remove(set, 3)).isSameAs(set);
        assertThat(IntSet.remove(set, 1L << 40)).isSameAs(set);
        assertThat(IntSet.contains(set, 1L << 40)).isFalse();
        assertThat(IntSet.contains(set, -(1L << 40))).isFalse();
    }

    @Test
    void shouldRemoveByIndex()
    {
        byte[] set = IntSet.empty();
        for (long i = 0; i < 5; i++)
        {
            set = IntSet.add(set, i * 10);
        }
        assertThat(members(IntSet.removeAt(set, 0))).containsExactly(10L, 20L, 30L, 40L);
        assertThat(members(IntSet.removeAt(set, 4))).containsExactly(0L, 10L, 20L, 30L);
        assertThat(members(IntSet.removeAt(set, 2))).containsExactly(0L, 10L, 30L, 40L);
    }

    @Test
    void shouldBuildFromSortedValuesAtTheWidestNeededWidth()
    {
        final byte[] set = IntSet.ofSorted(new long[] {-40_000, 1, 9, 0}, 3);
        assertThat(IntSet.width(set)).isEqualTo(4);
        assertThat(members(set)).containsExactly(-40_000L, 1L, 9L);
        assertThat(IntSet.ofSorted(new long[0], 0)).isSameAs(IntSet.empty());
    }

    @Test
    void shouldBehaveAsASortedSetOfLongs()
    {
        final long seed = System.nanoTime();
        System.out.println("IntSetTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final TreeSet<Long> model = new TreeSet<>();
        byte[] set = IntSet.empty();
        for (int op = 0; op < 20_000; op++)
        {
            final long value = switch (random.nextInt(3))
            {
                case 0 -> random.nextLong(-300, 300);
                case 1 -> random.nextLong(-100_000, 100_000);
                default -> random.nextLong();
            };
            if (random.nextInt(3) == 0)
            {
                final byte[] after = IntSet.remove(set, value);
                assertThat(after != set).as("seed %d", seed).isEqualTo(model.remove(value));
                set = after;
            }
            else
            {
                final byte[] after = IntSet.add(set, value);
                assertThat(after != set).as("seed %d", seed).isEqualTo(model.add(value));
                set = after;
            }
            assertThat(IntSet.contains(set, value)).isEqualTo(model.contains(value));
        }
        assertThat(members(set)).as("seed %d", seed).containsExactlyElementsOf(model);
    }
}
