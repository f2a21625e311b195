package dev.anax.engine.stats;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the server's memory is, as INFO memory, MEMORY STATS and the maxmemory gate see it.
 * <p>
 * {@code used_memory} = the keyspace's off-heap bytes (record pages and table segments, counted
 * exactly by each shard and published as gauges in its {@link ThreadStats}) + the JVM heap in
 * use (live objects and garbage not yet collected: the values of collections, connections,
 * buffers) + the JVM's non-heap pools (class metadata, compiled code) + direct buffers. What the
 * process holds beyond that (GC bookkeeping, thread stacks, unused heap the GC keeps committed,
 * free space of malloc) is the difference to RSS, reported as fragmentation, as Redis reports
 * its allocator's overhead.
 * <p>
 * Any thread may call it. The JVM part is sampled at most every 10 ms (the maxmemory gate asks on
 * every write command that may grow memory).
 */
public final class MemoryGauge
{
    private static final long SAMPLE_NANOS = 10_000_000L;
    private static final long PAGE_SIZE = 4096;

    private final List<ThreadStats> shards;
    private final MemoryMXBean memoryBean = ManagementFactory.getMemoryMXBean();
    private final BufferPoolMXBean direct = directPool();
    private final long startup;
    private volatile long jvmUsed;
    private volatile long sampledAt = System.nanoTime() - 2 * SAMPLE_NANOS;

    /**
     * @param shards the counters of every shard.
     */
    public MemoryGauge(final List<ThreadStats> shards)
    {
        this.shards = shards;
        this.startup = used();
    }

    private static BufferPoolMXBean directPool()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if (pool.getName().equals("direct"))
            {
                return pool;
            }
        }
        return null;
    }

    /** @return used memory as the engine started (Redis's used_memory_startup). */
    public long startup()
    {
        return startup;
    }

    /** @return used_memory now, with a JVM sample at most 10 ms old. */
    public long used()
    {
        final long now = System.nanoTime();
        if (now - sampledAt > SAMPLE_NANOS)
        {
            jvmUsed = sampleJvm();
            sampledAt = now;
        }
        return keyspaceOffHeap() + jvmUsed;
    }

    private long sampleJvm()
    {
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory() + memoryBean.getNonHeapMemoryUsage().getUsed() +
            (direct == null ? 0 : direct.getMemoryUsed());
    }

    /** @return off-heap bytes held by every shard's keyspace. */
    public long keyspaceOffHeap()
    {
        return sum(ThreadStats.KEYSPACE_OFFHEAP);
    }

    private long sum(final int gauge)
    {
        long total = 0;
        for (final ThreadStats stats : shards)
        {
            total += stats.gauge(gauge);
        }
        return total;
    }

    /** @return every figure at once, freshly sampled. */
    public Snapshot snapshot()
    {
        final Runtime runtime = Runtime.getRuntime();
        final long heapUsed = runtime.totalMemory() - runtime.freeMemory();
        final MemoryUsage nonHeap = memoryBean.getNonHeapMemoryUsage();
        final long directUsed = direct == null ? 0 : direct.getMemoryUsed();
        jvmUsed = heapUsed + nonHeap.getUsed() + directUsed;
        sampledAt = System.nanoTime();
        final long offHeap = keyspaceOffHeap();
        return new Snapshot(
            offHeap + jvmUsed,
            startup,
            offHeap,
            sum(ThreadStats.KEYSPACE_RECORDS),
            sum(ThreadStats.KEYSPACE_TABLE),
            sum(ThreadStats.KEYSPACE_OBJECTS),
            heapUsed,
            runtime.totalMemory(),
            runtime.maxMemory(),
            nonHeap.getUsed(),
            directUsed,
            residentSetSize());
    }

    /** @return resident bytes from /proc/self/statm, or 0 where there is none. */
    public static long residentSetSize()
    {
        try
        {
            final String statm = new String(Files.readAllBytes(Path.of("/proc/self/statm")), StandardCharsets.US_ASCII);
            final String[] fields = statm.trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }

    /**
     * The memory figures at one moment.
     *
     * @param used           used_memory.
     * @param startup        used_memory at start.
     * @param keyspaceOffHeap off-heap bytes of all keyspaces (pages and segments).
     * @param records        bytes of the record blocks in use.
     * @param table          bytes of the hash table segments.
     * @param heapObjects    values kept as heap objects.
     * @param heapUsed       JVM heap in use.
     * @param heapCommitted  JVM heap committed.
     * @param heapMax        JVM heap limit.
     * @param nonHeap        JVM non-heap pools in use.
     * @param direct         direct buffers in use.
     * @param rss            resident set size of the process.
     */
    public record Snapshot(
        long used,
        long startup,
        long keyspaceOffHeap,
        long records,
        long table,
        long heapObjects,
        long heapUsed,
        long heapCommitted,
        long heapMax,
        long nonHeap,
        long direct,
        long rss)
    {
        /** @return what is not data: startup, table segments, free space in record pages. */
        public long overhead()
        {
            return Math.min(used, startup + table + Math.max(0, keyspaceOffHeap - table - records));
        }

        /** @return used minus overhead. */
        public long dataset()
        {
            return used - overhead();
        }
    }
}
