package dev.anax.engine.keyspace;

/**
 * Told of every key added to a database (blocked clients wait for keys to appear: a list or a
 * sorted set that gets elements is always a key added, since empty ones are deleted). Runs on
 * the shard's thread inside the command that adds the key.
 */
@FunctionalInterface
public interface KeyAddedListener
{
    /**
     * @param entry the new key; valid until the end of the command, its value not set yet.
     */
    void keyAdded(KeyEntry entry);
}
