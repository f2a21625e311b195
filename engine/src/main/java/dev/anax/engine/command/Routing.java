package dev.anax.engine.command;

/**
 * Where a command runs.
 */
public enum Routing
{
    /** On the connection's I/O thread, touching no shard (PING, HELLO, CLIENT ...). */
    CLIENT,
    /** On the shard that owns the first key, as one event through its ring. */
    KEY,
    /** Through the coordinator, which sends parts to several shards and assembles one reply. */
    COORDINATED
}
