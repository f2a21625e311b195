package dev.anax.engine.types.zset;

import java.util.Arrays;

/**
 * ZUNION, ZINTER, ZDIFF and ZINTERCARD over sorted sets, as Redis 7.0 computes them: weights
 * multiply scores (a NaN product counts as 0), SUM turns {@code inf + -inf} into 0, MIN and MAX
 * ignore NaN, and union and intersection visit their inputs from the smallest to the largest
 * (which fixes the order of floating point additions). Results are fresh {@link ZEntry} arrays in
 * rank order. Inputs are read only; a missing key is a null input.
 */
public final class ZSetAlgebra
{
    /** AGGREGATE SUM. */
    public static final int SUM = 0;
    /** AGGREGATE MIN. */
    public static final int MIN = 1;
    /** AGGREGATE MAX. */
    public static final int MAX = 2;

    private static final byte[][] NONE = new byte[0][];

    private ZSetAlgebra()
    {
    }

    private static int size(final ZSetValue set)
    {
        return set == null ? 0 : set.size();
    }

    /** Input positions ordered by size, ties in argument order. */
    private static Integer[] bySize(final ZSetValue[] sources)
    {
        final Integer[] order = new Integer[sources.length];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(size(sources[a]), size(sources[b])));
        return order;
    }

    private static double aggregate(final double target, final double value, final int aggregate)
    {
        switch (aggregate)
        {
            case MIN:
                return value < target ? value : target;
            case MAX:
                return value > target ? value : target;
            default:
                final double sum = target + value;
                return Double.isNaN(sum) ? 0.0 : sum;
        }
    }

    /**
     * The union.
     *
     * @param sources   the inputs, null for a missing key.
     * @param weights   one per input.
     * @param aggregate {@link #SUM}, {@link #MIN} or {@link #MAX}.
     * @return the elements in rank order.
     */
    public static byte[][] union(final ZSetValue[] sources, final double[] weights, final int aggregate)
    {
        int expected = 0;
        for (final ZSetValue source : sources)
        {
            expected = Math.max(expected, size(source));
        }
        final ZMemberTable accumulator = new ZMemberTable(expected);
        for (final int i : bySize(sources))
        {
            final ZSetValue source = sources[i];
            if (size(source) == 0)
            {
                continue;
            }
            final double weight = weights[i];
            source.visitAll((member, offset, length, score) ->
            {
                double value = weight * score;
                if (Double.isNaN(value))
                {
                    value = 0;
                }
                final byte[] e = accumulator.get(member, offset, length);
                if (e == null)
                {
                    accumulator.add(ZEntry.of(member, offset, length, value));
                }
                else
                {
                    ZEntry.setScore(e, aggregate(ZEntry.score(e), value, aggregate));
                }
            });
        }
        return sorted(accumulator);
    }

    private static byte[][] sorted(final ZMemberTable table)
    {
        if (table.size() == 0)
        {
            return NONE;
        }
        final byte[][] entries = new byte[table.size()][];
        final int[] n = new int[1];
        table.forEach(e -> entries[n[0]++] = e);
        ZSets.sort(entries, entries.length);
        return entries;
    }

    /**
     * The intersection, or its size.
     *
     * @param sources   the inputs, null for a missing key.
     * @param weights   one per input.
     * @param aggregate {@link #SUM}, {@link #MIN} or {@link #MAX}.
     * @param countOnly true to count only (ZINTERCARD): the result is then empty.
     * @param limit     with countOnly, stop counting here (0 for no limit).
     * @param count     receives the number of elements in the intersection (or the limit).
     * @return the elements in rank order (empty when counting only).
     */
    public static byte[][] inter(
        final ZSetValue[] sources,
        final double[] weights,
        final int aggregate,
        final boolean countOnly,
        final long limit,
        final long[] count)
    {
        final Integer[] order = bySize(sources);
        final ZSetValue smallest = sources[order[0]];
        count[0] = 0;
        if (size(smallest) == 0)
        {
            return NONE;
        }
        final ZMemberTable result = new ZMemberTable(countOnly ? 0 : smallest.size());
        final double firstWeight = weights[order[0]];
        final boolean[] stop = new boolean[1];
        smallest.visitAll((member, offset, length, score) ->
        {
            if (stop[0])
            {
                return;
            }
            double total = firstWeight * score;
            if (Double.isNaN(total))
            {
                total = 0;
            }
            for (int j = 1; j < order.length; j++)
            {
                final double found = sources[order[j]].score(member, offset, length);
                if (Double.isNaN(found))
                {
                    return;
                }
                total = aggregate(total, found * weights[order[j]], aggregate);
            }
            count[0]++;
            if (countOnly)
            {
                stop[0] = limit > 0 && count[0] >= limit;
            }
            else
            {
                result.add(ZEntry.of(member, offset, length, total));
            }
        });
        return countOnly ? NONE : sorted(result);
    }

    /**
     * The difference: the elements of the first input in none of the others, with their scores.
     *
     * @param sources the inputs, null for a missing key.
     * @return the elements in rank order.
     */
    public static byte[][] diff(final ZSetValue[] sources)
    {
        final ZSetValue first = sources[0];
        if (size(first) == 0)
        {
            return NONE;
        }
        final byte[][] kept = new byte[first.size()][];
        final int[] n = new int[1];
        first.visitAll((member, offset, length, score) ->
        {
            for (int j = 1; j < sources.length; j++)
            {
                if (sources[j] != null && !Double.isNaN(sources[j].score(member, offset, length)))
                {
                    return;
                }
            }
            kept[n[0]++] = ZEntry.of(member, offset, length, score);
        });
        return n[0] == kept.length ? kept : Arrays.copyOf(kept, n[0]);
    }
}
