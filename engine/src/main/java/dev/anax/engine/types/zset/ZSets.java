package dev.anax.engine.types.zset;

import java.util.Arrays;

/**
 * Building sorted set values: choosing the encoding of a new set as Redis 7.0 does, and
 * converting a listpack to the tree encoding.
 */
public final class ZSets
{
    private ZSets()
    {
    }

    /**
     * Whether a set of this shape fits the listpack encoding.
     *
     * @param count        elements.
     * @param maxMember    length of the longest member.
     * @param maxEntries   zset-max-listpack-entries.
     * @param maxValue     zset-max-listpack-value.
     * @return true for a listpack.
     */
    public static boolean fitsListpack(final long count, final long maxMember, final long maxEntries, final long maxValue)
    {
        return count <= maxEntries && maxMember <= maxValue;
    }

    /**
     * A new value over entries in rank order, a listpack when it fits the thresholds, else a tree
     * (how Redis 7.0 stores the result of ZUNIONSTORE, ZRANGESTORE and friends).
     *
     * @param entries    {@link ZEntry} arrays in rank order; a tree takes them.
     * @param n          how many.
     * @param maxEntries zset-max-listpack-entries.
     * @param maxValue   zset-max-listpack-value.
     * @return the value.
     */
    public static ZSetValue of(final byte[][] entries, final int n, final long maxEntries, final long maxValue)
    {
        int maxMember = 0;
        for (int i = 0; i < n; i++)
        {
            maxMember = Math.max(maxMember, ZEntry.memberLength(entries[i]));
        }
        return fitsListpack(n, maxMember, maxEntries, maxValue) ? ZListpack.of(entries, n) : ZTreeSet.of(entries, n);
    }

    /**
     * Sort entries in rank order.
     *
     * @param entries {@link ZEntry} arrays with distinct members.
     * @param n       how many of them.
     */
    public static void sort(final byte[][] entries, final int n)
    {
        Arrays.sort(entries, 0, n, ZEntry::compare);
    }

    /**
     * The tree encoding of a listpack's elements.
     *
     * @param listpack the set to convert; left unchanged.
     * @return a new tree set with the same elements.
     */
    public static ZTreeSet toTree(final ZListpack listpack)
    {
        final byte[][] entries = listpack.toEntries();
        return ZTreeSet.of(entries, entries.length);
    }

    /**
     * A set of members all with one score (a set used as an input of ZUNION and friends).
     *
     * @param members    member arrays, distinct; not kept.
     * @param n          how many.
     * @param score      the score of each.
     * @param maxEntries zset-max-listpack-entries.
     * @param maxValue   zset-max-listpack-value.
     * @return the value.
     */
    public static ZSetValue ofMembers(
        final byte[][] members, final int n, final double score, final long maxEntries, final long maxValue)
    {
        final byte[][] entries = new byte[n][];
        for (int i = 0; i < n; i++)
        {
            entries[i] = ZEntry.of(members[i], 0, members[i].length, score);
        }
        sort(entries, n);
        return of(entries, n, maxEntries, maxValue);
    }
}
