package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespSkipper;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's side of a transaction: the client's request takes a global id, is scheduled
 * on every shard it touches (each takes intent locks on its keys, see the shards' transaction
 * queues), optionally checks the client's WATCHed keys, runs, and is concluded everywhere.
 * <pre>
 *   several shards:  SCHEDULE ──all accepted──> [CHECK_WATCH] ──> run ──> CONCLUDE
 *                       └──some refused: CONCLUDE the accepted ones, new id, SCHEDULE again
 *   one shard:       SCHEDULE(local) [CHECK_WATCH] run CONCLUDE, published back to back
 *                    (a transaction of one shard needs no global order, so it never waits)
 * </pre>
 * Every event the client publishes while the transaction runs carries its id, so each shard runs
 * them when the transaction's turn comes. The client is held meanwhile: its later requests wait.
 * Completing the request's reply ({@link ClientSession#complete}) concludes the transaction.
 */
public abstract class Transaction extends Coordination
{
    private static final int SCHEDULING = 0;
    private static final int CHECKING = 1;
    private static final int RUNNING = 2;

    protected final CommandSpec spec;
    private final LockPlan plan;
    private final boolean checkWatches;
    private long txId;
    private int phase;
    private boolean refused;
    private boolean dirty;
    private boolean[] accepted;
    private int attempts;

    /**
     * @param dispatcher   the client's dispatcher.
     * @param session      the client.
     * @param seq          the request.
     * @param spec         the command (its id travels with the control events).
     * @param plan         the shards and keys to lock.
     * @param checkWatches whether the client's watched keys must be untouched for it to run.
     */
    protected Transaction(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final LockPlan plan,
        final boolean checkWatches)
    {
        super(dispatcher, session, seq);
        this.spec = spec;
        this.plan = plan;
        this.checkWatches = checkWatches;
    }

    /** @return the transaction's global id (0 before scheduling). */
    public final long txId()
    {
        return txId;
    }

    /** @return the request this transaction answers. */
    public final long seq()
    {
        return seq;
    }

    /**
     * @return whether the work sends exactly one event to each locked shard, which then ends the
     *         transaction there (no CONCLUDE events needed).
     */
    public boolean concludesInline()
    {
        return false;
    }

    /** @return whether this is a MULTI/EXEC (its blocking commands do not block). */
    public abstract boolean isMultiExec();

    /** @return how many times the schedule was refused and retried (tests, stats). */
    public final int attempts()
    {
        return attempts;
    }

    /**
     * Hold the client and schedule the transaction.
     */
    protected final void begin()
    {
        session.hold();
        if (plan.shardCount() == 0)
        {
            session.transaction(this);
            phase = RUNNING;
            run();
            return;
        }
        schedule();
    }

    private void schedule()
    {
        attempts++;
        txId = dispatcher.engine().nextTxId();
        refused = false;
        final int shards = dispatcher.shardCount();
        if (plan.shardCount() == 1)
        {
            final int shard = plan.firstShard();
            dispatcher.publishControl(shard, session, seq, Op.SCHEDULE, spec, shard, plan.lockArgs(shard), txId,
                Dispatcher.FLAG_LOCAL | plan.flags(shard));
            scheduled();
            return;
        }
        phase = SCHEDULING;
        accepted = new boolean[shards];
        session.coordination(seq, this);
        for (int shard = 0; shard < shards; shard++)
        {
            if (plan.involves(shard))
            {
                expectPart();
                dispatcher.publishControl(shard, session, seq, Op.SCHEDULE, spec, shard, plan.lockArgs(shard), txId,
                    plan.flags(shard));
            }
        }
    }

    private void scheduled()
    {
        session.transaction(this);
        final boolean[] watched = session.watchedShards();
        if (checkWatches && watched != null)
        {
            phase = CHECKING;
            dirty = false;
            session.coordination(seq, this);
            for (int shard = 0; shard < watched.length; shard++)
            {
                if (watched[shard])
                {
                    expectPart();
                    dispatcher.publishControl(shard, session, seq, Op.CHECK_WATCH, spec, shard, null, txId, 0);
                }
            }
            return;
        }
        phase = RUNNING;
        run();
    }

    @Override
    protected final void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
    {
        final long answer = reply.getByte(0) == ':' ? RespSkipper.headerNumber(reply, 0) : 0;
        if (phase == SCHEDULING)
        {
            if (answer == 1)
            {
                accepted[part] = true;
            }
            else
            {
                refused = true;
            }
        }
        else if (phase == CHECKING && answer != 1)
        {
            dirty = true;
        }
        else if (phase == RUNNING)
        {
            running(part, reply, length, attachment);
        }
    }

    @Override
    protected final void allPartsDone()
    {
        if (phase == SCHEDULING)
        {
            if (refused)
            {
                for (int shard = 0; shard < accepted.length; shard++)
                {
                    if (accepted[shard])
                    {
                        dispatcher.publishControl(shard, session, seq, Op.CONCLUDE, spec, 0, null, txId, 0);
                    }
                }
                schedule();
                return;
            }
            scheduled();
        }
        else if (phase == CHECKING)
        {
            phase = RUNNING;
            if (dirty)
            {
                watchFailed();
            }
            else
            {
                run();
            }
        }
        else
        {
            runningDone();
        }
    }

