package dev.anax.engine.family;

/**
 * A collection value (list, hash, set, sorted set) that COPY can duplicate: the copy shares
 * nothing mutable with the original, so either may change and the copy may go to another shard.
 */
public interface DeepCopyable
{
    /**
     * @return an independent copy of this value.
     */
    Object deepCopy();
}
