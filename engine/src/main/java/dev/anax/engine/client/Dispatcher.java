package dev.anax.engine.client;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.anax.codecs.Bytes;
import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.CommandEventEncoder;
import dev.anax.codecs.sbe.MessageHeaderEncoder;
import dev.anax.codecs.sbe.Op;
import dev.anax.codecs.sbe.Protocol;
import dev.anax.engine.Engine;
import dev.anax.engine.command.CommandFlags;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.Coordination;
import dev.anax.engine.shard.CommandSlot;
import dev.anax.engine.shard.ReplySlot;
import dev.anax.engine.shard.ShardChannel;
import dev.anax.engine.shard.SlotAccess;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's half of an I/O thread: the one gate every request passes (lookup, arity, auth),
 * routing to shards as SBE events on their rings, commands that run on the I/O thread, the
 * coordinator of multi-shard commands, and the consumer of this thread's reply ring.
 * <p>
 * Owned by one I/O thread; other threads only publish to its reply ring and call
 * {@link #requestAttention()}.
 */
public final class Dispatcher implements EventPoller.Handler<ReplySlot>
{
    /** Events kept back per shard, when its ring is full, before the I/O thread stops reading. */
    private static final int OUTBOX_HIGH_WATER = 1024;
    private static final int REPLIES_PER_CYCLE = 1024;

    private final int ioId;
    private final Engine engine;
    private final CommandTable table;
    private final ShardChannel<CommandSlot>[] shardChannels;
    private final int shardCount;
    private final RingBuffer<ReplySlot> replyRing;
    private final EventPoller<ReplySlot> replyPoller;
    private final ShardChannel<ReplySlot> replyChannel;
    private final Long2ObjectHashMap<ClientSession> sessions = new Long2ObjectHashMap<>();
    private final ThreadStats stats;
    private final dev.anax.engine.stats.CommandLatency latency;
    private final dev.anax.engine.config.Option maxmemory;
    private final RespWriter scratch = new RespWriter();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandEventEncoder eventEncoder = new CommandEventEncoder();
    private final UnsafeBuffer overflowBuffer = new UnsafeBuffer(0, 0);
    private final ArrayDeque<PendingCommand>[] outboxes;
    private final boolean[] wakeNeeded;
    private final PipelineSquasher squasher;
    private int outboxed;
    private int repliesThisCycle;
    private volatile boolean attention;
    private org.agrona.concurrent.EpochClock clock = org.agrona.concurrent.SystemEpochClock.INSTANCE;
    private long nowMs = clock.time();
    private final BlockedClients blocked = new BlockedClients(this);

    /**
     * @param ioId          index of the I/O thread.
     * @param engine        the engine.
     * @param shardChannels the shards' rings.
     */
    @SuppressWarnings("unchecked")
    public Dispatcher(final int ioId, final Engine engine, final ShardChannel<CommandSlot>[] shardChannels)
    {
        this.ioId = ioId;
        this.engine = engine;
        this.table = engine.table();
        this.shardChannels = shardChannels;
        this.shardCount = shardChannels.length;
        this.replyRing = RingBuffer.createMultiProducer(
            ReplySlot::new, engine.config().require("ring-size").asInt(), new YieldingWaitStrategy());
        this.replyPoller = replyRing.newPoller();
        replyRing.addGatingSequences(replyPoller.getSequence());
        this.replyChannel = new ShardChannel<>(replyRing);
        this.stats = new ThreadStats(engine.config().databases(), table.size());
        this.latency = new dev.anax.engine.stats.CommandLatency(table.size());
        this.maxmemory = engine.config().require("maxmemory");
        this.outboxes = new ArrayDeque[shardCount];
        for (int i = 0; i < shardCount; i++)
        {
            outboxes[i] = new ArrayDeque<>();
        }
        this.wakeNeeded = new boolean[shardCount];
        this.squasher = new PipelineSquasher(this, ioId, engine.config().require("pipeline-squash"), shardCount);
    }

    public int ioId()
    {
        return ioId;
    }

    public Engine engine()
    {
        return engine;
    }

    public ShardChannel<ReplySlot> replyChannel()
    {
        return replyChannel;
    }

    public ThreadStats stats()
    {
        return stats;
    }

    /** @return this I/O thread's per-command latency recorders. */
    public dev.anax.engine.stats.CommandLatency latency()
    {
        return latency;
    }

    /** @return this I/O thread's pipeline squashing (its counters may be read by any thread). */
    public PipelineSquasher squasher()
    {
        return squasher;
    }

    public int shardCount()
    {
        return shardCount;
    }

    /** @return the I/O thread's clock as of the last cycle. */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * Replace the clock (tests step time); call before the dispatcher runs.
     *
     * @param clock unix-ms clock.
     */
    public void clock(final org.agrona.concurrent.EpochClock clock)
    {
        this.clock = clock;
        this.nowMs = clock.time();
    }

    /** @return this thread's clients in blocking commands. */
    public BlockedClients blocked()
    {
        return blocked;
    }

    /**
     * Open a session for a new connection.
     *
     * @param sink the transport's connection.
     * @return the session.
     */
    public ClientSession open(final ReplySink sink)
    {
        final ClientSession session = new ClientSession(engine.nextClientId(), this, sink, System.currentTimeMillis());
        if (engine.config().require("requirepass").asString().isEmpty())
        {
            session.authenticated(true);
        }
        sessions.put(session.id(), session);
        engine.registerClient(session);
        stats.increment(ThreadStats.CONNECTIONS_RECEIVED);
        return session;
    }

    /**
     * Forget a closed connection. Replies still in flight for it are dropped when they arrive.
     *
     * @param session the client.
     */
    public void close(final ClientSession session)
    {
        engine.unregisterClient(session);
        // A blocked client gives its command up first (its registrations are withdrawn).
        blocked.onClose(session);
        session.markClosed();
        if (session.hasCoordinations())
        {
            // A multi-shard request is under way: it must still conclude on every shard (release
            // its locks, put moved values in place). The session stays until then, writing nothing.
            closing.add(session);
            return;
        }
        sessions.remove(session.id());
        if (session.watchedShards() != null)
        {
            dev.anax.engine.coord.MultiExec.unwatchAll(this, session, 0, table.get("unwatch"));
        }
    }

    /** Closed sessions still finishing a multi-shard request. */
    private final ArrayList<ClientSession> closing = new ArrayList<>();

    private void reapClosed()
    {
        for (int i = closing.size() - 1; i >= 0; i--)
        {
            final ClientSession session = closing.get(i);
            if (!session.hasCoordinations())
            {
                closing.remove(i);
                sessions.remove(session.id());
                if (session.watchedShards() != null)
                {
                    dev.anax.engine.coord.MultiExec.unwatchAll(this, session, 0, table.get("unwatch"));
                }
            }
        }
    }

    /** @return the sessions of this I/O thread. */
    public List<ClientSession> sessions()
    {
        return new ArrayList<>(sessions.values());
    }

    /** Ask the I/O thread to look at its sessions (a CLIENT KILL from elsewhere). */
    public void requestAttention()
    {
        attention = true;
        replyChannel.wake();
    }

    /**
     * Take and clear the attention flag.
     *
     * @return true if attention was requested.
     */
    public boolean takeAttention()
    {
        if (attention)
        {
            attention = false;
            return true;
        }
        return false;
    }

    /**
     * Whether the I/O thread should stop reading new requests for now: some shard ring is full
     * and events are queued locally.
     *
     * @return true when congested.
     */
    public boolean isCongested()
    {
        return outboxed > OUTBOX_HIGH_WATER;
    }

    /** @return whether replies or queued events are waiting. */
    public boolean hasWork()
    {
        return attention || outboxed > 0 || replyRing.getCursor() > replyPoller.getSequence().get() ||
            blocked.hasWork();
    }

    /**
     * Handle one request of a client. Its reply reaches the client's sink in request order, now
     * or later.
     *
     * @param session the client.
     * @param args    the request, name first; valid only during the call.
     */
    public void onCommand(final ClientSession session, final CommandArgs args)
    {
        final int argc = args.count();
        if (argc == 0)
        {
            return;
        }
        if (session.isHeld())
        {
            session.keepBack(args);
            return;
        }
        final long seq = session.nextSequence();
        CommandSpec spec = table.lookup(args, 0);
        if (spec == null || (!spec.isBound() && !spec.isContainer()))
        {
            stats.rejected(-1);
            reject(session, seq, RespErrors.unknownCommand(truncate(args.string(0), 128), argsPreview(args, 1)));
            return;
        }
        // A container that is itself bound (COMMAND) runs its own handler when given no subcommand.
        if (spec.isContainer() && (argc >= 2 || !spec.isBound()))
        {
            if (argc < 2)
            {
                stats.rejected(spec.id());
                reject(session, seq, RespErrors.wrongArity(spec.fullName()));
                return;
            }
            final CommandSpec sub = table.lookupSubcommand(spec, args, 1);
            if (sub == null || !sub.isBound())
            {
                stats.rejected(spec.id());
                reject(session, seq, RespErrors.unknownSubcommand(
                    truncate(args.string(1), 128), spec.fullName().toUpperCase(java.util.Locale.ROOT)));
                return;
            }
            spec = sub;
        }
        if (!spec.arityAccepts(argc))
        {
            stats.rejected(spec.id());
            if (spec.fullName().equals("exec"))
            {
                // Redis's formatted rejections carry no "ERR " inside EXECABORT.
                rejectExec(session, seq, RespErrors.wrongArity(spec.fullName()).substring(4));
                return;
            }
            reject(session, seq, RespErrors.wrongArity(spec.fullName()));
            return;
        }
        if (!session.isAuthenticated() && !spec.hasFlag(CommandFlags.NO_AUTH))
        {
            stats.rejected(spec.id());
            if (spec.fullName().equals("exec"))
            {
                rejectExec(session, seq, RespErrors.NOAUTH);
                return;
            }
            reject(session, seq, RespErrors.NOAUTH);
            return;
        }
        final ClientSession.MultiState multi = session.multi();
        if (multi != null && spec.hasFlag(CommandFlags.NO_MULTI))
        {
            stats.rejected(spec.id());
            reject(session, seq, "ERR Command not allowed inside a transaction");
            return;
        }
        if (spec.hasFlag(CommandFlags.DENYOOM) && isOutOfMemory())
        {
            stats.rejected(spec.id());
            reject(session, seq, RespErrors.OOM);
            return;
        }
        session.interaction(nowMs, spec.fullName());
        if (multi != null && !runsInMulti(spec))
        {
            multi.commands.add(new ClientSession.Queued(spec, dev.anax.engine.coord.ArgsCopy.of(args)));
            final RespWriter out = scratch(session);
            out.simpleString("QUEUED");
            session.complete(seq, out.buffer(), 0, out.position());
            return;
        }
        if (spec.routing() != dev.anax.engine.command.Routing.KEY)
        {
            // Squashed groups go first: nothing of this thread may overtake them on their shard.
            squasher.publishAll();
        }
        switch (spec.routing())
        {
            case CLIENT:
            {
                final RespWriter out = scratch.clear().protocol(session.protocol());
                final long start = System.nanoTime();
                try
                {
                    spec.clientHandler().execute(this, session, args, out);
                }
                catch (final Throwable t)
                {
                    out.clear();
                    out.error("ERR internal error in '" + spec.fullName() + "': " + t);
                    stats.increment(ThreadStats.INTERNAL_ERRORS);
                }
                final boolean failed = out.position() > 0 && out.buffer().getByte(0) == '-';
                final long nanos = System.nanoTime() - start;
                stats.command(spec.id(), nanos / 1000, failed);
                latency.record(spec.id(), nanos);
                stats.increment(ThreadStats.COMMANDS);
                session.complete(seq, out.buffer(), 0, out.position());
                break;
            }
            case KEY:
            {
                final int shard = shardOf(args, spec.firstKey());
                if (!squasher.offer(shard, session, seq, spec, args))
                {
                    publish(shard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
                }
                break;
            }
            case COORDINATED:
            {
                // Counted once here; the shards running its parts add only their time.
                stats.command(spec.id(), 0, false);
                stats.increment(ThreadStats.COMMANDS);
                dev.anax.engine.coord.AtomicCommand.start(this, session, seq, spec, args);
                break;
            }
            default:
                throw new IllegalStateException("unbound command " + spec.fullName());
        }
    }

    /**
     * Whether memory in use is above a configured {@code maxmemory}, when a command that may
     * grow memory (flag denyoom) must be refused. There is no eviction yet, so every policy
     * behaves as noeviction.
     *
     * @return true when the limit is set and exceeded.
     */
    public boolean isOutOfMemory()
    {
        final long limit = maxmemory.asLong();
        return limit > 0 && engine.memory().used() > limit;
    }

    /**
     * End a {@link ClientSession#hold()}: run the requests kept back, in order, until one of
     * them holds the client again.
     *
     * @param session the client.
     */
    public void release(final ClientSession session)
    {
        session.unhold();
        if (session.isClosed())
        {
            return;
        }
        byte[][] request;
        while (!session.isHeld() && (request = session.nextKeptBack()) != null)
        {
            final CommandArgs replay = dev.anax.engine.coord.ArgsCopy.ofArrays(java.util.Arrays.asList(request));
            onCommand(session, replay);
        }
        squasher.publishAll();
    }

    /**
     * The gate refused a request: reply the error, and inside MULTI make EXEC fail.
     */
    private void reject(final ClientSession session, final long seq, final String message)
    {
        final ClientSession.MultiState multi = session.multi();
        if (multi != null)
        {
            multi.failed = true;
        }
        replyError(session, seq, message);
    }

    /**
     * The gate refused EXEC itself: the transaction is discarded, as Redis does.
     */
    private void rejectExec(final ClientSession session, final long seq, final String message)
    {
        session.multi(null);
        dev.anax.engine.coord.MultiExec.unwatchAll(this, session, seq, table.get("exec"));
        replyError(session, seq, "EXECABORT Transaction discarded because of: " + message);
    }

    /** Commands that run at once inside MULTI instead of being queued, as in Redis. */
    private static boolean runsInMulti(final CommandSpec spec)
    {
        switch (spec.fullName())
        {
            case "exec":
            case "discard":
            case "multi":
            case "watch":
            case "quit":
            case "reset":
                return true;
            default:
                return false;
        }
    }

    private static String truncate(final String text, final int max)
    {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /**
     * Redis's preview of the arguments of an unknown command: each quoted and followed by a space,
     * while the preview is shorter than 128 characters.
     */
    private static String argsPreview(final CommandArgs args, final int from)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = from; i < args.count() && sb.length() < 128; i++)
        {
            final String arg = args.string(i);
            final int room = 128 - sb.length();
            sb.append('\'').append(arg.length() > room ? arg.substring(0, room) : arg).append("' ");
        }
        return sb.toString();
    }

    /**
     * Reply with an error to request {@code seq}.
     *
     * @param session the client.
     * @param seq     the request.
     * @param message the error, with its code ("ERR ...").
     */
    public void replyError(final ClientSession session, final long seq, final String message)
    {
        final RespWriter out = scratch.clear().protocol(session.protocol());
        out.error(message);
        session.complete(seq, out.buffer(), 0, out.position());
    }

    /**
     * Complete request {@code seq} with what a writer holds.
     *
     * @param session the client.
     * @param seq     the request.
     * @param out     writer holding the whole reply from position 0.
     */
    public void complete(final ClientSession session, final long seq, final RespWriter out)
    {
        session.complete(seq, out.buffer(), 0, out.position());
    }

    /**
     * A writer for assembling a reply on this thread, cleared, in the client's protocol.
     *
     * @param session the client.
     * @return the shared scratch writer.
     */
    public RespWriter scratch(final ClientSession session)
    {
        return scratch.clear().protocol(session.protocol());
    }

    /**
     * The shard that owns the key in argument {@code index}.
     *
     * @param args  the request.
     * @param index of the key.
     * @return shard index.
     */
    public int shardOf(final CommandArgs args, final int index)
    {
        if (shardCount == 1)
        {
            return 0;
        }
        return shardOfHash(Bytes.routingHash(args.buffer(), args.offset(index), args.length(index)));
    }

    private int shardOfHash(final int hash)
    {
        return (int)((hash & 0xFFFF_FFFFL) % shardCount);
    }

    /**
     * The shard that owns a key given as bytes.
     *
     * @param key the key.
     * @return shard index.
     */
    public int shardOfKey(final byte[] key)
    {
        if (shardCount == 1)
        {
            return 0;
        }
        return shardOfHash(Bytes.routingHash(new UnsafeBuffer(key), 0, key.length));
    }

    /**
     * Send a whole command or one part of a coordinated command to a shard.
     *
     * @param shard      target shard.
     * @param session    the client.
     * @param seq        request sequence.
     * @param op         EXECUTE (reply goes to the client) or PART (reply goes to the coordination).
     * @param spec       the command.
     * @param subOp      coordinator sub-operation, 0 for none.
     * @param part       part index.
     * @param args       the arguments.
     * @param argIndexes which arguments to send, or null for all.
     * @param argCount   how many of argIndexes are used.
     * @param attachment object handed to the shard, or null.
     */
    public void publish(
        final int shard,
        final ClientSession session,
        final long seq,
        final Op op,
        final CommandSpec spec,
        final int subOp,
        final int part,
        final CommandArgs args,
        final int[] argIndexes,
        final int argCount,
        final Object attachment)
    {
        publish(shard, session, seq, op, spec, subOp, part, args, argIndexes, argCount, attachment,
            session.eventTxId(), (session.eventInMulti() ? FLAG_MULTI : 0) | (session.eventConcludes() ? FLAG_CONCLUDE : 0));
    }

    /** Event flag: the command runs inside MULTI/EXEC. */
    public static final int FLAG_MULTI = 1;
    /** Event flag (SCHEDULE): a transaction of one shard. */
    public static final int FLAG_LOCAL = 2;
    /** Event flag (SCHEDULE): exclusive locks. */
    public static final int FLAG_EXCLUSIVE = 4;
    /** Event flag (SCHEDULE): lock the whole shard. */
    public static final int FLAG_SHARD_LOCK = 8;
    /** Event flag (CONCLUDE): forget the connection's watches too. */
    public static final int FLAG_UNWATCH = 16;
    /** Event flag: the transaction ends on the shard once this event ran. */
    public static final int FLAG_CONCLUDE = 32;

    private static final int[] NO_ARGS = new int[0];

    /**
     * Send a transaction control event (SCHEDULE, CHECK_WATCH, CONCLUDE, UNWATCH) to a shard.
     *
     * @param shard   target shard.
     * @param session the client.
     * @param seq     the request the replies belong to.
     * @param op      the control operation.
     * @param spec    the command on whose behalf (its id travels; shards do not run it).
     * @param part    index the shard's reply carries.
     * @param args    the keys to lock, after a name in argument 0, or null for none.
     * @param txId    the transaction.
     * @param flags   FLAG_* bits.
     */
    public void publishControl(
        final int shard,
        final ClientSession session,
        final long seq,
        final Op op,
        final CommandSpec spec,
        final int part,
        final CommandArgs args,
        final long txId,
        final int flags)
    {
        publish(shard, session, seq, op, spec, 0, part, args == null ? scratchArgs : args,
            args == null ? NO_ARGS : null, 0, null, txId, flags);
    }

    private final CommandArgs scratchArgs = new CommandArgs().reset(new UnsafeBuffer(new byte[0]));

    private void publish(
        final int shard,
        final ClientSession session,
        final long seq,
        final Op op,
        final CommandSpec spec,
        final int subOp,
        final int part,
        final CommandArgs args,
        final int[] argIndexes,
        final int argCount,
        final Object attachment,
        final long txId,
        final int flags)
    {
        squasher.publish(shard);
        final int n = argIndexes == null ? args.count() : argCount;
        long length = MessageHeaderEncoder.ENCODED_LENGTH + CommandEventEncoder.BLOCK_LENGTH +
            CommandEventEncoder.ArgsEncoder.sbeHeaderSize();
        for (int i = 0; i < n; i++)
        {
            final int index = argIndexes == null ? i : argIndexes[i];
            length += CommandEventEncoder.ArgsEncoder.argHeaderLength() + args.length(index);
        }
        if (length > Integer.MAX_VALUE - 64)
        {
            throw new IllegalStateException("command too large to hand over: " + length);
        }
        final ArrayDeque<PendingCommand> outbox = outboxes[shard];
        final RingBuffer<CommandSlot> ring = shardChannels[shard].ring();
        final boolean fits = length <= CommandSlot.SLOT_BYTES && n <= 0xFFFF;
        if (outbox.isEmpty())
        {
            try
            {
                final long s = ring.tryNext();
                final CommandSlot slot = ring.get(s);
                if (fits)
                {
                    encode(slot.buffer(), session, seq, op, spec, subOp, part, args, argIndexes, n, false, txId, flags);
                    SlotAccess.set(slot, null, attachment);
                }
                else
                {
                    SlotAccess.set(slot, encodeToArray(
                        (int)length, session, seq, op, spec, subOp, part, args, argIndexes, n, txId, flags), attachment);
                }
                ring.publish(s);
                wakeNeeded[shard] = true;
                return;
            }
            catch (final InsufficientCapacityException ex)
            {
                // queue it below
            }
        }
        outbox.add(new PendingCommand(
            encodeToArray((int)length, session, seq, op, spec, subOp, part, args, argIndexes, n, txId, flags), attachment));
        outboxed++;
    }

    /**
     * Publish an event already encoded (a squashed group's {@code CommandGroup} header, or the one
     * command of a group of one) to a shard's ring, or queue it behind the shard's outbox: the
     * same backpressure as {@link #publish}.
     *
     * @param shard      target shard.
     * @param event      holding the encoded event.
     * @param offset     where the event starts.
     * @param length     of the event, at most {@link CommandSlot#SLOT_BYTES}.
     * @param attachment object handed to the shard (the group), or null.
     */
    void publishEncoded(
        final int shard, final DirectBuffer event, final int offset, final int length, final Object attachment)
    {
        final ArrayDeque<PendingCommand> outbox = outboxes[shard];
        if (outbox.isEmpty())
        {
            final RingBuffer<CommandSlot> ring = shardChannels[shard].ring();
            try
            {
                final long s = ring.tryNext();
                final CommandSlot slot = ring.get(s);
                slot.buffer().putBytes(0, event, offset, length);
                SlotAccess.set(slot, null, attachment);
                ring.publish(s);
                wakeNeeded[shard] = true;
                return;
            }
            catch (final InsufficientCapacityException ex)
            {
                // queue it below
            }
        }
        final byte[] bytes = new byte[length];
        event.getBytes(offset, bytes);
        outbox.add(new PendingCommand(bytes, attachment));
        outboxed++;
    }

    /**
     * @param connectionId a client of this I/O thread.
     * @return its session, or null once closed.
     */
    ClientSession session(final long connectionId)
    {
        return sessions.get(connectionId);
    }

    private byte[] encodeToArray(
        final int length,
        final ClientSession session,
        final long seq,
        final Op op,
        final CommandSpec spec,
        final int subOp,
        final int part,
        final CommandArgs args,
        final int[] argIndexes,
        final int n,
        final long txId,
        final int flags)
    {
        if (n > 0xFFFF)
        {
            throw new IllegalStateException("too many arguments for one event: " + n);
        }
        final byte[] bytes = new byte[length];
        overflowBuffer.wrap(bytes);
        encode(overflowBuffer, session, seq, op, spec, subOp, part, args, argIndexes, n, true, txId, flags);
        return bytes;
    }

    private void encode(
        final MutableDirectBuffer buffer,
        final ClientSession session,
        final long seq,
        final Op op,
        final CommandSpec spec,
        final int subOp,
        final int part,
        final CommandArgs args,
        final int[] argIndexes,
        final int n,
        final boolean byReference,
        final long txId,
        final int flags)
    {
        final CommandEventEncoder e = eventEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(session.id())
            .requestSeq(seq)
            .ioThread(ioId)
            .shard(0)
            .db((short)session.db())
            .protocol(session.protocol() >= 3 ? Protocol.RESP3 : Protocol.RESP2)
            .op(op)
            .commandId(spec.id())
            .subOp(subOp)
            .part(part)
            .txId(txId);
        e.flags().clear().argsByReference(byReference)
            .multi((flags & FLAG_MULTI) != 0)
            .local((flags & FLAG_LOCAL) != 0)
            .exclusive((flags & FLAG_EXCLUSIVE) != 0)
            .shardLock((flags & FLAG_SHARD_LOCK) != 0)
            .unwatch((flags & FLAG_UNWATCH) != 0)
            .conclude((flags & FLAG_CONCLUDE) != 0);
        final CommandEventEncoder.ArgsEncoder group = e.argsCount(n);
        final DirectBuffer src = args.buffer();
        for (int i = 0; i < n; i++)
        {
            final int index = argIndexes == null ? i : argIndexes[i];
            group.next().putArg(src, args.offset(index), args.length(index));
        }
    }

    /**
     * Publish the pending squashed groups and wake the shards this thread published to since the
     * last call. Call after handling a batch of input (the transport: once per I/O cycle), so
     * that one group and one wake cover many requests.
     */
    public void flush()
    {
        squasher.publishAll();
        for (int i = 0; i < shardCount; i++)
        {
            if (wakeNeeded[i])
            {
                wakeNeeded[i] = false;
                shardChannels[i].wake();
            }
        }
    }

    /**
     * Deliver replies from shards and retry events that found a ring full.
     *
     * @return work done.
     */
    public int doWork()
    {
        nowMs = clock.time();
        int work = 0;
        if (outboxed > 0)
        {
            work += drainOutboxes();
        }
        repliesThisCycle = 0;
        try
        {
            replyPoller.poll(this);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        work += repliesThisCycle;
        work += blocked.doWork(nowMs);
        if (!closing.isEmpty())
        {
            reapClosed();
        }
        flush();
        return work;
    }

    @Override
    public boolean onEvent(final ReplySlot slot, final long sequence, final boolean endOfBatch)
    {
        repliesThisCycle++;
        if (slot.part() == ReplySlot.GROUP)
        {
            repliesThisCycle += squasher.onReplies((dev.anax.engine.shard.CommandGroup)slot.attachment());
            slot.release();
            return repliesThisCycle < REPLIES_PER_CYCLE;
        }
        final ClientSession session = sessions.get(slot.connectionId());
        if (session != null)
        {
            final DirectBuffer payload = slot.payload();
            if (slot.part() == ReplySlot.WHOLE)
            {
                session.complete(slot.requestSeq(), payload, 0, slot.length());
            }
            else
            {
                final Coordination coordination = session.coordination(slot.requestSeq());
                if (coordination != null)
                {
                    coordination.onPart(slot.part(), payload, slot.length(), slot.attachment());
                }
            }
        }
        slot.release();
        return repliesThisCycle < REPLIES_PER_CYCLE;
    }

    private int drainOutboxes()
    {
        int work = 0;
        for (int shard = 0; shard < shardCount; shard++)
        {
            final ArrayDeque<PendingCommand> outbox = outboxes[shard];
            final RingBuffer<CommandSlot> ring = shardChannels[shard].ring();
            PendingCommand pending;
            while ((pending = outbox.peek()) != null)
            {
                final long s;
                try
                {
                    s = ring.tryNext();
                }
                catch (final InsufficientCapacityException ex)
                {
                    break;
                }
                SlotAccess.set(ring.get(s), pending.bytes, pending.attachment);
                ring.publish(s);
                outbox.poll();
                outboxed--;
                wakeNeeded[shard] = true;
                work++;
            }
        }
        return work;
    }

    private record PendingCommand(byte[] bytes, Object attachment)
    {
    }
}
