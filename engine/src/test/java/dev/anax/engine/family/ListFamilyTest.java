package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ListTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.ListTestSupport.NIL;
import static dev.anax.engine.family.ListTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ListTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.ListTestSupport.NULL3;
import static dev.anax.engine.family.ListTestSupport.OK;
import static dev.anax.engine.family.ListTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ListTestSupport.bulk;
import static dev.anax.engine.family.ListTestSupport.bulks;
import static dev.anax.engine.family.ListTestSupport.error;
import static dev.anax.engine.family.ListTestSupport.integer;
import static dev.anax.engine.family.ListTestSupport.rpush;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push, pop, length and the by-index commands (LINDEX, LSET, LRANGE, LTRIM) at 1 and 4 shards.
 * Search and edit commands are in {@link ListSearchTest}, multi-key ones in {@link ListMultiKeyTest}.
 */
class ListFamilyTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPushAtBothEndsAndReplyTheLength(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPUSH", "l", "b", "a")).isEqualTo(integer(2));
            assertThat(h.send("RPUSH", "l", "c", "d", "e")).isEqualTo(integer(5));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "b", "c", "d", "e"));
            assertThat(h.send("LLEN", "l")).isEqualTo(integer(5));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportListTypeAndQuicklistEncoding(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("RPUSH", "l", "a");
            assertThat(h.send("TYPE", "l")).isEqualTo("+list\r\n");
            assertThat(h.send("OBJECT", "ENCODING", "l")).isEqualTo(bulk("quicklist"));
            h.send("RPUSH", "l", "x".repeat(100_000));
            assertThat(h.send("OBJECT", "ENCODING", "l")).isEqualTo(bulk("quicklist"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectPushesOnAnotherType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "x");
            for (final String command : new String[] {"LPUSH", "RPUSH", "LPUSHX", "RPUSHX"})
            {
                assertThat(h.send(command, "s", "a")).as(command).isEqualTo(WRONGTYPE);
            }
            assertThat(h.send("GET", "s")).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPushxOnlyOntoAnExistingList(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPUSHX", "l", "a")).isEqualTo(integer(0));
            assertThat(h.send("RPUSHX", "l", "a")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
            h.send("RPUSH", "l", "m");
            assertThat(h.send("LPUSHX", "l", "b", "a")).isEqualTo(integer(3));
            assertThat(h.send("RPUSHX", "l", "y", "z")).isEqualTo(integer(5));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "b", "m", "y", "z"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopOneElementFromEitherEndAndDeleteTheEmptiedKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c");
            assertThat(h.send("LPOP", "l")).isEqualTo(bulk("a"));
            assertThat(h.send("RPOP", "l")).isEqualTo(bulk("c"));
            assertThat(h.send("RPOP", "l")).isEqualTo(bulk("b"));
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
            assertThat(h.send("LPOP", "l")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopUpToCountElements(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPUSH", "l", "aa", "bb", "cc", "dd", "ee", "ff", "gg")).isEqualTo(integer(7));
            assertThat(h.send("LPOP", "l", "1")).isEqualTo(bulks("gg"));
            assertThat(h.send("LPOP", "l", "2")).isEqualTo(bulks("ff", "ee"));
            assertThat(h.send("RPOP", "l", "2")).isEqualTo(bulks("aa", "bb"));
            assertThat(h.send("LPOP", "l", "0")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("RPOP", "l", "123")).isEqualTo(bulks("cc", "dd"));
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectANegativeOrNonIntegerPopCount(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String message = error("ERR value is out of range, must be positive");
            assertThat(h.send("LPOP", "missing", "-123")).isEqualTo(message);
            assertThat(h.send("RPOP", "missing", "x")).isEqualTo(message);
            h.send("SET", "s", "x");
            assertThat(h.send("LPOP", "s", "-1")).isEqualTo(message);
            assertThat(h.send("LPOP", "s", "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("RPOP", "s")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectPopWithTooManyArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPOP", "l", "1", "1")).isEqualTo(error("ERR wrong number of arguments for 'lpop' command"));
            assertThat(h.send("RPOP", "l", "2", "2")).isEqualTo(error("ERR wrong number of arguments for 'rpop' command"));
            assertThat(h.send("RPOP")).isEqualTo(error("ERR wrong number of arguments for 'rpop' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyTheNullsOfEachProtocolForAMissingKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LPOP", "missing")).isEqualTo(NIL);
            assertThat(h.send("LPOP", "missing", "0")).isEqualTo(NIL_ARRAY);
            assertThat(h.send("RPOP", "missing", "1")).isEqualTo(NIL_ARRAY);
            assertThat(h.send("LINDEX", "missing", "0")).isEqualTo(NIL);
            h.client().session().protocol(3);
            assertThat(h.send("LPOP", "missing")).isEqualTo(NULL3);
            assertThat(h.send("LPOP", "missing", "0")).isEqualTo(NULL3);
            assertThat(h.send("RPOP", "missing", "1")).isEqualTo(NULL3);
            assertThat(h.send("LINDEX", "missing", "0")).isEqualTo(NULL3);
            h.send("RPUSH", "l", "zero");
            assertThat(h.send("LPOP", "l", "0")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LINDEX", "l", "5")).isEqualTo(NULL3);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountElements(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LLEN", "missing")).isEqualTo(integer(0));
            h.send("SET", "s", "x");
            assertThat(h.send("LLEN", "s")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReadElementsByPositiveAndNegativeIndex(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c");
            assertThat(h.send("LINDEX", "l", "0")).isEqualTo(bulk("a"));
            assertThat(h.send("LINDEX", "l", "2")).isEqualTo(bulk("c"));
            assertThat(h.send("LINDEX", "l", "-1")).isEqualTo(bulk("c"));
            assertThat(h.send("LINDEX", "l", "-3")).isEqualTo(bulk("a"));
            assertThat(h.send("LINDEX", "l", "3")).isEqualTo(NIL);
            assertThat(h.send("LINDEX", "l", "-4")).isEqualTo(NIL);
            assertThat(h.send("LINDEX", "l", "-9223372036854775808")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCheckTheKeyOfLindexBeforeItsIndex(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LINDEX", "missing", "abc")).isEqualTo(NIL);
            h.send("SET", "s", "x");
            assertThat(h.send("LINDEX", "s", "abc")).isEqualTo(WRONGTYPE);
            rpush(h, "l", "a");
            assertThat(h.send("LINDEX", "l", "abc")).isEqualTo(NOT_INTEGER);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplaceElementsByIndex(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "99", "98", "97", "96", "95");
            assertThat(h.send("LSET", "l", "1", "foo")).isEqualTo(OK);
            assertThat(h.send("LSET", "l", "-1", "bar")).isEqualTo(OK);
            assertThat(h.send("LSET", "l", "0", "12345678901234567")).isEqualTo(OK);
            assertThat(h.send("LRANGE", "l", "0", "-1"))
                .isEqualTo(bulks("12345678901234567", "foo", "97", "96", "bar"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectLsetOutOfRangeMissingOrWrongType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b");
            assertThat(h.send("LSET", "l", "2", "x")).isEqualTo(error("ERR index out of range"));
            assertThat(h.send("LSET", "l", "-3", "x")).isEqualTo(error("ERR index out of range"));
            assertThat(h.send("LSET", "l", "abc", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("LSET", "missing", "abc", "x")).isEqualTo(error("ERR no such key"));
            h.send("SET", "s", "x");
            assertThat(h.send("LSET", "s", "abc", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "b"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReadRangesAsRedisClampsThem(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            assertThat(h.send("LRANGE", "l", "1", "-2")).isEqualTo(bulks("2", "3", "4", "5", "6", "7", "8", "9"));
            assertThat(h.send("LRANGE", "l", "-3", "-1")).isEqualTo(bulks("8", "9", "10"));
            assertThat(h.send("LRANGE", "l", "4", "4")).isEqualTo(bulks("5"));
            assertThat(h.send("LRANGE", "l", "6", "2")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LRANGE", "l", "-100", "1")).isEqualTo(bulks("1", "2"));
            assertThat(h.send("LRANGE", "l", "8", "100")).isEqualTo(bulks("9", "10"));
            assertThat(h.send("LRANGE", "l", "10", "100")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LRANGE", "l", "0", "-11")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("LRANGE", "l", "-9223372036854775808", "9223372036854775807"))
                .isEqualTo(bulks("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldParseLrangeIndexesBeforeLookingTheKeyUp(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LRANGE", "missing", "a", "1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("LRANGE", "missing", "0", "1.5")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("LRANGE", "missing", "0", "1")).isEqualTo(EMPTY_ARRAY);
            h.send("SET", "s", "x");
            assertThat(h.send("LRANGE", "s", "x", "1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("LRANGE", "s", "0", "1")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTrimToARangeOrDeleteTheKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "1", "2", "3", "4", "5");
            assertThat(h.send("LTRIM", "l", "1", "-2")).isEqualTo(OK);
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("2", "3", "4"));
            assertThat(h.send("LTRIM", "l", "-100", "100")).isEqualTo(OK);
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("2", "3", "4"));
            assertThat(h.send("LTRIM", "l", "0", "-10")).isEqualTo(OK);
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
            rpush(h, "l", "1", "2");
            assertThat(h.send("LTRIM", "l", "2", "5")).isEqualTo(OK);
            assertThat(h.send("EXISTS", "l")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerLtrimOfMissingKeyWithOkAfterCheckingTheIndexes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("LTRIM", "missing", "0", "1")).isEqualTo(OK);
            assertThat(h.send("LTRIM", "missing", "a", "1")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "x");
            assertThat(h.send("LTRIM", "s", "0", "1")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LTRIM", "s", "0", "z")).isEqualTo(NOT_INTEGER);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepIntegerLookingElementsByteForByte(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] values = {"0", "15", "16", "-1", "4095", "-4096", "4096", "-4097", "32767", "-32768",
                "8388607", "-8388608", "2147483647", "-2147483648", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "-0", "007", "+1", "1.5", " 1", ""};
            final String[] push = new String[values.length + 2];
            push[0] = "RPUSH";
            push[1] = "l";
            System.arraycopy(values, 0, push, 2, values.length);
            h.send(push);
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks(values));
            for (int i = 0; i < values.length; i++)
            {
                assertThat(h.send("LINDEX", "l", Integer.toString(i))).isEqualTo(bulk(values[i]));
            }
            assertThat(h.send("LPOP", "l", "3")).isEqualTo(bulks("0", "15", "16"));
            assertThat(h.send("RPOP", "l", "2")).isEqualTo(bulks("", " 1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepBinaryElements(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final byte[] binary = {0, '\r', '\n', (byte)0xFF, 'a'};
            assertThat(h.send("RPUSH".getBytes(), "l".getBytes(), binary)).isEqualTo(integer(1));
            assertThat(h.send("LPOP", "l")).isEqualTo("$5\r\n\0\r\n\u00FFa\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldServeALongListSpreadOverManyNodes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final int n = 20_000;
            for (int i = 0; i < n; i += 500)
            {
                final String[] args = new String[502];
                args[0] = "RPUSH";
                args[1] = "big";
                for (int j = 0; j < 500; j++)
                {
                    args[j + 2] = "element-" + (i + j);
                }
                h.send(args);
            }
            assertThat(ListTestSupport.list(h, "big").nodeCount()).isGreaterThan(10);
            for (final int i : new int[] {0, 1, 777, 9_999, 10_000, 15_123, n - 1})
            {
                assertThat(h.send("LINDEX", "big", Integer.toString(i))).isEqualTo(bulk("element-" + i));
                assertThat(h.send("LINDEX", "big", Integer.toString(i - n))).isEqualTo(bulk("element-" + i));
            }
            assertThat(h.send("LRANGE", "big", "12000", "12002"))
                .isEqualTo(bulks("element-12000", "element-12001", "element-12002"));
            assertThat(h.send("LSET", "big", "12001", "changed")).isEqualTo(OK);
            assertThat(h.send("LTRIM", "big", "11999", "-7987")).isEqualTo(OK);
            assertThat(h.send("LRANGE", "big", "0", "-1"))
                .isEqualTo(bulks("element-11999", "element-12000", "changed", "element-12002",
                    "element-12003", "element-12004", "element-12005", "element-12006", "element-12007",
                    "element-12008", "element-12009", "element-12010", "element-12011", "element-12012",
                    "element-12013"));
            ListTestSupport.list(h, "big");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldBoundNodesByTheFillConfiguredWhenTheListWasCreated(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("CONFIG", "SET", "list-max-ziplist-size", "5")).isEqualTo(OK);
            rpush(h, "five", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            assertThat(h.send("CONFIG", "SET", "list-max-listpack-size", "-2")).isEqualTo(OK);
            rpush(h, "five", "12", "13", "14", "15");
            rpush(h, "bytes", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            assertThat(ListTestSupport.list(h, "five").nodeCount()).isEqualTo(3);
            assertThat(ListTestSupport.list(h, "five").fill()).isEqualTo(5);
            assertThat(ListTestSupport.list(h, "bytes").nodeCount()).isEqualTo(1);
            assertThat(h.send("LRANGE", "five", "9", "-1")).isEqualTo(bulks("10", "11", "12", "13", "14", "15"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCopyAListIndependently(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = ListTestSupport.keysOnDistinctShards(h, "c", 2);
            rpush(h, keys[0], "a", "b", "c");
            assertThat(h.send("COPY", keys[0], keys[1])).isEqualTo(integer(1));
            assertThat(h.send("RPUSH", keys[1], "d")).isEqualTo(integer(4));
            assertThat(h.send("LPOP", keys[0])).isEqualTo(bulk("a"));
            assertThat(h.send("LRANGE", keys[0], "0", "-1")).isEqualTo(bulks("b", "c"));
            assertThat(h.send("LRANGE", keys[1], "0", "-1")).isEqualTo(bulks("a", "b", "c", "d"));
            assertThat(h.send("RENAME", keys[1], "renamed")).isEqualTo(OK);
            assertThat(h.send("LRANGE", "renamed", "0", "-1")).isEqualTo(bulks("a", "b", "c", "d"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepTheExpiryThroughPushesAndDropItWithTheEmptiedKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a");
            h.send("PEXPIRE", "l", "1000");
            h.send("RPUSH", "l", "b");
            assertThat(h.send("PTTL", "l")).isEqualTo(integer(1000));
            h.send("RPOP", "l", "2");
            rpush(h, "l", "c");
            assertThat(h.send("PTTL", "l")).isEqualTo(integer(-1));
            h.send("PEXPIRE", "l", "10");
            h.clock().advance(20);
            assertThat(h.send("LLEN", "l")).isEqualTo(integer(0));
            assertThat(h.send("LPUSHX", "l", "x")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepNoDeletedListReachableThroughTheReusedCursor(final int shards) throws Exception
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 5000; i += 500)
            {
                final String[] args = new String[502];
                args[0] = "RPUSH";
                args[1] = "l";
                for (int j = 0; j < 500; j++)
                {
                    args[j + 2] = "some element " + (i + j);
                }
                h.send(args);
            }
            // The head node: a cursor left on any node would keep it reachable through the links.
            final java.lang.reflect.Field head = dev.anax.engine.types.list.QuickList.class.getDeclaredField("head");
            head.setAccessible(true);
            final java.lang.ref.WeakReference<Object> list =
                new java.lang.ref.WeakReference<>(head.get(ListTestSupport.entry(h, "l").value()));
            assertThat(h.send("LINDEX", "l", "2500")).isEqualTo(bulk("some element 2500"));
            assertThat(h.send("LPOS", "l", "some element 4000")).isEqualTo(integer(4000));
            assertThat(h.send("DEL", "l")).isEqualTo(integer(1));
            for (int i = 0; i < 20 && list.get() != null; i++)
            {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(list.get()).isNull();
        }
    }
}
