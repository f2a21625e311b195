package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandFlags;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.Routing;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * EXEC: the commands MULTI queued run as one transaction. It locks every key they name (and the
 * client's WATCHed keys) on their shards, checks the watches, then runs the commands in order,
 * each under the transaction's id: commands of one shard are published back to back (a shard's
 * ring keeps their order; commands on different shards touch different keys, so their relative
 * order cannot be seen), a command that itself spans shards runs its usual coordination once
 * everything before it has answered, and commands of the connection (PING, SELECT, ...) run on
 * the I/O thread in their turn. The replies are collected under internal sequence numbers and
 * sent as one array. Errors of single commands do not stop the others (no rollback, as Redis).
 */
public final class MultiExec extends Transaction implements ClientSession.ReplyCapture
{
    /** Redis's reply to EXEC after a command was refused while queuing. */
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    private final List<ClientSession.Queued> queued;
    private byte[][] replies;
    private long firstSeq;
    private int next;
    private int pending;
    private boolean walking;

    private MultiExec(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final LockPlan plan,
        final boolean checkWatches,
        final List<ClientSession.Queued> queued)
    {
        super(dispatcher, session, seq, spec, plan, checkWatches);
        this.queued = queued;
    }

    @Override
    public boolean isMultiExec()
    {
        return true;
    }

    /** The strategy bound to EXEC: checks the MULTI state and starts a {@link MultiExec}. */
    public static final class Strategy implements Coordinated
    {
        @Override
        public boolean atomic()
        {
            // EXEC schedules its own transaction.
            return false;
        }

        @Override
        public void start(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args)
        {
            final ClientSession.MultiState multi = session.multi();
            if (multi == null)
            {
                dispatcher.replyError(session, seq, "ERR EXEC without MULTI");
                return;
            }
            session.multi(null);
            if (multi.failed)
            {
                unwatchAll(dispatcher, session, seq, spec);
                dispatcher.replyError(session, seq, EXECABORT);
                return;
            }
            boolean denyoom = false;
            boolean writes = false;
            boolean dbChanges = false;
            final int shards = dispatcher.shardCount();
            final LockPlan plan = new LockPlan(shards, "exec".getBytes(StandardCharsets.US_ASCII));
            for (final ClientSession.Queued command : multi.commands)
            {
                final CommandSpec queuedSpec = command.spec();
                denyoom |= queuedSpec.hasFlag(CommandFlags.DENYOOM);
                if (queuedSpec.routing() == Routing.CLIENT)
                {
                    dbChanges |= queuedSpec.fullName().equals("select");
                    continue;
                }
                writes |= !queuedSpec.hasFlag(CommandFlags.READONLY);
                dbChanges |= queuedSpec.fullName().equals("swapdb") || queuedSpec.fullName().equals("move");
                if (!plan.add(dispatcher, queuedSpec, command.args()))
                {
                    plan.allShards();
                }
            }
            if (denyoom && dispatcher.isOutOfMemory())
            {
                unwatchAll(dispatcher, session, seq, spec);
                dispatcher.replyError(session, seq, "EXECABORT Transaction discarded because of: " +
                    dev.anax.engine.command.RespErrors.OOM);
                return;
            }
            final List<ClientSession.WatchedKey> watched = session.watched();
            if (watched != null)
            {
                for (final ClientSession.WatchedKey key : watched)
                {
                    plan.key(dispatcher.shardOfKey(key.key()), key.key());
                    dbChanges |= key.db() != session.db();
                }
            }
            if (dbChanges)
            {
                plan.wholeShards();
            }
            plan.exclusive(writes);
            new MultiExec(dispatcher, session, seq, spec, plan, watched != null, multi.commands).begin();
        }
    }

    /**
     * DISCARD, UNWATCH, RESET, an aborted EXEC: forget the client's watches everywhere.
     *
     * @param dispatcher the client's dispatcher.
     * @param session    the client.
     * @param seq        the request on whose behalf.
     * @param spec       the command.
     */
    public static void unwatchAll(
        final Dispatcher dispatcher, final ClientSession session, final long seq, final CommandSpec spec)
    {
        final boolean[] watched = session.watchedShards();
        if (watched == null)
        {
            return;
        }
        for (int shard = 0; shard < watched.length; shard++)
        {
            if (watched[shard])
            {
                dispatcher.publishControl(shard, session, seq, Op.UNWATCH, spec, 0, null, 0, 0);
            }
        }
        session.clearWatched();
    }

