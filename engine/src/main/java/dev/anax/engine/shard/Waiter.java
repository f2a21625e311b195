package dev.anax.engine.shard;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.CommandSpec;

/**
 * One client blocked on keys of one shard, for one attempt of its blocking command. The client's
 * I/O thread makes it and hands it to the shard with the event (ownership passes with it, as a
 * value moved between shards does); from then on only the shard touches its registration fields.
 * It holds no {@code KeyEntry}: a handle is valid for one command only, so the keys are kept as
 * bytes (in {@link #args}) with the database index.
 * <p>
 * A <em>direct</em> waiter has every key of its command on this shard: the shard serves it itself
 * (pops, replies, exactly as Redis serves a blocked client). Any other waiter is only woken: the
 * shard claims its token and tells the client's I/O thread, which withdraws the client's other
 * registrations and runs the command again.
 */
public final class Waiter
{
    /** What a shard's part reply about a waiter means (the reply's attachment). */
    public enum Reply
    {
        /** The keys were all empty: the waiter is registered. */
        REGISTERED,
        /** Some key holds data (or, on a first attempt, another type): not registered. */
        HAS_DATA,
        /** A key became ready: the client is to withdraw and retry (not direct). */
        WOKEN,
        /** The shard served the client: the reply bytes are the command's reply. */
        SERVED
    }

    final BlockToken token;
    final long connectionId;
    final int ioThread;
    final long seq;
    final int part;
    final int protocol;
    final int db;
    final CommandArgs args;
    final boolean retry;

    CommandSpec spec;
    WaiterKind kind;
    boolean direct;
    BlockingRegistry.BlockedKey[] keys;
    int[] keyIndexes;
    int keyCount;
    boolean registered;

    /**
     * @param token        shared by the attempt's registrations on every shard.
     * @param connectionId the client.
     * @param ioThread     the client's I/O thread (where replies go).
     * @param seq          the request's sequence number.
     * @param part         part index the shard's replies carry (the attempt).
     * @param protocol     RESP version of the client.
     * @param db           the client's database.
     * @param args         the request as this shard sees it, in a heap copy that is never modified.
     * @param retry        true once the client has blocked before: a key of another type then
     *                     counts as empty, as when Redis serves a blocked client from a ready key.
     */
    public Waiter(
        final BlockToken token,
        final long connectionId,
        final int ioThread,
        final long seq,
        final int part,
        final int protocol,
        final int db,
        final CommandArgs args,
        final boolean retry)
    {
        this.token = token;
        this.connectionId = connectionId;
        this.ioThread = ioThread;
        this.seq = seq;
        this.part = part;
        this.protocol = protocol;
        this.db = db;
        this.args = args;
        this.retry = retry;
    }

    public BlockToken token()
    {
        return token;
    }

    /** @return whether a key of another type counts as empty (the client blocked before). */
    public boolean retry()
    {
        return retry;
    }

    /** @return the request as this shard sees it. */
    public CommandArgs args()
    {
        return args;
    }
}
