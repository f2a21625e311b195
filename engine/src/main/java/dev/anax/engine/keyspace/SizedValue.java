package dev.anax.engine.keyspace;

/**
 * A heap value (list, hash, set, sorted set, stream) that can estimate the memory it holds, for
 * MEMORY USAGE. A value that does not implement it counts as {@link #UNKNOWN_OBJECT} bytes.
 */
public interface SizedValue
{
    /** What MEMORY USAGE counts for a heap value that cannot estimate itself. */
    long UNKNOWN_OBJECT = 64;

    /**
     * Estimate the heap bytes this value holds, as Redis does: look at up to {@code samples}
     * elements and extrapolate to all of them.
     *
     * @param samples elements to look at; 0 means all.
     * @return bytes.
     */
    long memoryUsage(int samples);
}
