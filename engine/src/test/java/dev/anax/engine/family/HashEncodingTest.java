package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.anax.engine.family.HashTestSupport.ONE;
import static dev.anax.engine.family.HashTestSupport.ZERO;
import static dev.anax.engine.family.HashTestSupport.bulk;
import static dev.anax.engine.family.HashTestSupport.bulks;
import static dev.anax.engine.family.HashTestSupport.config;
import static dev.anax.engine.family.HashTestSupport.encoding;
import static dev.anax.engine.family.HashTestSupport.integer;
import static dev.anax.engine.family.HashTestSupport.parseBulks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listpack and hashtable encodings and the conversions between them, as redis-server 7.0.15
 * makes them (hash-max-listpack-entries and hash-max-listpack-value).
 */
class HashEncodingTest
{
    private static String encodingReply(final EngineHarness h, final String key)
    {
        return h.send("OBJECT", "ENCODING", key);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStartAsListpackAndConvertPastTheEntriesLimit(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 128; i++)
            {
                h.send("HSET", "h", "f" + i, "v" + i);
            }
            assertThat(encodingReply(h, "h")).isEqualTo(bulk("listpack"));
            assertThat(h.send("HSET", "h", "f0", "again")).isEqualTo(ZERO);
            assertThat(encodingReply(h, "h")).isEqualTo(bulk("listpack"));
            assertThat(h.send("HSET", "h", "f128", "v128")).isEqualTo(ONE);
            assertThat(encodingReply(h, "h")).isEqualTo(bulk("hashtable"));
            assertThat(h.send("HLEN", "h")).isEqualTo(integer(129));
            assertThat(h.send("HGET", "h", "f0")).isEqualTo(bulk("again"));
            for (int i = 1; i <= 128; i++)
            {
                assertThat(h.send("HGET", "h", "f" + i)).isEqualTo(bulk("v" + i));
            }
            // Never back to listpack, even when it empties to one field.
            for (int i = 1; i <= 128; i++)
            {
                assertThat(h.send("HDEL", "h", "f" + i)).isEqualTo(ONE);
            }
            assertThat(encodingReply(h, "h")).isEqualTo(bulk("hashtable"));
            assertThat(h.send("HGETALL", "h")).isEqualTo(bulks("f0", "again"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldConvertWhenHsetWritesALongFieldOrValue(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "v", "a", "x".repeat(64));
            assertThat(encoding(h, "v")).isEqualTo("listpack");
            h.send("HSET", "v", "a", "x".repeat(65));
            assertThat(encoding(h, "v")).isEqualTo("hashtable");
            h.send("HMSET", "f", "y".repeat(65), "1");
            assertThat(encoding(h, "f")).isEqualTo("hashtable");
            assertThat(h.send("HGET", "f", "y".repeat(65))).isEqualTo(bulk("1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFollowTheConfiguredLimits(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            config(h, "hash-max-listpack-value", 4);
            config(h, "hash-max-listpack-entries", 3);
            assertThat(h.send("HINCRBY", "h1", "abcdefgh", "1")).isEqualTo(ONE);
            assertThat(encoding(h, "h1")).isEqualTo("hashtable");
            assertThat(h.send("HINCRBYFLOAT", "h2", "abcdefgh", "1.5")).isEqualTo(bulk("1.5"));
            assertThat(encoding(h, "h2")).isEqualTo("hashtable");
            h.send("HSET", "h3", "a", "1");
            assertThat(h.send("HINCRBY", "h3", "b", "123456789")).isEqualTo(integer(123456789));
            assertThat(encoding(h, "h3")).isEqualTo("hashtable");
            assertThat(h.send("HINCRBYFLOAT", "h9", "a", "1.234567")).isEqualTo(bulk("1.234567"));
            assertThat(encoding(h, "h9")).isEqualTo("hashtable");

            // HSETNX converts only when it writes.
            h.send("HSETNX", "h4", "a", "1");
            assertThat(h.send("HSETNX", "h4", "a", "12345678")).isEqualTo(ZERO);
            assertThat(encoding(h, "h4")).isEqualTo("listpack");
            assertThat(h.send("HSETNX", "h4", "b", "12345678")).isEqualTo(ONE);
            assertThat(encoding(h, "h4")).isEqualTo("hashtable");

            // HSET checks every argument, even for a field it only updates.
            h.send("HSET", "h8", "a", "1");
            h.send("HSET", "h8", "a", "12345");
            assertThat(encoding(h, "h8")).isEqualTo("hashtable");

            // Entries: more than the limit converts, a repeated field counts once.
            h.send("HSET", "h5", "a", "1", "b", "2", "c", "3");
            h.send("HSET", "h5", "a", "4");
            assertThat(encoding(h, "h5")).isEqualTo("listpack");
            h.send("HSET", "h5", "d", "4");
            assertThat(encoding(h, "h5")).isEqualTo("hashtable");
            h.send("HSET", "h6", "a", "1", "b", "2", "c", "3", "a", "5");
            assertThat(encoding(h, "h6")).isEqualTo("listpack");
            assertThat(h.send("HGETALL", "h6")).isEqualTo(bulks("a", "5", "b", "2", "c", "3"));

            // A lower limit converts a listpack at its next write, even an update.
            config(h, "hash-max-listpack-entries", 1);
            assertThat(encoding(h, "h6")).isEqualTo("listpack");
            h.send("HSET", "h6", "a", "6");
            assertThat(encoding(h, "h6")).isEqualTo("hashtable");

            // A limit of zero: every hash is a table.
            config(h, "hash-max-listpack-entries", 0);
            h.send("HSET", "h10", "a", "1");
            assertThat(encoding(h, "h10")).isEqualTo("hashtable");
            h.send("HINCRBY", "h11", "a", "1");
            assertThat(encoding(h, "h11")).isEqualTo("hashtable");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldConvertAtTheValueLimitInclusive(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            config(h, "hash-max-listpack-value", 8);
            h.send("HSET", "small", "tmp", "0");
            h.send("HSET", "big", "tmp", "0");
            assertThat(h.send("HINCRBYFLOAT", "small", "tmp", "0.000005")).isEqualTo(bulk("0.000005"));
            assertThat(h.send("HINCRBYFLOAT", "big", "tmp", "0.0000005")).isEqualTo(bulk("0.0000005"));
            assertThat(encoding(h, "small")).isEqualTo("listpack");
            assertThat(encoding(h, "big")).isEqualTo("hashtable");
            h.send("HINCRBYFLOAT", "small2", "abcdefgh", "1");
            h.send("HINCRBYFLOAT", "big2", "abcdefghi", "1");
            assertThat(encoding(h, "small2")).isEqualTo("listpack");
            assertThat(encoding(h, "big2")).isEqualTo("hashtable");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldServeEveryCommandFromATable(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final List<String> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++)
            {
                h.send("HSET", "t", "field:" + i, Integer.toString(i));
                expected.add("field:" + i);
            }
            assertThat(encoding(h, "t")).isEqualTo("hashtable");
            assertThat(h.send("HLEN", "t")).isEqualTo(integer(1000));
            assertThat(h.send("HSETNX", "t", "field:5", "x")).isEqualTo(ZERO);
            assertThat(h.send("HSETNX", "t", "new", "x")).isEqualTo(ONE);
            assertThat(h.send("HDEL", "t", "new", "none")).isEqualTo(ONE);
            assertThat(h.send("HINCRBY", "t", "field:7", "3")).isEqualTo(integer(10));
            assertThat(h.send("HINCRBYFLOAT", "t", "field:8", "0.5")).isEqualTo(bulk("8.5"));
            assertThat(h.send("HSTRLEN", "t", "field:8")).isEqualTo(integer(3));
            assertThat(h.send("HEXISTS", "t", "field:999")).isEqualTo(ONE);
            assertThat(h.send("HMGET", "t", "field:1", "nope")).isEqualTo("*2\r\n" + bulk("1") + "$-1\r\n");
            final List<String> keys = parseBulks(h.send("HKEYS", "t"));
            Collections.sort(keys);
            Collections.sort(expected);
            assertThat(keys).isEqualTo(expected);
            assertThat(parseBulks(h.send("HVALS", "t"))).hasSize(1000).contains("10", "8.5", "999");
            final List<String> all = parseBulks(h.send("HGETALL", "t"));
            assertThat(all).hasSize(2000);
            for (int i = 0; i < all.size(); i += 2)
            {
                assertThat(h.send("HGET", "t", all.get(i))).isEqualTo(bulk(all.get(i + 1)));
            }
            for (int i = 0; i < 1000; i++)
            {
                assertThat(h.send("HDEL", "t", "field:" + i)).isEqualTo(ONE);
            }
            assertThat(h.send("EXISTS", "t")).isEqualTo(ZERO);
        }
    }
}
