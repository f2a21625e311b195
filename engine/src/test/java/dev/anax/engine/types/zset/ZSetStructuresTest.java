package dev.anax.engine.types.zset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random model tests of both sorted set encodings against a {@link TreeSet} of
 * (score, member) pairs and a {@link HashMap} of member to score.
 */
class ZSetStructuresTest
{
    private record Element(double score, String member) implements Comparable<Element>
    {
        @Override
        public int compareTo(final Element o)
        {
            if (score < o.score)
            {
                return -1;
            }
            if (score > o.score)
            {
                return 1;
            }
            return java.util.Arrays.compareUnsigned(bytes(member), bytes(o.member));
        }
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Element> contents(final ZSetValue set)
    {
        final List<Element> out = new ArrayList<>();
        set.visitAll((m, o, l, s) -> out.add(new Element(s, new String(m, o, l, StandardCharsets.ISO_8859_1))));
        return out;
    }

    @Test
    void shouldMatchModelUnderRandomOperationsInBothEncodings()
    {
        final long seed = System.nanoTime();
        System.out.println("ZSetStructuresTest seed " + seed + "L");
        runModel(seed, new ZListpack(), 300, 40, 2_000);
        runModel(seed + 1, new ZTreeSet(), 3_000, 5_000, 40_000);
        runModel(seed + 2, new ZTreeSet(), 50, 60, 20_000);
    }

    @Test
    void shouldMatchModelWhenTheTreeIsDeep()
    {
        final long seed = System.nanoTime();
        System.out.println("ZSetStructuresTest deep seed " + seed + "L");
        runModel(seed, new ZTreeSet(), 40_000, 100_000, 80_000);
    }

    private static void runModel(final long seed, final ZSetValue set, final int memberSpace, final int scoreSpace,
        final int steps)
    {
        final Random random = new Random(seed);
        final TreeSet<Element> order = new TreeSet<>();
        final Map<String, Double> scores = new HashMap<>();
        for (int step = 0; step < steps; step++)
        {
            final String member = "m" + random.nextInt(memberSpace) + (random.nextInt(8) == 0 ? "x".repeat(random.nextInt(200)) : "");
            final byte[] mb = bytes(member);
            final int op = random.nextInt(10);
            final String where = "seed " + seed + "L step " + step;
            if (op < 5)
            {
                final double score = random.nextInt(scoreSpace) / 4.0;
                final Double current = scores.get(member);
                if (current == null)
                {
                    set.insert(mb, 0, mb.length, score);
                }
                else if (current != score)
                {
                    set.update(mb, 0, mb.length, current, score);
                    order.remove(new Element(current, member));
                }
                order.add(new Element(score, member));
                scores.put(member, score);
            }
            else if (op < 7)
            {
                final Double current = scores.remove(member);
                assertThat(set.remove(mb, 0, mb.length)).as(where).isEqualTo(current != null);
                if (current != null)
                {
                    order.remove(new Element(current, member));
                }
            }
            else if (op == 7 && !order.isEmpty())
            {
                final int from = random.nextInt(order.size());
                final int count = 1 + random.nextInt(Math.min(order.size() - from, random.nextBoolean() ? 3 : 400));
                set.removeRange(from, count);
                final List<Element> all = new ArrayList<>(order);
                for (int k = from; k < from + count; k++)
                {
                    order.remove(all.get(k));
                    scores.remove(all.get(k).member);
                }
            }
            else if (memberSpace < 10_000 || random.nextInt(200) == 0)
            {
                final Double current = scores.get(member);
                final Double expectedScore = current == null ? Double.valueOf(Double.NaN) : current;
                assertThat(Double.valueOf(set.score(mb, 0, mb.length))).as(where).isEqualTo(expectedScore);
                final int rank = current == null ? -1 : order.headSet(new Element(current, member)).size();
                assertThat(set.rank(mb, 0, mb.length)).as(where).isEqualTo(rank);
                final double bound = random.nextInt(scoreSpace) / 4.0;
                final boolean inclusive = random.nextBoolean();
                final long below = order.stream().filter(e -> inclusive ? e.score <= bound : e.score < bound).count();
                assertThat(set.countScoreBelow(bound, inclusive)).as(where).isEqualTo((int)below);
            }
            assertThat(set.size()).as(where).isEqualTo(order.size());
            if (set instanceof ZTreeSet tree && (step % 97 == 0 || steps < 5_000))
            {
                tree.check();
            }
            if (step % (memberSpace < 10_000 ? 101 : 20_011) == 0)
            {
                assertThat(contents(set)).as(where).containsExactlyElementsOf(order);
                if (!order.isEmpty())
                {
                    final int from = random.nextInt(order.size());
                    final int count = 1 + random.nextInt(order.size() - from);
                    final List<Element> expected = new ArrayList<>(order).subList(from, from + count);
                    final List<Element> forward = new ArrayList<>();
                    set.visit(from, count, false, (m, o, l, s) -> forward.add(new Element(s, new String(m, o, l, StandardCharsets.ISO_8859_1))));
                    assertThat(forward).as(where).containsExactlyElementsOf(expected);
                    final List<Element> backward = new ArrayList<>();
                    set.visit(from + count - 1, count, true, (m, o, l, s) -> backward.add(new Element(s, new String(m, o, l, StandardCharsets.ISO_8859_1))));
                    final List<Element> reversed = new ArrayList<>(expected);
                    java.util.Collections.reverse(reversed);
                    assertThat(backward).as(where).containsExactlyElementsOf(reversed);
                }
                final ZSetValue copy = set.deepCopy();
                assertThat(contents(copy)).as(where).containsExactlyElementsOf(order);
            }
        }
    }

