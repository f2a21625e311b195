package dev.anax.engine.types.zset;

/**
 * A test on one element of a sorted set (is it still within a range?).
 */
@FunctionalInterface
public interface ZPredicate
{
    /**
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @param score  its score.
     * @return whether the element passes.
     */
    boolean test(byte[] member, int offset, int length, double score);
}