    /**
     * The transaction holds its locks everywhere: do its work. Completing the request's reply
     * ends it.
     */
    protected abstract void run();

    /** A watched key was touched: answer without running (complete the request). */
    protected void watchFailed()
    {
        throw new IllegalStateException("no watch check expected");
    }

    /**
     * A part reply that the running phase registered this object for.
     *
     * @param part       index.
     * @param reply      RESP bytes.
     * @param length     of the reply.
     * @param attachment from the shard, or null.
     */
    protected void running(final int part, final DirectBuffer reply, final int length, final Object attachment)
    {
    }

    /** Every part the running phase expected has replied. */
    protected void runningDone()
    {
    }

    /** @return the flags the CONCLUDE events carry. */
    protected int concludeFlags()
    {
        return 0;
    }

    /**
     * The request was answered: release the locks on every shard and the client.
     */
    public final void finished()
    {
        final boolean inline = concludesInline() && phase == RUNNING;
        session.transaction(null);
        if (inline)
        {
            dispatcher.release(session);
            return;
        }
        final int shards = dispatcher.shardCount();
        for (int shard = 0; shard < shards; shard++)
        {
            if (plan.involves(shard))
            {
                dispatcher.publishControl(shard, session, seq, Op.CONCLUDE, spec, 0, null, txId, concludeFlags());
            }
        }
        dispatcher.release(session);
    }

    /**
     * Which shards a transaction locks, and what: keys in one database (shared or exclusive), or
     * whole shards.
     */
    public static final class LockPlan
    {
        private final List<byte[]>[] keys;
        private final boolean[] shardLock;
        private final byte[] name;
        private boolean exclusive;
        private int count;

        /**
         * @param shards how many shards there are.
         * @param name   the command name, argument 0 of the SCHEDULE events.
         */
        @SuppressWarnings("unchecked")
        public LockPlan(final int shards, final byte[] name)
        {
            this.keys = new List[shards];
            this.shardLock = new boolean[shards];
            this.name = name;
        }

        /**
         * Lock a key on its shard.
         *
         * @param shard the key's shard.
         * @param key   its bytes.
         */
        public void key(final int shard, final byte[] key)
        {
            if (keys[shard] == null)
            {
                keys[shard] = new ArrayList<>(4);
                count++;
            }
            keys[shard].add(key);
        }

        /**
         * Lock a whole shard.
         *
         * @param shard the shard.
         */
        public void shard(final int shard)
        {
            if (keys[shard] == null)
            {
                keys[shard] = new ArrayList<>(1);
                count++;
            }
            shardLock[shard] = true;
        }

        /** Lock every shard whole. */
        public void allShards()
        {
            for (int shard = 0; shard < keys.length; shard++)
            {
                shard(shard);
            }
        }

        /** Lock every involved shard whole (the keys' databases are not known in advance). */
        public void wholeShards()
        {
            for (int shard = 0; shard < keys.length; shard++)
            {
                if (keys[shard] != null)
                {
                    shardLock[shard] = true;
                }
            }
        }

        /**
         * @param exclusive whether the transaction writes.
         */
        public void exclusive(final boolean exclusive)
        {
            this.exclusive = exclusive;
        }

        /** @return how many shards are involved. */
        public int shardCount()
        {
            return count;
        }

        /**
         * @param shard a shard.
         * @return whether the transaction locks something there.
         */
        public boolean involves(final int shard)
        {
            return keys[shard] != null;
        }

        /** @return the first involved shard, or -1. */
        public int firstShard()
        {
            for (int shard = 0; shard < keys.length; shard++)
            {
                if (keys[shard] != null)
                {
                    return shard;
                }
            }
            return -1;
        }

        CommandArgs lockArgs(final int shard)
        {
            final List<byte[]> parts = new ArrayList<>(shardLock[shard] ? 1 : keys[shard].size() + 1);
            parts.add(name);
            if (!shardLock[shard])
            {
                parts.addAll(keys[shard]);
            }
            return ArgsCopy.ofArrays(parts);
        }

        int flags(final int shard)
        {
            return (exclusive ? Dispatcher.FLAG_EXCLUSIVE : 0) | (shardLock[shard] ? Dispatcher.FLAG_SHARD_LOCK : 0);
        }

        /**
         * Add the keys of one command (key positions from the command table, or its key finder);
         * a command that names no key but reaches shards locks them all whole.
         *
         * @param dispatcher for the key-to-shard mapping.
         * @param spec       the command.
         * @param args       its arguments, name first.
         * @return whether the command named keys (false: it locked every shard, or nothing).
         */
        public boolean add(final Dispatcher dispatcher, final CommandSpec spec, final CommandArgs args)
        {
            final int[] indexes = spec.keyIndexes(args);
            if (indexes == null)
            {
                return false;
            }
            for (final int index : indexes)
            {
                key(dispatcher.shardOf(args, index), args.bytes(index));
            }
            return true;
        }
    }
}