    @Test
    void shouldGrowAndShrinkThroughSeveralLevels()
    {
        final long seed = System.nanoTime();
        System.out.println("ZSetStructuresTest levels seed " + seed + "L");
        final Random random = new Random(seed);
        final ZTreeSet set = new ZTreeSet();
        final int n = 120_000;
        final List<byte[]> members = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final byte[] m = bytes(Integer.toString(random.nextInt()));
            if (Double.isNaN(set.score(m, 0, m.length)))
            {
                set.insert(m, 0, m.length, random.nextInt(50_000));
                members.add(m);
            }
        }
        set.check();
        java.util.Collections.shuffle(members, random);
        for (int i = 0; i < members.size(); i++)
        {
            final byte[] m = members.get(i);
            assertThat(set.remove(m, 0, m.length)).as("seed %dL", seed).isTrue();
            if (i % 10_007 == 0)
            {
                set.check();
            }
        }
        set.check();
        assertThat(set.size()).isZero();
    }

    @Test
    void shouldCountLexBoundsWhenScoresAreEqual()
    {
        final ZSetValue[] sets = {new ZListpack(), new ZTreeSet()};
        for (final ZSetValue set : sets)
        {
            for (final String m : new String[] {"alpha", "bar", "cool", "down", "elephant", "foo"})
            {
                set.insert(bytes(m), 0, m.length(), 0);
            }
            assertThat(set.countLexBelow(bytes("cool"), 0, 4, false)).isEqualTo(2);
            assertThat(set.countLexBelow(bytes("cool"), 0, 4, true)).isEqualTo(3);
            assertThat(set.countLexBelow(bytes("c"), 0, 1, true)).isEqualTo(2);
            assertThat(set.countLexBelow(bytes("zzz"), 0, 3, false)).isEqualTo(6);
            assertThat(set.countLexBelow(new byte[0], 0, 0, false)).isEqualTo(0);
        }
    }

    @Test
    void shouldBulkLoadAndScanEveryMemberOnce()
    {
        final long seed = System.nanoTime();
        System.out.println("ZSetStructuresTest scan seed " + seed + "L");
        final Random random = new Random(seed);
        final int n = 20_000;
        final byte[][] entries = new byte[n][];
        for (int i = 0; i < n; i++)
        {
            final byte[] m = bytes("member:" + i);
            entries[i] = ZEntry.of(m, 0, m.length, random.nextInt(1000));
        }
        ZSets.sort(entries, n);
        final ZTreeSet set = ZTreeSet.of(entries, n);
        set.check();
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do
        {
            cursor = set.scan(cursor, 10, e -> seen.add(new String(e, 0, ZEntry.memberLength(e), StandardCharsets.ISO_8859_1)));
            calls++;
            if (calls == 100)
            {
                // The table shrinks under the scan: members present throughout are still seen.
                set.removeRange(0, n / 2 + 5000);
            }
        }
        while (cursor != 0);
        final Set<String> remaining = new HashSet<>();
        set.visitAll((m, o, l, s) -> remaining.add(new String(m, o, l, StandardCharsets.ISO_8859_1)));
        assertThat(remaining).hasSize(n / 2 - 5000);
        assertThat(seen).as("seed " + seed + "L").containsAll(remaining);
        set.check();
    }

