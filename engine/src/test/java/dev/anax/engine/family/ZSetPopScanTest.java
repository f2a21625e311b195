package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.anax.engine.family.ZSetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NIL;
import static dev.anax.engine.family.ZSetTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ZSetTestSupport.NULL3;
import static dev.anax.engine.family.ZSetTestSupport.SYNTAX;
import static dev.anax.engine.family.ZSetTestSupport.array;
import static dev.anax.engine.family.ZSetTestSupport.bulk;
import static dev.anax.engine.family.ZSetTestSupport.bulks;
import static dev.anax.engine.family.ZSetTestSupport.config;
import static dev.anax.engine.family.ZSetTestSupport.dbl;
import static dev.anax.engine.family.ZSetTestSupport.encoding;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static dev.anax.engine.family.ZSetTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.ZSetTestSupport.pairs2;
import static dev.anax.engine.family.ZSetTestSupport.pairs3;
import static dev.anax.engine.family.ZSetTestSupport.resp3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP, ZRANDMEMBER and ZSCAN.
 */
class ZSetPopScanTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopFromEitherEnd(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertThat(h.send("ZPOPMIN", "z")).isEqualTo(bulks("a", "1"));
        assertThat(h.send("ZPOPMAX", "z", "2")).isEqualTo(bulks("d", "4", "c", "3"));
        assertThat(h.send("ZPOPMIN", "z", "0")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZPOPMIN", "z", "10")).isEqualTo(bulks("b", "2"));
        assertThat(h.send("EXISTS", "z")).isEqualTo(integer(0));
        assertThat(h.send("ZPOPMIN", "z")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZPOPMAX", "nokey", "3")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZPOPMIN", "z", "-1")).isEqualTo(error("ERR value is out of range, must be positive"));
        assertThat(h.send("ZPOPMIN", "z", "x")).isEqualTo(error("ERR value is out of range, must be positive"));
        assertThat(h.send("ZPOPMIN", "z", "1", "2")).isEqualTo(SYNTAX);
    }

    @Test
    void shouldPopPairsInResp3OnlyWithACount()
    {
        final EngineHarness h = new EngineHarness(1);
        resp3(h);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(h.send("ZPOPMIN", "z")).isEqualTo(array(bulk("a"), dbl("1")));
        assertThat(h.send("ZPOPMAX", "z", "1")).isEqualTo(pairs3("c", "3"));
        assertThat(h.send("ZMPOP", "1", "z", "MIN")).isEqualTo(array(bulk("z"), pairs3("b", "2")));
        assertThat(h.send("ZMPOP", "1", "z", "MIN")).isEqualTo(NULL3);
        assertThat(h.send("ZPOPMIN", "z")).isEqualTo(EMPTY_ARRAY);
    }

    @Test
    void shouldPopManyFromALargeSet()
    {
        final EngineHarness h = new EngineHarness(1);
        for (int i = 0; i < 500; i++)
        {
            h.send("ZADD", "z", Integer.toString(i), "m" + i);
        }
        assertThat(encoding(h, "z")).isEqualTo("skiplist");
        final String popped = h.send("ZPOPMAX", "z", "300");
        assertThat(popped).startsWith("*600\r\n$4\r\nm499\r\n$3\r\n499\r\n");
        assertThat(h.send("ZCARD", "z")).isEqualTo(integer(200));
        assertThat(h.send("ZPOPMIN", "z", "2")).isEqualTo(bulks("m0", "0", "m1", "1"));
        assertThat(h.send("ZRANGE", "z", "-1", "-1")).isEqualTo(bulks("m199"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopFromTheFirstNonEmptyKeyWithZmpop(final int shards)
    {
        final EngineHarness h = new EngineHarness(shards);
        final String[] k = keysOnDistinctShards(h, "k", 3);
        h.send("ZADD", k[1], "1", "q");
        h.send("ZADD", k[2], "1", "b", "2", "c", "3", "d");
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MIN", "COUNT", "2")).isEqualTo(array(bulk(k[1]), pairs2("q", "1")));
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MAX", "COUNT", "2"))
            .isEqualTo(array(bulk(k[2]), pairs2("d", "3", "c", "2")));
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MIN")).isEqualTo(array(bulk(k[2]), pairs2("b", "1")));
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MIN")).isEqualTo(NIL_ARRAY);
        h.send("SET", k[1], "v");
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MIN")).isEqualTo(ZSetTestSupport.WRONGTYPE);
        h.send("ZADD", k[0], "5", "x");
        assertThat(h.send("ZMPOP", "3", k[0], k[1], k[2], "MIN")).isEqualTo(array(bulk(k[0]), pairs2("x", "5")));
        assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
    }

    @Test
    void shouldCheckZmpopArgumentsBeforeKeys()
    {
        final EngineHarness h = new EngineHarness(4);
        h.send("SET", "str", "v");
        assertThat(h.send("ZMPOP", "0", "z", "MIN")).isEqualTo(error("ERR numkeys should be greater than 0"));
        assertThat(h.send("ZMPOP", "a", "z", "MIN")).isEqualTo(error("ERR numkeys should be greater than 0"));
        assertThat(h.send("ZMPOP", "2", "z", "MIN")).isEqualTo(SYNTAX);
        assertThat(h.send("ZMPOP", "1", "str", "FOO")).isEqualTo(SYNTAX);
        assertThat(h.send("ZMPOP", "1", "str", "MIN", "COUNT", "0")).isEqualTo(error("ERR count should be greater than 0"));
        assertThat(h.send("ZMPOP", "1", "str", "MIN", "COUNT", "x")).isEqualTo(error("ERR count should be greater than 0"));
        assertThat(h.send("ZMPOP", "1", "str", "MIN", "COUNT", "1", "COUNT", "2")).isEqualTo(SYNTAX);
        assertThat(h.send("ZMPOP", "1", "str", "MIN", "FOO")).isEqualTo(SYNTAX);
        assertThat(h.send("ZMPOP", "1", "str", "MIN")).isEqualTo(ZSetTestSupport.WRONGTYPE);
        assertThat(h.send("ZMPOP", "2", "nokey", "str", "max")).isEqualTo(ZSetTestSupport.WRONGTYPE);
    }

    @Test
    void shouldHoldLaterRequestsWhileZmpopHops()
    {
        final EngineHarness h = new EngineHarness(4);
        final String[] k = keysOnDistinctShards(h, "p", 3);
        h.send("ZADD", k[2], "1", "a");
        h.client().sendNoWait("ZMPOP", "3", k[0], k[1], k[2], "MIN");
        h.client().sendNoWait("ZADD", k[2], "2", "b");
        h.client().sendNoWait("ZRANGE", k[2], "0", "-1");
        assertThat(h.client().await()).isEqualTo(array(bulk(k[2]), pairs2("a", "1")) + integer(1) + bulks("b"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldPickRandomMembers(final boolean skiplist)
    {
        final EngineHarness h = new EngineHarness(1);
        if (skiplist)
        {
            config(h, "zset-max-listpack-entries", "0");
        }
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertThat(h.send("ZRANDMEMBER", "z", "0")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANDMEMBER", "z", "0", "withscores")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANDMEMBER", "z", "10")).isEqualTo(bulks("e", "d", "c", "b", "a"));
        assertThat(h.send("ZRANDMEMBER", "z", "5", "WITHSCORES")).isEqualTo(bulks("e", "5", "d", "4", "c", "3", "b", "2", "a", "1"));
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 200; i++)
        {
            final String one = h.send("ZRANDMEMBER", "z");
            seen.merge(one, 1, Integer::sum);
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(bulk("a"), bulk("b"), bulk("c"), bulk("d"), bulk("e"));
        for (int i = 0; i < 50; i++)
        {
            final Set<String> distinct = members(h.send("ZRANDMEMBER", "z", "3"));
            assertThat(distinct).hasSize(3).isSubsetOf("a", "b", "c", "d", "e");
            final String scored = h.send("ZRANDMEMBER", "z", "-7", "WITHSCORES");
            assertThat(scored).startsWith("*14\r\n");
            final Matcher m = Pattern.compile("\\$1\r\n([a-e])\r\n\\$1\r\n([1-5])\r\n").matcher(scored);
            int pairs = 0;
            while (m.find())
            {
                assertThat(m.group(2).charAt(0) - '0').isEqualTo(m.group(1).charAt(0) - 'a' + 1);
                pairs++;
            }
            assertThat(pairs).isEqualTo(7);
        }
        assertThat(h.send("ZRANDMEMBER", "z", "-3")).startsWith("*3\r\n");
    }

    private static Set<String> members(final String reply)
    {
        final Set<String> out = new HashSet<>();
        final Matcher m = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n").matcher(reply);
        while (m.find())
        {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void shouldCheckZrandmemberArguments()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "z", "1", "a");
        assertThat(h.send("ZRANDMEMBER", "nokey")).isEqualTo(NIL);
        assertThat(h.send("ZRANDMEMBER", "nokey", "2")).isEqualTo(EMPTY_ARRAY);
        assertThat(h.send("ZRANDMEMBER", "z", "x")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZRANDMEMBER", "z", "1", "foo")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANDMEMBER", "z", "1", "withscores", "x")).isEqualTo(SYNTAX);
        assertThat(h.send("ZRANDMEMBER", "z", "-9223372036854775808")).isEqualTo(
            error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
        assertThat(h.send("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES")).isEqualTo(error("ERR value is out of range"));
        assertThat(h.send("ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES")).isEqualTo(error("ERR value is out of range"));
        assertThat(h.send("ZRANDMEMBER", "z", "1", "WITHSCORES")).isEqualTo(bulks("a", "1"));
        resp3(h);
        assertThat(h.send("ZRANDMEMBER", "z", "-2", "WITHSCORES")).isEqualTo(pairs3("a", "1", "a", "1"));
        assertThat(h.send("ZRANDMEMBER", "z", "1")).isEqualTo(bulks("a"));
        assertThat(h.send("ZRANDMEMBER", "nokey")).isEqualTo(NULL3);
    }

    @Test
    void shouldScanAListpackInOneCall()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "z", "1", "a", "2", "b", "3", "ab");
        assertThat(h.send("ZSCAN", "z", "0")).isEqualTo(array(bulk("0"), bulks("a", "1", "b", "2", "ab", "3")));
        assertThat(h.send("ZSCAN", "z", "0", "MATCH", "a*", "COUNT", "1")).isEqualTo(array(bulk("0"), bulks("a", "1", "ab", "3")));
        assertThat(h.send("ZSCAN", "z", "-1")).isEqualTo(array(bulk("0"), bulks("a", "1", "b", "2", "ab", "3")));
        assertThat(h.send("ZSCAN", "z", "x")).isEqualTo(error("ERR invalid cursor"));
        assertThat(h.send("ZSCAN", "z", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
        assertThat(h.send("ZSCAN", "z", "0", "COUNT", "0")).isEqualTo(SYNTAX);
        assertThat(h.send("ZSCAN", "z", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
        assertThat(h.send("ZSCAN", "z", "0", "MATCH")).isEqualTo(SYNTAX);
        assertThat(h.send("ZSCAN", "z", "0", "TYPE", "string")).isEqualTo(SYNTAX);
        assertThat(h.send("ZSCAN", "nokey", "0", "COUNT", "x")).isEqualTo(array(bulk("0"), EMPTY_ARRAY));
        assertThat(h.send("ZSCAN", "nokey", "x")).isEqualTo(error("ERR invalid cursor"));
        resp3(h);
        assertThat(h.send("ZSCAN", "z", "0", "MATCH", "b")).isEqualTo(array(bulk("0"), bulks("b", "2")));
    }

    @Test
    void shouldScanASkiplistWithACursor()
    {
        final EngineHarness h = new EngineHarness(1);
        for (int i = 0; i < 1000; i++)
        {
            h.send("ZADD", "z", Integer.toString(i), "m" + i);
        }
        final Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        final Pattern element = Pattern.compile("\\$\\d+\r\n(m\\d+)\r\n\\$\\d+\r\n(\\d+)\r\n");
        final Pattern next = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n");
        do
        {
            final String reply = h.send("ZSCAN", "z", cursor, "COUNT", "20");
            final Matcher c = next.matcher(reply);
            assertThat(c.find()).isTrue();
            cursor = c.group(1);
            final Matcher m = element.matcher(reply);
            while (m.find())
            {
                assertThat(m.group(1)).isEqualTo("m" + m.group(2));
                seen.add(m.group(1));
            }
            calls++;
        }
        while (!cursor.equals("0"));
        assertThat(seen).hasSize(1000);
        assertThat(calls).isGreaterThan(10);
        final String matched = h.send("ZSCAN", "z", "0", "MATCH", "m99*", "COUNT", "5000");
        assertThat(members(matched).stream().filter(m -> m.startsWith("m")))
            .containsExactlyInAnyOrder("m99", "m990", "m991", "m992", "m993", "m994", "m995", "m996", "m997", "m998", "m999");
    }

    @Test
    void shouldNotDecodeBadArgumentsIntoCrashes()
    {
        final EngineHarness h = new EngineHarness(1);
        h.send("ZADD", "z", "1", "a");
        assertThat(h.send(new byte[][] {"ZADD".getBytes(), "z".getBytes(), new byte[] {'1', 0}, "b".getBytes()}))
            .isEqualTo(ZSetTestSupport.NOT_FLOAT);
        assertThat(h.send(new byte[][] {"ZCOUNT".getBytes(), "z".getBytes(), new byte[] {'1', 0, 'x'}, "2".getBytes()}))
            .isEqualTo(integer(1));
    }
}
