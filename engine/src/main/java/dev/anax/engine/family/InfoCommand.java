package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.Engine;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.stats.ErrorCodes;
import dev.anax.engine.stats.MemoryGauge;
import dev.anax.engine.stats.ThreadStats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * INFO [section ...]: Redis 7.0's sections and field names, assembled on the I/O thread from the
 * counters every thread publishes ({@link Engine#allStats()}), never from shard state. Fields
 * about machinery Anax does not have (fork, RDB, AOF, replicas, Pub/Sub) show the values an idle
 * Redis without it shows; figures Anax has no measure for are left out rather than invented.
 */
final class InfoCommand
{
    private static final String[] SECTIONS = {
        "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats",
        "errorstats", "latencystats", "cluster", "keyspace",
    };
    /** Sections INFO without arguments (or "default") shows: all but commandstats and latencystats. */
    private static final boolean[] DEFAULT = {
        true, true, true, true, true, true, true, true, false, true, false, true, true,
    };
    private static final String ANAX_VERSION = anaxVersion();

    private InfoCommand()
    {
    }

    private static String anaxVersion()
    {
        final String version = Engine.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }

    static void info(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final boolean[] wanted = new boolean[SECTIONS.length];
        if (args.count() == 1)
        {
            System.arraycopy(DEFAULT, 0, wanted, 0, wanted.length);
        }
        for (int i = 1; i < args.count(); i++)
        {
            if (args.is(i, "all") || args.is(i, "everything"))
            {
                java.util.Arrays.fill(wanted, true);
            }
            else if (args.is(i, "default"))
            {
                for (int s = 0; s < SECTIONS.length; s++)
                {
                    wanted[s] |= DEFAULT[s];
                }
            }
            else
            {
                for (int s = 0; s < SECTIONS.length; s++)
                {
                    if (args.is(i, SECTIONS[s]))
                    {
                        wanted[s] = true;
                    }
                }
            }
        }
        out.verbatim("txt", render(d, wanted));
    }

    /**
     * The text of the wanted sections: each a "# Title" line and "field:value" lines, all CRLF
     * terminated, sections separated by an empty line.
     *
     * @param d      the I/O thread's dispatcher.
     * @param wanted one flag per section, in {@link #SECTIONS} order.
     * @return the text.
     */
    static String render(final Dispatcher d, final boolean[] wanted)
    {
        final Engine engine = d.engine();
        final Snapshot snap = new Snapshot(engine.allStats(), engine.table().size());
        final StringBuilder sb = new StringBuilder(4096);
        for (int s = 0; s < SECTIONS.length; s++)
        {
            if (!wanted[s])
            {
                continue;
            }
            if (sb.length() > 0)
            {
                sb.append("\r\n");
            }
            switch (SECTIONS[s])
            {
                case "server":
                    server(sb, engine);
                    break;
                case "clients":
                    clients(sb, engine);
                    break;
                case "memory":
                    memory(sb, engine);
                    break;
                case "persistence":
                    persistence(sb, engine);
                    break;
                case "stats":
                    stats(sb, engine, snap);
                    break;
                case "replication":
                    replication(sb, engine);
                    break;
                case "cpu":
                    cpu(sb);
                    break;
                case "modules":
                    sb.append("# Modules\r\n");
                    break;
                case "commandstats":
                    commandStats(sb, engine, snap);
                    break;
                case "errorstats":
                    errorStats(sb, snap);
                    break;
                case "latencystats":
                    LatencyCommand.infoSection(sb, engine);
                    break;
                case "cluster":
                    sb.append("# Cluster\r\ncluster_enabled:0\r\n");
                    break;
                case "keyspace":
                    keyspace(sb, snap);
                    break;
                default:
                    break;
            }
        }
        return sb.toString();
    }

    private static void field(final StringBuilder sb, final String name, final Object value)
    {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private static void server(final StringBuilder sb, final Engine engine)
    {
        final ServerConfig config = engine.config();
        final long nowMs = System.currentTimeMillis();
        final Instant now = Instant.now();
        final long uptime = Math.max(0, (nowMs - engine.startTimeMs()) / 1000);
        sb.append("# Server\r\n");
        field(sb, "redis_version", ConnectionFamily.SERVER_VERSION);
        field(sb, "redis_git_sha1", "00000000");
        field(sb, "redis_git_dirty", 0);
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch());
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", engine.runId());
        field(sb, "tcp_port", config.require("port").asString());
        field(sb, "server_time_usec", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", config.require("hz").asString());
        field(sb, "configured_hz", config.require("hz").asString());
        field(sb, "lru_clock", (nowMs / 1000) & ((1 << 24) - 1));
        field(sb, "executable", ProcessHandle.current().info().command().orElse(""));
        field(sb, "config_file", config.configFile());
        field(sb, "anax_version", ANAX_VERSION);
    }

    private static String arch()
    {
        final String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    private static void clients(final StringBuilder sb, final Engine engine)
    {
        long maxInput = 0;
        long maxOutput = 0;
        int connected = 0;
        int blocked = 0;
        int timed = 0;
        for (final ClientSession client : engine.clients())
        {
            connected++;
            final dev.anax.engine.shard.BlockToken token = client.blockToken();
            if (token != null)
            {
                blocked++;
                timed += token.hasTimeout() ? 1 : 0;
            }
            maxInput = Math.max(maxInput, client.sink().pendingInputBytes());
            maxOutput = Math.max(maxOutput, client.sink().pendingOutputBytes());
        }
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", connected);
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", engine.config().require("maxclients").asString());
        field(sb, "client_recent_max_input_buffer", maxInput);
        field(sb, "client_recent_max_output_buffer", maxOutput);
        field(sb, "blocked_clients", blocked);
        field(sb, "tracking_clients", 0);
        field(sb, "clients_in_timeout_table", timed);
    }

    /**
     * INFO memory: Redis's fields with Anax's figures (see {@link MemoryGauge}), then Anax's own
     * breakdown: the keyspace off heap, the JVM heap, and the rest of the JVM.
     */
    private static void memory(final StringBuilder sb, final Engine engine)
    {
        final MemoryGauge.Snapshot m = engine.memory().snapshot();
        final long used = m.used();
        final long peak = engine.metrics().memoryPeak(used);
        final long rss = m.rss();
        final long total = totalSystemMemory();
        final long maxmemory = engine.config().require("maxmemory").asLong();
        final long overhead = m.overhead();
        final long dataset = m.dataset();
        final long allocated = m.keyspaceOffHeap() + m.heapUsed();
        final long active = m.keyspaceOffHeap() + m.heapCommitted();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", human(rss));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", human(peak));
        field(sb, "used_memory_peak_perc", percent(used, peak));
        field(sb, "used_memory_overhead", overhead);
        field(sb, "used_memory_startup", m.startup());
        field(sb, "used_memory_dataset", dataset);
        field(sb, "used_memory_dataset_perc", percent(dataset, used - m.startup()));
        field(sb, "allocator_allocated", allocated);
        field(sb, "allocator_active", active);
        field(sb, "allocator_resident", rss);
        field(sb, "total_system_memory", total);
        field(sb, "total_system_memory_human", human(total));
        field(sb, "maxmemory", maxmemory);
        field(sb, "maxmemory_human", human(maxmemory));
        field(sb, "maxmemory_policy", engine.config().require("maxmemory-policy").asString());
        field(sb, "allocator_frag_ratio", ratio(active, allocated));
        field(sb, "allocator_frag_bytes", active - allocated);
        field(sb, "allocator_rss_ratio", ratio(rss, active));
        field(sb, "allocator_rss_bytes", rss - active);
        field(sb, "mem_fragmentation_ratio", ratio(rss, used));
        field(sb, "mem_fragmentation_bytes", rss - used);
        field(sb, "mem_not_counted_for_evict", 0);
        field(sb, "mem_replication_backlog", 0);
        field(sb, "mem_total_replication_buffers", 0);
        field(sb, "mem_clients_slaves", 0);
        field(sb, "mem_clients_normal", 0);
        field(sb, "mem_cluster_links", 0);
        field(sb, "mem_aof_buffer", 0);
        field(sb, "mem_allocator", "jvm");
        field(sb, "active_defrag_running", 0);
        field(sb, "lazyfree_pending_objects", 0);
        field(sb, "lazyfreed_objects", 0);
        field(sb, "keyspace_offheap", m.keyspaceOffHeap());
        field(sb, "keyspace_offheap_human", human(m.keyspaceOffHeap()));
        field(sb, "keyspace_records", m.records());
        field(sb, "keyspace_table", m.table());
        field(sb, "keyspace_heap_values", m.heapObjects());
        field(sb, "jvm_heap_used", m.heapUsed());
        field(sb, "jvm_heap_committed", m.heapCommitted());
        field(sb, "jvm_heap_max", m.heapMax());
        field(sb, "jvm_non_heap_used", m.nonHeap());
        field(sb, "jvm_direct_used", m.direct());
    }

    private static String percent(final long part, final long whole)
    {
        return String.format(Locale.ROOT, "%.2f%%", whole <= 0 ? 0.0 : part * 100.0 / whole);
    }

    private static String ratio(final long a, final long b)
    {
        return String.format(Locale.ROOT, "%.2f", b <= 0 ? 0.0 : (double)a / b);
    }

    private static long totalSystemMemory()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            return ((com.sun.management.OperatingSystemMXBean)os).getTotalMemorySize();
        }
        return 0;
    }

    /**
     * Redis's human form of a byte count: "512B", "1.06M", "23.54G".
     *
     * @param bytes the count.
     * @return the text.
     */
    static String human(final long bytes)
    {
        final String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024)
        {
            return bytes + "B";
        }
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    private static void persistence(final StringBuilder sb, final Engine engine)
    {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "rdb_changes_since_last_save", 0);
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_save_time", engine.startTimeMs() / 1000);
        field(sb, "rdb_last_bgsave_status", "ok");
        field(sb, "rdb_last_bgsave_time_sec", -1);
        field(sb, "rdb_current_bgsave_time_sec", -1);
        field(sb, "rdb_saves", 0);
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_rewrite_time_sec", -1);
        field(sb, "aof_current_rewrite_time_sec", -1);
        field(sb, "aof_last_bgrewrite_status", "ok");
        field(sb, "aof_rewrites", 0);
        field(sb, "aof_last_write_status", "ok");
        field(sb, "module_fork_in_progress", 0);
    }

    private static void stats(final StringBuilder sb, final Engine engine, final Snapshot snap)
    {
        final long commands = snap.sum(ThreadStats.COMMANDS);
        final long input = snap.sum(ThreadStats.NET_INPUT_BYTES);
        final long output = snap.sum(ThreadStats.NET_OUTPUT_BYTES);
        final double[] rates = engine.metrics().rates(System.currentTimeMillis(), commands, input, output);
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", snap.sum(ThreadStats.CONNECTIONS_RECEIVED));
        field(sb, "total_commands_processed", commands);
        field(sb, "instantaneous_ops_per_sec", Math.round(rates[0]));
        field(sb, "total_net_input_bytes", input);
        field(sb, "total_net_output_bytes", output);
        field(sb, "instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", rates[1] / 1024));
        field(sb, "instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", rates[2] / 1024));
        field(sb, "rejected_connections", snap.sum(ThreadStats.REJECTED_CONNECTIONS));
        field(sb, "sync_full", 0);
        field(sb, "sync_partial_ok", 0);
        field(sb, "sync_partial_err", 0);
        field(sb, "expired_keys", snap.sum(ThreadStats.EXPIRED_KEYS));
        field(sb, "expire_cycle_cpu_milliseconds", snap.sum(ThreadStats.EXPIRE_CYCLE_CPU_MS));
        field(sb, "evicted_keys", snap.sum(ThreadStats.EVICTED_KEYS));
        field(sb, "evicted_clients", 0);
        field(sb, "keyspace_hits", snap.sum(ThreadStats.KEYSPACE_HITS));
        field(sb, "keyspace_misses", snap.sum(ThreadStats.KEYSPACE_MISSES));
        field(sb, "pubsub_channels", 0);
        field(sb, "pubsub_patterns", 0);
        field(sb, "pubsubshard_channels", 0);
        field(sb, "latest_fork_usec", 0);
        field(sb, "total_forks", 0);
        field(sb, "unexpected_error_replies", snap.sum(ThreadStats.INTERNAL_ERRORS));
        field(sb, "total_error_replies", snap.sum(ThreadStats.ERROR_REPLIES));
        field(sb, "anax_transactions_scheduled", snap.sum(ThreadStats.TX_SCHEDULED));
        field(sb, "anax_transactions_refused", snap.sum(ThreadStats.TX_REFUSED));
        field(sb, "anax_commands_deferred", snap.sum(ThreadStats.TX_DEFERRED));
        field(sb, "anax_pipeline_squash_groups", snap.sum(ThreadStats.SQUASH_GROUPS));
        field(sb, "anax_pipeline_squash_commands", snap.sum(ThreadStats.SQUASH_COMMANDS));
    }

    private static void replication(final StringBuilder sb, final Engine engine)
    {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", engine.metrics().replicationId());
        field(sb, "master_replid2", "0000000000000000000000000000000000000000");
        field(sb, "master_repl_offset", 0);
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
        field(sb, "repl_backlog_size", 1048576);
        field(sb, "repl_backlog_first_byte_offset", 0);
        field(sb, "repl_backlog_histlen", 0);
    }

    /**
     * Process CPU from the JVM: the user part is the sum of every live thread's user time, the
     * system part what the process used beyond it. The "main thread" is the I/O thread running INFO.
     */
    private static void cpu(final StringBuilder sb)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long userNanos = 0;
        long threadNanos = 0;
        if (threads.isThreadCpuTimeSupported())
        {
            for (final long id : threads.getAllThreadIds())
            {
                final long user = threads.getThreadUserTime(id);
                final long cpu = threads.getThreadCpuTime(id);
                if (user > 0)
                {
                    userNanos += user;
                }
                if (cpu > 0)
                {
                    threadNanos += cpu;
                }
            }
        }
        long processNanos = threadNanos;
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            processNanos = Math.max(processNanos, ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime());
        }
        final long mainCpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        final long mainUser = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadUserTime() : 0;
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", seconds(Math.max(0, processNanos - userNanos)));
        field(sb, "used_cpu_user", seconds(userNanos));
        field(sb, "used_cpu_sys_children", "0.000000");
        field(sb, "used_cpu_user_children", "0.000000");
        field(sb, "used_cpu_sys_main_thread", seconds(Math.max(0, mainCpu - mainUser)));
        field(sb, "used_cpu_user_main_thread", seconds(Math.max(0, mainUser)));
    }

    private static String seconds(final long nanos)
    {
        final long micros = nanos / 1000;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static void commandStats(final StringBuilder sb, final Engine engine, final Snapshot snap)
    {
        sb.append("# Commandstats\r\n");
        for (final CommandSpec spec : engine.table().all())
        {
            final int id = spec.id();
            final long calls = snap.calls[id];
            final long failed = snap.failed[id];
            final long rejected = snap.rejected[id];
            if (calls == 0 && failed == 0 && rejected == 0)
            {
                continue;
            }
            final long usec = snap.micros[id];
            sb.append("cmdstat_").append(spec.fullName())
                .append(":calls=").append(calls)
                .append(",usec=").append(usec)
                .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double)usec / calls))
                .append(",rejected_calls=").append(rejected)
                .append(",failed_calls=").append(failed)
                .append("\r\n");
        }
    }

    private static void errorStats(final StringBuilder sb, final Snapshot snap)
    {
        sb.append("# Errorstats\r\n");
        for (int code = 0; code < ErrorCodes.OTHER; code++)
        {
            if (snap.errors[code] > 0)
            {
                sb.append("errorstat_").append(ErrorCodes.name(code)).append(":count=").append(snap.errors[code])
                    .append("\r\n");
            }
        }
    }

    private static void keyspace(final StringBuilder sb, final Snapshot snap)
    {
        sb.append("# Keyspace\r\n");
        for (int db = 0; db < snap.keys.length; db++)
        {
            if (snap.keys[db] > 0)
            {
                sb.append("db").append(db).append(":keys=").append(snap.keys[db])
                    .append(",expires=").append(snap.expires[db]).append(",avg_ttl=0\r\n");
            }
        }
    }

    /** The counters of every thread, summed once per INFO. */
    private static final class Snapshot
    {
        final List<ThreadStats> all;
        final long[] calls;
        final long[] micros;
        final long[] failed;
        final long[] rejected;
        final long[] errors = new long[ErrorCodes.count()];
        final long[] keys;
        final long[] expires;

        Snapshot(final List<ThreadStats> all, final int commands)
        {
            this.all = all;
            this.calls = new long[commands];
            this.micros = new long[commands];
            this.failed = new long[commands];
            this.rejected = new long[commands];
            final int databases = all.isEmpty() ? 0 : all.get(0).databases();
            this.keys = new long[databases];
            this.expires = new long[databases];
            for (final ThreadStats stats : all)
            {
                for (int id = 0; id < commands; id++)
                {
                    calls[id] += stats.calls(id);
                    micros[id] += stats.micros(id);
                    failed[id] += stats.failed(id);
                    rejected[id] += stats.rejectedCalls(id);
                }
                for (int code = 0; code < errors.length; code++)
                {
                    errors[code] += stats.errors(code);
                }
                for (int db = 0; db < databases; db++)
                {
                    keys[db] += stats.keys(db);
                    expires[db] += stats.expires(db);
                }
            }
        }

        long sum(final int index)
        {
            long total = 0;
            for (final ThreadStats stats : all)
            {
                total += stats.get(index);
            }
            return total;
        }
    }
}
