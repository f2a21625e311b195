package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.StringTestSupport.EMPTY;
import static dev.anax.engine.family.StringTestSupport.NIL;
import static dev.anax.engine.family.StringTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.StringTestSupport.OK;
import static dev.anax.engine.family.StringTestSupport.START_MS;
import static dev.anax.engine.family.StringTestSupport.SYNTAX;
import static dev.anax.engine.family.StringTestSupport.array;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.entry;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.expireAt;
import static dev.anax.engine.family.StringTestSupport.integer;
import static dev.anax.engine.family.StringTestSupport.keyOnSameShard;
import static dev.anax.engine.family.StringTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.StringTestSupport.putList;
import static dev.anax.engine.family.StringTestSupport.repeat;
import static dev.anax.engine.family.StringTestSupport.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MGET, MSET, MSETNX and LCS, with keys on one shard and spread over several; replies checked
 * against redis-server 7.0.15.
 */
class StringMultiKeyTest
{
    private static final String NOT_STRINGS = error("ERR The specified keys must contain string values");
    private static final String LEN_AND_IDX = error("ERR If you want both the length and indexes, please just use IDX.");

    private static String pair(final long a, final long b)
    {
        return array(integer(a), integer(b));
    }

    private static String idx(final String len, final String... matches)
    {
        return array(bulk("matches"), array(matches), bulk("len"), len);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMgetInKeyOrderAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "m", Math.min(shards, 4));
            for (final String key : keys)
            {
                h.send("SET", key, "v-" + key);
            }
            putList(h, "list");
            final String[] args = new String[keys.length * 2 + 3];
            final StringBuilder expected = new StringBuilder("*" + (args.length - 1) + "\r\n");
            args[0] = "MGET";
            int n = 1;
            for (int i = keys.length - 1; i >= 0; i--)
            {
                args[n++] = keys[i];
                expected.append(bulk("v-" + keys[i]));
                args[n++] = "nope" + i;
                expected.append(NIL);
            }
            args[n++] = "list";
            expected.append(NIL);
            args[n] = keys[0];
            expected.append(bulk("v-" + keys[0]));
            assertThat(h.send(args)).isEqualTo(expected.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMgetMissingKeysAsResp3Nulls(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "r", 2);
            h.send("SET", keys[1], "x");
            h.client().session().protocol(3);
            assertThat(h.send("MGET", keys[0], keys[1])).isEqualTo("*2\r\n_\r\n" + bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMsetAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "s", Math.min(shards, 4));
            h.send("SET", keys[0], "old", "EX", "100");
            putList(h, "list");
            final String[] args = new String[keys.length * 2 + 5];
            args[0] = "MSET";
            int n = 1;
            for (final String key : keys)
            {
                args[n++] = key;
                args[n++] = "1" + key.length();
            }
            args[n++] = "list";
            args[n++] = repeat('z', 45);
            args[n++] = keys[0];
            args[n] = "last";
            assertThat(h.send(args)).isEqualTo(OK);
            assertThat(h.send("GET", keys[0])).isEqualTo(bulk("last"));
            assertThat(expireAt(h, keys[0])).isZero();
            for (int i = 1; i < keys.length; i++)
            {
                assertThat(h.send("GET", keys[i])).isEqualTo(bulk("1" + keys[i].length()));
                assertThat(encoding(h, keys[i])).isEqualTo("int");
            }
            assertThat(h.send("GET", "list")).isEqualTo(bulk(repeat('z', 45)));
            assertThat(encoding(h, "list")).isEqualTo("raw");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectOddMsetPairs(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "o", 2);
            assertThat(h.send("MSET", keys[0], "1", keys[1])).isEqualTo(error("ERR wrong number of arguments for 'mset' command"));
            assertThat(h.send("MSET", "a")).isEqualTo(error("ERR wrong number of arguments for 'mset' command"));
            assertThat(h.send("MSETNX", keys[0], "1", keys[1]))
                .isEqualTo(error("ERR wrong number of arguments for 'msetnx' command"));
            assertThat(h.send("MSETNX", "a")).isEqualTo(error("ERR wrong number of arguments for 'msetnx' command"));
            assertThat(entry(h, keys[0])).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMsetnxAllOrNothingAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "x", Math.min(shards, 3));
            final String last = keys[keys.length - 1];
            final String[] args = new String[keys.length * 2 + 1];
            args[0] = "MSETNX";
            for (int i = 0; i < keys.length; i++)
            {
                args[1 + i * 2] = keys[i];
                args[2 + i * 2] = "v" + i;
            }
            assertThat(h.send(args)).isEqualTo(integer(1));
            for (int i = 0; i < keys.length; i++)
            {
                assertThat(h.send("GET", keys[i])).isEqualTo(bulk("v" + i));
            }
            final String fresh = keysOnDistinctShards(h, "fresh", 1)[0];
            assertThat(h.send("MSETNX", fresh, "1", last, "2")).isEqualTo(integer(0));
            assertThat(entry(h, fresh)).isNull();
            assertThat(h.send("GET", last)).isEqualTo(bulk("v" + (keys.length - 1)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMsetnxCountOtherTypesAsExisting(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "t", 2);
            putList(h, keys[1]);
            assertThat(h.send("MSETNX", keys[0], "1", keys[1], "2")).isEqualTo(integer(0));
            assertThat(entry(h, keys[0])).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMsetnxRepeatedKeyWithLastValue(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "q", 2);
            assertThat(h.send("MSETNX", keys[0], "1", keys[1], "x", keys[0], "2")).isEqualTo(integer(1));
            assertThat(h.send("GET", keys[0])).isEqualTo(bulk("2"));
            assertThat(h.send("GET", keys[1])).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMsetnxIgnoringExpiredKeys(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] keys = keysOnDistinctShards(h, "e", 2);
            h.send("SET", keys[1], "old", "PX", "10");
            h.clock().advance(10);
            assertThat(h.send("MSETNX", keys[0], "1", keys[1], "2")).isEqualTo(integer(1));
            assertThat(h.send("GET", keys[1])).isEqualTo(bulk("2"));
            assertThat(expireAt(h, keys[1])).isZero();
        }
    }

