package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServerFamilyTest
{
    private static final String NOT_ALLOWED =
        "-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it " +
        "from a local connection, otherwise you need to set this option in the configuration file, and then " +
        "restart the server.\r\n";

    private static EngineHarness debugEnabled(final int shards, final String mode)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("enable-debug-command", mode);
        return new EngineHarness(shards, config);
    }

    @Test
    void shouldReplyServerTime()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long before = System.currentTimeMillis() / 1000;
            final String reply = h.send("TIME");
            final long after = System.currentTimeMillis() / 1000;
            assertThat(reply).matches("\\*2\\r\\n\\$10\\r\\n\\d{10}\\r\\n\\$\\d\\r\\n\\d{1,6}\\r\\n");
            final long seconds = Long.parseLong(reply.split("\r\n")[2]);
            assertThat(seconds).isBetween(before, after);
            assertThat(h.send("TIME", "x")).isEqualTo("-ERR wrong number of arguments for 'time' command\r\n");
        }
    }

    @Test
    void shouldReplyStartTimeAsLastSave()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("LASTSAVE")).isEqualTo(":" + h.engine().startTimeMs() / 1000 + "\r\n");
        }
    }

    @Test
    void shouldRunShutdownHookAndCloseWithoutReply()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final AtomicInteger runs = new AtomicInteger();
            h.engine().shutdownHook(runs::incrementAndGet);
            assertThat(h.send("SHUTDOWN", "NOSAVE", "NOW", "FORCE")).isEmpty();
            assertThat(runs).hasValue(1);
            assertThat(h.client().isClosed()).isTrue();
            final EngineHarness.Client other = h.newClient();
            assertThat(other.send("shutdown")).isEmpty();
            assertThat(runs).hasValue(2);
        }
    }

    @Test
    void shouldRejectBadShutdownArguments()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final AtomicInteger runs = new AtomicInteger();
            h.engine().shutdownHook(runs::incrementAndGet);
            assertThat(h.send("SHUTDOWN", "foo")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("SHUTDOWN", "ABORT", "NOW")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
            assertThat(h.send("SHUTDOWN", "SAVE")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
            assertThat(runs).hasValue(0);
            assertThat(h.client().isClosed()).isFalse();
        }
    }

    @Test
    void shouldFlushAndListNoFunctions()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(h.send("FUNCTION", "FLUSH", "async")).isEqualTo("+OK\r\n");
            assertThat(h.send("FUNCTION", "FLUSH", "SYNC")).isEqualTo("+OK\r\n");
            assertThat(h.send("FUNCTION", "FLUSH", "foo"))
                .isEqualTo("-ERR FUNCTION FLUSH only supports SYNC|ASYNC option\r\n");
            assertThat(h.send("FUNCTION", "FLUSH", "sync", "async"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'FLUSH'. Try FUNCTION HELP.\r\n");
            assertThat(h.send("FUNCTION", "LIST")).isEqualTo("*0\r\n");
            assertThat(h.send("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "x")).isEqualTo("*0\r\n");
            assertThat(h.send("FUNCTION", "LIST", "LIBRARYNAME"))
                .isEqualTo("-ERR library name argument was not given\r\n");
            assertThat(h.send("FUNCTION", "LIST", "foo")).isEqualTo("-ERR Unknown argument foo\r\n");
            assertThat(h.send("FUNCTION", "LIST", "WITHCODE", "WITHCODE")).isEqualTo("-ERR Unknown argument WITHCODE\r\n");
            assertThat(h.send("FUNCTION", "LIST", "LIBRARYNAME", "a", "LIBRARYNAME", "b"))
                .isEqualTo("-ERR Unknown argument LIBRARYNAME\r\n");
            assertThat(h.send("FUNCTION")).isEqualTo("-ERR wrong number of arguments for 'function' command\r\n");
            assertThat(h.send("FUNCTION", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try FUNCTION HELP.\r\n");
        }
    }

    @Test
    void shouldRefuseDebugUnlessEnabled()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.config().require("enable-debug-command").asString()).isEqualTo("no");
            assertThat(h.send("DEBUG", "SLEEP", "0")).isEqualTo(NOT_ALLOWED);
            assertThat(h.send("DEBUG", "HELP")).isEqualTo(NOT_ALLOWED);
            assertThat(h.send("DEBUG")).isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
        }
    }

    @Test
    void shouldAllowDebugFromLocalConnectionsWhenLocal()
    {
        try (EngineHarness h = debugEnabled(1, "local"))
        {
            assertThat(h.send("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
        }
        assertThat(DebugCommand.isLocal("127.0.0.1:6000")).isTrue();
        assertThat(DebugCommand.isLocal("[::1]:6000")).isTrue();
        assertThat(DebugCommand.isLocal("/tmp/redis.sock")).isTrue();
        assertThat(DebugCommand.isLocal("10.1.2.3:6000")).isFalse();
        assertThat(DebugCommand.isLocal("[fe80::1]:6000")).isFalse();
    }

    @Test
    void shouldParkEveryShardDuringDebugSleep()
    {
        try (EngineHarness h = debugEnabled(4, "yes"))
        {
            final long start = System.nanoTime();
            assertThat(h.send("DEBUG", "SLEEP", "0.05")).isEqualTo("+OK\r\n");
            // The harness steps shards one after another: four parked shards take four naps.
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(4 * 50_000_000L);
            assertThat(h.send("DEBUG", "sleep", "0")).isEqualTo("+OK\r\n");
            assertThat(h.send("DEBUG", "sleep", "x")).isEqualTo("+OK\r\n");
            assertThat(h.send("DEBUG", "sleep", "-1")).isEqualTo("+OK\r\n");
            assertThat(h.send("DEBUG", "sleep"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.\r\n");
        }
    }

    @Test
    void shouldSwitchActiveExpireOnEveryShard()
    {
        try (EngineHarness h = debugEnabled(4, "yes"))
        {
            final String[] keys = new String[16];
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = "key" + i;
                h.send("SET", keys[i], "v");
            }
            assertThat(h.send("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
            expireAll(h, keys, h.clock().time() + 100);
            h.clock().advance(1000);
            for (int i = 0; i < 20; i++)
            {
                h.step();
            }
            assertThat(totalKeys(h)).isEqualTo(keys.length);
            assertThat(h.send("DEBUG", "set-active-expire", "1")).isEqualTo("+OK\r\n");
            h.clock().advance(1000);
            for (int i = 0; i < 20; i++)
            {
                h.step();
            }
            assertThat(totalKeys(h)).isZero();
            assertThat(h.send("DEBUG", "set-active-expire"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'set-active-expire'. " +
                    "Try DEBUG HELP.\r\n");
        }
    }

    private static void expireAll(final EngineHarness h, final String[] keys, final long atMs)
    {
        for (final Shard shard : h.engine().shards())
        {
            final Database db = shard.database(0);
            for (final String key : keys)
            {
                final KeyEntry entry = db.get(key.getBytes(StandardCharsets.UTF_8), h.clock().time());
                if (entry != null)
                {
                    db.setExpiry(entry, atMs);
                }
            }
        }
    }

    private static long totalKeys(final EngineHarness h)
    {
        long total = 0;
        for (final Shard shard : h.engine().shards())
        {
            total += shard.database(0).size();
        }
        return total;
    }

    @Test
    void shouldDescribeKeyWithDebugObject()
    {
        try (EngineHarness h = debugEnabled(4, "yes"))
        {
            h.send("SET", "k", "v");
            h.clock().advance(5000);
            final long lru = ((h.clock().time() - 5000) / 1000) & ((1 << 24) - 1);
            assertThat(h.send("DEBUG", "OBJECT", "k")).matches(
                "\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:2 lru:" + lru +
                " lru_seconds_idle:5\\r\\n");
            assertThat(h.send("DEBUG", "OBJECT", "nokey")).isEqualTo("-ERR no such key\r\n");
            assertThat(h.send("DEBUG", "OBJECT"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'OBJECT'. Try DEBUG HELP.\r\n");
            assertThat(h.send("DEBUG", "OBJECT", "k", "x"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'OBJECT'. Try DEBUG HELP.\r\n");
        }
    }

    @Test
    void shouldSendEveryProtocolTypeInResp2()
    {
        try (EngineHarness h = debugEnabled(1, "yes"))
        {
            assertThat(h.send("DEBUG", "PROTOCOL", "string")).isEqualTo("$11\r\nHello World\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "integer")).isEqualTo(":12345\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "double")).isEqualTo("$5\r\n3.141\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "bignum")).isEqualTo("$37\r\n1234567999999999999999999999999999999\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "null")).isEqualTo("$-1\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "array")).isEqualTo("*3\r\n:0\r\n:1\r\n:2\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "set")).isEqualTo("*3\r\n:0\r\n:1\r\n:2\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "map")).isEqualTo("*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "attrib")).isEqualTo("$39\r\nSome real reply following the attribute\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "push")).isEqualTo("-ERR RESP2 is not supported by this command\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "verbatim")).isEqualTo("$25\r\nThis is a verbatim\nstring\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "true")).isEqualTo(":1\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "false")).isEqualTo(":0\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "foo")).isEqualTo("-ERR Wrong protocol type name. Please use one of " +
                "the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'PROTOCOL'. Try DEBUG HELP.\r\n");
        }
    }

    @Test
    void shouldSendEveryProtocolTypeInResp3()
    {
        try (EngineHarness h = debugEnabled(1, "yes"))
        {
            h.send("HELLO", "3");
            assertThat(h.send("DEBUG", "PROTOCOL", "string")).isEqualTo("$11\r\nHello World\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "integer")).isEqualTo(":12345\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "double")).isEqualTo(",3.141\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "bignum")).isEqualTo("(1234567999999999999999999999999999999\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "null")).isEqualTo("_\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "array")).isEqualTo("*3\r\n:0\r\n:1\r\n:2\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "set")).isEqualTo("~3\r\n:0\r\n:1\r\n:2\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "map")).isEqualTo("%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "attrib")).isEqualTo("|1\r\n$14\r\nkey-popularity\r\n*2\r\n" +
                "$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "push")).isEqualTo(">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n" +
                "$40\r\nSome real reply following the push reply\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "verbatim")).isEqualTo("=29\r\ntxt:This is a verbatim\nstring\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "true")).isEqualTo("#t\r\n");
            assertThat(h.send("DEBUG", "PROTOCOL", "false")).isEqualTo("#f\r\n");
        }
    }

    @Test
    void shouldLogAndHelpWithDebug()
    {
        try (EngineHarness h = debugEnabled(1, "yes"))
        {
            assertThat(h.send("DEBUG", "LOG", "hello")).isEqualTo("+OK\r\n");
            assertThat(h.send("DEBUG", "LOG"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'LOG'. Try DEBUG HELP.\r\n");
            assertThat(h.send("DEBUG", "foo", "bar"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.\r\n");
            final String help = h.send("DEBUG", "HELP");
            assertThat(help).startsWith("*17\r\n+DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+LOG <message>\r\n");
            assertThat(help).endsWith("+HELP\r\n+    Print this help.\r\n");
            assertThat(help.split("\r\n")).hasSize(18);
        }
    }

    @Test
    void shouldParseDebugNumbersAsC()
    {
        assertThat(DebugCommand.atoi("12abc")).isEqualTo(12);
        assertThat(DebugCommand.atoi("  -3")).isEqualTo(-3);
        assertThat(DebugCommand.atoi("x")).isZero();
        assertThat(DebugCommand.strtod("0.25s")).isEqualTo(0.25);
        assertThat(DebugCommand.strtod(".5")).isEqualTo(0.5);
        assertThat(DebugCommand.strtod("1e-1")).isEqualTo(0.1);
        assertThat(DebugCommand.strtod("abc")).isZero();
    }
}
