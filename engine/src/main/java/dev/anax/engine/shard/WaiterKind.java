package dev.anax.engine.shard;

/**
 * How a shard serves a blocked command when one of its keys is ready: implemented by the
 * families (list pops and moves, sorted set pops).
 */
public interface WaiterKind
{
    /**
     * @return the value type the command waits for ({@code ValueType.LIST} or {@code ValueType.ZSET});
     *         a ready key of another type leaves the waiter waiting, as in Redis.
     */
    byte type();

    /**
     * Serve the waiter from the ready key: pop (and push, for a move) and write the command's
     * reply into {@code ctx.out}. The key holds a value of {@link #type()} when this is called.
     *
     * @param ctx      set up with the waiter's arguments, database and protocol.
     * @param keyIndex argument index of the ready key.
     */
    void serve(ExecContext ctx, int keyIndex);

    /**
     * @param args the waiter's request.
     * @return the argument index of the key serving it also writes (a move's destination), or -1.
     */
    default int destination(final dev.anax.codecs.CommandArgs args)
    {
        return -1;
    }
}