    @Test
    void shouldSpreadMsetnxKeysOverShards()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] keys = keysOnDistinctShards(h, "spread", 4);
            assertThat(shardOf(h, keys[0])).isNotEqualTo(shardOf(h, keys[1]));
            assertThat(h.send("MSETNX", keys[0], "a", keys[1], "b", keys[2], "c", keys[3], "d")).isEqualTo(integer(1));
            assertThat(h.send("MGET", keys[3], keys[2], keys[1], keys[0]))
                .isEqualTo(array(bulk("d"), bulk("c"), bulk("b"), bulk("a")));
        }
    }

    /**
     * Runs the LCS checks with keys on one shard and, with several shards, on two.
     */
    private static String[][] lcsKeyPairs(final EngineHarness h)
    {
        final String a = "lcs-a";
        final String same = keyOnSameShard(h, a, "lcs-b");
        if (h.engine().shards().length == 1)
        {
            return new String[][] {{a, same}};
        }
        final String[] apart = keysOnDistinctShards(h, "lcs-apart", 2);
        return new String[][] {{a, same}, apart};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldComputeLcs(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final String[] keys : lcsKeyPairs(h))
            {
                final String a = keys[0];
                final String b = keys[1];
                h.send("SET", a, "ohmytext");
                h.send("SET", b, "mynewtext");
                assertThat(h.send("LCS", a, b)).isEqualTo(bulk("mytext"));
                assertThat(h.send("LCS", a, b, "LEN")).isEqualTo(integer(6));
                assertThat(h.send("LCS", a, b, "len", "LEN")).isEqualTo(integer(6));
                assertThat(h.send("LCS", a, b, "WITHMATCHLEN")).isEqualTo(bulk("mytext"));
                assertThat(h.send("LCS", a, b, "MINMATCHLEN", "3")).isEqualTo(bulk("mytext"));
                assertThat(h.send("LCS", a, b, "IDX")).isEqualTo(idx(integer(6),
                    array(pair(4, 7), pair(5, 8)),
                    array(pair(2, 3), pair(0, 1))));
                assertThat(h.send("LCS", a, b, "IDX", "MINMATCHLEN", "4")).isEqualTo(idx(integer(6),
                    array(pair(4, 7), pair(5, 8))));
                assertThat(h.send("LCS", a, b, "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).isEqualTo(idx(integer(6),
                    array(pair(4, 7), pair(5, 8), integer(4))));
                assertThat(h.send("LCS", a, b, "IDX", "WITHMATCHLEN")).isEqualTo(idx(integer(6),
                    array(pair(4, 7), pair(5, 8), integer(4)),
                    array(pair(2, 3), pair(0, 1), integer(2))));
                assertThat(h.send("LCS", a, b, "MINMATCHLEN", "-5", "IDX")).isEqualTo(idx(integer(6),
                    array(pair(4, 7), pair(5, 8)),
                    array(pair(2, 3), pair(0, 1))));
                h.send("SET", a, "12345");
                h.send("SET", b, "2345");
                assertThat(h.send("LCS", a, b, "IDX", "WITHMATCHLEN")).isEqualTo(idx(integer(4),
                    array(pair(1, 4), pair(0, 3), integer(4))));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTreatMissingLcsKeysAsEmpty(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final String[] keys : lcsKeyPairs(h))
            {
                assertThat(h.send("LCS", keys[0], keys[1], "IDX")).isEqualTo(idx(integer(0)));
                assertThat(h.send("LCS", keys[0], keys[1])).isEqualTo(EMPTY);
                h.send("SET", keys[0], "abc");
                assertThat(h.send("LCS", keys[0], keys[1])).isEqualTo(EMPTY);
                assertThat(h.send("LCS", keys[1], keys[0], "LEN")).isEqualTo(integer(0));
                assertThat(h.send("LCS", keys[0], keys[0])).isEqualTo(bulk("abc"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportLcsErrorsInRedisOrder(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final String[] keys : lcsKeyPairs(h))
            {
                final String a = keys[0];
                final String b = keys[1];
                h.send("SET", a, "ohmytext");
                h.send("SET", b, "mynewtext");
                assertThat(h.send("LCS", a, b, "IDX", "LEN")).isEqualTo(LEN_AND_IDX);
                assertThat(h.send("LCS", a, b, "LEN", "IDX")).isEqualTo(LEN_AND_IDX);
                assertThat(h.send("LCS", a, b, "IDX", "IDX", "LEN", "LEN")).isEqualTo(LEN_AND_IDX);
                assertThat(h.send("LCS", a, b, "FOO")).isEqualTo(SYNTAX);
                assertThat(h.send("LCS", a, b, "IDX", "FOO")).isEqualTo(SYNTAX);
                assertThat(h.send("LCS", a, b, "MINMATCHLEN")).isEqualTo(SYNTAX);
                assertThat(h.send("LCS", a, b, "MINMATCHLEN", "x")).isEqualTo(NOT_INTEGER);
                assertThat(h.send("LCS", a, b, "MINMATCHLEN", "x", "FOO")).isEqualTo(NOT_INTEGER);
                assertThat(h.send("LCS", a, b, "FOO", "MINMATCHLEN", "x")).isEqualTo(SYNTAX);
                h.send("GETDEL", b);
                putList(h, b);
                assertThat(h.send("LCS", a, b)).isEqualTo(NOT_STRINGS);
                assertThat(h.send("LCS", a, b, "FOO")).isEqualTo(NOT_STRINGS);
                assertThat(h.send("LCS", b, a, "IDX", "LEN")).isEqualTo(NOT_STRINGS);
                h.send("SET", b, "x");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRefuseLcsTableLargerThanProtoMaxBulkLen(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.config().require("proto-max-bulk-len").set("1048576")).isNull();
            for (final String[] keys : lcsKeyPairs(h))
            {
                h.send("SET", keys[0], repeat('a', 600));
                h.send("SET", keys[1], repeat('b', 600));
                final String tooLarge = error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
                assertThat(h.send("LCS", keys[0], keys[1])).isEqualTo(tooLarge);
                assertThat(h.send("LCS", keys[0], keys[1], "LEN")).isEqualTo(tooLarge);
                h.send("SET", keys[1], repeat('a', 400));
                assertThat(h.send("LCS", keys[0], keys[1], "LEN")).isEqualTo(integer(400));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyLcsIdxAsResp3Map(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            for (final String[] keys : lcsKeyPairs(h))
            {
                h.send("SET", keys[0], "abc");
                h.send("SET", keys[1], "xbc");
                assertThat(h.send("LCS", keys[0], keys[1], "IDX")).isEqualTo(
                    "%2\r\n" + bulk("matches") + array(array(pair(1, 2), pair(1, 2))) + bulk("len") + integer(2));
            }
        }
    }

    @Test
    void shouldAgreeOnLcsWhetherKeysShareAShardOrNot()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[][] pairs = lcsKeyPairs(h);
            final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int round = 0; round < 20; round++)
            {
                final String x = randomText(random);
                final String y = randomText(random);
                final String[] replies = new String[2];
                for (int p = 0; p < 2; p++)
                {
                    h.send("SET", pairs[p][0], x);
                    h.send("SET", pairs[p][1], y);
                    replies[p] = h.send("LCS", pairs[p][0], pairs[p][1], "IDX", "WITHMATCHLEN", "MINMATCHLEN", "2") +
                        h.send("LCS", pairs[p][0], pairs[p][1]);
                }
                assertThat(replies[1]).isEqualTo(replies[0]);
            }
        }
    }

    private static String randomText(final java.util.SplittableRandom random)
    {
        final StringBuilder sb = new StringBuilder();
        final int length = random.nextInt(0, 40);
        for (int i = 0; i < length; i++)
        {
            sb.append((char)('a' + random.nextInt(4)));
        }
        return sb.toString();
    }
}
