package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCommandTest
{
    private static String failed(final String name, final String reason)
    {
        return "-ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason + "\r\n";
    }

    @Test
    void shouldGetOneOption()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
            // Without glob characters the name is shown as sent.
            assertThat(h.send("CONFIG", "GET", "MAXMEMORY")).isEqualTo("*2\r\n$9\r\nMAXMEMORY\r\n$1\r\n0\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory-policy"))
                .isEqualTo("*2\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
            assertThat(h.send("CONFIG", "GET", "protected-mode")).isEqualTo("*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n");
            assertThat(h.send("CONFIG", "GET", "requirepass")).isEqualTo("*2\r\n$11\r\nrequirepass\r\n$0\r\n\r\n");
            assertThat(h.send("CONFIG", "GET", "nosuch")).isEqualTo("*0\r\n");
            assertThat(h.send("CONFIG", "GET")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
        }
    }

    @Test
    void shouldGetByGlobAndSeveralPatternsOnce()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "GET", "maxmemory*")).isEqualTo(
                "*4\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
            assertThat(h.send("CONFIG", "GET", "MAXMEM*")).isEqualTo(
                "*4\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
            assertThat(h.send("CONFIG", "GET", "port", "port", "maxmem?ry", "*max*mem*")).isEqualTo(
                "*6\r\n$4\r\nport\r\n$4\r\n6379\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n" +
                "$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
            assertThat(h.send("CONFIG", "GET", "lazyfree-lazy-user-[df]*")).isEqualTo(
                "*4\r\n$22\r\nlazyfree-lazy-user-del\r\n$2\r\nno\r\n$24\r\nlazyfree-lazy-user-flush\r\n$2\r\nno\r\n");
            assertThat(h.send("CONFIG", "GET", "a", "b", "c")).isEqualTo("*0\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory", "MAXMEMORY")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
            assertThat(h.send("CONFIG", "GET", "MAXMEMORY", "maxmem*")).isEqualTo(
                "*4\r\n$9\r\nMAXMEMORY\r\n$1\r\n0\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
        }
    }

    @Test
    void shouldGetMapInResp3()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("HELLO", "3");
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
            assertThat(h.send("CONFIG", "GET", "nosuch")).isEqualTo("%0\r\n");
        }
    }

    @Test
    void shouldSetSeveralOptions()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "maxmemory", "10mb", "maxmemory-policy", "ALLKEYS-LRU")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$8\r\n10485760\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory-policy"))
                .isEqualTo("*2\r\n$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lru\r\n");
            assertThat(h.config().require("maxmemory").asLong()).isEqualTo(10485760);
            assertThat(h.send("CONFIG", "SET", "maxmemory", "10kb")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$5\r\n10240\r\n");
            assertThat(h.send("CONFIG", "SET", "maxmemory", "05k")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$4\r\n5000\r\n");
            assertThat(h.send("CONFIG", "SET", "maxmemory", "5GB")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$10\r\n5368709120\r\n");
            assertThat(h.send("CONFIG", "SET", "latency-tracking", "NO")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "latency-tracking"))
                .isEqualTo("*2\r\n$16\r\nlatency-tracking\r\n$2\r\nno\r\n");
        }
    }

    @Test
    void shouldClampHzAsRedis()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "hz", "1000")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$3\r\n500\r\n");
            assertThat(h.send("CONFIG", "SET", "hz", "0")).isEqualTo("+OK\r\n");
            assertThat(h.send("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$1\r\n1\r\n");
            assertThat(h.send("CONFIG", "SET", "hz", "-1"))
                .isEqualTo(failed("hz", "argument must be between 0 and 2147483647 inclusive"));
        }
    }

    @Test
    void shouldChangeNothingWhenAnyValueIsInvalid()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "maxmemory", "10mb", "maxmemory-policy", "foo")).isEqualTo(failed(
                "maxmemory-policy", "argument(s) must be one of the following: volatile-lru, volatile-lfu, " +
                "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"));
            assertThat(h.send("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
            assertThat(h.send("CONFIG", "SET", "timeout", "5", "maxmemory", "abc"))
                .isEqualTo(failed("maxmemory", "argument must be a memory value"));
            assertThat(h.send("CONFIG", "GET", "timeout")).isEqualTo("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n");
        }
    }

    @Test
    void shouldRejectUnknownImmutableAndRepeatedNames()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "foo", "bar"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n");
            assertThat(h.send("CONFIG", "SET", "maxmemory", "abc", "foo", "bar"))
                .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n");
            assertThat(h.send("CONFIG", "SET", "port", "1234")).isEqualTo(failed("port", "can't set immutable config"));
            assertThat(h.send("CONFIG", "SET", "databases", "3")).isEqualTo(failed("databases", "can't set immutable config"));
            assertThat(h.send("CONFIG", "SET", "enable-debug-command", "yes"))
                .isEqualTo(failed("enable-debug-command", "can't set immutable config"));
            assertThat(h.send("CONFIG", "SET", "maxmemory", "1", "MAXMEMORY", "2"))
                .isEqualTo(failed("MAXMEMORY", "duplicate parameter"));
            assertThat(h.send("CONFIG", "SET", "maxmemory", "1", "hz")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CONFIG", "SET", "maxmemory"))
                .isEqualTo("-ERR wrong number of arguments for 'config|set' command\r\n");
        }
    }

    @Test
    void shouldWordValueErrorsAsRedis()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "timeout", "abc"))
                .isEqualTo(failed("timeout", "argument couldn't be parsed into an integer"));
            assertThat(h.send("CONFIG", "SET", "timeout", "007"))
                .isEqualTo(failed("timeout", "argument couldn't be parsed into an integer"));
            assertThat(h.send("CONFIG", "SET", "timeout", "+7"))
                .isEqualTo(failed("timeout", "argument couldn't be parsed into an integer"));
            assertThat(h.send("CONFIG", "SET", "timeout", "-1"))
                .isEqualTo(failed("timeout", "argument must be between 0 and 2147483647 inclusive"));
            assertThat(h.send("CONFIG", "SET", "maxmemory", "-1")).isEqualTo(failed("maxmemory", "argument must be a memory value"));
            assertThat(h.send("CONFIG", "SET", "maxmemory", "1.5")).isEqualTo(failed("maxmemory", "argument must be a memory value"));
            assertThat(h.send("CONFIG", "SET", "maxmemory", " 5")).isEqualTo(failed("maxmemory", "argument must be a memory value"));
            assertThat(h.send("CONFIG", "SET", "proto-max-bulk-len", "10")).isEqualTo(failed("proto-max-bulk-len",
                "argument must be between 1048576 and 9223372036854775807 inclusive"));
            assertThat(h.send("CONFIG", "SET", "maxclients", "0"))
                .isEqualTo(failed("maxclients", "argument must be between 1 and 4294967295 inclusive"));
            assertThat(h.send("CONFIG", "SET", "protected-mode", "maybe"))
                .isEqualTo(failed("protected-mode", "argument must be 'yes' or 'no'"));
            assertThat(h.send("CONFIG", "SET", "loglevel", "x")).isEqualTo(failed("loglevel",
                "argument(s) must be one of the following: debug, verbose, notice, warning"));
            assertThat(h.send("CONFIG", "SET", "save", "100")).isEqualTo(failed("save", "Invalid save parameters"));
            assertThat(h.send("CONFIG", "SET", "save", "100 x")).isEqualTo(failed("save", "Invalid save parameters"));
            assertThat(h.send("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0")).isEqualTo(failed(
                "client-output-buffer-limit", "Wrong number of arguments in buffer limit configuration."));
            assertThat(h.send("CONFIG", "SET", "client-output-buffer-limit", "foo 0 0 0")).isEqualTo(failed(
                "client-output-buffer-limit", "Invalid client class specified in buffer limit configuration."));
        }
    }

    @Test
    void shouldRequirePasswordForNewClientsAfterSettingIt()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "SET", "requirepass", "secret")).isEqualTo("+OK\r\n");
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
            final EngineHarness.Client other = h.newClient();
            assertThat(other.send("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(other.send("AUTH", "secret")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldListConfigSubcommandsInHelp()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CONFIG", "HELP")).isEqualTo("*9\r\n" +
                "+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+GET <pattern> [<pattern> ...]\r\n" +
                "+    Reply with the options whose names match any glob-style pattern, and their values.\r\n" +
                "+SET <option> <value> [<option> <value> ...]\r\n" +
                "+    Change options; either every value is accepted or none is applied.\r\n" +
                "+RESETSTAT\r\n" +
                "+    Zero the statistics INFO reports.\r\n" +
                "+HELP\r\n" +
                "+    Print this help.\r\n");
            assertThat(h.send("CONFIG", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n");
        }
    }

    @Test
    void shouldMatchGlobsAsRedis()
    {
        assertThat(Glob.matches("h?llo", "hello", false)).isTrue();
        assertThat(Glob.matches("h*llo", "heeeello", false)).isTrue();
        assertThat(Glob.matches("h[ae]llo", "hallo", false)).isTrue();
        assertThat(Glob.matches("h[^e]llo", "hello", false)).isFalse();
        assertThat(Glob.matches("h[a-b]llo", "hbllo", false)).isTrue();
        assertThat(Glob.matches("h\\*llo", "h*llo", false)).isTrue();
        assertThat(Glob.matches("h\\*llo", "hello", false)).isFalse();
        assertThat(Glob.matches("HELLO", "hello", true)).isTrue();
        assertThat(Glob.matches("HELLO", "hello", false)).isFalse();
        assertThat(Glob.matches("*", "", false)).isTrue();
        assertThat(Glob.matches("?", "", false)).isFalse();
    }
}
