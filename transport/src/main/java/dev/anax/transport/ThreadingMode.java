package dev.anax.transport;

/**
 * How agents map onto threads.
 */
public enum ThreadingMode
{
    /**
     * One thread per core running that core's I/O agent and shard agent together (the Dragonfly
     * shape): a request whose key lives on the connection's own core never changes thread.
     */
    SHARED,
    /** Every I/O agent and every shard on a thread of its own. */
    DEDICATED,
    /** No thread at all: the caller steps every agent (tests). */
    INVOKER
}
