package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.HashTestSupport.NIL;
import static dev.anax.engine.family.HashTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.HashTestSupport.SYNTAX;
import static dev.anax.engine.family.HashTestSupport.config;
import static dev.anax.engine.family.HashTestSupport.error;
import static dev.anax.engine.family.HashTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MEMORY USAGE: Redis's argument checks and replies, and estimates that grow with the value.
 */
class MemoryCommandTest
{
    private static long usage(final EngineHarness h, final String key)
    {
        final String reply = h.send("MEMORY", "USAGE", key);
        assertThat(reply).startsWith(":");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCheckArgumentsAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "abc");
            assertThat(h.send("MEMORY", "USAGE", "nokey")).isEqualTo(NIL);
            assertThat(h.send("MEMORY", "USAGE", "nokey", "SAMPLES", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("MEMORY", "USAGE", "s", "SAMPLES")).isEqualTo(SYNTAX);
            assertThat(h.send("MEMORY", "USAGE", "s", "SAMPLES", "-1")).isEqualTo(SYNTAX);
            assertThat(h.send("MEMORY", "USAGE", "s", "foo", "1")).isEqualTo(SYNTAX);
            assertThat(h.send("MEMORY", "USAGE", "s", "samples", "0")).isEqualTo(integer(usage(h, "s")));
            assertThat(h.send("MEMORY", "USAGE", "s", "samples", "1", "samples", "2")).isEqualTo(integer(usage(h, "s")));
            assertThat(h.send("MEMORY", "USAGE")).isEqualTo(error("ERR wrong number of arguments for 'memory|usage' command"));
            assertThat(h.send("MEMORY", "FOO")).isEqualTo(error("ERR unknown subcommand 'FOO'. Try MEMORY HELP."));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGrowWithTheValue(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "abc");
            final long small = usage(h, "s");
            h.send("SET", "s", "x".repeat(1000));
            assertThat(usage(h, "s")).isGreaterThan(small + 990);
            h.send("HSET", "h", "a", "1");
            final long listpack = usage(h, "h");
            assertThat(listpack).isGreaterThan(0);
            config(h, "hash-max-listpack-entries", 0);
            for (int i = 0; i < 1000; i++)
            {
                h.send("HSET", "t", "field" + i, "value" + i);
            }
            assertThat(usage(h, "t")).isBetween(1000L * 16, 1000L * 64);
        }
    }
}
