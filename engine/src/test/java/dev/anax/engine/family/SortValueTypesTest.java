package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ZSetTestSupport.NIL;
import static dev.anax.engine.family.ZSetTestSupport.array;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.keysOnDistinctShards;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SORT over the real list, set and hash values (every encoding), SORT ... STORE into a list,
 * sets as inputs of ZUNION, ZINTER, ZDIFF and ZINTERCARD, and COMMAND GETKEYS for the commands
 * whose keys move with their arguments. Expected replies were taken from redis-server 7.0.15.
 */
class SortValueTypesTest
{
    private static final String NOT_DOUBLE = error("ERR One or more scores can't be converted into double");
    private static final String INVALID_ARGUMENTS = error("ERR Invalid arguments specified for command");
    private static final String LONG_VALUE = "x".repeat(70);

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSortIntsetsNumericallyAlphabeticallyAndInRanges(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("SADD", "{t}is", "5", "2", "10", "1", "-3");
        assertThat(encoding(h, "{t}is")).isEqualTo("intset");
        assertThat(h.send("SORT", "{t}is")).isEqualTo(bulks("-3", "1", "2", "5", "10"));
        assertThat(h.send("SORT", "{t}is", "ALPHA")).isEqualTo(bulks("-3", "1", "10", "2", "5"));
        assertThat(h.send("SORT", "{t}is", "DESC", "LIMIT", "0", "2")).isEqualTo(bulks("10", "5"));
        assertThat(h.send("SORT_RO", "{t}is", "LIMIT", "1", "3")).isEqualTo(bulks("1", "2", "5"));
        assertThat(h.send("SORT", "{t}is", "BY", "nosort", "STORE", "{t}out")).isEqualTo(integer(5));
        assertThat(h.send("LRANGE", "{t}out", "0", "-1")).isEqualTo(bulks("-3", "1", "10", "2", "5"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSortHashtableSets(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("SADD", "{t}hs", "b", "a", "c", "10");
        assertThat(encoding(h, "{t}hs")).isEqualTo("hashtable");
        assertThat(h.send("SORT", "{t}hs", "ALPHA", "DESC")).isEqualTo(bulks("c", "b", "a", "10"));
        assertThat(h.send("SORT", "{t}hs", "ALPHA", "LIMIT", "1", "2")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("SORT", "{t}hs")).isEqualTo(NOT_DOUBLE);
        h.send("SADD", "{t}big", "1", "2", "3");
        for (int i = 4; i <= 600; i++)
        {
            h.send("SADD", "{t}big", Integer.toString(i));
        }
        assertThat(encoding(h, "{t}big")).isEqualTo("hashtable");
        assertThat(h.send("SORT", "{t}big", "DESC", "LIMIT", "0", "3")).isEqualTo(bulks("600", "599", "598"));
        assertThat(h.send("SORT", "{t}big", "LIMIT", "0", "3")).isEqualTo(bulks("1", "2", "3"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSortListsByHashFieldsAndStringsInEveryHashEncoding(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("RPUSH", "{t}l", "3", "1", "2");
        h.send("HSET", "{t}h_1", "w", "3", "n", "one");
        h.send("HSET", "{t}h_2", "w", "1", "n", "two");
        h.send("HSET", "{t}h_3", "w", "2", "n", LONG_VALUE);
        assertThat(encoding(h, "{t}h_1")).isEqualTo("listpack");
        assertThat(encoding(h, "{t}h_3")).isEqualTo("hashtable");
        assertThat(h.send("SORT", "{t}l", "BY", "{t}h_*->w", "GET", "{t}h_*->n", "GET", "#"))
            .isEqualTo(bulks("two", "2", LONG_VALUE, "3", "one", "1"));
        assertThat(h.send("SORT", "{t}l", "GET", "{t}h_*->nofield")).isEqualTo(array(NIL, NIL, NIL));
        h.send("MSET", "{t}s_1", "b", "{t}s_2", "c", "{t}s_3", "a");
        assertThat(h.send("SORT", "{t}l", "BY", "{t}s_*", "ALPHA", "GET", "{t}s_*")).isEqualTo(bulks("a", "b", "c"));
        assertThat(h.send("SORT", "{t}l", "BY", "{t}s_*")).isEqualTo(NOT_DOUBLE);
        assertThat(h.send("SORT", "{t}l", "DESC")).isEqualTo(bulks("3", "2", "1"));
        assertThat(h.send("SORT", "{t}l", "BY", "nosort", "DESC", "LIMIT", "0", "2")).isEqualTo(bulks("2", "1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreResultsAsQuicklists(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("RPUSH", "{t}l", "3", "1", "2");
        h.send("HSET", "{t}h_1", "w", "3");
        h.send("HSET", "{t}h_2", "w", "1");
        h.send("HSET", "{t}h_3", "w", "2");
        final String far = keysOnDistinctShards(h, "dst", shards)[shards - 1];
        for (final String dst : new String[] {"{t}out", far})
        {
            assertThat(h.send("SORT", "{t}l", "BY", "{t}h_*->w", "DESC", "STORE", dst)).isEqualTo(integer(3));
            assertThat(h.send("LRANGE", dst, "0", "-1")).isEqualTo(bulks("1", "3", "2"));
            assertThat(encoding(h, dst)).isEqualTo("quicklist");
            assertThat(h.send("SORT", "{t}l", "BY", "{t}h_*->w", "DESC", "GET", "{t}h_*->w", "GET", "{t}nokey_*", "STORE", dst))
                .isEqualTo(integer(6));
            assertThat(h.send("LRANGE", dst, "0", "-1")).isEqualTo(bulks("3", "", "2", "", "1", ""));
            assertThat(h.send("LPUSH", dst, "x")).isEqualTo(integer(7));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTakeSetsAsSortedSetInputsWithScoreOne(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String[] k = keysOnDistinctShards(h, "k", 4);
        h.send("SADD", k[0], "a", "b");
        h.send("ZADD", k[1], "2", "a", "5", "x");
        h.send("SADD", k[2], "5", "2", "10", "1", "-3");
        assertThat(h.send("ZUNIONSTORE", k[3], "2", k[0], k[1])).isEqualTo(integer(3));
        assertThat(h.send("ZRANGE", k[3], "0", "-1", "WITHSCORES")).isEqualTo(bulks("b", "1", "a", "3", "x", "5"));
        assertThat(h.send("ZINTER", "2", k[0], k[1], "WITHSCORES")).isEqualTo(bulks("a", "3"));
        assertThat(h.send("ZDIFF", "2", k[0], k[1])).isEqualTo(bulks("b"));
        assertThat(h.send("ZINTERCARD", "2", k[0], k[1])).isEqualTo(integer(1));
        assertThat(h.send("ZUNION", "2", k[2], k[1], "WITHSCORES", "WEIGHTS", "2", "1"))
            .isEqualTo(bulks("-3", "2", "1", "2", "10", "2", "2", "2", "5", "2", "a", "2", "x", "5"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFindTheKeysOfMovableKeyCommands(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        assertThat(h.send("COMMAND", "GETKEYS", "sort", "abc", "store", "def")).isEqualTo(bulks("abc", "def"));
        assertThat(h.send("COMMAND", "GETKEYS", "sort", "abc", "by", "x", "get", "y")).isEqualTo(bulks("abc"));
        assertThat(h.send("COMMAND", "GETKEYS", "sort", "abc", "store", "a", "store", "b", "limit", "1"))
            .isEqualTo(bulks("abc", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "sort", "abc", "store")).isEqualTo(bulks("abc"));
        assertThat(h.send("COMMAND", "GETKEYS", "sort_ro", "abc")).isEqualTo(bulks("abc"));
        assertThat(h.send("COMMAND", "GETKEYS", "zunionstore", "dst", "2", "a", "b")).isEqualTo(bulks("dst", "a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "2", "a", "b")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "2a", "a", "b")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zintercard", "2", "a", "b", "limit", "1")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zdiff", "2", "a", "b", "withscores")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zmpop", "2", "a", "b", "min")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "zmpop", "1", "a", "b", "min")).isEqualTo(bulks("a"));
        assertThat(h.send("COMMAND", "GETKEYS", "lmpop", "2", "a", "b", "left")).isEqualTo(bulks("a", "b"));
        assertThat(h.send("COMMAND", "GETKEYS", "lmpop", "3", "a", "b", "left")).isEqualTo(bulks("a", "b", "left"));
        assertThat(h.send("COMMAND", "GETKEYS", "sintercard", "2", "a", "b", "limit", "3")).isEqualTo(bulks("a", "b"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectMovableKeyCommandsWithoutValidKeys(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "3", "a", "b")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "0", "a")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "-1", "a")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "x", "a")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "2", "a")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zunionstore", "dst", "0", "a")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "zinter", "1"))
            .isEqualTo(error("ERR Invalid number of arguments specified for command"));
        assertThat(h.send("COMMAND", "GETKEYS", "zunionstore", "d", "1"))
            .isEqualTo(error("ERR Invalid number of arguments specified for command"));
        assertThat(h.send("COMMAND", "GETKEYS", "ping", "x")).isEqualTo(error("ERR The command has no key arguments"));
        assertThat(h.send("COMMAND", "GETKEYS", "zmpop", "0", "a", "min")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "lmpop", "0", "a", "left")).isEqualTo(INVALID_ARGUMENTS);
        assertThat(h.send("COMMAND", "GETKEYS", "sintercard", "0", "a")).isEqualTo(INVALID_ARGUMENTS);
    }
}
