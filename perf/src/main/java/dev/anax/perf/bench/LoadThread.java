package dev.anax.perf.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Consumer;

/**
 * One selector thread of anax-bench and the connections it owns. It loads its share of the keys,
 * waits for the others, then runs the mix closed loop (a fixed number of requests in flight per
 * connection) or open loop (requests sent at planned times), checking every reply. Nothing on the
 * request path allocates.
 */
final class LoadThread implements Runnable
{
    private static final int PHASE_LOAD = 0;
    private static final int PHASE_CLOSED = 1;
    private static final int PHASE_OPEN = 2;
    private static final int LOAD_SET = -1;

    /** A connection and its in-flight requests (a ring indexed by request number). */
    static final class Conn
    {
        final int index;
        SocketChannel channel;
        SelectionKey key;
        boolean closed;
        byte[] out;
        int outPos;
        int outLen;
        final ByteBuffer outBuf;
        byte[] in;
        int inLen;
        ByteBuffer inBuf;
        final int capacity;
        long sent;
        long done;
        final int[] template;
        final long[] planned;
        final long[] sentAt;
        final int[] keys;
        final int[] aux;
        OpenLoopSchedule schedule;
        long nextIndex;
        int nextLoadKey;

        Conn(final int index, final int capacity, final int maxKeys, final int outBytes)
        {
            this.index = index;
            this.capacity = capacity;
            template = new int[capacity];
            planned = new long[capacity];
            sentAt = new long[capacity];
            keys = new int[capacity * maxKeys];
            aux = new int[capacity * maxKeys];
            out = new byte[outBytes];
            outBuf = ByteBuffer.wrap(out);
            in = new byte[64 * 1024];
            inBuf = ByteBuffer.wrap(in);
        }

        int inFlight()
        {
            return (int)(sent - done);
        }
    }

    private final BenchConfig config;
    private final CommandMix mix;
    private final CommandTemplate setTemplate;
    private final KeyDistribution distribution;
    private final KeyspaceModel model;
    private final ReplyChecker checker;
    private final LatencyStats stats;
    private final RunClock clock;
    private final CyclicBarrier barrier;
    private final SplittableRandom random;
    private final Conn[] conns;
    private final int maxKeys;
    private final int maxRequest;
    private final ShardSpread spread;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private Selector selector;
    private int phase;

    /** Replies recorded in the measured window, per command name. */
    final long[] measured;
    /** Error replies (any phase), per command name. */
    final long[] errors;
    /** Wrong answers (any phase), per command name. */
    final long[] mismatches;
    /** Errors and wrong answers to the loading SETs. */
    long loadProblems;
    /** Keys loaded (SETs answered +OK while loading). */
    long loaded;
    /** Requests never answered (connection lost, or drain timeout). */
    long lost;
    /** Connections the server closed, or malformed replies. */
    long disconnects;
    /** Open loop: actual send time minus planned time, for measured requests. */
    final Histogram sendLag = new Histogram(3);
    /** The first problem seen, for the report. */
    String firstProblem;
    /** Why the thread failed, if it did. */
    Throwable failure;

    LoadThread(final int id, final BenchConfig config, final CommandMix mix, final KeyDistribution distribution,
        final KeyspaceModel model, final ValueCodec values, final KeyFormat keyFormat, final LatencyStats stats,
        final RunClock clock, final CyclicBarrier barrier, final List<Integer> connectionIndexes,
        final ShardSpread spread)
    {
        this.spread = spread;
        this.config = config;
        this.mix = mix;
        this.setTemplate = new CommandTemplate("SET __key__ __value__", keyFormat, values);
        this.distribution = distribution;
        this.model = model;
        this.checker = new ReplyChecker(model, values);
        this.stats = stats;
        this.clock = clock;
        this.barrier = barrier;
        this.random = new SplittableRandom(config.seed * 31 + id);
        this.maxKeys = mix.maxKeys();
        this.maxRequest = Math.max(mix.maxEncodedLength(), setTemplate.maxEncodedLength());
        final int capacity = Math.max(config.pipeline, Math.max(config.loadPipeline, config.maxInFlight));
        final int outBytes = Math.max(64 * 1024, Math.min(capacity, 256) * maxRequest);
        conns = new Conn[connectionIndexes.size()];
        for (int i = 0; i < conns.length; i++)
        {
            conns[i] = new Conn(connectionIndexes.get(i), capacity, maxKeys, outBytes);
        }
        final int names = mix.names().length;
        measured = new long[names];
        errors = new long[names];
        mismatches = new long[names];
    }

