package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.family.BlockingArgs;
import dev.anax.engine.family.BlockingFamily;
import dev.anax.engine.shard.BlockToken;
import dev.anax.engine.shard.Waiter;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * The client half of one blocking command (BLPOP and the rest): it parses the request, holds the
 * client's later requests, and drives the shards until the command has its one reply.
 * <pre>
 *   every key (and destination) on one shard:
 *     ATTEMPT ──data──> reply                  (the shard popped, as the non-blocking form)
 *             └─registered─> BLOCKED ──SERVED by the shard──> reply
 *
 *   keys on several shards:
 *     CHECK on every shard ──all registered──> BLOCKED ──WOKEN by a shard──> withdraw all, again
 *             └─some shard has data──> withdraw all, POP_RUN over runs of keys in key order
 *                                      (BLMOVE: the LMOVE hops) ──null──> again
 *
 *   BLOCKED ──timeout / CLIENT UNBLOCK / disconnect──> withdraw all, null reply (or error, or none)
 * </pre>
 * Each attempt has a {@link BlockToken} shared by its registrations: a shard must claim it to
 * serve or wake the client, the client's side must cancel it to give up, so exactly one of them
 * ends the attempt. Runs on the client's I/O thread; the shards' answers arrive as parts of the
 * request, which carry the attempt number.
 */
public final class BlockingCall extends Coordination
{
    private static final int ATTEMPTING = 0;
    private static final int BLOCKED = 1;
    private static final int POPPING = 2;
    private static final int DONE = 3;
    /** Some shard had data, but the token was claimed: its WOKEN is still on the way. */
    private static final int AWAIT_WOKEN = 4;

    /** Text of the error a client released by CLIENT UNBLOCK ... ERROR gets. */
    static final String UNBLOCKED = "UNBLOCKED client unblocked via CLIENT UNBLOCK";

    private final CommandSpec spec;
    private final BlockingArgs parsed;
    private final CommandArgs args;
    private final long deadline;
    private final boolean noBlock;
    private final boolean single;
    private final int[] shards;
    private final CommandArgs[] checkArgs;
    private CommandArgs withdrawArgs;
    private int[] runShards;
    private CommandArgs[] runArgs;

    private int phase = ATTEMPTING;
    private int attempt;
    private int part;
    private BlockToken token;
    private int pendingChecks;
    private boolean dataSeen;
    private boolean woken;
    private boolean blockedOnce;
    private boolean expired;
    private boolean queued;
    private int run;
    private PopTransaction popTransaction;

    /**
     * How a blocking command starts: its arguments are checked here (their errors come before any
     * key is read), then a {@link BlockingCall} takes over.
     */
    public static final class Start implements Coordinated
    {
        private final BlockingArgs.Kind kind;

        /**
         * @param kind the command.
         */
        public Start(final BlockingArgs.Kind kind)
        {
            this.kind = kind;
        }

        /**
         * Not as one transaction: a blocked command must hold no lock while it waits. Its pops
         * across shards run as a transaction of their own ({@link PopTransaction}).
         */
        @Override
        public boolean atomic()
        {
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
            final BlockingArgs parsed = BlockingArgs.parse(kind, args);
            if (parsed.error != null)
            {
                dispatcher.replyError(session, seq, parsed.error);
                return;
            }
            final long deadline = BlockingArgs.deadline(parsed.timeoutMs, dispatcher.nowMs());
            new BlockingCall(dispatcher, session, seq, spec, parsed, ArgsCopy.of(args), deadline).begin();
        }
    }

