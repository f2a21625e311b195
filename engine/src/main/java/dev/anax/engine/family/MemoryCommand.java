package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.Engine;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.stats.MemoryGauge;
import dev.anax.engine.stats.ThreadStats;

import java.util.List;
import java.util.Locale;

/**
 * MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP. USAGE runs on the shard owning the
 * key and counts the key's record, its share of the table and, for a heap value, the value's own
 * estimate; the others are answered on the I/O thread from the figures every shard publishes
 * (see {@link MemoryGauge}), never from shard state.
 */
final class MemoryCommand
{
    /** What MEMORY USAGE samples of a collection when not told. */
    static final int DEFAULT_SAMPLES = 5;
    /** Below this much data MEMORY DOCTOR has nothing to say. */
    private static final long DOCTOR_MIN_DATA = 5L << 20;

    private MemoryCommand()
    {
    }

    /**
     * Bind the MEMORY subcommands.
     *
     * @param table the command table.
     */
    static void register(final CommandTable table)
    {
        table.shard("memory|usage", MemoryCommand::usage);
        table.client("memory|stats", MemoryCommand::stats);
        table.client("memory|doctor", MemoryCommand::doctor);
        table.client("memory|malloc-stats", MemoryCommand::mallocStats);
        table.client("memory|purge", (d, session, args, out) -> out.ok());
        table.client("memory|help", MemoryCommand::help);
    }

