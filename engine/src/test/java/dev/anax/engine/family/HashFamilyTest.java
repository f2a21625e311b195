package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.ValueType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.HashTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.HashTestSupport.NIL;
import static dev.anax.engine.family.HashTestSupport.NIL3;
import static dev.anax.engine.family.HashTestSupport.NOT_FLOAT;
import static dev.anax.engine.family.HashTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.HashTestSupport.OK;
import static dev.anax.engine.family.HashTestSupport.ONE;
import static dev.anax.engine.family.HashTestSupport.WRONGTYPE;
import static dev.anax.engine.family.HashTestSupport.ZERO;
import static dev.anax.engine.family.HashTestSupport.bulk;
import static dev.anax.engine.family.HashTestSupport.bulks;
import static dev.anax.engine.family.HashTestSupport.bytes;
import static dev.anax.engine.family.HashTestSupport.entry;
import static dev.anax.engine.family.HashTestSupport.error;
import static dev.anax.engine.family.HashTestSupport.integer;
import static dev.anax.engine.family.HashTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.HashTestSupport.map;
import static dev.anax.engine.family.HashTestSupport.putList;
import static dev.anax.engine.family.HashTestSupport.resp3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HSET, HMSET, HSETNX, HGET, HMGET, HDEL, HEXISTS, HLEN, HSTRLEN, HGETALL, HKEYS, HVALS, HINCRBY
 * and HINCRBYFLOAT; replies checked against redis-server 7.0.15.
 */
class HashFamilyTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetAndGetFields(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HSET", "h", "a", "1", "b", "2")).isEqualTo(integer(2));
            assertThat(h.send("HSET", "h", "a", "3", "c", "4")).isEqualTo(ONE);
            assertThat(h.send("hset", "h", "a", "5")).isEqualTo(ZERO);
            assertThat(h.send("HGET", "h", "a")).isEqualTo(bulk("5"));
            assertThat(h.send("HGET", "h", "b")).isEqualTo(bulk("2"));
            assertThat(h.send("HGET", "h", "c")).isEqualTo(bulk("4"));
            assertThat(h.send("HGET", "h", "missing")).isEqualTo(NIL);
            assertThat(h.send("HGET", "missing", "a")).isEqualTo(NIL);
            assertThat(h.send("TYPE", "h")).isEqualTo("+hash\r\n");
            // A field given twice is added once, with its last value, in first-seen order.
            assertThat(h.send("HSET", "d", "x", "1", "y", "2", "x", "3", "a", "4", "y", "5")).isEqualTo(integer(3));
            assertThat(h.send("HSET", "d", "z", "6", "x", "7", "z", "8")).isEqualTo(ONE);
            assertThat(h.send("HGETALL", "d")).isEqualTo(bulks("x", "7", "y", "5", "a", "4", "z", "8"));
            assertThat(entry(h, "h").type()).isEqualTo(ValueType.HASH);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectAnOddNumberOfFieldAndValueArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HSET", "h")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
            assertThat(h.send("HSET", "h", "a")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
            assertThat(h.send("HSET", "h", "a", "1", "b"))
                .isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
            assertThat(h.send("HMSET", "h", "a", "1", "b"))
                .isEqualTo(error("ERR wrong number of arguments for 'hmset' command"));
            assertThat(h.send("EXISTS", "h")).isEqualTo(ZERO);
            putList(h, "l");
            assertThat(h.send("HSET", "l", "a", "1", "b"))
                .isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyOkToHmset(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HMSET", "h", "a", "1", "b", "2")).isEqualTo(OK);
            assertThat(h.send("HMSET", "h", "a", "9")).isEqualTo(OK);
            assertThat(h.send("HMGET", "h", "a", "b")).isEqualTo(bulks("9", "2"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetOnlyAnAbsentFieldWithHsetnx(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HSETNX", "h", "a", "1")).isEqualTo(ONE);
            assertThat(h.send("HSETNX", "h", "a", "2")).isEqualTo(ZERO);
            assertThat(h.send("HSETNX", "h", "b", "3")).isEqualTo(ONE);
            assertThat(h.send("HGETALL", "h")).isEqualTo(bulks("a", "1", "b", "3"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetManyFieldsWithHmget(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HMGET", "missing", "a", "b")).isEqualTo("*2\r\n" + NIL + NIL);
            h.send("HSET", "h", "a", "1", "b", "");
            assertThat(h.send("HMGET", "h", "a", "x", "b")).isEqualTo("*3\r\n" + bulk("1") + NIL + bulk(""));
            resp3(h);
            assertThat(h.send("HMGET", "h", "x", "a")).isEqualTo("*2\r\n" + NIL3 + bulk("1"));
            assertThat(h.send("HMGET", "missing", "a")).isEqualTo("*1\r\n" + NIL3);
            assertThat(h.send("HGET", "h", "x")).isEqualTo(NIL3);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteFieldsAndTheKeyWhenItEmpties(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HDEL", "missing", "a")).isEqualTo(ZERO);
            h.send("HSET", "h", "a", "1", "b", "2", "c", "3");
            assertThat(h.send("HDEL", "h", "x")).isEqualTo(ZERO);
            assertThat(h.send("HDEL", "h", "b", "x", "b")).isEqualTo(ONE);
            assertThat(h.send("HGETALL", "h")).isEqualTo(bulks("a", "1", "c", "3"));
            assertThat(h.send("HDEL", "h", "a", "c", "d", "e")).isEqualTo(integer(2));
            assertThat(h.send("EXISTS", "h")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountFieldsAndMeasureValues(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HLEN", "missing")).isEqualTo(ZERO);
            assertThat(h.send("HSTRLEN", "missing", "a")).isEqualTo(ZERO);
            assertThat(h.send("HEXISTS", "missing", "a")).isEqualTo(ZERO);
            h.send("HSET", "h", "a", "hello", "n", "-9223372036854775808", "e", "");
            assertThat(h.send("HLEN", "h")).isEqualTo(integer(3));
            assertThat(h.send("HSTRLEN", "h", "a")).isEqualTo(integer(5));
            assertThat(h.send("HSTRLEN", "h", "n")).isEqualTo(integer(20));
            assertThat(h.send("HSTRLEN", "h", "e")).isEqualTo(ZERO);
            assertThat(h.send("HSTRLEN", "h", "x")).isEqualTo(ZERO);
            assertThat(h.send("HEXISTS", "h", "e")).isEqualTo(ONE);
            assertThat(h.send("HEXISTS", "h", "x")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldListFieldsAndValuesInInsertionOrder(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "h", "z", "1", "y", "2", "x", "3");
            h.send("HDEL", "h", "y");
            h.send("HSET", "h", "w", "4", "z", "5");
            assertThat(h.send("HGETALL", "h")).isEqualTo(bulks("z", "5", "x", "3", "w", "4"));
            assertThat(h.send("HKEYS", "h")).isEqualTo(bulks("z", "x", "w"));
            assertThat(h.send("HVALS", "h")).isEqualTo(bulks("5", "3", "4"));
            assertThat(h.send("HGETALL", "missing")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("HKEYS", "missing")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("HVALS", "missing")).isEqualTo(EMPTY_ARRAY);
            resp3(h);
            assertThat(h.send("HGETALL", "h")).isEqualTo(map("z", "5", "x", "3", "w", "4"));
            assertThat(h.send("HGETALL", "missing")).isEqualTo("%0\r\n");
            assertThat(h.send("HKEYS", "h")).isEqualTo(bulks("z", "x", "w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectWrongType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "x");
            putList(h, "l");
            for (final String key : new String[] {"s", "l"})
            {
                assertThat(h.send("HSET", key, "a", "1")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HMSET", key, "a", "1")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HSETNX", key, "a", "1")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HGET", key, "a")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HMGET", key, "a")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HDEL", key, "a")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HEXISTS", key, "a")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HLEN", key)).isEqualTo(WRONGTYPE);
                assertThat(h.send("HSTRLEN", key, "a")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HGETALL", key)).isEqualTo(WRONGTYPE);
                assertThat(h.send("HKEYS", key)).isEqualTo(WRONGTYPE);
                assertThat(h.send("HVALS", key)).isEqualTo(WRONGTYPE);
                assertThat(h.send("HINCRBY", key, "a", "1")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HINCRBYFLOAT", key, "a", "1")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HRANDFIELD", key)).isEqualTo(WRONGTYPE);
                assertThat(h.send("HRANDFIELD", key, "0")).isEqualTo(WRONGTYPE);
                assertThat(h.send("HSCAN", key, "0")).isEqualTo(WRONGTYPE);
            }
            // Argument errors come first.
            assertThat(h.send("HINCRBY", "s", "a", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("HINCRBYFLOAT", "s", "a", "x")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("HINCRBYFLOAT", "s", "a", "inf")).isEqualTo(error("ERR value is NaN or Infinity"));
            assertThat(h.send("HGET", "s", "a")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GET", "s")).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIncrementIntegerValues(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HINCRBY", "h", "n", "5")).isEqualTo(integer(5));
            assertThat(h.send("HINCRBY", "h", "n", "-7")).isEqualTo(integer(-2));
            assertThat(h.send("HGET", "h", "n")).isEqualTo(bulk("-2"));
            h.send("HSET", "h", "big", "17179869184");
            assertThat(h.send("HINCRBY", "h", "big", "17179869184")).isEqualTo(integer(34359738368L));
            h.send("HSET", "h", "max", "9223372036854775807", "min", "-9223372036854775808");
            assertThat(h.send("HINCRBY", "h", "max", "1")).isEqualTo(error("ERR increment or decrement would overflow"));
            assertThat(h.send("HINCRBY", "h", "min", "-1")).isEqualTo(error("ERR increment or decrement would overflow"));
            assertThat(h.send("HINCRBY", "h", "min", "9223372036854775807")).isEqualTo(integer(-1));
            assertThat(h.send("HINCRBY", "h", "n", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("HINCRBY", "h", "n", "9223372036854775808")).isEqualTo(NOT_INTEGER);
            for (final String bad : new String[] {" 11", "11 ", "foo", "1.5", "", "+1", "01"})
            {
                h.send("HSET", "h", "bad", bad);
                assertThat(h.send("HINCRBY", "h", "bad", "1")).isEqualTo(error("ERR hash value is not an integer"));
            }
            assertThat(h.send("HINCRBY", "fresh", "f", "0")).isEqualTo(ZERO);
            assertThat(h.send("HGETALL", "fresh")).isEqualTo(bulks("f", "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIncrementFloatValues(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "10.5")).isEqualTo(bulk("10.5"));
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "0.1")).isEqualTo(bulk("10.6"));
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "-10.6")).isEqualTo(bulk("0"));
            assertThat(h.send("HINCRBYFLOAT", "h", "g", "1.23")).isEqualTo(bulk("1.23"));
            assertThat(h.send("HINCRBYFLOAT", "h", "g", "0.77")).isEqualTo(bulk("2"));
            assertThat(h.send("HINCRBYFLOAT", "h", "g", "-0.1")).isEqualTo(bulk("1.9"));
            h.send("HSET", "h", "i", "17179869184");
            assertThat(h.send("HINCRBYFLOAT", "h", "i", "17179869184")).isEqualTo(bulk("34359738368"));
            assertThat(h.send("HINCRBYFLOAT", "h", "i", "1e3")).isEqualTo(bulk("34359739368"));
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "abc")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "nan")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("HINCRBYFLOAT", "h", "f", "+inf")).isEqualTo(error("ERR value is NaN or Infinity"));
            assertThat(h.send("HINCRBYFLOAT", "nokey", "f", "-inf")).isEqualTo(error("ERR value is NaN or Infinity"));
            assertThat(h.send("EXISTS", "nokey")).isEqualTo(ZERO);
            for (final String bad : new String[] {" 11", "11 ", "foo", "", "1\u00002"})
            {
                h.send("HSET", "h", "bad", bad);
                assertThat(h.send("HINCRBYFLOAT", "h", "bad", "1")).isEqualTo(error("ERR hash value is not a float"));
            }
            h.send("HSET", "h", "huge", "1e4932");
            assertThat(h.send("HINCRBYFLOAT", "h", "huge", "1e4932"))
                .isEqualTo(error("ERR increment would produce NaN or Infinity"));
            assertThat(h.send("HGET", "h", "huge")).isEqualTo(bulk("1e4932"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepBinaryAndEmptyFieldsAndValues(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final byte[] field = {0, 'f', (byte)0xFF, '\r', '\n'};
            final byte[] value = {(byte)0x80, 0, '\r', '\n'};
            assertThat(h.send(bytes("HSET"), bytes("h"), field, value, new byte[0], new byte[0])).isEqualTo(integer(2));
            assertThat(h.send(bytes("HGET"), bytes("h"), field)).isEqualTo("$4\r\n\u0080\u0000\r\n\r\n");
            assertThat(h.send("HGET", "h", "")).isEqualTo(bulk(""));
            assertThat(h.send(bytes("HSTRLEN"), bytes("h"), field)).isEqualTo(integer(4));
            assertThat(h.send("HKEYS", "h")).isEqualTo(bulks("\u0000f\u00FF\r\n", ""));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepHashesOnEveryShard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "hash", shards);
            for (int i = 0; i < keys.length; i++)
            {
                assertThat(h.send("HSET", keys[i], "f", "v" + i)).isEqualTo(ONE);
            }
            for (int i = 0; i < keys.length; i++)
            {
                assertThat(h.send("HGET", keys[i], "f")).isEqualTo(bulk("v" + i));
                assertThat(h.send("HLEN", keys[i])).isEqualTo(ONE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCopyRenameAndMoveHashesIndependently(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "k", 3);
            h.send("HSET", keys[0], "a", "1", "b", "2");
            assertThat(h.send("COPY", keys[0], keys[1])).isEqualTo(ONE);
            h.send("HSET", keys[0], "a", "X");
            h.send("HINCRBY", keys[1], "b", "1");
            assertThat(h.send("HGETALL", keys[0])).isEqualTo(bulks("a", "X", "b", "2"));
            assertThat(h.send("HGETALL", keys[1])).isEqualTo(bulks("a", "1", "b", "3"));
            assertThat(h.send("OBJECT", "ENCODING", keys[1])).isEqualTo(bulk("listpack"));
            assertThat(h.send("RENAME", keys[1], keys[2])).isEqualTo(OK);
            assertThat(h.send("HGETALL", keys[2])).isEqualTo(bulks("a", "1", "b", "3"));
            assertThat(h.send("EXISTS", keys[1])).isEqualTo(ZERO);

            HashTestSupport.config(h, "hash-max-listpack-entries", 1);
            h.send("HSET", "big", "a", "1", "b", "2");
            assertThat(h.send("OBJECT", "ENCODING", "big")).isEqualTo(bulk("hashtable"));
            assertThat(h.send("COPY", "big", "big2")).isEqualTo(ONE);
            h.send("HSET", "big", "a", "9");
            assertThat(h.send("HGET", "big2", "a")).isEqualTo(bulk("1"));
            assertThat(h.send("OBJECT", "ENCODING", "big2")).isEqualTo(bulk("hashtable"));
            assertThat(h.send("MOVE", "big2", "1")).isEqualTo(ONE);
            assertThat(h.send("EXISTS", "big2")).isEqualTo(ZERO);
            final dev.anax.engine.keyspace.KeyEntry moved = h.engine().shards()[HashTestSupport.shardOf(h, "big2")]
                .database(1).get(bytes("big2"), h.clock().time());
            assertThat(((dev.anax.engine.types.hash.FieldTable)moved.value()).size()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldExpireHashes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "h", "a", "1");
            assertThat(h.send("PEXPIRE", "h", "100")).isEqualTo(ONE);
            h.send("HSET", "h", "b", "2");
            assertThat(h.send("PTTL", "h")).isEqualTo(integer(100));
            h.clock().advance(100);
            assertThat(h.send("HGET", "h", "a")).isEqualTo(NIL);
            assertThat(h.send("HLEN", "h")).isEqualTo(ZERO);
            assertThat(h.send("HSET", "h", "c", "3")).isEqualTo(ONE);
            assertThat(h.send("PTTL", "h")).isEqualTo(integer(-1));
        }
    }
}
