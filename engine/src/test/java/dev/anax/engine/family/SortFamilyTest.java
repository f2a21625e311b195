package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ZSetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NIL;
import static dev.anax.engine.family.ZSetTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ZSetTestSupport.SYNTAX;
import static dev.anax.engine.family.ZSetTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ZSetTestSupport.array;
import static dev.anax.engine.family.ZSetTestSupport.bulk;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.entry;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.keyOnShard;
import static dev.anax.engine.family.ZSetTestSupport.putHash;
import static dev.anax.engine.family.ZSetTestSupport.putList;
import static dev.anax.engine.family.ZSetTestSupport.putSet;
import static dev.anax.engine.family.ZSetTestSupport.resp3;
import static dev.anax.engine.family.ZSetTestSupport.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SORT and SORT_RO over lists, sets and sorted sets, with BY and GET patterns over strings and
 * hash fields, and STORE into lists.
 */
class SortFamilyTest
{
    private static final String NOT_DOUBLE = error("ERR One or more scores can't be converted into double");

    private static String lrange(final EngineHarness h, final String key)
    {
        return h.send("LRANGE", key, "0", "-1");
    }

    @Test
    void shouldSortListsNumericallyAlphabeticallyAndInPlace()
    {
        final EngineHarness h = new EngineHarness(1);
        putList(h, "l", "3", "1", "2", "10");
        assertThat(h.send("SORT", "l")).isEqualTo(bulks("1", "2", "3", "10"));
        assertThat(h.send("SORT", "l", "ALPHA")).isEqualTo(bulks("1", "10", "2", "3"));
        assertThat(h.send("SORT", "l", "DESC", "LIMIT", "1", "2")).isEqualTo(bulks("3", "2"));
        assertThat(h.send("SORT", "l", "ASC", "DESC")).isEqualTo(bulks("10", "3", "2", "1"));
        assertThat(h.send("SORT", "l", "BY", "nosort")).isEqualTo(bulks("3", "1", "2", "10"));
        assertThat(h.send("SORT", "l", "BY", "nosort", "DESC")).isEqualTo(bulks("10", "2", "1", "3"));
        assertThat(h.send("SORT", "l", "BY", "nosort", "LIMIT", "1", "2")).isEqualTo(bulks("1", "2"));
        assertThat(h.send("SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "2")).isEqualTo(bulks("2", "1"));
        assertThat(h.send("SORT", "l", "LIMIT", "-1", "2")).isEqualTo(bulks("1", "2"));
        assertThat(h.send("SORT", "l", "LIMIT", "1", "-1")).isEqualTo(bulks("2", "3", "10"));
        assertThat(h.send("SORT", "l", "LIMIT", "9223372036854775807", "9223372036854775807")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("SORT", "l", "LIMIT", "2", "9223372036854775807")).isEqualTo(bulks("3", "10"));
        assertThat(h.send("SORT_RO", "l", "LIMIT", "0", "0")).isEqualTo(EMPTY_ARRAY);
        putList(h, "f", "1.1", "5.10", "3.10", "7.44", "2.1", "5.75", "6.12", "0.25", "1.15");
        assertThat(h.send("SORT", "f")).isEqualTo(bulks("0.25", "1.1", "1.15", "2.1", "3.10", "5.10", "5.75", "6.12", "7.44"));
    }

    @Test
    void shouldRefuseElementsThatAreNotNumbers()
    {
        final EngineHarness h = new EngineHarness(1);
        putList(h, "bad", "1", "x");
        assertThat(h.send("SORT", "bad")).isEqualTo(NOT_DOUBLE);
        assertThat(h.send("SORT", "bad", "ALPHA")).isEqualTo(bulks("1", "x"));
        for (final String text : new String[] {"3 ", "nan", "1e400", "4e-320", "1e-400"})
        {
            putList(h, "n" + text, text, "1");
            assertThat(h.send("SORT", "n" + text)).as(text).isEqualTo(NOT_DOUBLE);
        }
        putList(h, "ok", " 2", "0x10", "inf", "-inf", "", "1");
        assertThat(h.send("SORT", "ok")).isEqualTo(bulks("-inf", "", "1", " 2", "0x10", "inf"));
    }

    @Test
    void shouldSortByKeysAndHashFieldsAndGetValues()
    {
        final EngineHarness h = new EngineHarness(1);
        putList(h, "l", "3", "1", "2", "10");
        h.send("MSET", "w_3", "30", "w_1", "10", "w_2", "5", "w_10", "0.5");
        assertThat(h.send("SORT", "l", "BY", "w_*")).isEqualTo(bulks("10", "2", "1", "3"));
        assertThat(h.send("SORT", "l", "BY", "w_*", "DESC", "GET", "#", "GET", "w_*"))
            .isEqualTo(bulks("3", "30", "1", "10", "2", "5", "10", "0.5"));
        putHash(h, "h_1", "f", "4");
        putHash(h, "h_2", "f", "3");
        putHash(h, "h_3", "f", "2");
        putHash(h, "h_10", "f", "1");
        assertThat(h.send("SORT", "l", "BY", "h_*->f", "GET", "h_*->f", "GET", "#"))
            .isEqualTo(bulks("1", "10", "2", "3", "3", "2", "4", "1"));
        assertThat(h.send("SORT", "l", "BY", "h_*->nofield")).isEqualTo(bulks("1", "10", "2", "3"));
        assertThat(h.send("SORT", "l", "BY", "nokey_*", "ALPHA")).isEqualTo(bulks("3", "1", "2", "10"));
        assertThat(h.send("SORT", "l", "GET", "nostar")).isEqualTo(array(NIL, NIL, NIL, NIL));
        h.send("SET", "x:3->", "100");
        assertThat(h.send("SORT", "l", "BY", "nosort", "GET", "x:*->")).isEqualTo(array(bulk("100"), NIL, NIL, NIL));
        h.send("SET", "w_1", "x");
        assertThat(h.send("SORT", "l", "BY", "w_*")).isEqualTo(NOT_DOUBLE);
        assertThat(h.send("SORT", "l", "BY", "w_*", "ALPHA")).isEqualTo(bulks("10", "3", "2", "1"));
        resp3(h);
        assertThat(h.send("SORT", "l", "GET", "nostar", "LIMIT", "0", "1")).isEqualTo(array("_\r\n"));
    }

    @Test
    void shouldSortSetsAndAlphaSortThemWhenStoredUnsorted()
    {
        final EngineHarness h = new EngineHarness(1);
        putSet(h, "s", "c", "a", "b");
        assertThat(h.send("SORT", "s")).isEqualTo(NOT_DOUBLE);
        assertThat(h.send("SORT", "s", "ALPHA")).isEqualTo(bulks("a", "b", "c"));
        assertThat(h.send("SORT", "s", "BY", "nosort", "STORE", "d")).isEqualTo(integer(3));
        assertThat(lrange(h, "d")).isEqualTo(bulks("a", "b", "c"));
    }

    @Test
    void shouldSortSortedSetsAndConvertThemToSkiplist()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "zset", "1", "a", "5", "b", "2", "c", "10", "d", "3", "e");
        assertThat(encoding(h, "zset")).isEqualTo("listpack");
        assertThat(h.send("SORT_RO", "zset", "ALPHA", "DESC")).isEqualTo(bulks("e", "d", "c", "b", "a"));
        assertThat(encoding(h, "zset")).isEqualTo("skiplist");
        assertThat(h.send("SORT", "zset", "BY", "nosort", "ASC")).isEqualTo(bulks("a", "c", "e", "b", "d"));
        assertThat(h.send("SORT", "zset", "BY", "nosort", "DESC")).isEqualTo(bulks("d", "b", "e", "c", "a"));
        assertThat(h.send("SORT", "zset", "BY", "nosort", "DESC", "LIMIT", "0", "2")).isEqualTo(bulks("d", "b"));
        assertThat(h.send("SORT", "zset", "BY", "nosort", "LIMIT", "5", "10")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("SORT", "zset", "BY", "nosort", "LIMIT", "-10", "100")).isEqualTo(bulks("a", "c", "e", "b", "d"));
        assertThat(h.send("SORT", "zset")).isEqualTo(NOT_DOUBLE);
        h.send("ZADD", "nums", "0", "10", "0", "9", "0", "1.5", "0", "-3", "0", "inf");
        assertThat(h.send("SORT", "nums", "DESC")).isEqualTo(bulks("inf", "10", "9", "1.5", "-3"));
    }