    @Override
    public void run()
    {
        try
        {
            selector = Selector.open();
            for (final Conn c : conns)
            {
                c.channel = SocketChannel.open(new InetSocketAddress(config.host, config.port));
                c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.channel.configureBlocking(false);
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                c.nextLoadKey = c.index;
            }
            if (config.load)
            {
                phase = PHASE_LOAD;
                eventLoop();
            }
            barrier.await();
            if (!clock.loadOnly)
            {
                phase = config.openLoop() ? PHASE_OPEN : PHASE_CLOSED;
                for (final Conn c : conns)
                {
                    if (config.openLoop())
                    {
                        c.schedule = new OpenLoopSchedule(clock.runStartNs, config.rate, config.connections, c.index);
                    }
                }
                eventLoop();
            }
        }
        catch (final Throwable t)
        {
            failure = t;
            barrier.reset();
        }
        finally
        {
            for (final Conn c : conns)
            {
                closeQuietly(c);
            }
            if (selector != null)
            {
                try
                {
                    selector.close();
                }
                catch (final IOException ignored)
                {
                    // closing anyway
                }
            }
        }
    }

    private void eventLoop() throws IOException
    {
        while (true)
        {
            final long now = System.nanoTime();
            boolean active = false;
            long nextDue = Long.MAX_VALUE;
            for (final Conn c : conns)
            {
                if (c.closed)
                {
                    continue;
                }
                switch (phase)
                {
                    case PHASE_LOAD:
                        fillLoad(c, now);
                        active |= c.nextLoadKey < config.keys;
                        break;
                    case PHASE_CLOSED:
                        if (now < clock.measureEndNs)
                        {
                            fillClosed(c, now);
                            active = true;
                        }
                        break;
                    default:
                        final long due = fillOpen(c, now);
                        if (due != Long.MAX_VALUE)
                        {
                            active = true;
                            nextDue = Math.min(nextDue, due);
                        }
                        break;
                }
                flush(c);
                active |= c.inFlight() > 0;
            }
            if (!active)
            {
                return;
            }
            if (phase != PHASE_LOAD && now > clock.drainDeadlineNs)
            {
                giveUp(now);
                return;
            }
            if (phase == PHASE_OPEN && nextDue != Long.MAX_VALUE)
            {
                final long wait = nextDue - System.nanoTime();
                if (wait > 2_000_000L)
                {
                    selector.select(onReady, (wait - 1_000_000L) / 1_000_000L);
                }
                else
                {
                    if (selector.selectNow(onReady) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            else
            {
                selector.select(onReady, 10);
            }
        }
    }

    private void onReady(final SelectionKey key)
    {
        final Conn c = (Conn)key.attachment();
        if (c.closed || !key.isValid())
        {
            return;
        }
        if (key.isReadable())
        {
            read(c);
        }
        if (!c.closed && key.isValid() && key.isWritable())
        {
            flush(c);
        }
    }

    private boolean room(final Conn c)
    {
        if (c.out.length - c.outLen >= maxRequest)
        {
            return true;
        }
        if (c.outPos > 0)
        {
            System.arraycopy(c.out, c.outPos, c.out, 0, c.outLen - c.outPos);
            c.outLen -= c.outPos;
            c.outPos = 0;
        }
        return c.out.length - c.outLen >= maxRequest;
    }

    private void fillLoad(final Conn c, final long now)
    {
        while (c.nextLoadKey < config.keys && c.inFlight() < config.loadPipeline && room(c))
        {
            send(c, LOAD_SET, c.nextLoadKey, now, now);
            c.nextLoadKey += config.connections;
        }
    }

    private void fillClosed(final Conn c, final long now)
    {
        while (c.inFlight() < config.pipeline && room(c))
        {
            send(c, mix.pick(random), -1, now, now);
        }
    }

    private long fillOpen(final Conn c, final long now)
    {
        final long end = clock.measureEndNs;
        final long due = c.schedule.dueBy(now);
        while (c.nextIndex < due && c.inFlight() < c.capacity && room(c))
        {
            final long planned = c.schedule.plannedNs(c.nextIndex);
            if (planned >= end)
            {
                break;
            }
            send(c, mix.pick(random), -1, planned, now);
            if (planned >= clock.measureStartNs)
            {
                sendLag.recordValue(Math.max(0, now - planned));
            }
            c.nextIndex++;
        }
        final long next = c.schedule.plannedNs(c.nextIndex);
        return next < end ? next : Long.MAX_VALUE;
    }

    private void send(final Conn c, final int templateIndex, final int fixedKey, final long planned, final long now)
    {
        final CommandTemplate t = templateIndex == LOAD_SET ? setTemplate : mix.template(templateIndex);
        final int slot = (int)(c.sent % c.capacity);
        final int kb = slot * maxKeys;
        final int keyCount = t.keyCount();
        for (int k = 0; k < keyCount; k++)
        {
            c.keys[kb + k] = fixedKey >= 0 ? fixedKey : keyCount > 1 ? spread.next(distribution, random, k) :
                distribution.next(random);
        }
        int version = 0;
        switch (t.kind())
        {
            case SET:
                version = model.beginSet(c.keys[kb]);
                c.aux[kb] = version;
                break;
            case GET:
            case MGET:
                for (int k = 0; k < keyCount; k++)
                {
                    c.aux[kb + k] = model.floor(c.keys[kb + k]);
                }
                break;
            default:
                for (int k = 0; k < keyCount; k++)
                {
                    model.markUnknown(c.keys[kb + k]);
                }
                break;
        }
        c.outLen = t.encode(c.out, c.outLen, c.keys, kb, version, random, config.keys);
        c.template[slot] = templateIndex;
        c.planned[slot] = planned;
        c.sentAt[slot] = now;
        c.sent++;
    }

    private void flush(final Conn c)
    {
        if (c.closed || c.outPos == c.outLen)
        {
            return;
        }
        try
        {
            c.outBuf.limit(c.outLen).position(c.outPos);
            c.channel.write(c.outBuf);
            c.outPos = c.outBuf.position();
            if (c.outPos == c.outLen)
            {
                c.outPos = 0;
                c.outLen = 0;
                if ((c.key.interestOps() & SelectionKey.OP_WRITE) != 0)
                {
                    c.key.interestOps(SelectionKey.OP_READ);
                }
            }
            else if ((c.key.interestOps() & SelectionKey.OP_WRITE) == 0)
            {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        catch (final IOException ex)
        {
            lose(c, "write failed: " + ex.getMessage());
        }
    }

    private void read(final Conn c)
    {
        final int n;
        try
        {
            c.inBuf.limit(c.in.length).position(c.inLen);
            n = c.channel.read(c.inBuf);
        }
        catch (final IOException ex)
        {
            lose(c, "read failed: " + ex.getMessage());
            return;
        }
        if (n < 0)
        {
            lose(c, "server closed the connection");
            return;
        }
        c.inLen += n;
        final long now = System.nanoTime();
        // p: the end of the replies scanned; start: where the oldest unanswered request's replies
        // begin (a sequence is answered by several); bytes from start on are kept for next time.
        int p = 0;
        int start = 0;
        int repliesSeen = 0;
        while (true)
        {
            final int e = RespReplies.scan(c.in, p, c.inLen);
            if (e == RespReplies.INCOMPLETE)
            {
                break;
            }
            if (e == RespReplies.MALFORMED || c.inFlight() == 0)
            {
                lose(c, e == RespReplies.MALFORMED ? "malformed reply" : "reply to no request");
                return;
            }
            p = e;
            if (++repliesSeen < repliesExpected(c))
            {
                continue;
            }
            onReply(c, start, e, now);
            start = e;
            repliesSeen = 0;
        }
        p = start;
        if (p > 0)
        {
            System.arraycopy(c.in, p, c.in, 0, c.inLen - p);
            c.inLen -= p;
        }
        if (c.inLen == c.in.length)
        {
            c.in = java.util.Arrays.copyOf(c.in, c.in.length * 2);
            c.inBuf = ByteBuffer.wrap(c.in);
        }
    }

    /** @return how many replies answer the oldest unanswered request of the connection. */
    private int repliesExpected(final Conn c)
    {
        final int ti = c.template[(int)(c.done % c.capacity)];
        return ti == LOAD_SET ? 1 : mix.template(ti).replies();
    }

    private void onReply(final Conn c, final int start, final int end, final long now)
    {
        final int slot = (int)(c.done % c.capacity);
        final int ti = c.template[slot];
        final int kb = slot * maxKeys;
        c.done++;
        if (ti == LOAD_SET)
        {
            if (checker.checkSet(c.keys[kb], c.in, start, end) == ReplyChecker.OK)
            {
                loaded++;
            }
            else
            {
                loadProblems++;
                noteProblem();
            }
            return;
        }
        final CommandTemplate t = mix.template(ti);
        final int r;
        switch (t.kind())
        {
            case SET:
                r = checker.checkSet(c.keys[kb], c.in, start, end);
                break;
            case GET:
                r = checker.checkGet(c.keys[kb], c.aux[kb], c.in, start, end);
                break;
            case MGET:
                r = checker.checkMget(c.keys, c.aux, kb, t.keyCount(), c.in, start, end);
                break;
            case SEQUENCE:
                r = checker.checkSequence(t.name(), c.in, start, end, t.isTransaction());
                break;
            default:
                r = checker.checkOther(t.name(), c.in, start, end);
                break;
        }
        final int name = mix.nameIndex(ti);
        if (r == ReplyChecker.ERROR_REPLY)
        {
            errors[name]++;
            noteProblem();
        }
        else if (r == ReplyChecker.MISMATCH)
        {
            mismatches[name]++;
            noteProblem();
        }
        final boolean inWindow;
        final long latency;
        if (phase == PHASE_OPEN)
        {
            final long planned = c.planned[slot];
            inWindow = planned >= clock.measureStartNs && planned < clock.measureEndNs;
            latency = now - planned;
        }
        else
        {
            inWindow = now >= clock.measureStartNs && now < clock.measureEndNs;
            latency = now - c.sentAt[slot];
        }
        if (inWindow)
        {
            measured[name]++;
            stats.record(name, latency);
        }
    }

    private void noteProblem()
    {
        if (firstProblem == null)
        {
            firstProblem = checker.lastProblem();
        }
    }

    private void giveUp(final long now)
    {
        for (final Conn c : conns)
        {
            if (c.closed)
            {
                continue;
            }
            for (long i = c.done; i < c.sent; i++)
            {
                final int slot = (int)(i % c.capacity);
                final int ti = c.template[slot];
                if (ti >= 0 && phase == PHASE_OPEN && c.planned[slot] >= clock.measureStartNs)
                {
                    stats.record(mix.nameIndex(ti), now - c.planned[slot]);
                }
                lost++;
            }
            c.done = c.sent;
        }
        if (lost > 0 && firstProblem == null)
        {
            firstProblem = lost + " requests unanswered " + (config.drainNs / 1_000_000_000L) + " s after the run";
        }
    }

    private void lose(final Conn c, final String why)
    {
        disconnects++;
        lost += c.inFlight();
        c.done = c.sent;
        if (firstProblem == null)
        {
            firstProblem = "connection " + c.index + ": " + why;
        }
        closeQuietly(c);
    }

    private static void closeQuietly(final Conn c)
    {
        c.closed = true;
        if (c.channel != null)
        {
            try
            {
                c.channel.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
    }
}
