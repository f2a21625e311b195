package dev.anax.engine.types.zset;

import dev.anax.engine.family.DeepCopyable;

/**
 * A sorted set value, in one of its two encodings: {@link ZListpack} (OBJECT ENCODING
 * "listpack", small sets) or {@link ZTreeSet} ("skiplist", large ones). Elements are ordered by
 * score, then by member bytes; members are unique. Nothing here knows about RESP.
 * <p>
 * Ranks are 0-based positions in that order. Members are passed as array ranges; scores are never
 * NaN. Owned by one shard thread; {@link #deepCopy()} gives a copy another thread may own.
 */
public abstract class ZSetValue implements DeepCopyable
{
    /** @return the number of elements. */
    public abstract int size();

    /** @return {@code Encoding.LISTPACK} or {@code Encoding.SKIPLIST}. */
    public abstract byte encoding();

    /**
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return its score, or NaN when absent.
     */
    public abstract double score(byte[] member, int offset, int length);

    /**
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return its rank, or -1 when absent.
     */
    public abstract int rank(byte[] member, int offset, int length);

    /**
     * Add a member that is not present.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @param score  its score.
     */
    public abstract void insert(byte[] member, int offset, int length, double score);

    /**
     * Change the score of a member that is present.
     *
     * @param member  array holding the member.
     * @param offset  of the member.
     * @param length  of the member.
     * @param current its score now.
     * @param score   its new score.
     */
    public abstract void update(byte[] member, int offset, int length, double current, double score);

    /**
     * Remove a member.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return true if it was present.
     */
    public abstract boolean remove(byte[] member, int offset, int length);

    /**
     * How many elements sort before a score bound.
     *
     * @param bound     the score.
     * @param inclusive also count elements whose score equals the bound.
     * @return the number of elements with score &lt; bound (&lt;= bound when inclusive).
     */
    public abstract int countScoreBelow(double bound, boolean inclusive);

    /**
     * How many elements have a member before some bytes; meaningful when every score is equal
     * (Redis's lex ranges), a binary search otherwise.
     *
     * @param member    array holding the bound.
     * @param offset    of the bound.
     * @param length    of the bound.
     * @param inclusive also count a member equal to the bound.
     * @return the number of elements before the bound.
     */
    public abstract int countLexBelow(byte[] member, int offset, int length, boolean inclusive);

    /**
     * Visit a run of ranks.
     *
     * @param from    the first rank visited.
     * @param count   how many elements; the run must lie within the set.
     * @param reverse false to go up from {@code from}, true to go down.
     * @param visitor receives each element.
     */
    public abstract void visit(int from, int count, boolean reverse, ZVisitor visitor);

    /**
     * Count the elements that pass a test one after the other, from a rank on, stopping at the
     * first that fails.
     *
     * @param from      the first rank tested.
     * @param reverse   false to go up from {@code from}, true to go down.
     * @param max       stop after this many passed.
     * @param predicate the test.
     * @return how many passed in a row, at most {@code max}.
     */
    public abstract int run(int from, boolean reverse, int max, ZPredicate predicate);

    /**
     * Remove a run of ranks.
     *
     * @param from  the first rank removed.
     * @param count how many; the run must lie within the set.
     */
    public abstract void removeRange(int from, int count);

    /**
     * The longest member (to decide whether a copy fits the listpack encoding).
     *
     * @return the length of the longest member, 0 when empty.
     */
    public abstract int maxMemberLength();

    /**
     * Visit every element in rank order.
     *
     * @param visitor receives each element.
     */
    public final void visitAll(final ZVisitor visitor)
    {
        visit(0, size(), false, visitor);
    }

    @Override
    public abstract ZSetValue deepCopy();
}
