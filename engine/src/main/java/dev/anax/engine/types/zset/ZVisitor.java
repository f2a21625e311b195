package dev.anax.engine.types.zset;

/**
 * Receives the elements of a sorted set, one call each; the member bytes are valid only during
 * the call.
 */
@FunctionalInterface
public interface ZVisitor
{
    /**
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @param score  its score.
     */
    void element(byte[] member, int offset, int length, double score);
}
