package dev.anax.engine;

import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.family.Families;
import dev.anax.engine.shard.CommandSlot;
import dev.anax.engine.shard.ReplySlot;
import dev.anax.engine.shard.Shard;
import dev.anax.engine.shard.ShardChannel;
import dev.anax.engine.stats.MemoryGauge;
import dev.anax.engine.stats.ServerMetrics;
import dev.anax.engine.stats.ThreadStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine assembled: the command table with every family bound, the shards and one
 * dispatcher per I/O thread, wired ring to ring. It starts no thread: the transport's threading
 * mode decides which thread runs which agent.
 */
public final class Engine
{
    private final ServerConfig config;
    private final CommandTable table;
    private final Shard[] shards;
    private final Dispatcher[] dispatchers;
    private final AtomicLong clientIds = new AtomicLong();
    /** Global transaction ids: their order is the serial order of conflicting transactions. */
    private final AtomicLong txIds = new AtomicLong();
    private final ConcurrentHashMap<Long, ClientSession> clients = new ConcurrentHashMap<>();
    private final long startTimeMs = System.currentTimeMillis();
    private final String runId;
    private final dev.anax.engine.stats.LatencyReport latencyReport;
    private final ServerMetrics metrics = new ServerMetrics();
    private final MemoryGauge memory;
    private volatile Runnable shutdownHook = () -> { };
    private volatile long lastStatResetMs = startTimeMs;

    /**
     * @param config    the options; {@code threads} decides the number of shards.
     * @param ioThreads number of I/O threads (dispatchers).
     */
    @SuppressWarnings("unchecked")
    public Engine(final ServerConfig config, final int ioThreads)
    {
        this.config = config;
        this.table = CommandTable.load();
        Families.bindAll(table);
        table.seal();
        final int shardCount = config.require("threads").asInt();
        this.shards = new Shard[shardCount];
        final ShardChannel<CommandSlot>[] shardChannels = new ShardChannel[shardCount];
        for (int i = 0; i < shardCount; i++)
        {
            shards[i] = new Shard(i, shardCount, table, config);
            shardChannels[i] = shards[i].channel();
        }
        this.dispatchers = new Dispatcher[ioThreads];
        final ShardChannel<ReplySlot>[] replyChannels = new ShardChannel[ioThreads];
        for (int i = 0; i < ioThreads; i++)
        {
            dispatchers[i] = new Dispatcher(i, this, shardChannels);
            replyChannels[i] = dispatchers[i].replyChannel();
        }
        final List<ThreadStats> shardStats = new ArrayList<>();
        for (final Shard shard : shards)
        {
            shard.connect(replyChannels);
            shardStats.add(shard.stats());
        }
        final List<dev.anax.engine.stats.CommandLatency> latencies = new ArrayList<>();
        for (final Shard shard : shards)
        {
            latencies.add(shard.latency());
        }
        for (final Dispatcher dispatcher : dispatchers)
        {
            latencies.add(dispatcher.latency());
        }
        this.latencyReport = new dev.anax.engine.stats.LatencyReport(latencies, table.size());
        config.onChange("latency-tracking", option ->
        {
            for (final dev.anax.engine.stats.CommandLatency latency : latencies)
            {
                latency.enabled(option.asBoolean());
            }
        });
        this.memory = new MemoryGauge(shardStats);
        final StringBuilder id = new StringBuilder();
        final java.util.Random random = new java.security.SecureRandom();
        for (int i = 0; i < 40; i++)
        {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        this.runId = id.toString();
    }

    public ServerConfig config()
    {
        return config;
    }

    public CommandTable table()
    {
        return table;
    }

    public Shard[] shards()
    {
        return shards;
    }

    public Dispatcher[] dispatchers()
    {
        return dispatchers;
    }

    public long startTimeMs()
    {
        return startTimeMs;
    }

    /**
     * Take the next global transaction id (any thread).
     *
     * @return a positive id, larger than every id taken before.
     */
    public long nextTxId()
    {
        return txIds.incrementAndGet();
    }

    /** @return per-command latency over every thread (LATENCY HISTOGRAM, INFO latencystats). */
    public dev.anax.engine.stats.LatencyReport latencyReport()
    {
        return latencyReport;
    }

    public String runId()
    {
        return runId;
    }

    public long nextClientId()
    {
        return clientIds.incrementAndGet();
    }

    public void registerClient(final ClientSession session)
    {
        clients.put(session.id(), session);
    }

    public void unregisterClient(final ClientSession session)
    {
        clients.remove(session.id());
    }

    /** @return every connected client, from any thread (a racy snapshot). */
    public Collection<ClientSession> clients()
    {
        return clients.values();
    }

    /** @return every published counter set: shards first, then dispatchers. */
    public List<ThreadStats> allStats()
    {
        final List<ThreadStats> all = new ArrayList<>();
        for (final Shard shard : shards)
        {
            all.add(shard.stats());
        }
        for (final Dispatcher dispatcher : dispatchers)
        {
            all.add(dispatcher.stats());
        }
        return all;
    }

    /**
     * Sum one counter over every thread.
     *
     * @param index counter index in {@link ThreadStats}.
     * @return the total.
     */
    public long sum(final int index)
    {
        long total = 0;
        for (final ThreadStats stats : allStats())
        {
            total += stats.get(index);
        }
        return total;
    }

    /**
     * What SHUTDOWN runs (set by the server assembly).
     *
     * @param hook stops the server.
     */
    public void shutdownHook(final Runnable hook)
    {
        this.shutdownHook = hook;
    }

    public Runnable shutdownHook()
    {
        return shutdownHook;
    }

    /** @return server-wide figures of INFO (memory peak, rate samples, replication id). */
    public ServerMetrics metrics()
    {
        return metrics;
    }

    /** @return the memory figures (used_memory and its parts), from any thread. */
    public MemoryGauge memory()
    {
        return memory;
    }

    public long lastStatResetMs()
    {
        return lastStatResetMs;
    }

    public void statsReset(final long nowMs)
    {
        lastStatResetMs = nowMs;
    }
}