    private BlockingCall(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final BlockingArgs parsed,
        final CommandArgs args,
        final long deadline)
    {
        super(dispatcher, session, seq);
        this.spec = spec;
        this.parsed = parsed;
        this.args = args;
        this.deadline = deadline;
        // Inside MULTI/EXEC the command never blocks (its events carry the flag to the shards).
        this.noBlock = session.eventInMulti();
        final IntArrayList distinct = new IntArrayList();
        for (int i = parsed.firstKey; i < parsed.firstKey + parsed.keyCount; i++)
        {
            final int shard = dispatcher.shardOf(args, i);
            if (!distinct.containsInt(shard))
            {
                distinct.addInt(shard);
            }
        }
        this.shards = distinct.toIntArray();
        this.single = shards.length == 1 &&
            (parsed.destination < 0 || dispatcher.shardOf(args, parsed.destination) == shards[0]);
        if (single)
        {
            this.checkArgs = null;
        }
        else if (parsed.kind.isMove())
        {
            this.checkArgs = new CommandArgs[] {args};
        }
        else
        {
            this.checkArgs = new CommandArgs[shards.length];
            for (int s = 0; s < shards.length; s++)
            {
                final IntArrayList keys = new IntArrayList();
                for (int i = parsed.firstKey; i < parsed.firstKey + parsed.keyCount; i++)
                {
                    if (dispatcher.shardOf(args, i) == shards[s])
                    {
                        keys.addInt(i);
                    }
                }
                checkArgs[s] = partArgs(keys);
            }
        }
    }

    /** A request of the same command over some of the keys, with no timeout (0). */
    private CommandArgs partArgs(final IntArrayList keys)
    {
        final List<Object> pieces = new ArrayList<>();
        pieces.add(0);
        if (parsed.kind.isMulti())
        {
            pieces.add("0");
            pieces.add(Integer.toString(keys.size()));
        }
        for (int i = 0; i < keys.size(); i++)
        {
            pieces.add(keys.getInt(i));
        }
        if (parsed.kind.isMulti())
        {
            final boolean list = parsed.kind.isList();
            pieces.add(parsed.left ? (list ? "LEFT" : "MIN") : (list ? "RIGHT" : "MAX"));
            pieces.add("COUNT");
            pieces.add(Long.toString(parsed.count));
        }
        else
        {
            pieces.add("0");
        }
        return ArgsCopy.build(args, pieces.toArray());
    }

    /** Runs of consecutive keys on one shard, in key order: where the pops look, one by one. */
    private void buildRuns()
    {
        final IntArrayList runShardList = new IntArrayList();
        final List<CommandArgs> runArgList = new ArrayList<>();
        int k = parsed.firstKey;
        final int end = parsed.firstKey + parsed.keyCount;
        while (k < end)
        {
            final int shard = dispatcher.shardOf(args, k);
            final IntArrayList keys = new IntArrayList();
            while (k < end && dispatcher.shardOf(args, k) == shard)
            {
                keys.addInt(k++);
            }
            runShardList.addInt(shard);
            runArgList.add(partArgs(keys));
        }
        runShards = runShardList.toIntArray();
        runArgs = runArgList.toArray(new CommandArgs[0]);
    }

    private void begin()
    {
        session.hold();
        session.coordination(seq, this);
        // One part is always counted as outstanding, so that the request stays registered while
        // the client is blocked; finish() ends it.
        expectPart();
        dispatcher.blocked().track(session, this);
        attempt();
    }

    private Waiter waiter(final CommandArgs partArgs)
    {
        return new Waiter(token, session.id(), dispatcher.ioId(), seq, part, session.protocol(), session.db(),
            partArgs, blockedOnce);
    }

    private void attempt()
    {
        attempt++;
        part = attempt & 0x7FFF;
        token = new BlockToken(deadline != 0);
        phase = ATTEMPTING;
        if (single)
        {
            dispatcher.publish(shards[0], session, seq, Op.PART, spec, BlockingFamily.ATTEMPT, part, args, null, 0,
                waiter(args));
            return;
        }
        if (noBlock)
        {
            startPop();
            return;
        }
        pendingChecks = checkArgs.length;
        dataSeen = false;
        woken = false;
        for (int s = 0; s < checkArgs.length; s++)
        {
            dispatcher.publish(shards[s], session, seq, Op.PART, spec, BlockingFamily.CHECK, part, checkArgs[s], null, 0,
                waiter(checkArgs[s]));
        }
    }

