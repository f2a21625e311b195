package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.anax.engine.family.HashTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.HashTestSupport.EMPTY_SCAN;
import static dev.anax.engine.family.HashTestSupport.NIL;
import static dev.anax.engine.family.HashTestSupport.NIL3;
import static dev.anax.engine.family.HashTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.HashTestSupport.SYNTAX;
import static dev.anax.engine.family.HashTestSupport.bulk;
import static dev.anax.engine.family.HashTestSupport.bulks;
import static dev.anax.engine.family.HashTestSupport.config;
import static dev.anax.engine.family.HashTestSupport.encoding;
import static dev.anax.engine.family.HashTestSupport.error;
import static dev.anax.engine.family.HashTestSupport.parseBulks;
import static dev.anax.engine.family.HashTestSupport.resp3;
import static dev.anax.engine.family.HashTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HRANDFIELD and HSCAN over both encodings; replies checked against redis-server 7.0.15.
 */
class HashScanTest
{
    private static final String[] SMALL = {"a", "1", "b", "2", "c", "3", "d", "4", "e", "5"};

    private static void fill(final EngineHarness h, final String key, final boolean table)
    {
        if (table)
        {
            config(h, "hash-max-listpack-entries", 2);
        }
        final String[] args = new String[SMALL.length + 2];
        args[0] = "HSET";
        args[1] = key;
        System.arraycopy(SMALL, 0, args, 2, SMALL.length);
        h.send(args);
        assertThat(encoding(h, key)).isEqualTo(table ? "hashtable" : "listpack");
    }

