package dev.anax.engine.types.set;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SetOpsTest
{
    private static final long MAX = 16;

    private static SetValue setOf(final Set<String> members)
    {
        final long[] scratch = new long[1];
        SetValue set = null;
        for (final String member : members)
        {
            final byte[] raw = member.getBytes(StandardCharsets.ISO_8859_1);
            if (set == null)
            {
                set = MemberBytes.parseLong(raw, scratch) ? SetValue.ofIntSet(IntSet.empty()) :
                    SetValue.ofTable(new MemberTable(1));
            }
            set.add(raw, 0, raw.length, MAX, scratch);
        }
        return set;
    }

    private static boolean allIntegers(final Set<String> members)
    {
        final long[] scratch = new long[1];
        for (final String member : members)
        {
            if (!MemberBytes.parseLong(member.getBytes(StandardCharsets.ISO_8859_1), scratch))
            {
                return false;
            }
        }
        return true;
    }

    private static List<String> intersection(final SetValue[] sets)
    {
        final List<String> emitted = new ArrayList<>();
        SetOps.intersect(sets, new SetOps.Sink()
        {
            @Override
            public boolean acceptLong(final long value)
            {
                emitted.add(Long.toString(value));
                return true;
            }

            @Override
            public boolean accept(final byte[] array, final int offset, final int length)
            {
                emitted.add(new String(array, offset, length, StandardCharsets.ISO_8859_1));
                return true;
            }
        });
        return emitted;
    }

    @Test
    void shouldWalkTheSmallestIntsetInAscendingOrder()
    {
        final SetValue big = setOf(new LinkedHashSet<>(List.of("9", "1", "5", "3", "7", "x")));
        final SetValue small = setOf(new LinkedHashSet<>(List.of("7", "3", "1")));
        assertThat(intersection(new SetValue[] {big, small})).containsExactly("1", "3", "7");
    }

    @Test
    void shouldStopWhenTheSinkSaysSo()
    {
        final SetValue set = setOf(new LinkedHashSet<>(List.of("1", "2", "3")));
        final int[] seen = new int[1];
        SetOps.intersect(new SetValue[] {set, set}, new SetOps.Sink()
        {
            @Override
            public boolean acceptLong(final long value)
            {
                return ++seen[0] < 2;
            }

            @Override
            public boolean accept(final byte[] array, final int offset, final int length)
            {
                return true;
            }
        });
        assertThat(seen[0]).isEqualTo(2);
    }

    @Test
    void shouldGiveAnEmptyDifferenceForTheSameSetTwice()
    {
        final SetValue set = setOf(new LinkedHashSet<>(List.of("a", "b")));
        final SetBuilder result = new SetBuilder(MAX);
        SetOps.difference(new SetValue[] {set, null, set}, result);
        assertThat(result.build()).isNull();
    }

    @Test
    void shouldMatchAModelWithRedisResultEncodings()
    {
        final long seed = System.nanoTime();
        System.out.println("SetOpsTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2000; round++)
        {
            final int count = 1 + random.nextInt(4);
            final List<Set<String>> models = new ArrayList<>();
            final SetValue[] sets = new SetValue[count];
            final boolean stringy = random.nextInt(3) == 0;
            for (int i = 0; i < count; i++)
            {
                final Set<String> model = new LinkedHashSet<>();
                final int size = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
                for (int j = 0; j < size; j++)
                {
                    model.add(stringy && random.nextInt(4) == 0 ? "s" + random.nextInt(8) :
                        Integer.toString(random.nextInt(-20, 30)));
                }
                models.add(model);
                sets[i] = model.isEmpty() ? null : setOf(model);
            }

            final Set<String> inter = new HashSet<>(models.get(0));
            final Set<String> union = new HashSet<>();
            final Set<String> diff = new HashSet<>(models.get(0));
            for (int i = 0; i < count; i++)
            {
                inter.retainAll(models.get(i));
                union.addAll(models.get(i));
                if (i > 0)
                {
                    diff.removeAll(models.get(i));
                }
            }
            if (SetOps.anyMissing(sets))
            {
                inter.clear();
            }
            else
            {
                final List<String> emitted = intersection(sets);
                assertThat(emitted).as("seed %d", seed).doesNotHaveDuplicates();
                assertThat(new HashSet<>(emitted)).as("seed %d", seed).isEqualTo(inter);
            }

            final SetBuilder unionBuilder = new SetBuilder(MAX);
            SetOps.union(sets, unionBuilder);
            check(unionBuilder.build(), union, seed);

            final SetBuilder diffBuilder = new SetBuilder(MAX);
            SetOps.difference(sets, diffBuilder);
            final SetValue difference = diffBuilder.build();
            assertThat(difference == null ? Set.of() : SetValueTest.contents(difference)).as("seed %d", seed).isEqualTo(diff);
        }
    }

    private static void check(final SetValue result, final Set<String> expected, final long seed)
    {
        if (expected.isEmpty())
        {
            assertThat(result).as("seed %d", seed).isNull();
            return;
        }
        assertThat(SetValueTest.contents(result)).as("seed %d", seed).isEqualTo(expected);
        assertThat(result.isIntSet()).as("seed %d", seed).isEqualTo(allIntegers(expected) && expected.size() <= MAX);
    }
}