    @Test
    void shouldCheckOptionsBeforeTheKey()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("SET", "str", "v");
        assertThat(h.send("SORT", "str", "LIMIT", "1")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT", "str", "LIMIT", "a", "b")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("SORT", "str", "FOO")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT", "str", "BY")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT", "str", "GET")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT", "str", "STORE")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT_RO", "str", "STORE", "x")).isEqualTo(SYNTAX);
        assertThat(h.send("SORT", "str")).isEqualTo(WRONGTYPE);
        assertThat(h.send("SORT", "nokey")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("SORT", "nokey", "GET", "#")).isEqualTo(EMPTY_ARRAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreIntoListsAndDeleteOnEmptyResults(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String src = "{t}src";
        final String far = shards == 1 ? "far" : keyOnShard(h, "far", (shardOf(h, src) + 1) % shards);
        putList(h, src, "3", "1", "2");
        for (final String dst : new String[] {"{t}dst", far})
        {
            h.send("SET", dst, "old");
            assertThat(h.send("SORT", src, "STORE", dst)).isEqualTo(integer(3));
            assertThat(lrange(h, dst)).isEqualTo(bulks("1", "2", "3"));
            assertThat(h.send("SORT", src, "GET", "#", "GET", "{t}w_*", "DESC", "STORE", dst)).isEqualTo(integer(6));
            assertThat(lrange(h, dst)).isEqualTo(bulks("3", "", "2", "", "1", ""));
            assertThat(h.send("SORT", src, "LIMIT", "5", "5", "STORE", dst)).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", dst)).isEqualTo(integer(0));
            assertThat(h.send("SORT", "{t}nokey", "STORE", dst)).isEqualTo(integer(0));
            assertThat(h.send("SORT", src, "STORE", "invalid", "STORE", dst, "BY", "nosort")).isEqualTo(integer(3));
            assertThat(lrange(h, dst)).isEqualTo(bulks("3", "1", "2"));
            assertThat(h.send("EXISTS", "invalid")).isEqualTo(integer(0));
        }
        putList(h, "{t}bad", "x");
        assertThat(h.send("SORT", "{t}bad", "STORE", far)).isEqualTo(NOT_DOUBLE);
        assertThat(h.send("TYPE", far)).isEqualTo("+list\r\n");
    }

    @Test
    void shouldRefusePatternsNamingKeysOnOtherShards()
    {
        final EngineHarness h = new EngineHarness(4);
        final String src = "{t}l";
        putList(h, src, "1", "2", "3");
        h.send("SET", "{t}w_1", "3");
        h.send("SET", "{t}w_2", "2");
        h.send("SET", "{t}w_3", "1");
        assertThat(h.send("SORT", src, "BY", "{t}w_*", "GET", "{t}w_*")).isEqualTo(bulks("1", "2", "3"));
        assertThat(h.send("SORT", src, "BY", "w_*"))
            .isEqualTo(error("ERR SORT BY/GET pattern names a key on another shard than the sorted key; use a {hash tag}"));
        assertThat(h.send("SORT", src, "GET", "#", "GET", "w_*"))
            .isEqualTo(error("ERR SORT BY/GET pattern names a key on another shard than the sorted key; use a {hash tag}"));
        assertThat(h.send("SORT", src, "BY", "nosort", "GET", "#", "GET", "nostar")).isEqualTo(array(bulk("1"), NIL, bulk("2"), NIL, bulk("3"), NIL));
    }

    @Test
    void shouldHoldLaterRequestsWhileStoringElsewhere()
    {
        final EngineHarness h = new EngineHarness(4);
        final String src = "s0";
        final String far = keyOnShard(h, "d", (shardOf(h, src) + 1) % 4);
        putList(h, src, "2", "1");
        h.client().sendNoWait("SORT", src, "STORE", far);
        h.client().sendNoWait("TYPE", far);
        assertThat(h.client().await()).isEqualTo(integer(2) + "+list\r\n");
    }
}
