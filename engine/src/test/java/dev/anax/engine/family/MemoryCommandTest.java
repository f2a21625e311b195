package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.ValueType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.anax.engine.family.KeyTestSupport.NIL;
import static dev.anax.engine.family.KeyTestSupport.OK;
import static dev.anax.engine.family.KeyTestSupport.bulk;
import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static dev.anax.engine.family.KeyTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP, DEBUG POPULATE, the maxmemory gate
 * and INFO memory's keyspace figures.
 */
class MemoryCommandTest
{
    private static final String NOT_POSITIVE = "-ERR value is out of range, must be positive\r\n";

    private static EngineHarness debugHarness(final int shards)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("enable-debug-command", "yes");
        return new EngineHarness(shards, config);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountRecordBlockTableSlotAndExpiryInMemoryUsage(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "foo", "bar");
            // 8-byte header + 3 + 3 = 14, in a 16-byte block, + 6 bytes of table slot.
            assertThat(h.send("MEMORY", "USAGE", "foo")).isEqualTo(integer(22));
            h.send("SET", "k", "x".repeat(100));
            assertThat(h.send("MEMORY", "USAGE", "k")).isEqualTo(integer(112 + 6));
            h.send("SET", "n", "123456789012");
            // An integer takes 8 bytes whatever its digits: 8 + 1 + 8 = 17, in a 24-byte block.
            assertThat(h.send("MEMORY", "USAGE", "n")).isEqualTo(integer(24 + 6));
            h.send("EXPIRE", "n", "100");
            // The expiry adds 12 bytes to the record and 4 to the expiry index.
            assertThat(h.send("MEMORY", "USAGE", "n")).isEqualTo(integer(32 + 6 + 4));
            assertThat(h.send("MEMORY", "USAGE", "n", "SAMPLES", "0")).isEqualTo(integer(32 + 6 + 4));
            assertThat(h.send("MEMORY", "USAGE", "n", "samples", "1", "SAMPLES", "9")).isEqualTo(integer(32 + 6 + 4));
            put(h, "list", ValueType.LIST, Encoding.QUICKLIST, new Object());
            // A heap value that cannot estimate itself counts 64 bytes; its record holds an
            // index: 8 + 4 + 4 = 16 bytes.
            assertThat(h.send("MEMORY", "USAGE", "list")).isEqualTo(integer(16 + 6 + 64));
            put(h, "sized", ValueType.HASH, Encoding.HASHTABLE, (dev.anax.engine.keyspace.SizedValue)samples -> 1000 + samples);
            assertThat(h.send("MEMORY", "USAGE", "sized")).isEqualTo(integer(24 + 6 + 1005));
            assertThat(h.send("MEMORY", "USAGE", "sized", "SAMPLES", "7")).isEqualTo(integer(24 + 6 + 1007));
        }
    }

    @Test
    void shouldCheckMemoryUsageOptionsBeforeTheKey()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("SET", "foo", "bar");
            assertThat(h.send("MEMORY", "USAGE", "missing")).isEqualTo(NIL);
            assertThat(h.send("MEMORY", "USAGE", "foo", "SAMPLES")).isEqualTo(error(RespErrors.SYNTAX));
            assertThat(h.send("MEMORY", "USAGE", "missing", "SAMPLES", "x")).isEqualTo(error(RespErrors.NOT_INTEGER));
            assertThat(h.send("MEMORY", "USAGE", "missing", "SAMPLES", "-1")).isEqualTo(error(RespErrors.SYNTAX));
            assertThat(h.send("MEMORY", "USAGE", "foo", "bogus", "1")).isEqualTo(error(RespErrors.SYNTAX));
            assertThat(h.send("MEMORY", "USAGE")).isEqualTo(error("ERR wrong number of arguments for 'memory|usage' command"));
            assertThat(h.send("MEMORY")).isEqualTo(error("ERR wrong number of arguments for 'memory' command"));
            assertThat(h.send("MEMORY", "bogus")).isEqualTo(error("ERR unknown subcommand 'bogus'. Try MEMORY HELP."));
            assertThat(h.send("MEMORY", "STATS", "x")).isEqualTo(error("ERR wrong number of arguments for 'memory|stats' command"));
            assertThat(h.send("MEMORY", "PURGE")).isEqualTo(OK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopulateAsRedisDoes(final int shards)
    {
        try (EngineHarness h = debugHarness(shards))
        {
            h.send("SELECT", "0");
            assertThat(h.send("DEBUG", "POPULATE", "3")).isEqualTo(OK);
            assertThat(h.send("GET", "key:0")).isEqualTo(bulk("value:0"));
            assertThat(h.send("GET", "key:2")).isEqualTo(bulk("value:2"));
            assertThat(h.send("EXISTS", "key:3")).isEqualTo(integer(0));
            h.send("SET", "p:1", "keep");
            assertThat(h.send("DEBUG", "POPULATE", "3", "p", "3")).isEqualTo(OK);
            assertThat(h.send("GET", "p:0")).isEqualTo(bulk("val"));
            assertThat(h.send("GET", "p:1")).isEqualTo(bulk("keep"));
            assertThat(h.send("DEBUG", "POPULATE", "2", "q", "12")).isEqualTo(OK);
            assertThat(h.send("GET", "q:1")).isEqualTo(bulk("value:1\0\0\0\0\0"));
            assertThat(h.send("OBJECT", "ENCODING", "q:1")).isEqualTo(bulk("embstr"));
            assertThat(h.send("DEBUG", "POPULATE", "1", "big", "45")).isEqualTo(OK);
            assertThat(h.send("OBJECT", "ENCODING", "big:0")).isEqualTo(bulk("raw"));
            assertThat(h.send("DEBUG", "POPULATE", "1", "n", "1")).isEqualTo(OK);
            assertThat(h.send("GET", "n:0")).isEqualTo(bulk("v"));
            assertThat(h.send("OBJECT", "ENCODING", "n:0")).isEqualTo(bulk("embstr"));
            assertThat(h.send("DEBUG", "POPULATE", "2", "z", "0")).isEqualTo(OK);
            assertThat(h.send("GET", "z:1")).isEqualTo(bulk("value:1"));
            assertThat(h.send("DEBUG", "POPULATE", "0")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(3 + 3 + 2 + 1 + 1 + 2));
            assertThat(h.send("DEBUG", "POPULATE", "10000", "many")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(12 + 10000));
            assertThat(h.send("GET", "many:9999")).isEqualTo(bulk("value:9999"));
        }
    }

    @Test
    void shouldRejectBadPopulateArguments()
    {
        try (EngineHarness h = debugHarness(2))
        {
            assertThat(h.send("DEBUG", "POPULATE", "x")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("DEBUG", "POPULATE", "-1")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("DEBUG", "POPULATE", "2", "z", "-1")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("DEBUG", "POPULATE", "2", "z", "x")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("DEBUG", "POPULATE")).isEqualTo(
                error("ERR unknown subcommand or wrong number of arguments for 'POPULATE'. Try DEBUG HELP."));
            assertThat(h.send("DEBUG", "POPULATE", "1", "a", "1", "extra")).isEqualTo(
                error("ERR unknown subcommand or wrong number of arguments for 'POPULATE'. Try DEBUG HELP."));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRefuseDenyOomCommandsAboveMaxmemory(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("CONFIG", "SET", "maxmemory", "1")).isEqualTo(OK);
            final String oom = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";
            assertThat(h.send("SET", "b", "1")).isEqualTo(oom);
            assertThat(h.send("INCR", "a")).isEqualTo(oom);
            assertThat(h.send("MSET", "x", "1", "y", "2")).isEqualTo(oom);
            // Reads and commands that free memory still run.
            assertThat(h.send("GET", "a")).isEqualTo(bulk("1"));
            assertThat(h.send("DEL", "a")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "b")).isEqualTo(integer(0));
            final Map<String, String> stats = fields(h.send("INFO", "commandstats"));
            assertThat(stats.get("cmdstat_set")).contains("rejected_calls=1,");
            assertThat(h.send("CONFIG", "SET", "maxmemory", "0")).isEqualTo(OK);
            assertThat(h.send("SET", "b", "1")).isEqualTo(OK);
            assertThat(h.send("CONFIG", "SET", "maxmemory", "100gb")).isEqualTo(OK);
            assertThat(h.send("SET", "c", "1")).isEqualTo(OK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPublishKeyspaceMemoryInInfoAndStats(final int shards)
    {
        try (EngineHarness h = debugHarness(shards))
        {
            final Map<String, String> before = fields(h.send("INFO", "memory"));
            assertThat(before.get("keyspace_records")).isEqualTo("0");
            assertThat(h.send("DEBUG", "POPULATE", "20000", "key", "32")).isEqualTo(OK);
            final Map<String, String> after = fields(h.send("INFO", "memory"));
            // key:NNNN (5 to 9 bytes) and a 32-byte value: a 48- or 56-byte block each.
            final long records = Long.parseLong(after.get("keyspace_records"));
            assertThat(records).isBetween(20000L * 48, 20000L * 56);
            final long table = Long.parseLong(after.get("keyspace_table"));
            assertThat(table).isPositive().isLessThan(20000L * 16);
            assertThat(Long.parseLong(after.get("keyspace_offheap"))).isGreaterThanOrEqualTo(records + table);
            assertThat(Long.parseLong(after.get("used_memory")))
                .isGreaterThan(Long.parseLong(after.get("keyspace_offheap")));
            assertThat(after.get("mem_allocator")).isEqualTo("jvm");

            final List<String> stats = flat(h.send("MEMORY", "STATS"));
            assertThat(stats.subList(0, 6)).containsExactly(
                "peak.allocated", stats.get(1), "total.allocated", stats.get(3), "startup.allocated", stats.get(5));
            final int db0 = stats.indexOf("db.0");
            assertThat(db0).isPositive();
            assertThat(stats.subList(db0 + 1, db0 + 7)).containsExactly(
                "overhead.hashtable.main", Long.toString(table), "overhead.hashtable.expires", "0",
                "overhead.hashtable.slot-to-keys", "0");
            assertThat(stats.get(stats.indexOf("keys.count") + 1)).isEqualTo("20000");
            assertThat(stats.get(stats.indexOf("keyspace.records") + 1)).isEqualTo(Long.toString(records));
            assertThat(stats).contains("dataset.percentage", "fragmentation", "jvm.heap.max");

            h.send("FLUSHALL");
            final Map<String, String> flushed = fields(h.send("INFO", "memory"));
            assertThat(flushed.get("keyspace_records")).isEqualTo("0");
            assertThat(flushed.get("keyspace_table")).isEqualTo("0");
        }
    }

    @Test
    void shouldAnswerDoctorHelpAndMallocStatsInItsOwnWords()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("MEMORY", "DOCTOR")).startsWith("$").contains("too little data");
            assertThat(h.send("MEMORY", "MALLOC-STATS")).contains("keyspace off-heap: ");
            final String help = h.send("MEMORY", "HELP");
            assertThat(help).startsWith("*14\r\n+MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+DOCTOR\r\n").contains("+USAGE <key> [SAMPLES <count>]\r\n").endsWith("+HELP\r\n+    Print this help.\r\n");
        }
    }

    /** The flat elements of a RESP2 map reply made of bulk strings, integers and nested maps. */
    private static List<String> flat(final String reply)
    {
        final List<String> items = new ArrayList<>();
        final String[] lines = reply.split("\r\n");
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i];
            if (line.startsWith("$"))
            {
                items.add(lines[++i]);
            }
            else if (line.startsWith(":"))
            {
                items.add(line.substring(1));
            }
        }
        return items;
    }

    private static Map<String, String> fields(final String reply)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String line : reply.split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#") && !line.startsWith("$"))
            {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
