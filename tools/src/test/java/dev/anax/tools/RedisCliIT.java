package dev.anax.tools;

import dev.anax.engine.config.ServerConfig;
import dev.anax.transport.AnaxServer;
import dev.anax.transport.ThreadingMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test with the real redis-cli (installed by the test command) against a 4-thread server.
 */
class RedisCliIT
{
    private static AnaxServer server;

    @BeforeAll
    static void start() throws IOException
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("port", "0");
        config.setAtStartup("threads", "4");
        server = new AnaxServer(config, ThreadingMode.SHARED, null).start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static String cli(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(server.port())));
        command.addAll(Arrays.asList(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return output.strip();
    }

    @Test
    void shouldAnswerRedisCliAsRedisDoes() throws Exception
    {
        assertThat(cli("PING")).isEqualTo("PONG");
        assertThat(cli("SET", "greeting", "hello", "EX", "100")).isEqualTo("OK");
        assertThat(cli("SET", "greeting", "again", "NX")).isEmpty();
        assertThat(cli("SET", "greeting", "world", "XX", "GET")).isEqualTo("hello");
        assertThat(cli("GET", "greeting")).isEqualTo("world");
        assertThat(cli("TTL", "greeting")).isEqualTo("-1");
        assertThat(cli("INCR", "counter")).isEqualTo("1");
        assertThat(cli("INCRBY", "counter", "41")).isEqualTo("42");
        assertThat(cli("MSET", "a", "1", "b", "2", "c", "3", "d", "4")).isEqualTo("OK");
        assertThat(cli("MGET", "a", "b", "nope", "c", "d")).isEqualTo("1\n2\n\n3\n4");
        assertThat(cli("EXPIRE", "a", "100")).isEqualTo("1");
        assertThat(cli("TTL", "a")).isEqualTo("100");
        assertThat(cli("--no-raw", "GET", "nope")).isEqualTo("(nil)");
        assertThat(cli("--no-raw", "DEL", "nope")).isEqualTo("(integer) 0");
        assertThat(cli("INFO", "server")).contains("redis_version:7.0.15");
        assertThat(cli("--no-raw", "COMMAND", "INFO", "get")).contains("\"get\"").contains("readonly");
        assertThat(cli("DBSIZE")).isEqualTo("6");
        assertThat(cli("--scan").split("\n")).containsExactlyInAnyOrder("greeting", "counter", "a", "b", "c", "d");
    }
}
