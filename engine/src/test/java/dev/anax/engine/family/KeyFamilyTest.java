package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.ValueType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static dev.anax.engine.family.KeyTestSupport.EMPTY;
import static dev.anax.engine.family.KeyTestSupport.NIL;
import static dev.anax.engine.family.KeyTestSupport.OK;
import static dev.anax.engine.family.KeyTestSupport.bulk;
import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static dev.anax.engine.family.KeyTestSupport.put;
import static dev.anax.engine.family.KeyTestSupport.putString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEL, UNLINK, EXISTS, TOUCH, TYPE, OBJECT, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB and RANDOMKEY, with
 * one shard and with four. Expected replies were taken from redis-server 7.0.15.
 */
class KeyFamilyTest
{
    private static final String FREQ_ERROR = "ERR An LFU maxmemory policy is not selected, access frequency not " +
        "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some " +
        "time to adjust.";
    private static final String IDLE_ERROR = "ERR An LFU maxmemory policy is selected, idle time not tracked. " +
        "Please note that when switching between policies at runtime LRU and LFU data will take some time to " +
        "adjust.";

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountDeletedKeysAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 10; i++)
            {
                h.send("SET", "k" + i, "v");
            }
            assertThat(h.send("DEL", "k0", "k1", "nope", "k2", "k1")).isEqualTo(integer(3));
            assertThat(h.send("UNLINK", "k3", "k4", "k3", "missing")).isEqualTo(integer(2));
            assertThat(h.send("DEL", "missing")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", "k0", "k3", "k5")).isEqualTo(integer(1));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(5));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectDelWithoutKeys(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("DEL")).isEqualTo(error("ERR wrong number of arguments for 'del' command"));
            assertThat(h.send("UNLINK")).isEqualTo(error("ERR wrong number of arguments for 'unlink' command"));
            assertThat(h.send("EXISTS")).isEqualTo(error("ERR wrong number of arguments for 'exists' command"));
            assertThat(h.send("TOUCH")).isEqualTo(error("ERR wrong number of arguments for 'touch' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountDuplicateKeysInExists(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            assertThat(h.send("EXISTS", "a", "a", "a", "b", "c")).isEqualTo(integer(4));
            assertThat(h.send("EXISTS", "c")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTouchExistingKeysAndResetIdleTime(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            h.clock().advance(5_000);
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(5));
            assertThat(h.send("TOUCH", "a", "b", "c", "a")).isEqualTo(integer(3));
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(0));
            assertThat(h.send("OBJECT", "IDLETIME", "b")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldNotTouchKeysOnExistsTypeOrTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.clock().advance(3_000);
            h.send("EXISTS", "a");
            h.send("TYPE", "a");
            h.send("TTL", "a");
            h.send("OBJECT", "ENCODING", "a");
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(3));
            h.send("GET", "a");
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportTypeOfEveryKind(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "1");
            put(h, "l", ValueType.LIST, Encoding.RAW, new Object());
            put(h, "h", ValueType.HASH, Encoding.RAW, new Object());
            put(h, "z", ValueType.ZSET, Encoding.RAW, new Object());
            put(h, "t", ValueType.SET, Encoding.RAW, new Object());
            put(h, "x", ValueType.STREAM, Encoding.RAW, new Object());
            assertThat(h.send("TYPE", "s")).isEqualTo("+string\r\n");
            assertThat(h.send("TYPE", "l")).isEqualTo("+list\r\n");
            assertThat(h.send("TYPE", "h")).isEqualTo("+hash\r\n");
            assertThat(h.send("TYPE", "z")).isEqualTo("+zset\r\n");
            assertThat(h.send("TYPE", "t")).isEqualTo("+set\r\n");
            assertThat(h.send("TYPE", "x")).isEqualTo("+stream\r\n");
            assertThat(h.send("TYPE", "nope")).isEqualTo("+none\r\n");
            assertThat(h.send("TYPE", "a", "b")).isEqualTo(error("ERR wrong number of arguments for 'type' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportStringEncodings(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putString(h, "i", "12345");
            putString(h, "e", "hello");
            putString(h, "r", "x".repeat(45));
            assertThat(h.send("OBJECT", "ENCODING", "i")).isEqualTo(bulk("int"));
            assertThat(h.send("OBJECT", "ENCODING", "e")).isEqualTo(bulk("embstr"));
            assertThat(h.send("OBJECT", "ENCODING", "r")).isEqualTo(bulk("raw"));
            assertThat(h.send("OBJECT", "ENCODING", "nope")).isEqualTo(NIL);
            assertThat(h.send("OBJECT", "encoding", "i")).isEqualTo(bulk("int"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportRefcountLikeRedisSharedIntegers(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putString(h, "small", "9999");
            putString(h, "big", "10000");
            putString(h, "neg", "-1");
            putString(h, "text", "hello");
            assertThat(h.send("OBJECT", "REFCOUNT", "small")).isEqualTo(integer(2147483647));
            assertThat(h.send("OBJECT", "REFCOUNT", "big")).isEqualTo(integer(1));
            assertThat(h.send("OBJECT", "REFCOUNT", "neg")).isEqualTo(integer(1));
            assertThat(h.send("OBJECT", "REFCOUNT", "text")).isEqualTo(integer(1));
            assertThat(h.send("OBJECT", "REFCOUNT", "nope")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRefuseFreqUnlessLfuPolicy(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "hello");
            assertThat(h.send("OBJECT", "FREQ", "a")).isEqualTo(error(FREQ_ERROR));
            assertThat(h.send("OBJECT", "FREQ", "nope")).isEqualTo(NIL);
            h.config().require("maxmemory-policy").set("allkeys-lfu");
            assertThat(h.send("OBJECT", "FREQ", "a")).isEqualTo(integer(5));
            h.send("GET", "a");
            assertThat(h.send("OBJECT", "FREQ", "a")).isEqualTo(integer(6));
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(error(IDLE_ERROR));
            assertThat(h.send("OBJECT", "IDLETIME", "nope")).isEqualTo(NIL);
            h.clock().advance(3 * 60_000);
            assertThat(h.send("OBJECT", "FREQ", "a")).isEqualTo(integer(3));
            h.config().require("maxmemory-policy").set("noeviction");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportIdleTimeInWholeSeconds(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(0));
            h.clock().advance(1_999);
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(1));
            h.clock().advance(120_000);
            assertThat(h.send("OBJECT", "IDLETIME", "a")).isEqualTo(integer(121));
            assertThat(h.send("OBJECT", "IDLETIME", "nope")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerObjectHelpAndErrors(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("OBJECT", "HELP")).isEqualTo(
                "*15\r\n" +
                "+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+ENCODING <key>\r\n" +
                "+    Return the kind of internal representation used in order to store the value\r\n" +
                "+    associated with a <key>.\r\n" +
                "+FREQ <key>\r\n" +
                "+    Return the access frequency index of the <key>. The returned integer is\r\n" +
                "+    proportional to the logarithm of the recent access frequency of the key.\r\n" +
                "+IDLETIME <key>\r\n" +
                "+    Return the idle time of the <key>, that is the approximated number of\r\n" +
                "+    seconds elapsed since the last access to the key.\r\n" +
                "+REFCOUNT <key>\r\n" +
                "+    Return the number of references of the value associated with the specified\r\n" +
                "+    <key>.\r\n" +
                "+HELP\r\n" +
                "+    Prints this help.\r\n");
            assertThat(h.send("OBJECT", "help", "x")).isEqualTo(
                error("ERR wrong number of arguments for 'object|help' command"));
            assertThat(h.send("OBJECT", "foo")).isEqualTo(error("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
            assertThat(h.send("OBJECT")).isEqualTo(error("ERR wrong number of arguments for 'object' command"));
            assertThat(h.send("OBJECT", "ENCODING")).isEqualTo(
                error("ERR wrong number of arguments for 'object|encoding' command"));
            assertThat(h.send("OBJECT", "ENCODING", "a", "b")).isEqualTo(
                error("ERR wrong number of arguments for 'object|encoding' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerNullInResp3ForMissingObject(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            assertThat(h.send("OBJECT", "ENCODING", "nope")).isEqualTo("_\r\n");
            assertThat(h.send("RANDOMKEY")).isEqualTo("_\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountKeysOfTheSelectedDatabase(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            for (int i = 0; i < 50; i++)
            {
                h.send("SET", "k" + i, "v");
            }
            assertThat(h.send("DBSIZE")).isEqualTo(integer(50));
            h.client().session().db(3);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            assertThat(h.send("DBSIZE", "x")).isEqualTo(error("ERR wrong number of arguments for 'dbsize' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFlushOnlyTheSelectedDatabase(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            fill(h, 0, 20);
            fill(h, 1, 20);
            h.client().session().db(0);
            assertThat(h.send("FLUSHDB")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            h.client().session().db(1);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(20));
            assertThat(h.send("FLUSHDB", "ASYNC")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            fill(h, 1, 5);
            assertThat(h.send("FLUSHDB", "sync")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFlushEveryDatabase(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            fill(h, 0, 20);
            fill(h, 5, 20);
            assertThat(h.send("FLUSHALL")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            h.client().session().db(0);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            fill(h, 0, 3);
            assertThat(h.send("FLUSHALL", "ASYNC")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            assertThat(h.send("FLUSHALL", "SYNC")).isEqualTo(OK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadFlushOptions(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            fill(h, 0, 3);
            assertThat(h.send("FLUSHDB", "foo")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("FLUSHDB", "sync", "async")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("FLUSHALL", "foo")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("FLUSHALL", "sync", "sync")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(3));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSwapDatabasesWithTheirExpiries(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            fill(h, 0, 10);
            h.client().session().db(0);
            assertThat(h.send("EXPIRE", "k1", "100")).isEqualTo(integer(1));
            fill(h, 1, 3);
            h.client().session().db(0);
            assertThat(h.send("SWAPDB", "0", "1")).isEqualTo(OK);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(3));
            h.client().session().db(1);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(10));
            assertThat(h.send("TTL", "k1")).isEqualTo(integer(100));
            assertThat(h.send("SWAPDB", "1", "1")).isEqualTo(OK);
            h.clock().advance(100_000);
            assertThat(h.send("EXISTS", "k1")).isEqualTo(integer(0));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(9));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadSwapdbIndexes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SWAPDB", "0", "16")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("SWAPDB", "-1", "0")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("SWAPDB", "a", "1")).isEqualTo(error("ERR invalid first DB index"));
            assertThat(h.send("SWAPDB", "a", "b")).isEqualTo(error("ERR invalid first DB index"));
            assertThat(h.send("SWAPDB", "1", "b")).isEqualTo(error("ERR invalid second DB index"));
            assertThat(h.send("SWAPDB", "99", "b")).isEqualTo(error("ERR invalid second DB index"));
            assertThat(h.send("SWAPDB", "4294967296", "0")).isEqualTo(error("ERR invalid first DB index"));
            assertThat(h.send("SWAPDB", "0")).isEqualTo(error("ERR wrong number of arguments for 'swapdb' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReturnRandomKeysFromEveryShard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("RANDOMKEY")).isEqualTo(NIL);
            fill(h, 0, 8);
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < 400; i++)
            {
                final String reply = h.send("RANDOMKEY");
                assertThat(reply).matches("\\$2\r\nk[0-7]\r\n");
                seen.add(reply);
            }
            assertThat(seen).hasSize(8);
            assertThat(h.send("RANDOMKEY", "x")).isEqualTo(
                error("ERR wrong number of arguments for 'randomkey' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSkipAndDeleteExpiredKeysInRandomkey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.config().require("hz").set("1");
            for (int i = 0; i < 30; i++)
            {
                h.send("SET", "v" + i, "x");
                h.send("PEXPIRE", "v" + i, "10");
            }
            h.send("SET", "live", "x");
            for (final var shard : h.engine().shards())
            {
                shard.activeExpire(false);
            }
            h.clock().advance(20);
            assertThat(h.send("RANDOMKEY")).isEqualTo(bulk("live"));
            for (int i = 0; i < 30; i++)
            {
                assertThat(h.send("RANDOMKEY")).isEqualTo(bulk("live"));
            }
            h.send("DEL", "live");
            assertThat(h.send("RANDOMKEY")).isEqualTo(NIL);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerTypeWithoutKeyArgumentsInResp3(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            h.send("SET", "a", "1");
            assertThat(h.send("TYPE", "a")).isEqualTo("+string\r\n");
            assertThat(h.send("KEYS", "*")).isEqualTo("*1\r\n$1\r\na\r\n");
            assertThat(h.send("KEYS", "zz*")).isEqualTo(EMPTY);
        }
    }

    private static void fill(final EngineHarness h, final int db, final int count)
    {
        h.client().session().db(db);
        for (int i = 0; i < count; i++)
        {
            h.send("SET", "k" + i, "v");
        }
    }
}