    @Override
    protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
    {
        expectPart();
        if (phase == DONE || part != this.part)
        {
            return;
        }
        if (attachment == Waiter.Reply.WOKEN)
        {
            woken = true;
            if (phase == BLOCKED)
            {
                withdrawAll();
                attempt();
            }
            else if (phase == AWAIT_WOKEN)
            {
                startPop();
            }
            return;
        }
        if (attachment == Waiter.Reply.SERVED)
        {
            finish(reply, length);
            return;
        }
        if (phase == ATTEMPTING)
        {
            if (single)
            {
                if (attachment == Waiter.Reply.REGISTERED)
                {
                    enterBlocked();
                }
                else
                {
                    finish(reply, length);
                }
                return;
            }
            if (attachment == Waiter.Reply.HAS_DATA)
            {
                dataSeen = true;
            }
            else if (attachment != Waiter.Reply.REGISTERED)
            {
                finish(reply, length);
                return;
            }
            if (--pendingChecks == 0)
            {
                checksDone();
            }
        }
        else if (phase == POPPING)
        {
            if (isNull(reply, length))
            {
                run++;
                if (run < runShards.length)
                {
                    publishRun();
                }
                else
                {
                    nothingFound();
                }
            }
            else
            {
                finish(reply, length);
            }
        }
    }

    @Override
    protected void allPartsDone()
    {
        // Never reached: one part stays outstanding until finish().
    }

    private static boolean isNull(final DirectBuffer reply, final int length)
    {
        final byte type = reply.getByte(0);
        return type == '_' || (length > 1 && (type == '*' || type == '$') && reply.getByte(1) == '-');
    }

    private void checksDone()
    {
        if (!dataSeen && !woken)
        {
            enterBlocked();
            return;
        }
        // Some shard has data, or woke the client already: give this attempt up everywhere.
        final boolean cancelled = token.cancel(BlockToken.ABANDONED);
        withdrawAll();
        if (!dataSeen)
        {
            attempt();
        }
        else if (!cancelled && !woken)
        {
            // A shard claimed the attempt: nothing else may use the request's replies until its
            // WOKEN has arrived (the pops may run as a transaction, which takes them over).
            phase = AWAIT_WOKEN;
        }
        else
        {
            startPop();
        }
    }

    private void enterBlocked()
    {
        phase = BLOCKED;
        blockedOnce = true;
        session.blockToken(token);
        if (deadline != 0)
        {
            if (expired || deadline <= dispatcher.nowMs())
            {
                expire();
                return;
            }
            if (!queued)
            {
                queued = true;
                dispatcher.blocked().timeoutAt(this);
            }
        }
    }

    /**
     * Pop from the keys that have data: as a transaction locking every key (and the destination)
     * on their shards, so that no client sees the move half done; inside MULTI/EXEC the EXEC's
     * transaction holds the locks already.
     */
    private void startPop()
    {
        phase = POPPING;
        if (session.transaction() != null)
        {
            runPop();
            return;
        }
        final Transaction.LockPlan plan = new Transaction.LockPlan(
            dispatcher.shardCount(), spec.fullName().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!plan.add(dispatcher, spec, args))
        {
            plan.allShards();
        }
        plan.exclusive(true);
        popTransaction = new PopTransaction(this, plan);
        popTransaction.start();
    }

    /** The pops' transaction holds its locks (or none is needed): pop. */
    private void runPop()
    {
        if (phase != POPPING)
        {
            return;
        }
        session.coordination(seq, this);
        if (parsed.kind.isMove())
        {
            final CommandSpec lmove = dispatcher.engine().table().get("lmove");
            final CommandArgs lmoveArgs = ArgsCopy.build(args, "lmove", parsed.firstKey, parsed.destination,
                parsed.left ? "LEFT" : "RIGHT", parsed.toLeft ? "LEFT" : "RIGHT");
            ListMove.hops(dispatcher, session, seq, lmove, lmoveArgs, shards[0],
                dispatcher.shardOf(args, parsed.destination), this::moved);
            return;
        }
        if (runShards == null)
        {
            buildRuns();
        }
        run = 0;
        publishRun();
    }

    private void publishRun()
    {
        dispatcher.publish(runShards[run], session, seq, Op.PART, spec, BlockingFamily.POP_RUN, part, runArgs[run],
            null, 0, waiter(runArgs[run]));
    }

    /** The LMOVE hops are done (they took the request's place in the session meanwhile). */
    private void moved(final byte[] reply)
    {
        if (phase == DONE)
        {
            return;
        }
        session.coordination(seq, this);
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(reply);
        if (isNull(buffer, reply.length))
        {
            nothingFound();
        }
        else
        {
            finish(buffer, reply.length);
        }
    }

