package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.anax.engine.family.KeyTestSupport.EMPTY;
import static dev.anax.engine.family.KeyTestSupport.array;
import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static dev.anax.engine.family.KeyTestSupport.parseArray;
import static dev.anax.engine.family.KeyTestSupport.parseScan;
import static dev.anax.engine.family.KeyTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KEYS and SCAN with one shard and with four. Expected replies (other than key order, which
 * depends on the hash table) were taken from redis-server 7.0.15.
 */
class KeyScanTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldListKeysMatchingGlobs(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final String key : new String[] {"a", "ab", "abc", "b", "x]", "-", "", "hello", "hallo", "hxllo"})
            {
                h.send("SET", key, "1");
            }
            assertThat(sorted(h.send("KEYS", "*"))).containsExactly(
                "", "-", "a", "ab", "abc", "b", "hallo", "hello", "hxllo", "x]");
            assertThat(sorted(h.send("KEYS", "**"))).containsExactly(
                "-", "a", "ab", "abc", "b", "hallo", "hello", "hxllo", "x]");
            assertThat(sorted(h.send("KEYS", "a*"))).containsExactly("a", "ab", "abc");
            assertThat(sorted(h.send("KEYS", "?"))).containsExactly("-", "a", "b");
            assertThat(sorted(h.send("KEYS", "h[ae]llo"))).containsExactly("hallo", "hello");
            assertThat(sorted(h.send("KEYS", "h[^e]llo"))).containsExactly("hallo", "hxllo");
            assertThat(sorted(h.send("KEYS", "h[a-b]llo"))).containsExactly("hallo");
            assertThat(sorted(h.send("KEYS", "[^]]"))).containsExactly("x]");
            assertThat(sorted(h.send("KEYS", "[^]"))).containsExactly("-", "a", "b");
            assertThat(sorted(h.send("KEYS", "x\\]"))).containsExactly("x]");
            assertThat(h.send("KEYS", "nomatch*")).isEqualTo(EMPTY);
            assertThat(h.send("KEYS", "abc")).isEqualTo(array("abc"));
            assertThat(h.send("KEYS")).isEqualTo(error("ERR wrong number of arguments for 'keys' command"));
            assertThat(h.send("KEYS", "a", "b")).isEqualTo(error("ERR wrong number of arguments for 'keys' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldHideExpiredKeysFromKeysWithoutDeletingThem(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            stopActiveExpire(h);
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            h.send("PEXPIRE", "a", "10");
            h.clock().advance(10);
            assertThat(h.send("KEYS", "*")).isEqualTo(array("b"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldScanEveryKeyExactlyOnceWhenNothingChanges(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final Set<String> expected = new HashSet<>();
            for (int i = 0; i < 1000; i++)
            {
                h.send("SET", "key:" + i, "v");
                expected.add("key:" + i);
            }
            for (final String count : new String[] {"1", "7", "10", "100", "100000"})
            {
                final List<String> seen = new ArrayList<>();
                String cursor = "0";
                int calls = 0;
                do
                {
                    cursor = parseScan(h.send("SCAN", cursor, "COUNT", count), seen);
                    calls++;
                }
                while (!cursor.equals("0"));
                assertThat(seen).hasSize(1000);
                assertThat(new HashSet<>(seen)).isEqualTo(expected);
                if (count.equals("100000"))
                {
                    assertThat(calls).isEqualTo(shards);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReturnEveryKeyPresentThroughoutWhileKeysAreAddedAndRemoved(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 500; i++)
            {
                h.send("SET", "stable:" + i, "v");
                stable.add("stable:" + i);
            }
            for (int i = 0; i < 2000; i++)
            {
                h.send("SET", "doomed:" + i, "v");
            }
            final Set<String> everSet = new HashSet<>(stable);
            for (int i = 0; i < 2000; i++)
            {
                everSet.add("doomed:" + i);
            }
            final Map<String, Integer> seen = new HashMap<>();
            String cursor = "0";
            int round = 0;
            do
            {
                final List<String> keys = new ArrayList<>();
                cursor = parseScan(h.send("SCAN", cursor, "COUNT", "5"), keys);
                for (final String key : keys)
                {
                    seen.merge(key, 1, Integer::sum);
                }
                // Grow the tables (rehash) early on, shrink them later.
                if (round < 40)
                {
                    for (int j = 0; j < 100; j++)
                    {
                        final String key = "added:" + round + ":" + j;
                        h.send("SET", key, "v");
                        everSet.add(key);
                    }
                }
                else if (round < 80)
                {
                    for (int j = 0; j < 50; j++)
                    {
                        h.send("DEL", "doomed:" + ((round - 40) * 50 + j));
                    }
                }
                round++;
            }
            while (!cursor.equals("0"));
            assertThat(seen.keySet()).containsAll(stable);
            assertThat(everSet).containsAll(seen.keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFilterScanByMatchAndType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 100; i++)
            {
                h.send("SET", "user:" + i, "v");
                h.send("SET", "item:" + i, "v");
            }
            for (int i = 0; i < 10; i++)
            {
                put(h, "list:" + i, ValueType.LIST, Encoding.RAW, new Object());
            }
            assertThat(scanAll(h, "MATCH", "user:*", "COUNT", "3")).hasSize(100).allMatch(k -> k.startsWith("user:"));
            assertThat(scanAll(h, "MATCH", "user:1?")).hasSize(10);
            assertThat(scanAll(h, "TYPE", "list")).hasSize(10).allMatch(k -> k.startsWith("list:"));
            assertThat(scanAll(h, "TYPE", "STRING")).hasSize(200);
            assertThat(scanAll(h, "type", "hash")).isEmpty();
            assertThat(scanAll(h, "TYPE", "foo")).isEmpty();
            assertThat(scanAll(h, "MATCH", "*", "TYPE", "list", "COUNT", "1000")).hasSize(10);
            assertThat(scanAll(h, "MATCH", "item:5*", "TYPE", "string")).hasSize(11);
            assertThat(scanAll(h, "COUNT", "1", "COUNT", "100", "MATCH", "a", "MATCH", "list:3")).containsExactly(
                "list:3");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteExpiredKeysMetBySCANButReturnThemForTypeNone(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            stopActiveExpire(h);
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            h.send("SET", "c", "1");
            h.send("PEXPIRE", "a", "1");
            h.send("PEXPIRE", "c", "1");
            h.clock().advance(5);
            assertThat(scanAll(h, "TYPE", "none")).containsExactlyInAnyOrder("a", "c");
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
            h.send("SET", "a", "1");
            h.send("PEXPIRE", "a", "1");
            h.clock().advance(5);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(2));
            assertThat(scanAll(h, "MATCH", "nomatch")).isEmpty();
            assertThat(h.send("DBSIZE")).isEqualTo(integer(2));
            assertThat(scanAll(h)).containsExactly("b");
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldScanAnEmptyDatabase(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(scanAll(h)).isEmpty();
            if (shards == 1)
            {
                assertThat(h.send("SCAN", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
            }
            else
            {
                assertThat(h.send("SCAN", "0")).isEqualTo("*2\r\n$1\r\n1\r\n*0\r\n");
                assertThat(h.send("SCAN", "3")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadScanArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            final String syntax = error("ERR syntax error");
            assertThat(h.send("SCAN", "0", "COUNT", "0")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "COUNT", "-1")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "COUNT", "abc")).isEqualTo(
                error("ERR value is not an integer or out of range"));
            assertThat(h.send("SCAN", "0", "COUNT", "9223372036854775808")).isEqualTo(
                error("ERR value is not an integer or out of range"));
            assertThat(h.send("SCAN", "0", "COUNT")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "MATCH")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "TYPE")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "foo", "bar")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "MATCH", "a", "extra")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "0", "COUNT", "0", "MATCH")).isEqualTo(syntax);
            assertThat(h.send("SCAN", "abc", "COUNT", "0")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("SCAN")).isEqualTo(error("ERR wrong number of arguments for 'scan' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldParseCursorsAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            final String invalid = error("ERR invalid cursor");
            for (final String bad : new String[] {"abc", "1.5", " 1", "1 ", "-", "+", "0x10", "18446744073709551616",
                "-18446744073709551616", "99999999999999999999"})
            {
                assertThat(h.send("SCAN", bad)).as(bad).isEqualTo(invalid);
            }
            for (final String good : new String[] {"0", "", "-0", "+0", "00", "18446744073709551615", "-1", "+1", "01",
                "-18446744073709551615"})
            {
                assertThat(h.send("SCAN", good)).as(good).startsWith("*2\r\n$");
            }
            assertThat(h.send("SCAN", "")).isEqualTo(h.send("SCAN", "0"));
            assertThat(h.send("SCAN", "-0")).isEqualTo(h.send("SCAN", "0"));
            assertThat(h.send("SCAN", "+1")).isEqualTo(h.send("SCAN", "1"));
            assertThat(h.send("SCAN", "-18446744073709551615")).isEqualTo(h.send("SCAN", "1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldScanInResp3(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            h.send("SET", "only", "1");
            assertThat(scanAll(h)).containsExactly("only");
        }
    }

    private static List<String> scanAll(final EngineHarness h, final String... options)
    {
        final List<String> seen = new ArrayList<>();
        String cursor = "0";
        do
        {
            final String[] command = new String[options.length + 2];
            command[0] = "SCAN";
            command[1] = cursor;
            System.arraycopy(options, 0, command, 2, options.length);
            cursor = parseScan(h.send(command), seen);
        }
        while (!cursor.equals("0"));
        return seen;
    }

    private static List<String> sorted(final String reply)
    {
        final List<String> keys = parseArray(reply);
        keys.sort(null);
        return keys;
    }

    private static void stopActiveExpire(final EngineHarness h)
    {
        for (final Shard shard : h.engine().shards())
        {
            shard.activeExpire(false);
        }
    }
}