    /**
     * MEMORY USAGE key [SAMPLES count]: the options are checked before the key is looked up.
     *
     * @param ctx the command.
     */
    static void usage(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        long samples = DEFAULT_SAMPLES;
        for (int i = 3; i < args.count(); i++)
        {
            if (args.is(i, "samples") && i + 1 < args.count())
            {
                if (!args.parseLong(i + 1, ctx.number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                samples = ctx.number[0];
                if (samples < 0)
                {
                    ctx.out.error(RespErrors.SYNTAX);
                    return;
                }
                i++;
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final KeyEntry entry = KeyFamily.lookupNoTouch(ctx, 2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        ctx.out.integer(entry.memoryUsage((int)Math.min(samples, Integer.MAX_VALUE)));
    }

    /**
     * MEMORY STATS: Redis's fields, in its order, with Anax's figures; then Anax's own.
     */
    static void stats(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final Engine engine = d.engine();
        final MemoryGauge.Snapshot m = engine.memory().snapshot();
        final long peak = engine.metrics().memoryPeak(m.used());
        final List<ThreadStats> all = engine.allStats();
        final int shards = engine.shards().length;
        final int databases = engine.config().databases();
        long keys = 0;
        int usedDbs = 0;
        for (int db = 0; db < databases; db++)
        {
            long dbKeys = 0;
            for (int s = 0; s < shards; s++)
            {
                dbKeys += all.get(s).keys(db);
            }
            if (dbKeys > 0)
            {
                usedDbs++;
            }
            keys += dbKeys;
        }
        final long allocated = m.keyspaceOffHeap() + m.heapUsed();
        final long active = m.keyspaceOffHeap() + m.heapCommitted();
        final long overhead = m.overhead();
        out.mapHeader(27 + usedDbs + 6);
        field(out, "peak.allocated", peak);
        field(out, "total.allocated", m.used());
        field(out, "startup.allocated", m.startup());
        field(out, "replication.backlog", 0);
        field(out, "clients.slaves", 0);
        field(out, "clients.normal", 0);
        field(out, "cluster.links", 0);
        field(out, "aof.buffer", 0);
        field(out, "lua.caches", 0);
        field(out, "functions.caches", 0);
        for (int db = 0; db < databases; db++)
        {
            long dbKeys = 0;
            long expires = 0;
            long table = 0;
            for (int s = 0; s < shards; s++)
            {
                final ThreadStats stats = all.get(s);
                dbKeys += stats.keys(db);
                expires += stats.expires(db);
                table += stats.tableBytes(db);
            }
            if (dbKeys == 0)
            {
                continue;
            }
            out.bulk("db." + db);
            out.mapHeader(3);
            field(out, "overhead.hashtable.main", table);
            // Each key with an expiry has 12 bytes in its record and 4 in the expiry index.
            field(out, "overhead.hashtable.expires", expires * 16);
            field(out, "overhead.hashtable.slot-to-keys", 0);
        }
        field(out, "overhead.total", overhead);
        field(out, "keys.count", keys);
        field(out, "keys.bytes-per-key", keys == 0 ? 0 : (m.used() - m.startup()) / keys);
        field(out, "dataset.bytes", m.dataset());
        ratioField(out, "dataset.percentage", m.dataset(), m.used() - m.startup(), 100);
        ratioField(out, "peak.percentage", m.used(), peak, 100);
        field(out, "allocator.allocated", allocated);
        field(out, "allocator.active", active);
        field(out, "allocator.resident", m.rss());
        ratioField(out, "allocator-fragmentation.ratio", active, allocated, 1);
        field(out, "allocator-fragmentation.bytes", active - allocated);
        ratioField(out, "allocator.rss-ratio", m.rss(), active, 1);
        field(out, "allocator.rss-bytes", m.rss() - active);
        ratioField(out, "rss-overhead.ratio", m.rss(), m.rss(), 1);
        field(out, "rss-overhead.bytes", 0);
        ratioField(out, "fragmentation", m.rss(), m.used(), 1);
        field(out, "fragmentation.bytes", m.rss() - m.used());
        field(out, "keyspace.offheap", m.keyspaceOffHeap());
        field(out, "keyspace.records", m.records());
        field(out, "keyspace.table", m.table());
        field(out, "jvm.heap.used", m.heapUsed());
        field(out, "jvm.heap.committed", m.heapCommitted());
        field(out, "jvm.heap.max", m.heapMax());
    }

    private static void field(final RespWriter out, final String name, final long value)
    {
        out.bulk(name);
        out.integer(value);
    }

    private static void ratioField(final RespWriter out, final String name, final long a, final long b, final int scale)
    {
        out.bulk(name);
        out.doubleValue(b <= 0 ? 0.0 : (double)a * scale / b);
    }

    /**
     * MEMORY DOCTOR: a short report in Anax's own words on what looks wrong, if anything.
     */
    static void doctor(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        out.verbatim("txt", report(d.engine(), d.engine().memory().snapshot()));
    }

    /**
     * The doctor's findings.
     *
     * @param engine the engine.
     * @param m      the figures.
     * @return the report text.
     */
    static String report(final Engine engine, final MemoryGauge.Snapshot m)
    {
        final long peak = engine.metrics().memoryPeak(m.used());
        if (m.used() - m.startup() < DOCTOR_MIN_DATA)
        {
            return "This instance holds too little data (under 5 MB beyond what it used at start) for a diagnosis. " +
                "Ask again once it holds more.\n";
        }
        final StringBuilder sb = new StringBuilder();
        final long maxmemory = engine.config().require("maxmemory").asLong();
        if (maxmemory > 0 && m.used() > maxmemory * 9 / 10)
        {
            sb.append(String.format(Locale.ROOT, " * Used memory is %s, %.0f%% of maxmemory (%s): write commands that " +
                "may grow memory are refused above it, and no eviction policy is implemented yet.%n",
                InfoCommand.human(m.used()), m.used() * 100.0 / maxmemory, InfoCommand.human(maxmemory)));
        }
        if (peak > m.used() * 3 / 2)
        {
            sb.append(String.format(Locale.ROOT, " * Peak memory: the peak (%s) is well above what is used now (%s). " +
                "Freed record pages are returned to the system; the JVM heap shrinks only after GC cycles.%n",
                InfoCommand.human(peak), InfoCommand.human(m.used())));
        }
        if (m.heapMax() > 0 && m.heapUsed() > m.heapMax() * 9 / 10)
        {
            sb.append(String.format(Locale.ROOT, " * JVM heap: %s of at most %s is in use. Collections (lists, hashes, " +
                "sets, sorted sets) live on the heap; start with a larger heap (ANAX_HEAP) or a larger maxmemory, " +
                "from which bin/anax-server derives it.%n", InfoCommand.human(m.heapUsed()),
                InfoCommand.human(m.heapMax())));
        }
        if (m.rss() > 0 && m.rss() > m.used() * 14 / 10)
        {
            sb.append(String.format(Locale.ROOT, " * Fragmentation: the process holds %s for %s in use (ratio %.2f): " +
                "heap the JVM keeps committed, GC structures and partly used record pages.%n",
                InfoCommand.human(m.rss()), InfoCommand.human(m.used()), (double)m.rss() / m.used()));
        }
        if (sb.length() == 0)
        {
            return "No memory problems found: used " + InfoCommand.human(m.used()) + ", resident " +
                InfoCommand.human(m.rss()) + ", of which keyspace off-heap " + InfoCommand.human(m.keyspaceOffHeap()) +
                ".\n";
        }
        return "Memory problems found:\n\n" + sb;
    }

    /**
     * MEMORY MALLOC-STATS: the keyspace allocator's figures (Anax has no malloc statistics).
     */
    static void mallocStats(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final MemoryGauge.Snapshot m = d.engine().memory().snapshot();
        out.verbatim("txt", "keyspace off-heap: " + m.keyspaceOffHeap() + " bytes (record pages and table segments)\n" +
            "records: " + m.records() + " bytes in blocks\n" +
            "table segments: " + m.table() + " bytes\n" +
            "jvm heap: " + m.heapUsed() + " used, " + m.heapCommitted() + " committed, " + m.heapMax() + " max\n" +
            "jvm non-heap: " + m.nonHeap() + " bytes\n" +
            "direct buffers: " + m.direct() + " bytes\n");
    }

    static void help(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        HelpText.write(out, "MEMORY",
            "DOCTOR",
            "    Report what looks wrong with the memory of the server, if anything.",
            "MALLOC-STATS",
            "    Show the figures of the keyspace allocator and of the JVM.",
            "PURGE",
            "    Accepted for compatibility: freed pages are returned to the system at once.",
            "STATS",
            "    Show how the memory of the server is used.",
            "USAGE <key> [SAMPLES <count>]",
            "    Show the bytes a key and its value take. Collections are estimated from <count>",
            "    sampled elements (default 5, 0 for all).");
    }
}
