package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.anax.engine.family.SetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.SetTestSupport.EMPTY_SET3;
import static dev.anax.engine.family.SetTestSupport.ZERO;
import static dev.anax.engine.family.SetTestSupport.bulks;
import static dev.anax.engine.family.SetTestSupport.elements;
import static dev.anax.engine.family.SetTestSupport.range;
import static dev.anax.engine.family.SetTestSupport.sadd;
import static dev.anax.engine.family.SetTestSupport.sorted;
import static dev.anax.engine.family.SetTestSupport.sortedOf;
import static dev.anax.engine.family.StringTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.StringTestSupport.SYNTAX;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPOP, SRANDMEMBER and SSCAN: the replies whose content is random are checked for size,
 * membership, uniqueness and eventual coverage; the rest byte for byte against redis-server 7.0.15.
 */
class SetRandomTest
{
    private static final String NOT_POSITIVE = error("ERR value is out of range, must be positive");
    private static final String[] LETTERS = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
        "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"};

    private static String[] members(final boolean ints)
    {
        return ints ? range(1, 27) : LETTERS;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldPopEveryMemberOnceAndDeleteTheKey(final boolean ints)
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            sadd(h, "s", members(ints));
            assertThat(encoding(h, "s")).isEqualTo(ints ? "intset" : "hashtable");
            final Set<String> popped = new HashSet<>();
            for (int i = 0; i < 26; i++)
            {
                final String reply = h.send("SPOP", "s");
                final String member = reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
                assertThat(popped.add(member)).isTrue();
            }
            assertThat(popped).containsExactlyInAnyOrder(members(ints));
            assertThat(h.send("EXISTS", "s")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldPopCountsThroughEveryStrategy(final boolean ints)
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            sadd(h, "s", members(ints));
            final List<String> popped = new ArrayList<>();
            // 11 of 26 pops one by one; 9 of 15 keeps the 6 others; 4 of 6 keeps 2; 0; all the rest.
            for (final int count : new int[] {11, 9, 0, 4, 1, 0, 1})
            {
                final int before = Integer.parseInt(h.send("SCARD", "s").substring(1).trim());
                final List<String> reply = elements(h.send("SPOP", "s", Integer.toString(count)));
                assertThat(reply).hasSize(Math.min(count, before)).doesNotHaveDuplicates();
                popped.addAll(reply);
                assertThat(h.send("SCARD", "s")).isEqualTo(integer(before - reply.size()));
            }
            assertThat(popped).containsExactlyInAnyOrder(members(ints));
            assertThat(h.send("EXISTS", "s")).isEqualTo(ZERO);
            assertThat(h.send("SPOP", "s", "5")).isEqualTo(EMPTY_ARRAY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyTheWholeIntsetInOrderWhenPoppingAtLeastItsSize(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "3", "1", "2");
            assertThat(h.send("SPOP", "s", "30")).isEqualTo(bulks("1", "2", "3"));
            assertThat(h.send("EXISTS", "s")).isEqualTo(ZERO);
            h.client().session().protocol(3);
            sadd(h, "s", "3", "1", "2");
            assertThat(h.send("SPOP", "s", "0")).isEqualTo(EMPTY_SET3);
            assertThat(h.send("SPOP", "s", "3")).isEqualTo("~3\r\n" + bulk("1") + bulk("2") + bulk("3"));
            assertThat(h.send("SPOP", "none", "3")).isEqualTo(EMPTY_SET3);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRebuildTheRemainderInRedisEncodingWhenPoppingMost(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", range(1, 21));
            sadd(h, "s", "a");
            h.send("SREM", "s", "a");
            assertThat(encoding(h, "s")).isEqualTo("hashtable");
            assertThat(elements(h.send("SPOP", "s", "18"))).hasSize(18);
            assertThat(encoding(h, "s")).isEqualTo("intset");
            assertThat(h.send("SCARD", "s")).isEqualTo(integer(2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadPopCounts(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a");
            h.send("SET", "str", "x");
            assertThat(h.send("SPOP", "s", "-1")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("SPOP", "s", "abc")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("SPOP", "str", "-1")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("SPOP", "none", "1.5")).isEqualTo(NOT_POSITIVE);
            assertThat(h.send("SCARD", "s")).isEqualTo(integer(1));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldReturnRandomMembersForEveryCount(final boolean ints)
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] all = members(ints);
            sadd(h, "s", all);
            final Set<String> universe = Set.of(all);
            assertThat(h.send("SRANDMEMBER", "s", "0")).isEqualTo(EMPTY_ARRAY);

            final List<String> repeated = elements(h.send("SRANDMEMBER", "s", "-100"));
            assertThat(repeated).hasSize(100);
            assertThat(universe).containsAll(repeated);
            assertThat(new HashSet<>(repeated).size()).isLessThan(100);

            for (final int count : new int[] {26, 100})
            {
                assertThat(sorted(h.send("SRANDMEMBER", "s", Integer.toString(count)))).isEqualTo(sorted(bulks(all)));
            }
            // 20 of 26 drops members from a copy; 3 of 26 draws members.
            for (final int count : new int[] {20, 3})
            {
                final Set<String> seen = new HashSet<>();
                for (int i = 0; i < 500 && seen.size() < 26; i++)
                {
                    final List<String> reply = elements(h.send("SRANDMEMBER", "s", Integer.toString(count)));
                    assertThat(reply).hasSize(count).doesNotHaveDuplicates();
                    assertThat(universe).containsAll(reply);
                    seen.addAll(reply);
                }
                assertThat(seen).isEqualTo(universe);
            }
            final String one = h.send("SRANDMEMBER", "s");
            assertThat(universe).contains(one.substring(one.indexOf("\r\n") + 2, one.length() - 2));
            assertThat(elements(h.send("SRANDMEMBER", "s", "1"))).hasSize(1);
            assertThat(h.send("SCARD", "s")).isEqualTo(integer(26));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldSpreadRandomMembersEvenly(final boolean ints)
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final String[] all = ints ? range(0, 10) : new String[] {"1", "5", "10", "50", "125", "MARY", "PAT",
                "LINDA", "BARBARA", "ELIZABETH"};
            sadd(h, "s", all);
            for (final String count : new String[] {"-1000", "8", "2"})
            {
                final Map<String, Integer> histogram = new HashMap<>();
                int draws = 0;
                while (draws < 1000)
                {
                    for (final String member : elements(h.send("SRANDMEMBER", "s", count)))
                    {
                        histogram.merge(member, 1, Integer::sum);
                        draws++;
                    }
                }
                double chiSquare = 0;
                final double expected = draws / 10.0;
                for (final String member : all)
                {
                    final int seen = histogram.getOrDefault(member, 0);
                    chiSquare += (seen - expected) * (seen - expected) / expected;
                }
                // 9 degrees of freedom: 40 means a probability of 0.00001, as Redis's suite uses.
                assertThat(chiSquare).as("count %s", count).isLessThan(40);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyTheWholeIntsetInOrderForALargeCount(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "3", "-1", "2");
            assertThat(h.send("SRANDMEMBER", "s", "3")).isEqualTo(bulks("-1", "2", "3"));
            h.client().session().protocol(3);
            assertThat(h.send("SRANDMEMBER", "s", "9223372036854775807")).isEqualTo(bulks("-1", "2", "3"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadRandomCounts(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a");
            h.send("SET", "str", "x");
            final String range = error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
            assertThat(h.send("SRANDMEMBER", "s", "-9223372036854775808")).isEqualTo(range);
            assertThat(h.send("SRANDMEMBER", "str", "-9223372036854775808")).isEqualTo(range);
            assertThat(h.send("SRANDMEMBER", "s", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SRANDMEMBER", "s", "9223372036854775808")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SRANDMEMBER", "s", "-9223372036854775807"))
                .isEqualTo(error("ERR count is too large for one reply"));
        }
    }

    // ---------------------------------------------------------------- SSCAN

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldScanAnIntsetInOneCall(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "12", "2", "1", "100");
            assertThat(h.send("SSCAN", "s", "0")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "2", "12", "100"));
            assertThat(h.send("SSCAN", "s", "999", "COUNT", "1")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "2", "12", "100"));
            assertThat(h.send("SSCAN", "s", "0", "MATCH", "1*")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "12", "100"));
            assertThat(h.send("SSCAN", "s", "0", "match", "*", "count", "5")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "2", "12", "100"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldScanAHashtableWithACursor(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] members = new String[1000];
            for (int i = 0; i < members.length; i++)
            {
                members[i] = "member:" + i;
            }
            sadd(h, "s", members);
            final List<String> seen = new ArrayList<>();
            String cursor = "0";
            int calls = 0;
            do
            {
                final String reply = h.send("SSCAN", "s", cursor, "COUNT", "20");
                final int cursorStart = reply.indexOf("\r\n", 4) + 2;
                final int cursorEnd = reply.indexOf("\r\n", cursorStart);
                cursor = reply.substring(cursorStart, cursorEnd);
                seen.addAll(elements(reply.substring(cursorEnd + 2)));
                calls++;
            }
            while (!cursor.equals("0"));
            assertThat(calls).isGreaterThan(10);
            assertThat(seen).hasSize(1000).containsExactlyInAnyOrder(members);

            final List<String> matched = new ArrayList<>();
            cursor = "0";
            do
            {
                final String reply = h.send("SSCAN", "s", cursor, "MATCH", "member:1?", "COUNT", "100");
                final int cursorStart = reply.indexOf("\r\n", 4) + 2;
                final int cursorEnd = reply.indexOf("\r\n", cursorStart);
                cursor = reply.substring(cursorStart, cursorEnd);
                matched.addAll(elements(reply.substring(cursorEnd + 2)));
            }
            while (!cursor.equals("0"));
            assertThat(matched).containsExactlyInAnyOrder(
                "member:10", "member:11", "member:12", "member:13", "member:14",
                "member:15", "member:16", "member:17", "member:18", "member:19");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadScanArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "1", "2");
            h.send("SET", "str", "x");
            assertThat(h.send("SSCAN", "s", "abc")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("SSCAN", "str", "abc")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("SSCAN", "s", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
            assertThat(h.send("SSCAN", "s", "0", "COUNT", "0")).isEqualTo(SYNTAX);
            assertThat(h.send("SSCAN", "s", "0", "COUNT", "-1")).isEqualTo(SYNTAX);
            assertThat(h.send("SSCAN", "s", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SSCAN", "s", "0", "TYPE", "string")).isEqualTo(SYNTAX);
            assertThat(h.send("SSCAN", "s", "0", "MATCH")).isEqualTo(SYNTAX);
            assertThat(h.send("SSCAN", "none", "0", "COUNT", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
            assertThat(sorted(h.send("SMEMBERS", "s"))).isEqualTo(sortedOf("1", "2"));
        }
    }
}
