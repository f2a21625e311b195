package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.config.ServerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ListTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ListTestSupport.NIL;
import static dev.anax.engine.family.ListTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ListTestSupport.NULL3;
import static dev.anax.engine.family.ListTestSupport.SYNTAX;
import static dev.anax.engine.family.ListTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ListTestSupport.bulks;
import static dev.anax.engine.family.ListTestSupport.error;
import static dev.anax.engine.family.ListTestSupport.integer;
import static dev.anax.engine.family.ListTestSupport.integers;
import static dev.anax.engine.family.ListTestSupport.rpush;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LPOS, LREM and LINSERT: the commands that look for an element.
 */
class ListSearchTest
{
    private static final String RANK_ZERO = error("ERR RANK can't be zero: use 1 to start from the first match, " +
        "2 from the second ... or use negative to start from the end of the list");

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFindTheFirstPositionOfAnElement(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c", "1", "2", "3", "c", "c");
            assertThat(h.send("LPOS", "l", "a")).isEqualTo(integer(0));
            assertThat(h.send("LPOS", "l", "c")).isEqualTo(integer(2));
            assertThat(h.send("LPOS", "l", "3")).isEqualTo(integer(5));
            assertThat(h.send("LPOS", "l", "x")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFindByRankFromEitherEnd(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c", "1", "2", "3", "c", "c");
            assertThat(h.send("LPOS", "l", "c", "RANK", "1")).isEqualTo(integer(2));
            assertThat(h.send("LPOS", "l", "c", "RANK", "2")).isEqualTo(integer(6));
            assertThat(h.send("LPOS", "l", "c", "RANK", "4")).isEqualTo(NIL);
            assertThat(h.send("LPOS", "l", "c", "RANK", "-1")).isEqualTo(integer(7));
            assertThat(h.send("LPOS", "l", "c", "RANK", "-2")).isEqualTo(integer(6));
            assertThat(h.send("LPOS", "l", "c", "RANK", "9223372036854775807")).isEqualTo(NIL);
            // As in Redis, the most negative rank cannot be negated and matches from the tail.
            assertThat(h.send("LPOS", "l", "c", "RANK", "-9223372036854775808")).isEqualTo(integer(7));
            assertThat(h.send("LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "0"))
                .isEqualTo(integers(7, 6, 2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldListPositionsWithCountRankAndMaxlen(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c", "1", "2", "3", "c", "c");
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0")).isEqualTo(integers(2, 6, 7));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "1")).isEqualTo(integers(2));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "2")).isEqualTo(integers(2, 6));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "100")).isEqualTo(integers(2, 6, 7));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0", "RANK", "2")).isEqualTo(integers(6, 7));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "2", "RANK", "-1")).isEqualTo(integers(7, 6));
            assertThat(h.send("LPOS", "l", "x", "COUNT", "2", "RANK", "-1")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LPOS", "l", "a", "COUNT", "0", "MAXLEN", "1")).isEqualTo(integers(0));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "1")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "3")).isEqualTo(integers(2));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "3", "RANK", "-1")).isEqualTo(integers(7, 6));
            assertThat(h.send("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7", "RANK", "2")).isEqualTo(integers(6));
            assertThat(h.send("LPOS", "l", "c", "RANK", "-1", "COUNT", "5", "COUNT", "1")).isEqualTo(integers(7));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldParseLposOptionsBeforeLookingTheKeyUp(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPOS", "missing", "a", "RANK", "0")).isEqualTo(RANK_ZERO);
            assertThat(h.send("LPOS", "missing", "a", "RANK", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("LPOS", "missing", "a", "COUNT", "-1"))
                .isEqualTo(error("ERR COUNT can't be negative"));
            assertThat(h.send("LPOS", "missing", "a", "COUNT", "x"))
                .isEqualTo(error("ERR COUNT can't be negative"));
            assertThat(h.send("LPOS", "missing", "a", "MAXLEN", "-1"))
                .isEqualTo(error("ERR MAXLEN can't be negative"));
            assertThat(h.send("LPOS", "missing", "a", "MAXLEN", "1.0"))
                .isEqualTo(error("ERR MAXLEN can't be negative"));
            assertThat(h.send("LPOS", "missing", "a", "FOO", "1")).isEqualTo(SYNTAX);
            assertThat(h.send("LPOS", "missing", "a", "RANK")).isEqualTo(SYNTAX);
            assertThat(h.send("LPOS", "missing", "a")).isEqualTo(NIL);
            assertThat(h.send("LPOS", "missing", "a", "COUNT", "0", "RANK", "2")).isEqualTo(EMPTY_ARRAY);
            h.send("SET", "s", "x");
            assertThat(h.send("LPOS", "s", "a")).isEqualTo(WRONGTYPE);
            h.client().session().protocol(3);
            assertThat(h.send("LPOS", "missing", "a")).isEqualTo(NULL3);
            assertThat(h.send("LPOS", "missing", "a", "COUNT", "1")).isEqualTo(EMPTY_ARRAY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMatchIntegerElementsByTheirText(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "1", "01", "-0", "0", "1", "100000000000");
            assertThat(h.send("LPOS", "l", "1", "COUNT", "0")).isEqualTo(integers(0, 4));
            assertThat(h.send("LPOS", "l", "01")).isEqualTo(integer(1));
            assertThat(h.send("LPOS", "l", "-0")).isEqualTo(integer(2));
            assertThat(h.send("LPOS", "l", "0")).isEqualTo(integer(3));
            assertThat(h.send("LPOS", "l", "100000000000")).isEqualTo(integer(5));
            assertThat(h.send("LREM", "l", "0", "1")).isEqualTo(integer(2));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("01", "-0", "0", "100000000000"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRemoveOccurrencesFromTheHeadTheTailOrEverywhere(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "foo", "bar", "foobar", "foobared", "zap", "bar", "test", "foo");
            assertThat(h.send("LREM", "l", "0", "bar")).isEqualTo(integer(2));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("foo", "foobar", "foobared", "zap", "test", "foo"));
            assertThat(h.send("LREM", "l", "1", "foo")).isEqualTo(integer(1));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("foobar", "foobared", "zap", "test", "foo"));
            assertThat(h.send("LREM", "l", "1", "nosuchelement")).isEqualTo(integer(0));
            h.send("DEL", "l");
            rpush(h, "l", "foo", "bar", "foobar", "foobared", "zap", "test", "foo", "foo");
            assertThat(h.send("LREM", "l", "-1", "foo")).isEqualTo(integer(1));
            assertThat(h.send("LRANGE", "l", "0", "-1"))
                .isEqualTo(bulks("foo", "bar", "foobar", "foobared", "zap", "test", "foo"));
            assertThat(h.send("LREM", "l", "-2", "foo")).isEqualTo(integer(2));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("bar", "foobar", "foobared", "zap", "test"));
            assertThat(h.send("LREM", "l", "-9223372036854775808", "zap")).isEqualTo(integer(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteAListThatLremEmptied(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "x", "x", "x");
            assertThat(h.send("LREM", "l", "0", "x")).isEqualTo(integer(3));
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
            assertThat(h.send("LREM", "l", "0", "x")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldParseTheLremCountBeforeLookingTheKeyUp(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LREM", "missing", "x", "a")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "x");
            assertThat(h.send("LREM", "s", "1", "a")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LREM", "s", "1.5", "a")).isEqualTo(NOT_INTEGER);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldInsertBeforeOrAfterThePivot(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c", "d");
            assertThat(h.send("LINSERT", "l", "before", "c", "zz")).isEqualTo(integer(5));
            assertThat(h.send("LRANGE", "l", "0", "10")).isEqualTo(bulks("a", "b", "zz", "c", "d"));
            assertThat(h.send("LINSERT", "l", "AFTER", "c", "yy")).isEqualTo(integer(6));
            assertThat(h.send("LINSERT", "l", "after", "d", "dd")).isEqualTo(integer(7));
            assertThat(h.send("LINSERT", "l", "before", "a", "aa")).isEqualTo(integer(8));
            assertThat(h.send("LINSERT", "l", "after", "bad", "ddd")).isEqualTo(integer(-1));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("aa", "a", "b", "zz", "c", "yy", "d", "dd"));
            assertThat(h.send("LINSERT", "l", "before", "aa", "42")).isEqualTo(integer(9));
            assertThat(h.send("LINSERT", "l", "before", "42", "-1")).isEqualTo(integer(10));
            assertThat(h.send("LRANGE", "l", "0", "1")).isEqualTo(bulks("-1", "42"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCheckLinsertPositionThenKeyThenType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LINSERT", "missing", "middle", "a", "b")).isEqualTo(SYNTAX);
            assertThat(h.send("LINSERT", "missing", "before", "a", "b")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", "missing")).isEqualTo(integer(0));
            h.send("SET", "s", "x");
            assertThat(h.send("LINSERT", "s", "before", "a", "b")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LINSERT", "s", "between", "a", "b")).isEqualTo(SYNTAX);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldInsertIntoFullNodesOfAPositiveFill(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("CONFIG", "SET", "list-max-listpack-size", "2");
            rpush(h, "l", "a", "b", "c", "d", "e", "f");
            assertThat(h.send("LINSERT", "l", "after", "a", "a2")).isEqualTo(integer(7));
            assertThat(h.send("LINSERT", "l", "before", "c", "b2")).isEqualTo(integer(8));
            assertThat(h.send("LINSERT", "l", "after", "f", "g")).isEqualTo(integer(9));
            assertThat(h.send("LINSERT", "l", "before", "a", "0")).isEqualTo(integer(10));
            assertThat(h.send("LRANGE", "l", "0", "-1"))
                .isEqualTo(bulks("0", "a", "a2", "b", "b2", "c", "d", "e", "f", "g"));
            assertThat(ListTestSupport.list(h, "l").nodeCount()).isGreaterThanOrEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepElementsFromThePackedThresholdInNodesOfTheirOwn(final int shards)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("enable-debug-command", "yes");
        try (EngineHarness h = new EngineHarness(shards, config))
        {
            try
            {
                assertThat(h.send("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "5gb"))
                    .isEqualTo(error("ERR argument must be a memory value bigger than 1 and smaller than 4gb"));
                assertThat(h.send("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "10b")).isEqualTo("+OK\r\n");
                h.send("LPUSH", "l", "aa");
                h.send("LPUSH", "l", "bb");
                h.send("LSET", "l", "-2", "x".repeat(10));
                assertThat(ListTestSupport.list(h, "l").nodeCount()).isEqualTo(2);
                h.send("RPOP", "l");
                assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("x".repeat(10)));
            }
            finally
            {
                h.send("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "0");
            }
        }
    }
}