    private static Map<String, String> smallMap()
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < SMALL.length; i += 2)
        {
            map.put(SMALL[i], SMALL[i + 1]);
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldValidateHrandfieldArgumentsBeforeTheKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "x");
            h.send("HSET", "h", "a", "1");
            assertThat(h.send("HRANDFIELD", "nokey", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("HRANDFIELD", "s", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("HRANDFIELD", "h", "-9223372036854775808")).isEqualTo(error(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
            assertThat(h.send("HRANDFIELD", "h", "9223372036854775807", "withvalues"))
                .isEqualTo(error("ERR value is out of range"));
            assertThat(h.send("HRANDFIELD", "h", "-9223372036854770000", "withvalues"))
                .isEqualTo(error("ERR value is out of range"));
            assertThat(h.send("HRANDFIELD", "h", "-4611686018427387904", "withvalues"))
                .isEqualTo(error("ERR value is out of range"));
            assertThat(h.send("HRANDFIELD", "h", "4611686018427387903", "WITHVALUES")).isEqualTo(bulks("a", "1"));
            assertThat(h.send("HRANDFIELD", "h", "1", "withvalue")).isEqualTo(SYNTAX);
            assertThat(h.send("HRANDFIELD", "h", "1", "withvalues", "x")).isEqualTo(SYNTAX);
            assertThat(h.send("HRANDFIELD", "s", "1", "foo")).isEqualTo(SYNTAX);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerHrandfieldOnAMissingKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("HRANDFIELD", "nokey")).isEqualTo(NIL);
            assertThat(h.send("HRANDFIELD", "nokey", "0")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("HRANDFIELD", "nokey", "-5", "withvalues")).isEqualTo(EMPTY_ARRAY);
            resp3(h);
            assertThat(h.send("HRANDFIELD", "nokey")).isEqualTo(NIL3);
            assertThat(h.send("HRANDFIELD", "nokey", "100")).isEqualTo(EMPTY_ARRAY);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldPickRandomFieldsWithAndWithoutRepetition(final boolean table)
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            fill(h, "h", table);
            final Map<String, String> expected = smallMap();
            assertThat(h.send("HRANDFIELD", "h", "0")).isEqualTo(EMPTY_ARRAY);
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < 200; i++)
            {
                final String reply = h.send("HRANDFIELD", "h");
                final String field = parseBulks("*1\r\n" + reply).get(0);
                assertThat(expected).containsKey(field);
                seen.add(field);
            }
            assertThat(seen).isEqualTo(expected.keySet());

            // Negative: exactly |count| picks, repetition allowed.
            final List<String> picks = parseBulks(h.send("HRANDFIELD", "h", "-1000"));
            assertThat(picks).hasSize(1000);
            assertThat(expected.keySet()).containsAll(picks);
            assertThat(new HashSet<>(picks)).isEqualTo(expected.keySet());
            final List<String> pairs = parseBulks(h.send("HRANDFIELD", "h", "-20", "WITHVALUES"));
            assertThat(pairs).hasSize(40);
            for (int i = 0; i < pairs.size(); i += 2)
            {
                assertThat(expected.get(pairs.get(i))).isEqualTo(pairs.get(i + 1));
            }

            // Positive and at least the size: the whole hash.
            for (final String count : new String[] {"5", "20"})
            {
                assertThat(new HashSet<>(parseBulks(h.send("HRANDFIELD", "h", count)))).isEqualTo(expected.keySet());
                final List<String> all = parseBulks(h.send("HRANDFIELD", "h", count, "withvalues"));
                assertThat(all).hasSize(10);
                for (int i = 0; i < all.size(); i += 2)
                {
                    assertThat(expected.get(all.get(i))).isEqualTo(all.get(i + 1));
                }
            }

            // Positive and smaller: distinct fields, every one reachable.
            for (final String count : new String[] {"4", "2", "1"})
            {
                final Set<String> union = new HashSet<>();
                for (int round = 0; round < 200; round++)
                {
                    final List<String> some = parseBulks(h.send("HRANDFIELD", "h", count, "withvalues"));
                    assertThat(some).hasSize(Integer.parseInt(count) * 2);
                    final Set<String> distinct = new HashSet<>();
                    for (int i = 0; i < some.size(); i += 2)
                    {
                        assertThat(expected.get(some.get(i))).isEqualTo(some.get(i + 1));
                        distinct.add(some.get(i));
                    }
                    assertThat(distinct).hasSize(Integer.parseInt(count));
                    union.addAll(distinct);
                }
                assertThat(union).isEqualTo(expected.keySet());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReplyPairsToHrandfieldWithValuesOverResp3(final boolean table)
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("HSET", "one", "f", "v");
            if (table)
            {
                config(h, "hash-max-listpack-entries", 0);
                h.send("HSET", "one", "f", "v");
            }
            assertThat(encoding(h, "one")).isEqualTo(table ? "hashtable" : "listpack");
            resp3(h);
            final String pair = "*2\r\n" + bulk("f") + bulk("v");
            assertThat(h.send("HRANDFIELD", "one", "3", "withvalues")).isEqualTo("*1\r\n" + pair);
            assertThat(h.send("HRANDFIELD", "one", "1", "withvalues")).isEqualTo("*1\r\n" + pair);
            assertThat(h.send("HRANDFIELD", "one", "-2", "withvalues")).isEqualTo("*2\r\n" + pair + pair);
            assertThat(h.send("HRANDFIELD", "one", "-2")).isEqualTo(bulks("f", "f"));
            assertThat(h.send("HRANDFIELD", "one")).isEqualTo(bulk("f"));
            h.client().session().protocol(2);
            assertThat(h.send("HRANDFIELD", "one", "-2", "withvalues")).isEqualTo(bulks("f", "v", "f", "v"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldValidateHscanArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "h", "a", "1");
            assertThat(h.send("HSCAN", "h", "x")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("HSCAN", "nokey", "x")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("HSCAN", "nokey", "0", "foo")).isEqualTo(EMPTY_SCAN);
            assertThat(h.send("HSCAN", "h", "0", "foo")).isEqualTo(SYNTAX);
            assertThat(h.send("HSCAN", "h", "0", "count", "0")).isEqualTo(SYNTAX);
            assertThat(h.send("HSCAN", "h", "0", "count", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("HSCAN", "h", "0", "type", "string")).isEqualTo(SYNTAX);
            assertThat(h.send("HSCAN", "h", "0", "match")).isEqualTo(SYNTAX);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReturnAWholeListpackAtOnce(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "h", "a", "1", "ba", "2", "", "3", "bb", "4");
            assertThat(h.send("HSCAN", "h", "0")).isEqualTo(scan("0", "a", "1", "ba", "2", "", "3", "bb", "4"));
            assertThat(h.send("HSCAN", "h", "123", "COUNT", "1")).isEqualTo(scan("0", "a", "1", "ba", "2", "", "3", "bb", "4"));
            assertThat(h.send("HSCAN", "h", "0", "MATCH", "b*")).isEqualTo(scan("0", "ba", "2", "bb", "4"));
            // The lone star matches everything, even the empty field; other patterns do not.
            assertThat(h.send("HSCAN", "h", "0", "match", "*")).isEqualTo(scan("0", "a", "1", "ba", "2", "", "3", "bb", "4"));
            assertThat(h.send("HSCAN", "h", "0", "match", "**")).isEqualTo(scan("0", "a", "1", "ba", "2", "bb", "4"));
            assertThat(h.send("HSCAN", "h", "0", "match", "z*")).isEqualTo(scan("0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldWalkATableWithACursor(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 1000; i++)
            {
                h.send("HSET", "t", "f" + i, "v" + i);
            }
            assertThat(encoding(h, "t")).isEqualTo("hashtable");
            final Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do
            {
                final String reply = h.send("HSCAN", "t", cursor, "COUNT", "20");
                final List<String> parts = parseBulks(reply);
                cursor = parts.get(0);
                for (int i = 1; i < parts.size(); i += 2)
                {
                    seen.put(parts.get(i), parts.get(i + 1));
                }
                calls++;
            }
            while (!cursor.equals("0"));
            assertThat(seen).hasSize(1000);
            for (int i = 0; i < 1000; i++)
            {
                assertThat(seen.get("f" + i)).isEqualTo("v" + i);
            }
            assertThat(calls).isBetween(50, 300);

            final Set<String> matched = new HashSet<>();
            cursor = "0";
            do
            {
                final List<String> parts = parseBulks(h.send("HSCAN", "t", cursor, "MATCH", "f1?"));
                cursor = parts.get(0);
                for (int i = 1; i < parts.size(); i += 2)
                {
                    matched.add(parts.get(i));
                }
            }
            while (!cursor.equals("0"));
            final Set<String> expected = new HashSet<>();
            for (int i = 10; i < 20; i++)
            {
                expected.add("f" + i);
            }
            assertThat(matched).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReturnEveryFieldPresentForAWholeScanWhileTheTableChanges(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 500; i++)
            {
                h.send("HSET", "t", "keep" + i, "v");
            }
            final Set<String> seen = new HashSet<>();
            String cursor = "0";
            int step = 0;
            do
            {
                final List<String> parts = parseBulks(h.send("HSCAN", "t", cursor));
                cursor = parts.get(0);
                for (int i = 1; i < parts.size(); i += 2)
                {
                    seen.add(parts.get(i));
                }
                // Grow the table, then shrink it, between calls.
                if (step < 40)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        h.send("HSET", "t", "tmp" + step + ":" + i, "v");
                    }
                }
                else if (step < 80)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        h.send("HDEL", "t", "tmp" + (step - 40) + ":" + i);
                    }
                }
                step++;
            }
            while (!cursor.equals("0"));
            for (int i = 0; i < 500; i++)
            {
                assertThat(seen).contains("keep" + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldWriteHscanPairsAsAFlatArrayOverResp3(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("HSET", "h", "a", "1");
            resp3(h);
            assertThat(h.send("HSCAN", "h", "0")).isEqualTo(scan("0", "a", "1"));
            assertThat(h.send("HSCAN", "nokey", "0")).isEqualTo(EMPTY_SCAN);
        }
    }
}
