package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ZSetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ZSetTestSupport.SYNTAX;
import static dev.anax.engine.family.ZSetTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.config;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.ZSetTestSupport.pairs3;
import static dev.anax.engine.family.ZSetTestSupport.putSet;
import static dev.anax.engine.family.ZSetTestSupport.resp3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, with keys on one shard and spread
 * over four, sorted sets and sets as inputs.
 */
class ZSetMultiKeyTest
{
    /** Four sorted sets and a set on distinct shards (where there are several), and a destination. */
    private static String[] setUp(final EngineHarness h)
    {
        final String[] k = keysOnDistinctShards(h, "k", 4);
        final String[] keys = {k[0], k[1], k[2], k[3], "set", "dst"};
        h.send("ZADD", keys[0], "1", "a", "2", "b", "3", "c");
        h.send("ZADD", keys[1], "1", "b", "2", "c", "3", "d");
        h.send("ZADD", keys[2], "5", "a", "7", "x");
        h.send("ZADD", keys[3], "1", "q");
        putSet(h, keys[4], "a", "x", "y");
        return keys;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldComputeUnionsWithWeightsAndAggregates(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String[] k = setUp(h);
        assertThat(h.send("ZUNION", "4", k[0], k[1], k[2], k[3], "WITHSCORES"))
            .isEqualTo(bulks("q", "1", "b", "3", "d", "3", "c", "5", "a", "6", "x", "7"));
        assertThat(h.send("ZUNION", "4", k[0], k[1], k[2], k[3], "WITHSCORES", "AGGREGATE", "MAX", "WEIGHTS", "2", "3", "-1", "0"))
            .isEqualTo(bulks("x", "-7", "q", "0", "a", "2", "b", "4", "c", "6", "d", "9"));
        assertThat(h.send("ZUNION", "4", k[0], k[1], k[2], k[3], "WITHSCORES", "AGGREGATE", "MIN"))
            .isEqualTo(bulks("a", "1", "b", "1", "q", "1", "c", "2", "d", "3", "x", "7"));
        assertThat(h.send("ZUNION", "2", k[0], k[4], "WITHSCORES"))
            .isEqualTo(bulks("x", "1", "y", "1", "a", "2", "b", "2", "c", "3"));
        assertThat(h.send("ZUNION", "2", k[0], "nokey")).isEqualTo(bulks("a", "b", "c"));
        assertThat(h.send("ZUNION", "1", k[0], "WEIGHTS", "2")).isEqualTo(bulks("a", "b", "c"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldComputeIntersectionsAndDifferences(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String[] k = setUp(h);
        assertThat(h.send("ZINTER", "2", k[0], k[1], "WITHSCORES")).isEqualTo(bulks("b", "3", "c", "5"));
        assertThat(h.send("ZINTER", "3", k[0], k[1], k[2], "WITHSCORES")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZINTER", "2", k[0], k[4], "WITHSCORES")).isEqualTo(bulks("a", "2"));
        assertThat(h.send("ZINTER", "2", k[0], "nokey")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZDIFF", "2", k[0], k[1], "WITHSCORES")).isEqualTo(bulks("a", "1"));
        assertThat(h.send("ZDIFF", "3", k[0], k[1], k[2])).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZDIFF", "2", k[4], k[0])).isEqualTo(bulks("x", "y"));
        assertThat(h.send("ZDIFF", "1", "nokey")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1])).isEqualTo(integer(2));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1], "LIMIT", "1")).isEqualTo(integer(1));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1], "LIMIT", "0")).isEqualTo(integer(2));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[4])).isEqualTo(integer(1));
        assertThat(h.send("ZINTERCARD", "2", k[0], "nokey")).isEqualTo(integer(0));
    }

    @Test
    void shouldTurnInfinityMinusInfinityIntoZero()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = keysOnDistinctShards(h, "i", 2);
        h.send("ZADD", k[0], "inf", "a");
        h.send("ZADD", k[1], "-inf", "a");
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WITHSCORES")).isEqualTo(bulks("a", "0"));
        assertThat(h.send("ZINTER", "2", k[0], k[1], "WITHSCORES")).isEqualTo(bulks("a", "0"));
        assertThat(h.send("ZUNION", "1", k[0], "WEIGHTS", "0", "WITHSCORES")).isEqualTo(bulks("a", "0"));
        assertThat(h.send("ZINTER", "2", k[0], k[1], "WITHSCORES", "AGGREGATE", "MIN")).isEqualTo(bulks("a", "-inf"));
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WITHSCORES", "AGGREGATE", "MAX", "WEIGHTS", "0", "1"))
            .isEqualTo(bulks("a", "0"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreResultsReplacingTheDestination(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String[] k = setUp(h);
        h.send("SET", k[5], "string");
        assertThat(h.send("ZUNIONSTORE", k[5], "4", k[0], k[1], k[2], k[3])).isEqualTo(integer(6));
        assertThat(h.send("ZRANGE", k[5], "0", "-1", "WITHSCORES"))
            .isEqualTo(bulks("q", "1", "b", "3", "d", "3", "c", "5", "a", "6", "x", "7"));
        assertThat(encoding(h, k[5])).isEqualTo("listpack");
        assertThat(h.send("ZINTERSTORE", k[5], "2", k[0], k[1], "WEIGHTS", "1", "10")).isEqualTo(integer(2));
        assertThat(h.send("ZRANGE", k[5], "0", "-1", "WITHSCORES")).isEqualTo(bulks("b", "12", "c", "23"));
        assertThat(h.send("ZDIFFSTORE", k[5], "2", k[0], k[1])).isEqualTo(integer(1));
        assertThat(h.send("ZRANGE", k[5], "0", "-1", "WITHSCORES")).isEqualTo(bulks("a", "1"));
        assertThat(h.send("ZDIFFSTORE", k[5], "1", "nokey")).isEqualTo(integer(0));
        assertThat(h.send("EXISTS", k[5])).isEqualTo(integer(0));
        // A source may be the destination.
        assertThat(h.send("ZUNIONSTORE", k[0], "2", k[0], k[4])).isEqualTo(integer(5));
        assertThat(h.send("ZRANGE", k[0], "0", "-1", "WITHSCORES")).isEqualTo(bulks("x", "1", "y", "1", "a", "2", "b", "2", "c", "3"));
        assertThat(h.send("ZINTERSTORE", k[5], "2", k[0], "nokey")).isEqualTo(integer(0));
        assertThat(h.send("EXISTS", k[5])).isEqualTo(integer(0));
    }

    @Test
    void shouldStoreLargeResultsAsSkiplist()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = keysOnDistinctShards(h, "big", 3);
        for (int i = 0; i < 200; i++)
        {
            h.send("ZADD", k[i % 2], Integer.toString(i), "m" + i);
        }
        assertThat(h.send("ZUNIONSTORE", k[2], "2", k[0], k[1])).isEqualTo(integer(200));
        assertThat(encoding(h, k[2])).isEqualTo("skiplist");
        assertThat(h.send("ZRANGE", k[2], "198", "-1", "WITHSCORES")).isEqualTo(bulks("m198", "198", "m199", "199"));
        assertThat(h.send("ZRANK", k[2], "m100")).isEqualTo(integer(100));
        config(h, "zset-max-listpack-value", "1");
        assertThat(h.send("ZINTERSTORE", k[2], "2", k[0], k[0])).isEqualTo(integer(100));
        assertThat(encoding(h, k[2])).isEqualTo("skiplist");
        assertThat(h.send("ZSCORE", k[2], "m4")).isEqualTo(ZSetTestSupport.bulk("8"));
    }

    @Test
    void shouldCheckArgumentsInRedisOrder()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = setUp(h);
        h.send("SET", "str", "v");
        assertThat(h.send("ZUNION", "0", k[0])).isEqualTo(error("ERR at least 1 input key is needed for 'zunion' command"));
        assertThat(h.send("ZINTERSTORE", "d", "-1", k[0]))
            .isEqualTo(error("ERR at least 1 input key is needed for 'zinterstore' command"));
        assertThat(h.send("ZINTERCARD", "0", k[0])).isEqualTo(error("ERR at least 1 input key is needed for 'zintercard' command"));
        assertThat(h.send("ZUNION", "a", k[0])).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZUNION", "2", k[0])).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WEIGHTS")).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WEIGHTS", "1", "x")).isEqualTo(error("ERR weight value is not a float"));
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WEIGHTS", "1", "nan")).isEqualTo(error("ERR weight value is not a float"));
        assertThat(h.send("ZUNION", "2", k[0], k[1], "AGGREGATE", "foo")).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNION", "2", k[0], k[1], "AGGREGATE")).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNION", "2", k[0], k[1], "WITHSCORES", "foo")).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNION", "2", k[0], "str", "WEIGHTS", "x")).isEqualTo(WRONGTYPE);
        assertThat(h.send("ZDIFF", "2", k[0], k[1], "WEIGHTS", "1", "2")).isEqualTo(SYNTAX);
        assertThat(h.send("ZDIFF", "2", k[0], k[1], "AGGREGATE", "SUM")).isEqualTo(SYNTAX);
        assertThat(h.send("ZUNIONSTORE", "d", "1", k[0], "WITHSCORES")).isEqualTo(SYNTAX);
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1], "LIMIT", "-1")).isEqualTo(error("ERR LIMIT can't be negative"));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1], "LIMIT", "x")).isEqualTo(error("ERR LIMIT can't be negative"));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1], "WITHSCORES")).isEqualTo(SYNTAX);
        assertThat(h.send("ZINTERCARD", "2", k[0], "str")).isEqualTo(WRONGTYPE);
        assertThat(h.send("ZINTERSTORE", "dd", "2", k[0], "str")).isEqualTo(WRONGTYPE);
        assertThat(h.send("EXISTS", "dd")).isEqualTo(integer(0));
    }

    @Test
    void shouldReplyPairsInResp3()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = setUp(h);
        resp3(h);
        assertThat(h.send("ZINTER", "2", k[0], k[1], "WITHSCORES")).isEqualTo(pairs3("b", "3", "c", "5"));
        assertThat(h.send("ZDIFF", "2", k[0], k[1], "WITHSCORES")).isEqualTo(pairs3("a", "1"));
        assertThat(h.send("ZUNION", "2", k[2], k[3])).isEqualTo(bulks("q", "a", "x"));
    }

    @Test
    void shouldHoldLaterRequestsUntilTheStoreIsDone()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = keysOnDistinctShards(h, "h", 3);
        h.send("ZADD", k[0], "1", "a");
        h.send("ZADD", k[1], "2", "b");
        h.client().sendNoWait("ZUNIONSTORE", k[2], "2", k[0], k[1]);
        h.client().sendNoWait("ZRANGE", k[2], "0", "-1");
        h.client().sendNoWait("ZRANGESTORE", k[0], k[2], "1", "1");
        h.client().sendNoWait("ZRANGE", k[0], "0", "-1");
        assertThat(h.client().await()).isEqualTo(integer(2) + bulks("a", "b") + integer(1) + bulks("b"));
    }
}
