package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ZSetTestSupport.NIL;
import static dev.anax.engine.family.ZSetTestSupport.NOT_FLOAT;
import static dev.anax.engine.family.ZSetTestSupport.NULL3;
import static dev.anax.engine.family.ZSetTestSupport.SYNTAX;
import static dev.anax.engine.family.ZSetTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ZSetTestSupport.array;
import static dev.anax.engine.family.ZSetTestSupport.bulk;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.config;
import static dev.anax.engine.family.ZSetTestSupport.dbl;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.entry;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.resp3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK and the encodings.
 */
class ZSetFamilyTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAddMembersAndCountOnlyNewOnes(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        assertThat(h.send("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(integer(3));
        assertThat(h.send("ZADD", "z", "5", "a", "4", "d")).isEqualTo(integer(1));
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES"))
            .isEqualTo(bulks("b", "2", "c", "3", "d", "4", "a", "5"));
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(4));
        assertThat(h.send("TYPE", "z")).isEqualTo("+zset\r\n");
    }

    @Test
    void shouldRejectBadZaddSyntaxInRedisOrder()
    {
        final EngineHarness h = new EngineHarness(1);
        assertThat(h.send("ZADD", "z", "1")).isEqualTo(error("ERR wrong number of arguments for 'zadd' command"));
        assertThat(h.send("ZADD", "z", "1", "a", "2")).isEqualTo(SYNTAX);
        assertThat(h.send("ZADD", "z", "XX", "1")).isEqualTo(SYNTAX);
        assertThat(h.send("ZADD", "z", "FOO", "1", "a")).isEqualTo(SYNTAX);
        assertThat(h.send("ZADD", "z", "NX", "XX", "1", "a"))
            .isEqualTo(error("ERR XX and NX options at the same time are not compatible"));
        assertThat(h.send("ZADD", "z", "GT", "LT", "1", "a"))
            .isEqualTo(error("ERR GT, LT, and/or NX options at the same time are not compatible"));
        assertThat(h.send("ZADD", "z", "NX", "GT", "1", "a"))
            .isEqualTo(error("ERR GT, LT, and/or NX options at the same time are not compatible"));
        assertThat(h.send("ZADD", "z", "NX", "LT", "1", "a"))
            .isEqualTo(error("ERR GT, LT, and/or NX options at the same time are not compatible"));
        assertThat(h.send("ZADD", "z", "INCR", "1", "a", "2", "b"))
            .isEqualTo(error("ERR INCR option supports a single increment-element pair"));
        assertThat(h.send("ZADD", "z", "1", "a", "x", "b")).isEqualTo(NOT_FLOAT);
        assertThat(h.send("EXISTS", "z")).isEqualTo(integer(0));
    }

    @Test
    void shouldParseScoresAsRedisDoes()
    {
        final EngineHarness h = new EngineHarness(1);
        for (final String bad : new String[] {"abc", "nan", "1e400", " 1", "1 ", "", "infinit", ".", "1e", "1e+", "0x",
            "1_0", "1e-400", "-nan"})
        {
            assertThat(h.send("ZADD", "z", bad, "m")).as(bad).isEqualTo(NOT_FLOAT);
        }
        assertThat(h.send("ZADD", "z", "0x10", "hex", "1.5e3", "e", ".5", "h", "5.", "f", "+.5e-1", "g")).isEqualTo(integer(5));
        assertThat(h.send("ZADD", "z", "INF", "i1", "-Infinity", "i2", "4e-320", "sub", "0X1P+2", "x2")).isEqualTo(integer(4));
        assertThat(h.send("ZADD", "z", "00012", "lead", "0x.8", "x3", "0x1p-1074", "tiny")).isEqualTo(integer(3));
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(bulks(
            "i2", "-inf", "tiny", "4.9406564584124654e-324", "sub", "3.999955468730732e-320", "g", "0.050000000000000003",
            "h", "0.5", "x3", "0.5", "x2", "4", "f", "5", "lead", "12", "hex", "16", "e", "1500", "i1", "inf"));
    }

    @Test
    void shouldFormatScoresWithSeventeenDigits()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "z", "0.1", "a", "1e17", "b", "1e300", "c", "-2.5", "d", "123456789012345678", "e");
        assertThat(h.send("ZSCORE", "z", "a")).isEqualTo(bulk("0.10000000000000001"));
        assertThat(h.send("ZSCORE", "z", "b")).isEqualTo(bulk("1e+17"));
        assertThat(h.send("ZSCORE", "z", "c")).isEqualTo(bulk("1.0000000000000001e+300"));
        assertThat(h.send("ZSCORE", "z", "d")).isEqualTo(bulk("-2.5"));
        assertThat(h.send("ZSCORE", "z", "e")).isEqualTo(bulk("1.2345678901234568e+17"));
        final String dblmax = "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058955" +
            "86327668781715404589535143824642343213268894641827684675467035375169860499105765512820762454900903893289440" +
            "75868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124" +
            "858368.00000000000000000";
        assertThat(h.send("ZADD", "z", dblmax, "max")).isEqualTo(integer(1));
        assertThat(h.send("ZSCORE", "z", "max")).isEqualTo(bulk("1.7976931348623157e+308"));
        assertThat(encoding(h, "z")).isEqualTo("listpack");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldApplyNxXxGtLtAndCh(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("ZADD", "z", "1", "a", "2", "ok");
        assertThat(h.send("ZADD", "z", "CH", "2", "ok", "1", "a")).isEqualTo(integer(0));
        assertThat(h.send("ZADD", "z", "CH", "3", "ok", "1", "a")).isEqualTo(integer(1));
        assertThat(h.send("ZADD", "z", "XX", "CH", "4", "ok", "1", "new")).isEqualTo(integer(1));
        assertThat(h.send("ZSCORE", "z", "new")).isEqualTo(NIL);
        assertThat(h.send("ZADD", "z", "NX", "9", "ok", "7", "n2")).isEqualTo(integer(1));
        assertThat(h.send("ZSCORE", "z", "ok")).isEqualTo(bulk("4"));
        assertThat(h.send("ZADD", "z", "GT", "CH", "1", "ok")).isEqualTo(integer(0));
        assertThat(h.send("ZADD", "z", "GT", "CH", "5", "ok")).isEqualTo(integer(1));
        assertThat(h.send("ZADD", "z", "LT", "CH", "6", "ok", "0", "a")).isEqualTo(integer(1));
        assertThat(h.send("ZADD", "z", "LT", "1", "lt")).isEqualTo(integer(1));
        assertThat(h.send("ZADD", "z", "XX", "GT", "CH", "10", "ok")).isEqualTo(integer(1));
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES"))
            .isEqualTo(bulks("a", "0", "lt", "1", "n2", "7", "ok", "10"));
        assertThat(h.send("ZADD", "nokey", "XX", "1", "a")).isEqualTo(integer(0));
        assertThat(h.send("EXISTS", "nokey")).isEqualTo(integer(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIncrementWithZaddIncrAndZincrby(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        assertThat(h.send("ZINCRBY", "z", "1.5", "a")).isEqualTo(bulk("1.5"));
        assertThat(h.send("ZADD", "z", "INCR", "1", "a")).isEqualTo(bulk("2.5"));
        assertThat(h.send("ZADD", "z", "GT", "INCR", "-1", "a")).isEqualTo(NIL);
        assertThat(h.send("ZADD", "z", "LT", "INCR", "-1", "a")).isEqualTo(bulk("1.5"));
        assertThat(h.send("ZADD", "z", "XX", "INCR", "1", "nope")).isEqualTo(NIL);
        assertThat(h.send("ZADD", "z", "NX", "INCR", "1", "a")).isEqualTo(NIL);
        assertThat(h.send("ZADD", "nokey", "XX", "INCR", "1", "a")).isEqualTo(NIL);
        assertThat(h.send("ZINCRBY", "z", "abc", "a")).isEqualTo(NOT_FLOAT);
        assertThat(h.send("ZINCRBY", "z", "1e400", "a")).isEqualTo(NOT_FLOAT);
        assertThat(h.send("ZINCRBY", "z", "1")).isEqualTo(error("ERR wrong number of arguments for 'zincrby' command"));
        assertThat(h.send("ZINCRBY", "z", "nx", "a")).isEqualTo(SYNTAX);
        assertThat(h.send("ZINCRBY", "big", "1e308", "a")).isEqualTo(bulk("1e+308"));
        assertThat(h.send("ZINCRBY", "big", "1e308", "a")).isEqualTo(bulk("inf"));
        assertThat(h.send("ZINCRBY", "big", "-inf", "a")).isEqualTo(error("ERR resulting score is not a number (NaN)"));
        assertThat(h.send("ZADD", "big", "INCR", "-inf", "a")).isEqualTo(error("ERR resulting score is not a number (NaN)"));
        assertThat(h.send("ZSCORE", "big", "a")).isEqualTo(bulk("inf"));
    }

    @Test
    void shouldKeepNegativeZeroOnlyInTheSkiplistEncoding()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "lp", "-0", "a");
        assertThat(h.send("ZSCORE", "lp", "a")).isEqualTo(bulk("0"));
        config(h, "zset-max-listpack-entries", "0");
        h.send("ZADD", "sl", "-0", "a", "0.1", "b");
        assertThat(encoding(h, "sl")).isEqualTo("skiplist");
        assertThat(h.send("ZSCORE", "sl", "a")).isEqualTo(bulk("-0"));
        assertThat(h.send("ZINCRBY", "sl", "0", "a")).isEqualTo(bulk("0"));
        assertThat(h.send("ZADD", "sl", "0", "c")).isEqualTo(integer(1));
        assertThat(h.send("ZRANGE", "sl", "0", "-1", "WITHSCORES"))
            .isEqualTo(bulks("a", "-0", "c", "0", "b", "0.10000000000000001"));
        assertThat(h.send("ZSCAN", "sl", "0", "COUNT", "100")).startsWith("*2\r\n$1\r\n0\r\n*6\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRemoveMembersAndDeleteTheEmptyKey(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(h.send("ZREM", "z", "a", "nope")).isEqualTo(integer(1));
        assertThat(h.send("ZREM", "z", "nope")).isEqualTo(integer(0));
        assertThat(h.send("ZREM", "nokey", "a")).isEqualTo(integer(0));
        assertThat(h.send("ZREM", "z")).isEqualTo(error("ERR wrong number of arguments for 'zrem' command"));
        assertThat(h.send("ZREM", "z", "b", "c", "b")).isEqualTo(integer(2));
        assertThat(h.send("EXISTS", "z")).isEqualTo(integer(0));
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReadScoresAndRanks(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(h.send("ZSCORE", "z", "b")).isEqualTo(bulk("2"));
        assertThat(h.send("ZSCORE", "z", "nope")).isEqualTo(NIL);
        assertThat(h.send("ZSCORE", "nokey", "a")).isEqualTo(NIL);
        assertThat(h.send("ZMSCORE", "z", "a", "nope", "c")).isEqualTo(array(bulk("1"), NIL, bulk("3")));
        assertThat(h.send("ZMSCORE", "nokey", "a", "b")).isEqualTo(array(NIL, NIL));
        assertThat(h.send("ZMSCORE", "z")).isEqualTo(error("ERR wrong number of arguments for 'zmscore' command"));
        assertThat(h.send("ZRANK", "z", "c")).isEqualTo(integer(2));
        assertThat(h.send("ZREVRANK", "z", "c")).isEqualTo(integer(0));
        assertThat(h.send("ZRANK", "z", "nope")).isEqualTo(NIL);
        assertThat(h.send("ZREVRANK", "nokey", "a")).isEqualTo(NIL);
        assertThat(h.send("ZRANK", "z", "c", "withscore"))
            .isEqualTo(error("ERR wrong number of arguments for 'zrank' command"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerWrongTypeForOtherTypes(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("SET", "str", "v");
        for (final String[] command : new String[][] {
            {"ZADD", "str", "1", "a"}, {"ZINCRBY", "str", "1", "a"}, {"ZREM", "str", "a"}, {"ZCARD", "str"},
            {"ZSCORE", "str", "a"}, {"ZMSCORE", "str", "a"}, {"ZRANK", "str", "a"}, {"ZREVRANK", "str", "a"},
            {"ZCOUNT", "str", "1", "2"}, {"ZLEXCOUNT", "str", "-", "+"}, {"ZRANGE", "str", "0", "1"},
            {"ZREVRANGE", "str", "0", "1"}, {"ZRANGEBYSCORE", "str", "1", "2"}, {"ZREVRANGEBYSCORE", "str", "2", "1"},
            {"ZRANGEBYLEX", "str", "-", "+"}, {"ZREVRANGEBYLEX", "str", "+", "-"}, {"ZREMRANGEBYRANK", "str", "0", "1"},
            {"ZREMRANGEBYSCORE", "str", "1", "2"}, {"ZREMRANGEBYLEX", "str", "-", "+"}, {"ZPOPMIN", "str"},
            {"ZPOPMAX", "str", "2"}, {"ZPOPMIN", "str", "0"}, {"ZMPOP", "1", "str", "MIN"}, {"ZRANDMEMBER", "str"},
            {"ZRANDMEMBER", "str", "2"}, {"ZSCAN", "str", "0"}, {"ZRANGESTORE", "{str}d", "str", "0", "1"},
            {"ZUNION", "1", "str"}, {"ZINTERCARD", "1", "str"}, {"SORT", "str"}, {"SORT_RO", "str"}})
        {
            assertThat(h.send(command)).as(String.join(" ", command)).isEqualTo(WRONGTYPE);
        }
        assertThat(h.send("GET", "str")).isEqualTo(bulk("v"));
    }

    @Test
    void shouldAnswerInResp3WithDoublesAndNulls()
    {
        final EngineHarness h = new EngineHarness(1);
        resp3(h);
        h.send("ZADD", "z", "0.1", "x", "1", "a");
        assertThat(h.send("ZSCORE", "z", "x")).isEqualTo(dbl("0.10000000000000001"));
        assertThat(h.send("ZSCORE", "z", "nope")).isEqualTo(NULL3);
        assertThat(h.send("ZMSCORE", "z", "x", "nope")).isEqualTo(array(dbl("0.10000000000000001"), NULL3));
        assertThat(h.send("ZINCRBY", "z", "1", "x")).isEqualTo(dbl("1.1000000000000001"));
        assertThat(h.send("ZADD", "z", "INCR", "1", "x")).isEqualTo(dbl("2.1000000000000001"));
        assertThat(h.send("ZADD", "z", "NX", "INCR", "1", "x")).isEqualTo(NULL3);
        assertThat(h.send("ZRANK", "z", "nope")).isEqualTo(NULL3);
        assertThat(h.send("ZADD", "z", "inf", "i")).isEqualTo(integer(1));
        assertThat(h.send("ZSCORE", "z", "i")).isEqualTo(dbl("inf"));
    }

    @Test
    void shouldConvertToSkiplistWhenEntriesOrValueGrowAndNeverBack()
    {
        final EngineHarness h = new EngineHarness(1);
        config(h, "zset-max-listpack-entries", "4");
        config(h, "zset-max-listpack-value", "8");
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertThat(encoding(h, "z")).isEqualTo("listpack");
        h.send("ZADD", "z", "5", "e");
        assertThat(encoding(h, "z")).isEqualTo("skiplist");
        h.send("ZREM", "z", "a", "b", "c", "d");
        assertThat(encoding(h, "z")).isEqualTo("skiplist");
        assertThat(h.send("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(bulks("e", "5"));

        h.send("ZADD", "v", "1", "a");
        h.send("ZADD", "v", "2", "123456789");
        assertThat(encoding(h, "v")).isEqualTo("skiplist");
        h.send("ZADD", "w", "1", "123456789");
        assertThat(encoding(h, "w")).isEqualTo("skiplist");
        h.send("ZADD", "u", "1", "12345678");
        assertThat(encoding(h, "u")).isEqualTo("listpack");
        config(h, "zset-max-listpack-entries", "0");
        h.send("ZADD", "t", "1", "a");
        assertThat(encoding(h, "t")).isEqualTo("skiplist");
        // The old aliases set the same options.
        config(h, "zset-max-ziplist-entries", "128");
        h.send("ZADD", "s", "1", "a");
        assertThat(encoding(h, "s")).isEqualTo("listpack");
        assertThat(h.send("OBJECT", "ENCODING", "s")).isEqualTo(bulk("listpack"));
    }

    @Test
    void shouldKeepEveryCommandConsistentAcrossTheConversion()
    {
        final EngineHarness h = new EngineHarness(1);
        for (int i = 0; i < 300; i++)
        {
            h.send("ZADD", "z", Integer.toString(i % 7), "m" + i);
        }
        assertThat(encoding(h, "z")).isEqualTo("skiplist");
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(300));
        assertThat(h.send("ZRANK", "z", "m0")).isEqualTo(integer(0));
        assertThat(h.send("ZRANK", "z", "m97")).isEqualTo(integer(299));
        assertThat(h.send("ZREVRANK", "z", "m97")).isEqualTo(integer(0));
        assertThat(h.send("ZCOUNT", "z", "2", "(3")).isEqualTo(integer(43));
        assertThat(h.send("ZRANGE", "z", "0", "1")).isEqualTo(bulks("m0", "m105"));
        assertThat(h.send("ZREVRANGE", "z", "0", "0", "WITHSCORES")).isEqualTo(bulks("m97", "6"));
        assertThat(h.send("ZINCRBY", "z", "-10", "m97")).isEqualTo(bulk("-4"));
        assertThat(h.send("ZRANGE", "z", "0", "0", "WITHSCORES")).isEqualTo(bulks("m97", "-4"));
        assertThat(h.send("ZREM", "z", "m97", "m0")).isEqualTo(integer(2));
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(298));
    }

    @Test
    void shouldCopyAndRenameSortedSets()
    {
        final EngineHarness h = new EngineHarness(4);
        h.send("ZADD", "src", "1", "a", "2", "b");
        assertThat(h.send("COPY", "src", "dst")).isEqualTo(integer(1));
        h.send("ZADD", "dst", "3", "c");
        assertThat(h.send("ZRANGE", "src", "0", "-1")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("ZRANGE", "dst", "0", "-1")).isEqualTo(bulks("a", "b", "c"));
        config(h, "zset-max-listpack-entries", "1");
        h.send("ZADD", "big", "1", "a", "2", "b");
        assertThat(h.send("COPY", "big", "big2")).isEqualTo(integer(1));
        h.send("ZREM", "big", "a");
        assertThat(encoding(h, "big2")).isEqualTo("skiplist");
        assertThat(h.send("ZRANGE", "big2", "0", "-1", "WITHSCORES")).isEqualTo(bulks("a", "1", "b", "2"));
        assertThat(h.send("RENAME", "big2", "big3")).isEqualTo("+OK\r\n");
        assertThat(h.send("ZSCORE", "big3", "b")).isEqualTo(bulk("2"));
        assertThat(entry(h, "big3")).isNotNull();
    }
}