    /** The pop found nothing (the data went to another client): block, or answer null in MULTI. */
    private void nothingFound()
    {
        endPopTransaction();
        if (!noBlock)
        {
            attempt();
            return;
        }
        // As Redis answers a client that may not block: a plain null for the moves.
        final RespWriter out = dispatcher.scratch(session);
        if (parsed.kind.isMove())
        {
            out.nullBulk();
        }
        else
        {
            out.nullArray();
        }
        complete(out);
    }

    private void withdrawAll()
    {
        if (withdrawArgs == null)
        {
            withdrawArgs = ArgsCopy.build(args, 0);
        }
        for (final int shard : shards)
        {
            dispatcher.publish(shard, session, seq, Op.PART, spec, BlockingFamily.WITHDRAW, part, withdrawArgs, null, 0,
                token);
        }
    }

    /** @return the deadline (unix ms), or 0 for none. */
    public long deadline()
    {
        return deadline;
    }

    /**
     * The deadline passed: reply as on a timeout if the client is blocked and no shard has taken
     * it; if it is between attempts, it times out when it blocks again.
     */
    public void expire()
    {
        queued = false;
        if (phase == DONE)
        {
            return;
        }
        if (phase != BLOCKED)
        {
            expired = true;
            return;
        }
        if (token.cancel(BlockToken.TIMED_OUT))
        {
            withdrawAll();
            finishNull();
        }
        // Otherwise a shard claimed it (its reply is on the way) or CLIENT UNBLOCK did.
    }

    /**
     * CLIENT UNBLOCK cancelled the token the session showed: reply as it asked.
     */
    public void unblocked()
    {
        if (phase != BLOCKED)
        {
            return;
        }
        final int state = token.state();
        if (state == BlockToken.UNBLOCKED)
        {
            withdrawAll();
            finishNull();
        }
        else if (state == BlockToken.UNBLOCKED_ERROR)
        {
            withdrawAll();
            final RespWriter out = dispatcher.scratch(session);
            out.error(UNBLOCKED);
            complete(out);
        }
    }

    /** The client disconnected: give the attempt up on every shard, reply nothing. */
    public void abort()
    {
        if (phase == DONE)
        {
            return;
        }
        if (phase == POPPING || noBlock)
        {
            // It blocks no more: the pops finish under their transaction (or the EXEC's), which
            // must conclude, and the session lives until then.
            return;
        }
        phase = DONE;
        token.cancel(BlockToken.ABANDONED);
        withdrawAll();
        session.blockToken(null);
        session.endCoordination(seq);
    }

    private void finishNull()
    {
        final RespWriter out = dispatcher.scratch(session);
        out.nullArray();
        complete(out);
    }

    private void complete(final RespWriter out)
    {
        finish(out.buffer(), out.position());
    }

    /** The pops found nothing: end their transaction without a reply (CONCLUDE everywhere). */
    private void endPopTransaction()
    {
        final PopTransaction tx = popTransaction;
        popTransaction = null;
        if (tx != null && session.transaction() == tx)
        {
            tx.finished();
        }
    }

    private void finish(final DirectBuffer reply, final int length)
    {
        // Completing the reply concludes the pops' transaction, if any (it answers this request).
        popTransaction = null;
        phase = DONE;
        session.endCoordination(seq);
        session.blockToken(null);
        dispatcher.blocked().untrack(session, this);
        session.complete(seq, reply, 0, length);
        dispatcher.release(session);
    }

    /**
     * The pops of a blocking command over several shards, run as a transaction on the request's
     * behalf: it locks the command's keys and destination, then the {@link BlockingCall} pops. A
     * reply concludes it; so does {@link #finished()} when the pops found nothing.
     */
    private static final class PopTransaction extends Transaction
    {
        private final BlockingCall call;

        PopTransaction(final BlockingCall call, final LockPlan plan)
        {
            super(call.dispatcher, call.session, call.seq, call.spec, plan, false);
            this.call = call;
        }

        void start()
        {
            begin();
        }

        @Override
        public boolean isMultiExec()
        {
            return false;
        }

        @Override
        protected void run()
        {
            call.runPop();
        }
    }
}
