package dev.anax.engine.shard;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.anax.codecs.sbe.CommandEventDecoder;
import dev.anax.codecs.sbe.CommandGroupDecoder;
import dev.anax.codecs.sbe.MessageHeaderDecoder;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.Routing;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Keyspace;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One shard: the owner of a slice of every logical database. It consumes its Disruptor ring with
 * an {@link EventPoller} inside {@link #doWork()}, runs each command against its own keyspace and
 * publishes the reply to the ring of the I/O thread that sent it. Nothing else reads or writes
 * its keyspace (single writer).
 */
public final class Shard implements Agent, EventPoller.Handler<CommandSlot>
{
    private static final int EVENTS_PER_CYCLE = 256;
    private static final int EXPIRE_SAMPLES = 20;
    /**
     * Time of one slice of active expiry (times active-expire-effort). Short, because the shard
     * answers nothing meanwhile; a backlog is worked off in consecutive slices, each after the
     * ring was polled, so commands wait for one slice at most.
     */
    private static final long EXPIRE_SLICE_NANOS = 50_000;

    private final int index;
    private final int shardCount;
    private final CommandTable table;
    private final ServerConfig config;
    private final RingBuffer<CommandSlot> ring;
    private final EventPoller<CommandSlot> poller;
    private final ShardChannel<CommandSlot> channel;
    private final Keyspace keyspace = new Keyspace();
    private final Database[] databases;
    private final ThreadStats stats;
    private final dev.anax.engine.stats.CommandLatency latency;
    private final ExecContext ctx = new ExecContext();
    private final BlockingRegistry blocking;
    private final BlockingRegistry.KeyLocks keyLocks;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CommandEventDecoder eventDecoder = new CommandEventDecoder();
    private final UnsafeBuffer overflowBuffer = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer replayBuffer = new UnsafeBuffer(0, 0);
    private final CommandGroupDecoder groupDecoder = new CommandGroupDecoder();
    private final UnsafeBuffer groupEvent = new UnsafeBuffer(0, 0);
    /** The squashed group whose commands are being routed, or null. */
    private CommandGroup runningGroup;
    private final TxQueue txQueue = new TxQueue();
    private final Watches watches = new Watches();
    private static final TxQueue.LockKey[] NO_KEYS = new TxQueue.LockKey[0];
    private long eventSeq;
    private int eventIoThread;
    private int eventProtocol;
    private long eventTxId;
    private boolean eventConcludes;
    private final SplittableRandom random;
    private final long[] expiredSeen;

    private ShardChannel<ReplySlot>[] replyChannels;
    private ArrayDeque<PendingReply>[] outboxes;
    private boolean[] wakeNeeded;
    private int outboxed;
    private long publishedOffHeap = -1;
    private long publishedRecords = -1;
    private int eventsThisCycle;
    private long nextExpireMs;
    private boolean activeExpire = true;
    private org.agrona.concurrent.EpochClock clock = org.agrona.concurrent.SystemEpochClock.INSTANCE;

    /**
     * @param index      of this shard.
     * @param shardCount how many shards there are.
     * @param table      the command table, sealed.
     * @param config     the server options.
     */
    public Shard(final int index, final int shardCount, final CommandTable table, final ServerConfig config)
    {
        this.index = index;
        this.shardCount = shardCount;
        this.table = table;
        this.config = config;
        this.ring = RingBuffer.createMultiProducer(
            CommandSlot::new, config.require("ring-size").asInt(), new YieldingWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.channel = new ShardChannel<>(ring);
        final int dbCount = config.databases();
        this.databases = new Database[dbCount];
        for (int i = 0; i < dbCount; i++)
        {
            databases[i] = new Database(keyspace);
        }
        this.stats = new ThreadStats(dbCount, table.size());
        this.expiredSeen = new long[dbCount];
        this.latency = new dev.anax.engine.stats.CommandLatency(table.size());
        this.random = new SplittableRandom(0x5EED ^ index);
        ctx.shard = this;
        this.blocking = new BlockingRegistry(this, databases);
        this.keyLocks = (db, key) -> txQueue.locksKey(db, key);
    }

    /**
     * Connect the reply rings of every I/O thread; called once before the shard runs.
     *
     * @param replyChannels indexed by I/O thread id.
     */
    @SuppressWarnings("unchecked")
    public void connect(final ShardChannel<ReplySlot>[] replyChannels)
    {
        this.replyChannels = replyChannels;
        this.outboxes = new ArrayDeque[replyChannels.length];
        for (int i = 0; i < outboxes.length; i++)
        {
            outboxes[i] = new ArrayDeque<>();
        }
        this.wakeNeeded = new boolean[replyChannels.length];
    }

    /**
     * Replace the clock (tests step time); call before the shard runs.
     *
     * @param clock unix-ms clock.
     */
    public void clock(final org.agrona.concurrent.EpochClock clock)
    {
        this.clock = clock;
    }

    public int index()
    {
        return index;
    }

    public int shardCount()
    {
        return shardCount;
    }

    public ShardChannel<CommandSlot> channel()
    {
        return channel;
    }

    public ThreadStats stats()
    {
        return stats;
    }

    /** @return this shard's per-command latency recorders. */
    public dev.anax.engine.stats.CommandLatency latency()
    {
        return latency;
    }

    public ServerConfig config()
    {
        return config;
    }

    public CommandTable table()
    {
        return table;
    }

    public SplittableRandom random()
    {
        return random;
    }

    /**
     * Shard thread only.
     *
     * @param db index.
     * @return that database's slice in this shard.
     */
    public Database database(final int db)
    {
        return databases[db];
    }

    public int databaseCount()
    {
        return databases.length;
    }

    /**
     * Shard thread only.
     *
     * @return the keyspace all this shard's databases share.
     */
    public Keyspace keyspace()
    {
        return keyspace;
    }

    /**
     * Shard thread only.
     *
     * @return the clients blocked on this shard's keys.
     */
    public BlockingRegistry blocking()
    {
        return blocking;
    }

    /**
     * Delete every key of every database at once (FLUSHALL); shard thread only.
     */
    public void flushAll()
    {
        keyspace.clearAll(databases);
    }

    /**
     * Switch the active expire cycle (DEBUG SET-ACTIVE-EXPIRE); shard thread only.
     *
     * @param enabled whether the cycle runs.
     */
    public void activeExpire(final boolean enabled)
    {
        activeExpire = enabled;
    }

    /** @return whether an event or an undelivered reply is waiting. */
    public boolean hasWork()
    {
        return outboxed > 0 || ring.getCursor() > poller.getSequence().get();
    }

    @Override
    public String roleName()
    {
        return "shard-" + index;
    }

    @Override
    public int doWork() throws Exception
    {
        final long nowMs = clock.time();
        ctx.nowMs = nowMs;
        int work = 0;
        if (outboxed > 0)
        {
            work += drainOutboxes();
        }
        if (outboxed == 0)
        {
            eventsThisCycle = 0;
            poller.poll(this);
            work += eventsThisCycle;
            wakeReaders();
        }
        if (nowMs >= nextExpireMs)
        {
            work += activeExpireCycle(nowMs);
        }
        return work;
    }

    @Override
    public boolean onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        eventsThisCycle++;
        final Object attachment = slot.attachment;
        final byte[] overflow = slot.overflow;
        slot.attachment = null;
        slot.overflow = null;
        final org.agrona.DirectBuffer buffer;
        if (overflow != null)
        {
            overflowBuffer.wrap(overflow);
            buffer = overflowBuffer;
        }
        else
        {
            buffer = slot.buffer;
        }
        headerDecoder.wrap(buffer, 0);
        if (headerDecoder.templateId() == CommandGroupDecoder.TEMPLATE_ID)
        {
            final int ioThread = groupDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder).ioThread();
            eventsThisCycle += runGroup(ioThread, (CommandGroup)attachment) - 1;
            return eventsThisCycle < EVENTS_PER_CYCLE;
        }
        route(buffer, overflow, attachment);
        if (!txQueue.isEmpty())
        {
            runReady();
        }
        if (blocking.hasReadyKeys())
        {
            serveReadyKeys();
        }
        return eventsThisCycle < EVENTS_PER_CYCLE;
    }

    /**
     * Pipeline squashing: route the CommandEvents of a group one by one, exactly as lone events
     * (each may run now or be deferred behind a transaction's lock), then hand the group back to
     * its I/O thread with the replies that were produced. A deferred command, and anything run
     * from the deferred queue meanwhile, answers on its own later.
     *
     * @param ioThread whose reply ring takes the group back.
     * @param group    the commands.
     * @return how many commands it held.
     */
    private int runGroup(final int ioThread, final CommandGroup group)
    {
        final UnsafeBuffer requests = group.requests();
        final int count = group.count();
        group.clearReplies();
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = requests.getInt(offset);
            groupEvent.wrap(requests, offset + CommandGroup.LENGTH_PREFIX, length);
            offset += CommandGroup.LENGTH_PREFIX + length;
            runningGroup = group;
            route(groupEvent, null, null);
            runningGroup = null;
            if (!txQueue.isEmpty())
            {
                runReady();
            }
            if (blocking.hasReadyKeys())
            {
                // As after a lone event: Redis serves blocked clients after each command.
                serveReadyKeys();
            }
        }
        ctx.out.clear();
        publishReply(ioThread, -1, -1, ReplySlot.GROUP, group);
        return count;
    }

    /**
     * Decode an event into {@link #ctx} and decide what becomes of it: a transaction control
     * message, an event of a queued transaction (run now or when the transaction may run), or a
     * plain command (run now, or deferred while a transaction locks one of its keys).
     */
    private void route(final org.agrona.DirectBuffer buffer, final byte[] overflow, final Object attachment)
    {
        final CommandEventDecoder decoder = decode(buffer);
        final int op = decoder.opRaw();
        final long txId = eventTxId;
        if (op == Op.SCHEDULE.value())
        {
            schedule(decoder, txId);
            return;
        }
        if (op == Op.CONCLUDE.value())
        {
            txQueue.conclude(txId);
            if (decoder.flags().unwatch())
            {
                watches.unwatch(ctx.connectionId);
            }
            return;
        }
        if (op == Op.UNWATCH.value())
        {
            watches.unwatch(ctx.connectionId);
            return;
        }
        if (txId != 0)
        {
            final TxQueue.Entry entry = txQueue.entry(txId);
            if (entry != null && (!entry.pending.isEmpty() || !txQueue.runnable(entry)))
            {
                entry.pending.add(new TxQueue.Deferred(copyEvent(buffer, overflow, decoder), attachment));
                return;
            }
            if (entry != null)
            {
                txQueue.started(entry);
            }
        }
        else if (!txQueue.isEmpty() && op != Op.CHECK_WATCH.value())
        {
            final CommandSpec spec = ctx.spec;
            final TxQueue.LockKey[] keys = lockKeys(spec);
            final boolean exclusive = !spec.hasFlag(dev.anax.engine.command.CommandFlags.READONLY);
            if (txQueue.mustDefer(ctx.connectionId, keys, exclusive, keys == null))
            {
                txQueue.defer(ctx.connectionId, keys == null ? NO_KEYS : keys, exclusive, keys == null,
                    copyEvent(buffer, overflow, decoder), attachment);
                stats.increment(ThreadStats.TX_DEFERRED);
                return;
            }
        }
        run(op, attachment);
    }

    /** Run the events that waited for their transaction's turn or for a lock. */
    private void runReady()
    {
        TxQueue.Entry entry;
        while ((entry = txQueue.nextReady()) != null)
        {
            final TxQueue.Deferred deferred = entry.pending.poll();
            txQueue.started(entry);
            replayBuffer.wrap(deferred.event());
            final CommandEventDecoder decoder = decode(replayBuffer);
            run(decoder.opRaw(), deferred.attachment());
            if (entry.single)
            {
                txQueue.finishSingle(entry);
            }
        }
    }

    private static byte[] copyEvent(
        final org.agrona.DirectBuffer buffer, final byte[] overflow, final CommandEventDecoder decoder)
    {
        if (overflow != null)
        {
            return overflow;
        }
        final byte[] copy = new byte[decoder.limit()];
        buffer.getBytes(0, copy);
        return copy;
    }

    /**
     * The keys a command outside any transaction would lock, in the client's database, or null
     * when it names no key (it then locks the whole shard).
     */
    private TxQueue.LockKey[] lockKeys(final CommandSpec spec)
    {
        final dev.anax.codecs.CommandArgs args = ctx.args;
        final int[] indexes = spec.keyIndexes(args);
        if (indexes == null)
        {
            return null;
        }
        final TxQueue.LockKey[] keys = new TxQueue.LockKey[indexes.length];
        for (int i = 0; i < indexes.length; i++)
        {
            keys[i] = new TxQueue.LockKey(ctx.dbIndex, args.bytes(indexes[i]));
        }
        return keys;
    }

    private void schedule(final CommandEventDecoder decoder, final long txId)
    {
        final boolean local = decoder.flags().local();
        final boolean shardLock = decoder.flags().shardLock();
        final dev.anax.codecs.CommandArgs args = ctx.args;
        final TxQueue.LockKey[] keys = new TxQueue.LockKey[shardLock ? 0 : args.count() - 1];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = new TxQueue.LockKey(ctx.dbIndex, args.bytes(i + 1));
        }
        final TxQueue.Entry entry = txQueue.schedule(
            txId, !local, ctx.connectionId, keys, decoder.flags().exclusive(), shardLock);
        stats.increment(entry == null ? ThreadStats.TX_REFUSED : ThreadStats.TX_SCHEDULED);
        if (!local)
        {
            ctx.out.clear().protocol(2);
            ctx.out.integer(entry == null ? 0 : 1);
            publishReply(eventIoThread, ctx.connectionId, eventSeq, ctx.part, null);
        }
    }

    /**
     * Decode an event's header and arguments into {@link #ctx}.
     */
    private CommandEventDecoder decode(final org.agrona.DirectBuffer buffer)
    {
        final ExecContext ctx = this.ctx;
        headerDecoder.wrap(buffer, 0);
        final CommandEventDecoder decoder = eventDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        ctx.connectionId = decoder.connectionId();
        eventSeq = decoder.requestSeq();
        eventIoThread = decoder.ioThread();
        eventProtocol = decoder.protocolRaw();
        eventTxId = decoder.txId();
        eventConcludes = decoder.flags().conclude();
        final int db = decoder.db();
        ctx.isPart = decoder.opRaw() == Op.PART.value();
        ctx.spec = table.byId(decoder.commandId());
        ctx.subOp = decoder.subOp();
        ctx.part = decoder.part();
        ctx.multi = decoder.flags().multi();
        ctx.dbIndex = db;
        ctx.db = databases[db];
        final CommandEventDecoder.ArgsDecoder group = decoder.args();
        ctx.args.reset(decoder.buffer());
        while (group.hasNext())
        {
            group.next();
            final int length = group.argLength();
            ctx.args.add(decoder.limit() + CommandEventDecoder.ArgsDecoder.argHeaderLength(), length);
            group.skipArg();
        }
        return decoder;
    }

    /**
     * Run the command decoded into {@link #ctx} and publish its reply.
     */
    private void run(final int op, final Object attachment)
    {
        final ExecContext ctx = this.ctx;
        final boolean isPart = ctx.isPart;
        final CommandSpec spec = ctx.spec;
        final int commandId = spec.id();
        final int db = ctx.dbIndex;
        ctx.attachment = attachment;
        ctx.replyAttachment = null;
        ctx.keysChanged = false;
        ctx.noReply = false;
        ctx.ownTouches = false;
        ctx.out.clear().protocol(eventProtocol);
        if (op == Op.CHECK_WATCH.value())
        {
            ctx.out.integer(watches.isDirty(ctx.connectionId, this, ctx.nowMs) ? 0 : 1);
            publishReply(eventIoThread, ctx.connectionId, eventSeq, ctx.part, null);
            ctx.attachment = null;
            return;
        }
        // A STORE that empties its destination changes it only if the destination existed.
        final boolean storeTouchesOnlyIfPresent = !watches.isEmpty() && Watches.isStore(spec.fullName());
        final boolean watchedPresentBefore = storeTouchesOnlyIfPresent && anyWatchedKeyPresent(spec);
        final long start = System.nanoTime();
        try
        {
            spec.shardHandler().execute(ctx);
        }
        catch (final Throwable t)
        {
            ctx.out.clear();
            ctx.out.error("ERR internal error in '" + spec.fullName() + "': " + t);
            stats.increment(ThreadStats.INTERNAL_ERRORS);
        }
        final boolean failed = ctx.out.position() > 0 && ctx.out.buffer().getByte(0) == '-';
        if (!watches.isEmpty() && !failed && !ctx.ownTouches && spec.hasFlag(dev.anax.engine.command.CommandFlags.WRITE) &&
            !writeWasNoOp(spec, storeTouchesOnlyIfPresent && !watchedPresentBefore))
        {
            touchWatched(spec);
        }
        keyspace.endCommand();
        final long nanos = System.nanoTime() - start;
        final long micros = nanos / 1000;
        if (!isPart)
        {
            latency.record(commandId, nanos);
        }
        if (spec.routing() == Routing.COORDINATED)
        {
            // The coordinator counted the call once; shards add their time (and a whole command's error).
            stats.commandTime(commandId, micros, failed && !isPart);
        }
        else
        {
            stats.command(commandId, micros, failed);
            stats.increment(ThreadStats.COMMANDS);
        }
        if (ctx.keysChanged || ctx.db.expiredKeys() != expiredSeen[db])
        {
            syncExpired();
            publishKeyspace();
        }
        publishMemory();
        final CommandGroup group = runningGroup;
        if (ctx.noReply)
        {
            // A part nobody waits an answer for (a blocked client's registration withdrawn).
        }
        else if (group != null && !isPart && ctx.replyAttachment == null)
        {
            // A squashed command: its reply travels back with the group.
            group.addReply(ctx.connectionId, eventSeq, ctx.out.buffer(), ctx.out.position());
        }
        else
        {
            publishReply(eventIoThread, ctx.connectionId, eventSeq, isPart ? ctx.part : ReplySlot.WHOLE,
                ctx.replyAttachment);
        }
        ctx.attachment = null;
        ctx.replyAttachment = null;
        if (eventConcludes && eventTxId != 0)
        {
            txQueue.conclude(eventTxId);
        }
    }

    private boolean anyWatchedKeyPresent(final CommandSpec spec)
    {
        final TxQueue.LockKey[] keys = lockKeys(spec);
        if (keys == null)
        {
            return true;
        }
        for (final TxQueue.LockKey key : keys)
        {
            if (watches.isWatched(key) && ctx.db.presence(key.key, ctx.nowMs) != dev.anax.engine.keyspace.Database.ABSENT)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a write command that just ran changed nothing, so that it touches no watched key
     * (Redis touches a key only when it changes it).
     *
     * @param spec          the command.
     * @param absentBefore  a store-like command whose watched keys were all missing before it ran.
     */
    private boolean writeWasNoOp(final CommandSpec spec, final boolean absentBefore)
    {
        final String name = spec.fullName();
        final org.agrona.MutableDirectBuffer reply = ctx.out.buffer();
        final int length = ctx.out.position();
        if (name.equals("getex"))
        {
            // GETEX writes only when given an expiry option.
            return ctx.args.count() == 2 || Watches.isNoOp(name, reply, length);
        }
        if (name.equals("set"))
        {
            for (int i = 3; i < ctx.args.count(); i++)
            {
                if (ctx.args.is(i, "get"))
                {
                    // SET ... GET answers nil when the key was missing, yet it wrote.
                    return false;
                }
            }
        }
        if (Watches.isNoOp(name, reply, length))
        {
            return true;
        }
        return absentBefore && length <= 5 &&
            (reply.getByte(0) == ':' && reply.getByte(1) == '0' || reply.getByte(0) == '+');
    }

    /**
     * The one key a command writes when its other keys are only read (a STORE's destination,
     * COPY's target), or 0 when every key it names may be written.
     */
    private int writtenKey(final CommandSpec spec)
    {
        final String name = spec.fullName();
        if (name.equals("copy"))
        {
            return 2;
        }
        if (name.equals("sort"))
        {
            for (int i = 2; i + 1 < ctx.args.count(); i++)
            {
                if (ctx.args.is(i, "store"))
                {
                    return i + 1;
                }
            }
            return Integer.MAX_VALUE;
        }
        return Watches.isStore(name) && !name.equals("ltrim") ? 1 : 0;
    }

    /**
     * A command that reports its own writes ({@link ExecContext#touched}) changed a key: the
     * watches on it turn dirty. Shard thread only.
     *
     * @param db  the database.
     * @param key the key.
     */
    void touchWatched(final int db, final byte[] key)
    {
        watches.touch(new TxQueue.LockKey(db, key), databases[db], ctx.nowMs);
    }

    /** @return whether any client watches a key of this shard. */
    boolean hasWatches()
    {
        return !watches.isEmpty();
    }

    /** A write command ran: the watches on the keys it names turn dirty. */
    private void touchWatched(final CommandSpec spec)
    {
        final int written = writtenKey(spec);
        if (written > 0)
        {
            if (written < ctx.args.count())
            {
                watches.touch(new TxQueue.LockKey(ctx.dbIndex, ctx.args.bytes(written)), ctx.db, ctx.nowMs);
            }
            return;
        }
        final TxQueue.LockKey[] keys = lockKeys(spec);
        if (keys == null)
        {
            return;
        }
        for (final TxQueue.LockKey key : keys)
        {
            watches.touch(key, ctx.db, ctx.nowMs);
        }
    }

    /**
     * Before a database of this shard is emptied or swapped (FLUSHDB, FLUSHALL, SWAPDB): touch the
     * watched keys whose content changes. Shard thread only.
     *
     * @param db          index of the database emptied.
     * @param replacement index of the database whose content replaces it, or -1.
     */
    public void beforeReplace(final int db, final int replacement)
    {
        if (!watches.isEmpty())
        {
            watches.beforeReplace(db, databases[db], replacement < 0 ? null : databases[replacement], ctx.nowMs);
        }
    }

    /**
     * WATCH: remember that a client watches a key of this shard.
     *
     * @param connectionId the client.
     * @param db           the key's database.
     * @param key          the key.
     */
    public void watch(final long connectionId, final int db, final byte[] key)
    {
        watches.watch(connectionId, new TxQueue.LockKey(db, key), databases[db].presence(key, ctx.nowMs));
    }

    /** @return the number of keys watched on this shard (tests). */
    public int watchedKeys()
    {
        return watches.keyCount();
    }

    /** @return the transaction queue's entries, first first (tests, DEBUG). */
    public java.util.List<String> transactionQueue()
    {
        return txQueue.describe();
    }

    /**
     * Serve the clients blocked on keys that the last event made ready (pushed to, created,
     * moved or swapped in). The one place where blocked clients are served: it runs after each
     * event, and a key that a queued transaction holds (MULTI/EXEC, a multi-shard command) stays
     * ready until the transaction has concluded here, so blocked clients see its effects whole.
     */
    public void serveReadyKeys()
    {
        if (blocking.serve(ctx.nowMs, txQueue.isEmpty() ? null : keyLocks))
        {
            syncExpired();
            publishKeyspace();
            publishMemory();
        }
    }

    /** Publish the keyspace memory gauges when they changed. */
    private void publishMemory()
    {
        final long offHeap = keyspace.offHeapBytes();
        final long records = keyspace.recordBytes();
        if (offHeap == publishedOffHeap && records == publishedRecords)
        {
            return;
        }
        publishedOffHeap = offHeap;
        publishedRecords = records;
        long table = 0;
        for (int i = 0; i < databases.length; i++)
        {
            final long bytes = databases[i].tableBytes();
            stats.tableBytes(i, bytes);
            table += bytes;
        }
        stats.gauge(ThreadStats.KEYSPACE_OFFHEAP, offHeap);
        stats.gauge(ThreadStats.KEYSPACE_RECORDS, records);
        stats.gauge(ThreadStats.KEYSPACE_TABLE, table);
        stats.gauge(ThreadStats.KEYSPACE_OBJECTS, keyspace.objectCount());
    }

    private void publishKeyspace()
    {
        for (int i = 0; i < databases.length; i++)
        {
            stats.keyspace(i, databases[i].size(), databases[i].expiresCount());
        }
    }

    private void publishReply(
        final int ioThread, final long connectionId, final long seq, final int part, final Object attachment)
    {
        publish(ioThread, connectionId, seq, part, ctx.out, attachment);
    }

    /**
     * Publish a reply to an I/O thread's ring (or its outbox when the ring is full).
     *
     * @param ioThread     the client's I/O thread.
     * @param connectionId the client.
     * @param seq          the request.
     * @param part         part index, or {@link ReplySlot#WHOLE}.
     * @param out          writer holding the reply from position 0.
     * @param attachment   object handed to the coordinator, or null.
     */
    void publish(
        final int ioThread,
        final long connectionId,
        final long seq,
        final int part,
        final dev.anax.codecs.resp.RespWriter out,
        final Object attachment)
    {
        final int length = out.position();
        final ArrayDeque<PendingReply> outbox = outboxes[ioThread];
        if (outbox.isEmpty())
        {
            final RingBuffer<ReplySlot> replyRing = replyChannels[ioThread].ring();
            try
            {
                final long s = replyRing.tryNext();
                final ReplySlot slot = replyRing.get(s);
                fill(slot, connectionId, seq, part, out.buffer(), length, attachment);
                replyRing.publish(s);
                wakeNeeded[ioThread] = true;
                return;
            }
            catch (final InsufficientCapacityException ex)
            {
                // fall through to the outbox
            }
        }
        final byte[] copy = new byte[length];
        out.buffer().getBytes(0, copy);
        outbox.add(new PendingReply(connectionId, seq, part, copy, attachment));
        outboxed++;
    }

    private static void fill(
        final ReplySlot slot,
        final long connectionId,
        final long seq,
        final int part,
        final org.agrona.DirectBuffer src,
        final int length,
        final Object attachment)
    {
        slot.set(connectionId, seq, part);
        slot.length = length;
        slot.attachment = attachment;
        if (length <= ReplySlot.SLOT_BYTES)
        {
            slot.overflow = null;
            slot.buffer.putBytes(0, src, 0, length);
        }
        else
        {
            final byte[] copy = new byte[length];
            src.getBytes(0, copy);
            slot.overflow = copy;
        }
    }

    private int drainOutboxes()
    {
        int work = 0;
        for (int io = 0; io < outboxes.length; io++)
        {
            final ArrayDeque<PendingReply> outbox = outboxes[io];
            final RingBuffer<ReplySlot> replyRing = replyChannels[io].ring();
            PendingReply pending;
            while ((pending = outbox.peek()) != null)
            {
                final long s;
                try
                {
                    s = replyRing.tryNext();
                }
                catch (final InsufficientCapacityException ex)
                {
                    break;
                }
                final ReplySlot slot = replyRing.get(s);
                slot.set(pending.connectionId, pending.seq, pending.part);
                slot.length = pending.bytes.length;
                slot.attachment = pending.attachment;
                if (pending.bytes.length <= ReplySlot.SLOT_BYTES)
                {
                    slot.overflow = null;
                    slot.buffer.putBytes(0, pending.bytes);
                }
                else
                {
                    slot.overflow = pending.bytes;
                }
                replyRing.publish(s);
                outbox.poll();
                outboxed--;
                wakeNeeded[io] = true;
                work++;
            }
        }
        wakeReaders();
        return work;
    }

    private void wakeReaders()
    {
        for (int io = 0; io < wakeNeeded.length; io++)
        {
            if (wakeNeeded[io])
            {
                wakeNeeded[io] = false;
                replyChannels[io].wake();
            }
        }
    }

    private int activeExpireCycle(final long nowMs)
    {
        final int hz = config.require("hz").asInt();
        nextExpireMs = nowMs + Math.max(1, 1000 / hz);
        if (!activeExpire)
        {
            return 0;
        }
        final long deadline = System.nanoTime() + EXPIRE_SLICE_NANOS * config.require("active-expire-effort").asInt();
        int expiredTotal = 0;
        boolean more = false;
        for (int i = 0; i < databases.length; i++)
        {
            final Database db = databases[i];
            if (db.expiresCount() == 0)
            {
                continue;
            }
            int expired;
            do
            {
                expired = db.expireSample(nowMs, EXPIRE_SAMPLES, random.nextLong());
                expiredTotal += expired;
            }
            while (expired > EXPIRE_SAMPLES / 4 && System.nanoTime() < deadline);
            if (expired > EXPIRE_SAMPLES / 4)
            {
                more = true;
            }
        }
        if (more)
        {
            // Plenty left to expire: another slice right after the next poll of the ring.
            nextExpireMs = nowMs;
        }
        if (expiredTotal > 0)
        {
            syncExpired();
            publishKeyspace();
            publishMemory();
        }
        return expiredTotal;
    }

    private void syncExpired()
    {
        for (int i = 0; i < databases.length; i++)
        {
            final long expired = databases[i].expiredKeys();
            if (expired != expiredSeen[i])
            {
                stats.add(ThreadStats.EXPIRED_KEYS, expired - expiredSeen[i]);
                expiredSeen[i] = expired;
            }
        }
    }

    private record PendingReply(long connectionId, long seq, int part, byte[] bytes, Object attachment)
    {
    }
}
