package dev.anax.engine.types;

/**
 * A list or set value whose elements other families read: SORT sorts them, ZUNION, ZINTER and
 * ZDIFF take a set's members with score 1. The list and set value classes implement it.
 * <p>
 * For a list, positions are list indexes (0 is the head) and the order is the list's. For a set
 * the order is the set's own iteration order (whatever SMEMBERS would return) and positions count
 * in that order; an intset writes each integer's decimal text.
 */
public interface ElementSource
{
    /**
     * @return the number of elements.
     */
    long elementCount();

    /**
     * Visit a run of elements.
     *
     * @param from    position of the first element visited, 0 &lt;= from &lt; elementCount().
     * @param count   how many; the run lies within the value.
     * @param reverse false to go towards the end (the tail of a list), true towards position 0.
     * @param sink    receives each element.
     */
    void visitElements(long from, long count, boolean reverse, ElementSink sink);
}