    @Test
    void shouldConvertListpackToTreeKeepingOrder()
    {
        final ZListpack listpack = new ZListpack();
        for (int i = 0; i < 200; i++)
        {
            final byte[] m = bytes("k" + (i * 7919 % 200));
            listpack.insert(m, 0, m.length, i % 13);
        }
        final ZTreeSet tree = ZSets.toTree(listpack);
        tree.check();
        assertThat(contents(tree)).containsExactlyElementsOf(contents(listpack));
        assertThat(listpack.maxMemberLength()).isEqualTo(4);
        assertThat(tree.maxMemberLength()).isEqualTo(4);
    }

    @Test
    void shouldKeepNegativeZeroOnlyInTheTree()
    {
        final ZListpack listpack = new ZListpack();
        listpack.insert(bytes("a"), 0, 1, -0.0);
        assertThat(Double.doubleToRawLongBits(listpack.score(bytes("a"), 0, 1))).isEqualTo(0L);
        final ZTreeSet tree = new ZTreeSet();
        tree.insert(bytes("a"), 0, 1, -0.0);
        assertThat(Double.doubleToRawLongBits(tree.score(bytes("a"), 0, 1))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldComputeUnionInterAndDiff()
    {
        final ZSetValue a = new ZListpack();
        final ZSetValue b = new ZTreeSet();
        for (final String m : new String[] {"x", "y", "z"})
        {
            a.insert(bytes(m), 0, 1, m.charAt(0) - 'w');
        }
        for (final String m : new String[] {"y", "z", "q"})
        {
            b.insert(bytes(m), 0, 1, 10);
        }
        final ZSetValue[] sources = {a, b, null};
        final double[] weights = {1, 2, 1};
        assertThat(render(ZSetAlgebra.union(sources, weights, ZSetAlgebra.SUM)))
            .isEqualTo("x=1.0 q=20.0 y=22.0 z=23.0");
        assertThat(render(ZSetAlgebra.union(sources, weights, ZSetAlgebra.MIN)))
            .isEqualTo("x=1.0 y=2.0 z=3.0 q=20.0");
        final long[] count = new long[1];
        assertThat(render(ZSetAlgebra.inter(new ZSetValue[] {a, b}, new double[] {1, 1}, ZSetAlgebra.MAX, false, 0, count)))
            .isEqualTo("y=10.0 z=10.0");
        assertThat(count[0]).isEqualTo(2);
        ZSetAlgebra.inter(new ZSetValue[] {a, b}, new double[] {1, 1}, ZSetAlgebra.SUM, true, 1, count);
        assertThat(count[0]).isEqualTo(1);
        assertThat(ZSetAlgebra.inter(sources, weights, ZSetAlgebra.SUM, false, 0, count)).isEmpty();
        assertThat(render(ZSetAlgebra.diff(new ZSetValue[] {a, null, b}))).isEqualTo("x=1.0");
        final ZSetValue inf = new ZListpack();
        inf.insert(bytes("x"), 0, 1, Double.POSITIVE_INFINITY);
        final ZSetValue ninf = new ZListpack();
        ninf.insert(bytes("x"), 0, 1, Double.NEGATIVE_INFINITY);
        assertThat(render(ZSetAlgebra.union(new ZSetValue[] {inf, ninf}, new double[] {1, 1}, ZSetAlgebra.SUM)))
            .isEqualTo("x=0.0");
        assertThat(render(ZSetAlgebra.union(new ZSetValue[] {inf}, new double[] {0}, ZSetAlgebra.SUM)))
            .isEqualTo("x=0.0");
    }

    private static String render(final byte[][] entries)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte[] e : entries)
        {
            if (sb.length() > 0)
            {
                sb.append(' ');
            }
            sb.append(new String(e, 0, ZEntry.memberLength(e), StandardCharsets.ISO_8859_1)).append('=').append(ZEntry.score(e));
        }
        return sb.toString();
    }
}
