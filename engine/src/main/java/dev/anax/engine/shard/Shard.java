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
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CommandEventDecoder eventDecoder = new CommandEventDecoder();
    private final CommandGroupDecoder groupDecoder = new CommandGroupDecoder();
    private final UnsafeBuffer overflowBuffer = new UnsafeBuffer(0, 0);
    private final SplittableRandom random;
    private final long[] expiredSeen;

    private ShardChannel<ReplySlot>[] replyChannels;
    private ArrayDeque<PendingReply>[] outboxes;
    private boolean[] wakeNeeded;
    private int outboxed;
    private long publishedOffHeap = -1;
    private long publishedRecords = -1;
    private int eventsThisCycle;
    /** The squashed group whose commands are running, or null. */
    private CommandGroup runningGroup;
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
        final UnsafeBuffer buffer;
        if (slot.overflow != null)
        {
            overflowBuffer.wrap(slot.overflow);
            buffer = overflowBuffer;
        }
        else
        {
            buffer = slot.buffer;
        }
        headerDecoder.wrap(buffer, 0);
        if (headerDecoder.templateId() == CommandGroupDecoder.TEMPLATE_ID)
        {
            final CommandGroup group = (CommandGroup)slot.attachment;
            final int ioThread = groupDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder).ioThread();
            slot.attachment = null;
            slot.overflow = null;
            eventsThisCycle += runGroup(ioThread, group);
            return eventsThisCycle < EVENTS_PER_CYCLE;
        }
        eventsThisCycle++;
        decodeCommand(eventDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder), slot.attachment);
        slot.attachment = null;
        runCommand();
        // The overflow array is no longer referenced by the args once the reply is written.
        slot.overflow = null;
        return eventsThisCycle < EVENTS_PER_CYCLE;
    }

    /**
     * Run the commands of a squashed group in order, each through {@link #runCommand()}, and hand
     * the group back with the replies they produced.
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
        runningGroup = group;
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            headerDecoder.wrap(requests, offset);
            final CommandEventDecoder decoder = eventDecoder.wrapAndApplyHeader(requests, offset, headerDecoder);
            decodeCommand(decoder, null);
            offset = decoder.limit();
            runCommand();
        }
        runningGroup = null;
        ctx.out.clear();
        publishReply(ioThread, -1, -1, ReplySlot.GROUP, group);
        return count;
    }

    /**
     * Load one decoded CommandEvent into the context: who asked, the command, the arguments
     * (ranges of the decoder's buffer, valid until the buffer is reused: a caller that keeps a
     * command for later must copy them).
     *
     * @param decoder    wrapped at the event; on return its limit is the end of the event.
     * @param attachment object the coordinator handed over with the event, or null.
     */
    private void decodeCommand(final CommandEventDecoder decoder, final Object attachment)
    {
        final ExecContext ctx = this.ctx;
        final int db = decoder.db();
        ctx.connectionId = decoder.connectionId();
        ctx.requestSeq = decoder.requestSeq();
        ctx.ioThread = decoder.ioThread();
        ctx.isPart = decoder.opRaw() == Op.PART.value();
        ctx.subOp = decoder.subOp();
        ctx.part = decoder.part();
        ctx.dbIndex = db;
        ctx.db = databases[db];
        ctx.attachment = attachment;
        ctx.replyAttachment = null;
        ctx.keysChanged = false;
        ctx.spec = table.byId(decoder.commandId());
        ctx.out.clear().protocol(decoder.protocolRaw());
        final CommandEventDecoder.ArgsDecoder group = decoder.args();
        ctx.args.reset(decoder.buffer());
        while (group.hasNext())
        {
            group.next();
            final int length = group.argLength();
            ctx.args.add(decoder.limit() + CommandEventDecoder.ArgsDecoder.argHeaderLength(), length);
            group.skipArg();
        }
    }

    /**
     * Run the command loaded by {@link #decodeCommand} and deliver its reply. Every command passes
     * here, whether it came alone or in a squashed group: inside a group the reply joins the
     * group's replies (unless it is a coordinator's part or carries an object back), otherwise it
     * is published on its own to the reply ring of the I/O thread that sent the command.
     */
    private void runCommand()
    {
        final ExecContext ctx = this.ctx;
        final CommandSpec spec = ctx.spec;
        final int commandId = spec.id();
        final boolean isPart = ctx.isPart;
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
        keyspace.endCommand();
        final boolean failed = ctx.out.position() > 0 && ctx.out.buffer().getByte(0) == '-';
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
        final int db = ctx.dbIndex;
        if (ctx.keysChanged || ctx.db.expiredKeys() != expiredSeen[db])
        {
            syncExpired();
            publishKeyspace();
        }
        publishMemory();
        final CommandGroup group = runningGroup;
        if (group != null && !isPart && ctx.replyAttachment == null)
        {
            group.addReply(ctx.connectionId, ctx.requestSeq, ctx.out.buffer(), ctx.out.position());
        }
        else
        {
            publishReply(ctx.ioThread, ctx.connectionId, ctx.requestSeq, isPart ? ctx.part : ReplySlot.WHOLE,
                ctx.replyAttachment);
        }
        ctx.attachment = null;
        ctx.replyAttachment = null;
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
        final int length = ctx.out.position();
        final ArrayDeque<PendingReply> outbox = outboxes[ioThread];
        if (outbox.isEmpty())
        {
            final RingBuffer<ReplySlot> replyRing = replyChannels[ioThread].ring();
            try
            {
                final long s = replyRing.tryNext();
                final ReplySlot slot = replyRing.get(s);
                fill(slot, connectionId, seq, part, ctx.out.buffer(), length, attachment);
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
        ctx.out.buffer().getBytes(0, copy);
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
