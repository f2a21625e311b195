package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest
{
    private static String bulk(final String text)
    {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    /** The body of a bulk string reply. */
    private static String body(final String reply)
    {
        final int start = reply.indexOf("\r\n") + 2;
        final String text = reply.substring(start, reply.length() - 2);
        assertThat(reply).startsWith("$" + text.length() + "\r\n");
        return text;
    }

    private static Map<String, String> fields(final String reply)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String line : body(reply).split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#"))
            {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    private static List<String> headers(final String reply)
    {
        final List<String> headers = new ArrayList<>();
        for (final String line : body(reply).split("\r\n"))
        {
            if (line.startsWith("# "))
            {
                headers.add(line.substring(2));
            }
        }
        return headers;
    }

    @Test
    void shouldShowDefaultSectionsInRedisOrder()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final List<String> defaults = List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication",
                "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");
            assertThat(headers(h.send("INFO"))).isEqualTo(defaults);
            assertThat(headers(h.send("INFO", "default"))).isEqualTo(defaults);
            final List<String> all = List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication",
                "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace");
            assertThat(headers(h.send("INFO", "all"))).isEqualTo(all);
            assertThat(headers(h.send("INFO", "EVERYTHING"))).isEqualTo(all);
            assertThat(headers(h.send("INFO", "keyspace", "SERVER", "nosuch"))).isEqualTo(List.of("Server", "Keyspace"));
        }
    }

    @Test
    void shouldJoinSectionsWithBlankLines()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("INFO", "foo")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("INFO", "cluster")).isEqualTo(bulk("# Cluster\r\ncluster_enabled:0\r\n"));
            assertThat(h.send("INFO", "modules")).isEqualTo(bulk("# Modules\r\n"));
            assertThat(h.send("INFO", "cluster", "keyspace", "modules"))
                .isEqualTo(bulk("# Modules\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n"));
        }
    }

    @Test
    void shouldReplyVerbatimInResp3()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("HELLO", "3");
            assertThat(h.send("INFO", "cluster")).isEqualTo("=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n");
        }
    }

    @Test
    void shouldDescribeServer()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final Map<String, String> server = fields(h.send("INFO", "server"));
            assertThat(server.keySet()).containsExactly("redis_version", "redis_git_sha1", "redis_git_dirty",
                "redis_mode", "os", "arch_bits", "process_id", "process_supervised", "run_id", "tcp_port",
                "server_time_usec", "uptime_in_seconds", "uptime_in_days", "hz", "configured_hz", "lru_clock",
                "executable", "config_file", "anax_version");
            assertThat(server).containsEntry("redis_version", "7.0.15")
                .containsEntry("redis_git_sha1", "00000000")
                .containsEntry("redis_mode", "standalone")
                .containsEntry("arch_bits", "64")
                .containsEntry("process_id", Long.toString(ProcessHandle.current().pid()))
                .containsEntry("run_id", h.engine().runId())
                .containsEntry("tcp_port", "6379")
                .containsEntry("uptime_in_days", "0")
                .containsEntry("hz", "10")
                .containsEntry("config_file", "");
            assertThat(server.get("run_id")).matches("[0-9a-f]{40}");
        }
    }

    @Test
    void shouldDescribeReplicationAsALoneMaster()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("INFO", "replication")).isEqualTo(bulk("# Replication\r\n" +
                "role:master\r\n" +
                "connected_slaves:0\r\n" +
                "master_failover_state:no-failover\r\n" +
                "master_replid:" + h.engine().metrics().replicationId() + "\r\n" +
                "master_replid2:0000000000000000000000000000000000000000\r\n" +
                "master_repl_offset:0\r\n" +
                "second_repl_offset:-1\r\n" +
                "repl_backlog_active:0\r\n" +
                "repl_backlog_size:1048576\r\n" +
                "repl_backlog_first_byte_offset:0\r\n" +
                "repl_backlog_histlen:0\r\n"));
        }
    }

    @Test
    void shouldCountClients()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.newClient();
            assertThat(h.send("INFO", "clients")).isEqualTo(bulk("# Clients\r\n" +
                "connected_clients:2\r\n" +
                "cluster_connections:0\r\n" +
                "maxclients:10000\r\n" +
                "client_recent_max_input_buffer:0\r\n" +
                "client_recent_max_output_buffer:0\r\n" +
                "blocked_clients:0\r\n" +
                "tracking_clients:0\r\n" +
                "clients_in_timeout_table:0\r\n"));
        }
    }

    @Test
    void shouldReportJvmMemory()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("CONFIG", "SET", "maxmemory", "1mb");
            final Map<String, String> memory = fields(h.send("INFO", "memory"));
            assertThat(Long.parseLong(memory.get("used_memory"))).isPositive();
            assertThat(Long.parseLong(memory.get("used_memory_peak")))
                .isGreaterThanOrEqualTo(Long.parseLong(memory.get("used_memory")));
            assertThat(Long.parseLong(memory.get("used_memory_rss"))).isPositive();
            assertThat(memory.get("used_memory_human")).matches("\\d+\\.\\d\\d[KMG]");
            assertThat(memory).containsEntry("maxmemory", "1048576")
                .containsEntry("maxmemory_human", "1.00M")
                .containsEntry("maxmemory_policy", "noeviction")
                .containsEntry("mem_allocator", "jvm");
            assertThat(memory.get("mem_fragmentation_ratio")).matches("\\d+\\.\\d\\d");
            assertThat(InfoCommand.human(512)).isEqualTo("512B");
            assertThat(InfoCommand.human(1113992)).isEqualTo("1.06M");
            assertThat(InfoCommand.human(25276510208L)).isEqualTo("23.54G");
        }
    }

    @Test
    void shouldReportPersistenceAsNeverSaved()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final Map<String, String> persistence = fields(h.send("INFO", "persistence"));
            assertThat(persistence).containsEntry("loading", "0")
                .containsEntry("rdb_bgsave_in_progress", "0")
                .containsEntry("rdb_last_save_time", Long.toString(h.engine().startTimeMs() / 1000))
                .containsEntry("aof_enabled", "0");
        }
    }

    @Test
    void shouldReportCpuFromJvm()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final Map<String, String> cpu = fields(h.send("INFO", "cpu"));
            assertThat(cpu.keySet()).containsExactly("used_cpu_sys", "used_cpu_user", "used_cpu_sys_children",
                "used_cpu_user_children", "used_cpu_sys_main_thread", "used_cpu_user_main_thread");
            assertThat(cpu.values()).allMatch(v -> v.matches("\\d+\\.\\d{6}"));
            assertThat(Double.parseDouble(cpu.get("used_cpu_user"))).isPositive();
        }
    }

    @Test
    void shouldSumStatsOverEveryThread()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            for (int i = 0; i < 10; i++)
            {
                h.send("SET", "k" + i, "v");
            }
            h.send("GET", "k1");
            h.send("GET", "k2");
            h.send("GET", "nope");
            h.send("PING");
            h.send("MGET", "k1", "k2", "k3", "k4", "k5", "k6");
            h.send("FOO");
            h.send("GET");
            final Map<String, String> stats = fields(h.send("INFO", "stats"));
            // 10 SET, 3 GET, PING and one MGET however many shards it spans; rejected calls do not count.
            assertThat(stats).containsEntry("total_commands_processed", "15")
                .containsEntry("total_connections_received", "1")
                .containsEntry("keyspace_hits", "8")
                .containsEntry("keyspace_misses", "1")
                .containsEntry("expired_keys", "0")
                .containsEntry("evicted_keys", "0")
                .containsEntry("rejected_connections", "0")
                .containsEntry("total_error_replies", "2")
                .containsEntry("unexpected_error_replies", "0");
            assertThat(stats.get("instantaneous_ops_per_sec")).matches("\\d+");
            assertThat(stats.get("instantaneous_input_kbps")).matches("\\d+\\.\\d\\d");
        }
    }

    @Test
    void shouldSumKeyspaceOverShards()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            for (int i = 0; i < 20; i++)
            {
                h.send("SET", "k" + i, "v");
            }
            h.send("SELECT", "3");
            h.send("SET", "other", "v");
            assertThat(h.send("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\n" +
                "db0:keys=20,expires=0,avg_ttl=0\r\n" +
                "db3:keys=1,expires=0,avg_ttl=0\r\n"));
            // Give three keys an expiry behind the shards' backs, then let each shard publish its sizes.
            for (final Shard shard : h.engine().shards())
            {
                final Database db = shard.database(0);
                for (final String key : new String[] {"k1", "k2", "k3"})
                {
                    final KeyEntry entry = db.get(key.getBytes(StandardCharsets.UTF_8), h.clock().time());
                    if (entry != null)
                    {
                        db.setExpiry(entry, h.clock().time() + 100_000);
                    }
                }
            }
            h.send("SELECT", "0");
            for (int i = 0; i < 20; i++)
            {
                h.send("SET", "n" + i, "v");
            }
            assertThat(h.send("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\n" +
                "db0:keys=40,expires=3,avg_ttl=0\r\n" +
                "db3:keys=1,expires=0,avg_ttl=0\r\n"));
        }
    }

    @Test
    void shouldCountCallsRejectionsAndFailuresPerCommand()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("SET", "a", "1");
            h.send("GET", "a");
            h.send("GET", "b");
            h.send("GET");
            h.send("CLIENT", "FOO");
            h.send("AUTH", "x");
            h.send("MGET", "a", "b", "c", "d", "e", "f", "g", "h");
            final String reply = h.send("INFO", "commandstats");
            assertThat(body(reply).replaceAll("usec=\\d+,usec_per_call=\\d+\\.\\d\\d", "usec=U")).isEqualTo(
                "# Commandstats\r\n" +
                "cmdstat_auth:calls=1,usec=U,rejected_calls=0,failed_calls=1\r\n" +
                "cmdstat_client:calls=0,usec=U,rejected_calls=1,failed_calls=0\r\n" +
                "cmdstat_get:calls=2,usec=U,rejected_calls=1,failed_calls=0\r\n" +
                "cmdstat_mget:calls=1,usec=U,rejected_calls=0,failed_calls=0\r\n" +
                "cmdstat_set:calls=1,usec=U,rejected_calls=0,failed_calls=0\r\n");
            assertThat(body(h.send("INFO", "errorstats"))).isEqualTo("# Errorstats\r\nerrorstat_ERR:count=3\r\n");
        }
    }

    @Test
    void shouldCountErrorRepliesByCode()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("AUTH", "default", "x", "y");
            h.send("AUTH", "nobody", "x");
            h.send("HELLO", "9");
            h.send("NOSUCHCOMMAND");
            assertThat(h.send("INFO", "errorstats")).isEqualTo(bulk("# Errorstats\r\n" +
                "errorstat_ERR:count=2\r\n" +
                "errorstat_WRONGPASS:count=1\r\n" +
                "errorstat_NOPROTO:count=1\r\n"));
        }
    }

    @Test
    void shouldResetStatisticsButNotKeyspace()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("SET", "a", "1");
            h.send("GET", "a");
            h.send("GET");
            assertThat(h.send("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
            // CONFIG RESETSTAT itself is counted after the reset, as in Redis.
            assertThat(body(h.send("INFO", "commandstats")).replaceAll("usec=\\d+,usec_per_call=\\d+\\.\\d\\d", "usec=U"))
                .isEqualTo("# Commandstats\r\n" +
                    "cmdstat_config|resetstat:calls=1,usec=U,rejected_calls=0,failed_calls=0\r\n");
            assertThat(h.send("INFO", "errorstats")).isEqualTo(bulk("# Errorstats\r\n"));
            final Map<String, String> stats = fields(h.send("INFO", "stats"));
            assertThat(stats).containsEntry("total_commands_processed", "3")
                .containsEntry("keyspace_hits", "0")
                .containsEntry("total_error_replies", "0")
                .containsEntry("total_connections_received", "0");
            assertThat(h.send("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"));
        }
    }
}