    @Override
    protected int concludeFlags()
    {
        return Dispatcher.FLAG_UNWATCH;
    }

    @Override
    protected void watchFailed()
    {
        session.clearWatched();
        final RespWriter out = dispatcher.scratch(session);
        out.nullArray();
        dispatcher.complete(session, seq, out);
    }

    @Override
    protected void run()
    {
        session.clearWatched();
        replies = new byte[queued.size()][];
        session.capture(this);
        // Internal sequence numbers count down: command i answers under firstSeq - i.
        firstSeq = session.internalSequence();
        for (int i = 1; i < replies.length; i++)
        {
            session.internalSequence();
        }
        walk();
    }

    private void walk()
    {
        walking = true;
        final int n = replies.length;
        while (next < n)
        {
            final int index = next;
            final ClientSession.Queued command = queued.get(index);
            final CommandSpec commandSpec = command.spec();
            final CommandArgs args = command.args();
            final long internal = firstSeq - index;
            switch (commandSpec.routing())
            {
                case CLIENT:
                {
                    final RespWriter out = dispatcher.scratch(session);
                    try
                    {
                        commandSpec.clientHandler().execute(dispatcher, session, args, out);
                    }
                    catch (final Throwable t)
                    {
                        out.clear();
                        out.error("ERR internal error in '" + commandSpec.fullName() + "': " + t);
                    }
                    final byte[] reply = new byte[out.position()];
                    out.buffer().getBytes(0, reply);
                    replies[index] = reply;
                    next++;
                    break;
                }
                case KEY:
                {
                    pending++;
                    next++;
                    publish(dispatcher.shardOf(args, commandSpec.firstKey()), internal, commandSpec, args);
                    break;
                }
                default:
                {
                    final int shard = singleShard(commandSpec, args);
                    if (shard >= 0)
                    {
                        pending++;
                        next++;
                        publish(shard, internal, commandSpec, args);
                        break;
                    }
                    if (pending > 0)
                    {
                        // A command over several shards runs once everything before it answered.
                        walking = false;
                        return;
                    }
                    pending++;
                    next++;
                    commandSpec.coordinated().start(dispatcher, session, internal, commandSpec, args);
                    if (pending > 0)
                    {
                        walking = false;
                        return;
                    }
                    break;
                }
            }
        }
        walking = false;
        if (pending == 0)
        {
            reply();
        }
    }

    /**
     * Send one single-shard command of the transaction: squashed with the others of its shard
     * into one group event when pipeline squashing is on, else alone.
     */
    private void publish(final int shard, final long internal, final CommandSpec commandSpec, final CommandArgs args)
    {
        if (!dispatcher.squasher().offer(shard, session, internal, commandSpec, args))
        {
            dispatcher.publish(shard, session, internal, Op.EXECUTE, commandSpec, 0, 0, args, null, 0, null);
        }
    }

    /** The one shard a command reaches, or -1 when it spans shards (or names no keys). */
    private int singleShard(final CommandSpec commandSpec, final CommandArgs args)
    {
        if (dispatcher.shardCount() == 1)
        {
            return 0;
        }
        final int[] indexes = commandSpec.keyIndexes(args);
        if (indexes == null || indexes.length == 0)
        {
            return -1;
        }
        final int shard = dispatcher.shardOf(args, indexes[0]);
        for (int i = 1; i < indexes.length; i++)
        {
            if (dispatcher.shardOf(args, indexes[i]) != shard)
            {
                return -1;
            }
        }
        return shard;
    }

    @Override
    public void captured(final long internal, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = (int)(firstSeq - internal);
        if (replies == null || index < 0 || index >= replies.length || replies[index] != null)
        {
            return;
        }
        final byte[] reply = new byte[length];
        buffer.getBytes(offset, reply);
        replies[index] = reply;
        pending--;
        if (pending == 0 && !walking)
        {
            if (next < replies.length)
            {
                walk();
            }
            else
            {
                reply();
            }
        }
    }

    private void reply()
    {
        session.capture(null);
        final RespWriter out = dispatcher.scratch(session);
        out.arrayHeader(replies.length);
        for (final byte[] reply : replies)
        {
            out.raw(reply);
        }
        dispatcher.complete(session, seq, out);
    }
}
