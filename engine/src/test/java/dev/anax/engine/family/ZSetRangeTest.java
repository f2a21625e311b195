package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ZSetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NOT_FLOAT_RANGE;
import static dev.anax.engine.family.ZSetTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ZSetTestSupport.NOT_LEX_RANGE;
import static dev.anax.engine.family.ZSetTestSupport.SYNTAX;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.config;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.keyOnShard;
import static dev.anax.engine.family.ZSetTestSupport.pairs3;
import static dev.anax.engine.family.ZSetTestSupport.resp3;
import static dev.anax.engine.family.ZSetTestSupport.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZRANGE in every form, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBY*, in both encodings.
 */
class ZSetRangeTest
{
    private static final String LIMIT_NEEDS_BY =
        "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    private static final String WITHSCORES_BYLEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    private static EngineHarness harness(final int shards, final boolean skiplist)
    {
        final EngineHarness h = new EngineHarness(shards);
        if (skiplist)
        {
            config(h, "zset-max-listpack-entries", "0");
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRangeByRankWithRedisIndexRules(final boolean skiplist)
    {
        final EngineHarness h = harness(1, skiplist);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertThat(encoding(h, "z")).isEqualTo(skiplist ? "skiplist" : "listpack");
        assertThat(h.send("ZRANGE", "z", "0", "-1")).isEqualTo(bulks("a", "b", "c", "d"));
        assertThat(h.send("ZRANGE", "z", "1", "-2")).isEqualTo(bulks("b", "c"));
        assertThat(h.send("ZRANGE", "z", "-2", "-2")).isEqualTo(bulks("c"));
        assertThat(h.send("ZRANGE", "z", "-5", "1")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("ZRANGE", "z", "5", "-1")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGE", "z", "1", "5")).isEqualTo(bulks("b", "c", "d"));
        assertThat(h.send("ZRANGE", "z", "0", "-5")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(bulks("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(h.send("ZRANGE", "z", "0", "1", "WITHSCORES", "WITHSCORES")).isEqualTo(bulks("a", "1", "b", "2"));
        assertThat(h.send("ZREVRANGE", "z", "0", "-1")).isEqualTo(bulks("d", "c", "b", "a"));
        assertThat(h.send("ZREVRANGE", "z", "1", "-2")).isEqualTo(bulks("c", "b"));
        assertThat(h.send("ZREVRANGE", "z", "-5", "1")).isEqualTo(bulks("d", "c"));
        assertThat(h.send("ZREVRANGE", "z", "0", "1", "withscores")).isEqualTo(bulks("d", "4", "c", "3"));
        assertThat(h.send("ZRANGE", "z", "0", "1", "REV")).isEqualTo(bulks("d", "c"));
        assertThat(h.send("ZRANGE", "nokey", "0", "-1")).isEqualTo(EMPTY_ARRAY);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRangeByScoreWithExclusiveBoundsAndLimit(final boolean skiplist)
    {
        final EngineHarness h = harness(1, skiplist);
        h.send("ZADD", "z", "-inf", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "+inf", "g");
        assertThat(h.send("ZRANGEBYSCORE", "z", "-inf", "2")).isEqualTo(bulks("a", "b", "c"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "4", "+inf")).isEqualTo(bulks("e", "f", "g"));
        assertThat(h.send("ZREVRANGEBYSCORE", "z", "6", "3")).isEqualTo(bulks("f", "e", "d"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "(-inf", "(2")).isEqualTo(bulks("b"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "(4", "(+inf")).isEqualTo(bulks("f"));
        assertThat(h.send("ZREVRANGEBYSCORE", "z", "(6", "(3")).isEqualTo(bulks("f", "e"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "4", "2")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYSCORE", "z", "2", "(2")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYSCORE", "z", "2.4", "2.6")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYSCORE", "z", "0", "3", "withscores")).isEqualTo(bulks("b", "1", "c", "2", "d", "3"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "0", "10", "LIMIT", "2", "3")).isEqualTo(bulks("d", "e", "f"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "0", "10", "LIMIT", "20", "10")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZREVRANGEBYSCORE", "z", "10", "0", "LIMIT", "2", "10")).isEqualTo(bulks("d", "c", "b"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "2", "5", "LIMIT", "2", "3", "WITHSCORES")).isEqualTo(bulks("e", "4", "f", "5"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "-1", "2")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "0", "-5")).isEqualTo(bulks("b", "c", "d"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "1", "0")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGE", "z", "(1", "3", "BYSCORE", "LIMIT", "0", "1")).isEqualTo(bulks("c"));
        assertThat(h.send("ZRANGE", "z", "3", "1", "BYSCORE", "REV", "LIMIT", "1", "-1")).isEqualTo(bulks("c", "b"));
        // Bounds are read by strtod without a range check: 1e400 is infinity, "" is 0.
        assertThat(h.send("ZRANGE", "z", "1e400", "+inf", "BYSCORE")).isEqualTo(bulks("g"));
        assertThat(h.send("ZRANGE", "z", "", "1", "BYSCORE")).isEqualTo(bulks("b"));
        assertThat(h.send("ZRANGE", "z", " 5", "(", "BYSCORE", "REV")).isEqualTo(bulks("f", "e", "d", "c", "b"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "str", "1")).isEqualTo(NOT_FLOAT_RANGE);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "NaN")).isEqualTo(NOT_FLOAT_RANGE);
        assertThat(h.send("ZRANGEBYSCORE", "z", "(1", "(a")).isEqualTo(NOT_FLOAT_RANGE);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1 ", "2")).isEqualTo(NOT_FLOAT_RANGE);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRangeByLex(final boolean skiplist)
    {
        final EngineHarness h = harness(1, skiplist);
        h.send("ZADD", "z", "0", "alpha", "0", "bar", "0", "cool", "0", "down", "0", "elephant", "0", "foo", "0", "great",
            "0", "hill", "0", "omega");
        assertThat(h.send("ZRANGEBYLEX", "z", "-", "[cool")).isEqualTo(bulks("alpha", "bar", "cool"));
        assertThat(h.send("ZRANGEBYLEX", "z", "[bar", "[down")).isEqualTo(bulks("bar", "cool", "down"));
        assertThat(h.send("ZRANGEBYLEX", "z", "[g", "+")).isEqualTo(bulks("great", "hill", "omega"));
        assertThat(h.send("ZREVRANGEBYLEX", "z", "[cool", "-")).isEqualTo(bulks("cool", "bar", "alpha"));
        assertThat(h.send("ZREVRANGEBYLEX", "z", "+", "[d")).isEqualTo(bulks("omega", "hill", "great", "foo", "elephant", "down"));
        assertThat(h.send("ZRANGEBYLEX", "z", "(bar", "(down")).isEqualTo(bulks("cool"));
        assertThat(h.send("ZREVRANGEBYLEX", "z", "+", "(great")).isEqualTo(bulks("omega", "hill"));
        assertThat(h.send("ZRANGEBYLEX", "z", "(az", "(b")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYLEX", "z", "+", "-")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYLEX", "z", "-", "+", "LIMIT", "1", "2")).isEqualTo(bulks("bar", "cool"));
        assertThat(h.send("ZRANGE", "z", "+", "-", "BYLEX", "REV", "LIMIT", "1", "1")).isEqualTo(bulks("hill"));
        assertThat(h.send("ZLEXCOUNT", "z", "-", "+")).isEqualTo(integer(9));
        assertThat(h.send("ZLEXCOUNT", "z", "[bar", "(down")).isEqualTo(integer(2));
        assertThat(h.send("ZLEXCOUNT", "nokey", "-", "+")).isEqualTo(integer(0));
        for (final String[] bad : new String[][] {{"a", "+"}, {"-", "b"}, {"", "+"}, {"+x", "+"}, {"[a", "-1"}})
        {
            assertThat(h.send("ZRANGEBYLEX", "z", bad[0], bad[1])).isEqualTo(NOT_LEX_RANGE);
            assertThat(h.send("ZLEXCOUNT", "z", bad[0], bad[1])).isEqualTo(NOT_LEX_RANGE);
            assertThat(h.send("ZREMRANGEBYLEX", "z", bad[0], bad[1])).isEqualTo(NOT_LEX_RANGE);
        }
        assertThat(h.send("ZRANGE", "nokey", "0", "1", "BYLEX")).isEqualTo(NOT_LEX_RANGE);
    }

    @Test
    void shouldRejectZrangeOptionsAsRedisDoes()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(h.send("ZRANGE", "z", "0", "-1", "LIMIT", "0", "1")).isEqualTo(error(LIMIT_NEEDS_BY));
        assertThat(h.send("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES")).isEqualTo(error(WITHSCORES_BYLEX));
        assertThat(h.send("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES")).isEqualTo(error(WITHSCORES_BYLEX));
        assertThat(h.send("ZRANGE", "z", "-", "+", "BYLEX", "BYSCORE")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGE", "z", "0", "1", "REV", "REV")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGE", "z", "0", "1", "LIMIT", "0")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGE", "z", "0", "1", "FOO")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGE", "z", "0", "1", "LIMIT", "a", "b")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZRANGE", "z", "0", "1", "LIMIT", "0", "a", "BYSCORE")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZRANGE", "z", "a", "b")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZRANGE", "z", "9223372036854775808", "1")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZRANGE", "z", "a", "b", "BYSCORE")).isEqualTo(NOT_FLOAT_RANGE);
        assertThat(h.send("ZRANGE", "z", "[a", "b", "BYLEX")).isEqualTo(NOT_LEX_RANGE);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "REV")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "BYLEX")).isEqualTo(SYNTAX);
        assertThat(h.send("ZREVRANGE", "z", "0", "1", "BYSCORE")).isEqualTo(SYNTAX);
        assertThat(h.send("ZREVRANGE", "z", "0", "1", "withscores", "x")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "0")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANGEBYSCORE", "z", "1", "3", "WITHSCORES", "LIMIT", "0", "1")).isEqualTo(bulks("a", "1"));
        assertThat(h.send("ZRANGE", "nokey", "a", "b")).isEqualTo(NOT_INTEGER);
    }

    @Test
    void shouldReplyPairsInResp3()
    {
        final EngineHarness h = new EngineHarness(1);
        resp3(h);
        h.send("ZADD", "z", "0.1", "x", "1", "a", "2", "b");
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(pairs3("x", "0.10000000000000001", "a", "1", "b", "2"));
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES", "REV")).isEqualTo(pairs3("b", "2", "a", "1", "x", "0.10000000000000001"));
        assertThat(h.send("ZRANGEBYSCORE", "z", "-inf", "inf", "WITHSCORES", "LIMIT", "1", "1")).isEqualTo(pairs3("a", "1"));
        assertThat(h.send("ZREVRANGE", "z", "0", "0", "WITHSCORES")).isEqualTo(pairs3("b", "2"));
        assertThat(h.send("ZRANGE", "z", "0", "0")).isEqualTo(bulks("x"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldCountScoreRanges(final boolean skiplist)
    {
        final EngineHarness h = harness(1, skiplist);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "3", "d");
        assertThat(h.send("ZCOUNT", "z", "-inf", "+inf")).isEqualTo(integer(4));
        assertThat(h.send("ZCOUNT", "z", "(1", "3")).isEqualTo(integer(3));
        assertThat(h.send("ZCOUNT", "z", "2", "(3")).isEqualTo(integer(1));
        assertThat(h.send("ZCOUNT", "z", "5", "1")).isEqualTo(integer(0));
        assertThat(h.send("ZCOUNT", "z", "(3", "3")).isEqualTo(integer(0));
        assertThat(h.send("ZCOUNT", "z", "a", "b")).isEqualTo(NOT_FLOAT_RANGE);
        assertThat(h.send("ZCOUNT", "nokey", "1", "2")).isEqualTo(integer(0));
        assertThat(h.send("ZCOUNT", "nokey", "x", "2")).isEqualTo(NOT_FLOAT_RANGE);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRemoveRanges(final boolean skiplist)
    {
        final EngineHarness h = harness(1, skiplist);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertThat(h.send("ZREMRANGEBYRANK", "z", "1", "2")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", "z", "0", "-1")).isEqualTo(bulks("a", "d", "e"));
        assertThat(h.send("ZREMRANGEBYRANK", "z", "5", "10")).isEqualTo(integer(0));
        assertThat(h.send("ZREMRANGEBYRANK", "z", "2", "1")).isEqualTo(integer(0));
        assertThat(h.send("ZREMRANGEBYRANK", "z", "-1", "100")).isEqualTo(integer(1));
        assertThat(h.send("ZREMRANGEBYSCORE", "z", "(1", "5")).isEqualTo(integer(1));
        assertThat(h.send("ZREMRANGEBYSCORE", "z", "2", "1")).isEqualTo(integer(0));
        assertThat(h.send("ZRANGE", "z", "0", "-1")).isEqualTo(bulks("a"));
        assertThat(h.send("ZREMRANGEBYSCORE", "z", "-inf", "+inf")).isEqualTo(integer(1));
        assertThat(h.send("EXISTS", "z")).isEqualTo(integer(0));
        h.send("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d");
        assertThat(h.send("ZREMRANGEBYLEX", "l", "(a", "[c")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "d"));
        assertThat(h.send("ZREMRANGEBYLEX", "l", "-", "+")).isEqualTo(integer(2));
        assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
        assertThat(h.send("ZREMRANGEBYRANK", "nokey", "0", "1")).isEqualTo(integer(0));
        assertThat(h.send("ZREMRANGEBYRANK", "nokey", "a", "1")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZREMRANGEBYSCORE", "nokey", "a", "1")).isEqualTo(NOT_FLOAT_RANGE);
    }

    @Test
    void shouldRemoveLargeRangesFromTheTree()
    {
        final EngineHarness h = new EngineHarness(1);
        for (int i = 0; i < 2000; i++)
        {
            h.send("ZADD", "z", Integer.toString(i), "m" + i);
        }
        assertThat(h.send("ZREMRANGEBYSCORE", "z", "100", "(1900")).isEqualTo(integer(1800));
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(200));
        assertThat(h.send("ZRANGE", "z", "99", "100")).isEqualTo(bulks("m99", "m1900"));
        assertThat(h.send("ZRANK", "z", "m1999")).isEqualTo(integer(199));
        assertThat(h.send("ZREMRANGEBYRANK", "z", "0", "-2")).isEqualTo(integer(199));
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(bulks("m1999", "1999"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreRanges(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String src = "src";
        final String far = shards == 1 ? "far" : keyOnShard(h, "far", (shardOf(h, src) + 1) % shards);
        h.send("ZADD", src, "1", "a", "2", "b", "3", "c", "4", "d");
        for (final String dst : new String[] {"{src}near", far})
        {
            assertThat(h.send("ZRANGESTORE", dst, src, "1", "-1")).isEqualTo(integer(3));
            assertThat(h.send("ZRANGE", dst, "0", "-1", "WITHSCORES")).isEqualTo(bulks("b", "2", "c", "3", "d", "4"));
            assertThat(encoding(h, dst)).isEqualTo("listpack");
            assertThat(h.send("ZRANGESTORE", dst, src, "+inf", "(1", "BYSCORE", "REV", "LIMIT", "0", "2")).isEqualTo(integer(2));
            assertThat(h.send("ZRANGE", dst, "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "3", "d", "4"));
            assertThat(h.send("ZRANGESTORE", dst, src, "[b", "[c", "BYLEX")).isEqualTo(integer(2));
            assertThat(h.send("ZRANGE", dst, "0", "-1", "WITHSCORES")).isEqualTo(bulks("b", "2", "c", "3"));
            assertThat(h.send("ZRANGESTORE", dst, src, "0", "-1")).isEqualTo(integer(4));
            assertThat(h.send("ZRANGESTORE", dst, src, "5", "6", "BYSCORE")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", dst)).isEqualTo(integer(0));
            h.send("SET", dst, "string");
            assertThat(h.send("ZRANGESTORE", dst, "nokey", "0", "-1")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", dst)).isEqualTo(integer(0));
            h.send("SET", dst, "string");
            assertThat(h.send("ZRANGESTORE", dst, src, "0", "0")).isEqualTo(integer(1));
            assertThat(h.send("TYPE", dst)).isEqualTo("+zset\r\n");
            assertThat(h.send("ZRANGESTORE", dst, src, "0", "-1", "WITHSCORES")).isEqualTo(SYNTAX);
            assertThat(h.send("ZRANGESTORE", dst, src, "0", "-1", "LIMIT", "0", "1")).isEqualTo(error(LIMIT_NEEDS_BY));
            h.send("SET", "{src}str", "v");
        }
        assertThat(h.send("ZRANGESTORE", far, "{src}str", "0", "-1")).isEqualTo(ZSetTestSupport.WRONGTYPE);
        assertThat(h.send("ZRANGESTORE", "{src}x", "{src}str", "0", "-1")).isEqualTo(ZSetTestSupport.WRONGTYPE);
    }

    @Test
    void shouldWalkListpackLexRangesAsRedisDoesWhenScoresDiffer()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "mix", "3", "a", "1", "b", "2", "c", "0", "d", "5", "aa");
        assertThat(h.send("ZRANGE", "mix", "0", "-1")).isEqualTo(bulks("d", "b", "c", "a", "aa"));
        assertThat(h.send("ZRANGEBYLEX", "mix", "[a", "[c")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANGEBYLEX", "mix", "[b", "+")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZREVRANGEBYLEX", "mix", "[c", "[a")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZREVRANGEBYLEX", "mix", "+", "-", "LIMIT", "1", "2")).isEqualTo(bulks("a", "c"));
        assertThat(h.send("ZRANGEBYLEX", "mix", "-", "+", "LIMIT", "2", "10")).isEqualTo(bulks("c", "a", "aa"));
        assertThat(h.send("ZLEXCOUNT", "mix", "[b", "[c")).isEqualTo(integer(0));
        assertThat(h.send("ZLEXCOUNT", "mix", "(a", "+")).isEqualTo(integer(5));
        assertThat(h.send("ZREMRANGEBYLEX", "mix", "[b", "[c")).isEqualTo(integer(0));
        assertThat(h.send("ZCARD", "mix")).isEqualTo(integer(5));
    }

    @Test
    void shouldDropNegativeZeroOfElementsStoredThroughAListpack()
    {
        final EngineHarness h = new EngineHarness(1);
        config(h, "zset-max-listpack-entries", "0");
        h.send("ZADD", "sk", "-0", "c", "1", "a");
        config(h, "zset-max-listpack-entries", "1");
        assertThat(h.send("ZRANGESTORE", "e1", "sk", "-inf", "inf", "BYSCORE")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", "e1", "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "0", "a", "1"));
        assertThat(h.send("ZRANGESTORE", "e2", "sk", "inf", "-inf", "BYSCORE", "REV")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", "e2", "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "-0", "a", "1"));
        assertThat(h.send("ZRANGESTORE", "e3", "sk", "0", "-1")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", "e3", "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "-0", "a", "1"));
        assertThat(h.send("ZRANGESTORE", "e4", "sk", "0", "0")).isEqualTo(integer(1));
        assertThat(h.send("ZRANGE", "e4", "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "0"));
        config(h, "zset-max-listpack-entries", "128");
        config(h, "zset-max-listpack-value", "1");
        h.send("ZADD", "sk", "5", "longmember");
        assertThat(h.send("ZRANGESTORE", "e5", "sk", "0", "-1")).isEqualTo(integer(3));
        assertThat(h.send("ZRANGE", "e5", "0", "-1", "WITHSCORES")).isEqualTo(bulks("c", "0", "a", "1", "longmember", "5"));
        assertThat(encoding(h, "e5")).isEqualTo("skiplist");
    }

    @Test
    void shouldChooseTheStoredEncodingByTheResult()
    {
        final EngineHarness h = new EngineHarness(1);
        config(h, "zset-max-listpack-entries", "1");
        h.send("ZADD", "z1", "1", "a", "2", "b");
        assertThat(h.send("ZRANGESTORE", "z2", "z1", "0", "0")).isEqualTo(integer(1));
        assertThat(encoding(h, "z2")).isEqualTo("listpack");
        assertThat(h.send("ZRANGESTORE", "z3", "z1", "0", "1")).isEqualTo(integer(2));
        assertThat(encoding(h, "z3")).isEqualTo("skiplist");
        config(h, "zset-max-listpack-entries", "0");
        h.send("DEL", "z1");
        h.send("ZADD", "z1", "1", "a");
        assertThat(h.send("ZRANGESTORE", "z2", "z1", "0", "-1")).isEqualTo(integer(1));
        assertThat(encoding(h, "z2")).isEqualTo("skiplist");
    }
}
