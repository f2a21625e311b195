package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static dev.anax.engine.family.KeyTestSupport.NIL;
import static dev.anax.engine.family.KeyTestSupport.OK;
import static dev.anax.engine.family.KeyTestSupport.bulk;
import static dev.anax.engine.family.KeyTestSupport.dbOf;
import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static dev.anax.engine.family.KeyTestSupport.keyOnShard;
import static dev.anax.engine.family.KeyTestSupport.keysOnTwoShards;
import static dev.anax.engine.family.KeyTestSupport.putString;
import static dev.anax.engine.family.KeyTestSupport.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RENAME, RENAMENX, COPY and MOVE, with both keys on one shard and (with four shards) on two.
 * Expected replies were taken from redis-server 7.0.15.
 */
class KeyMoveTest
{
    private static final String SAME = "ERR source and destination objects are the same";

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRenameKeepingValueAndTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "src", "dst");
            h.send("SET", k[0], "hello");
            h.send("PEXPIRE", k[0], "100000");
            h.clock().advance(3_000);
            assertThat(h.send("RENAME", k[0], k[1])).isEqualTo(OK);
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("hello"));
            assertThat(h.send("PTTL", k[1])).isEqualTo(integer(97_000));
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
            assertThat(h.send("OBJECT", "IDLETIME", k[1])).isEqualTo(integer(0));
            assertThat(expiresCount(h, k[0])).isEqualTo(shards == 1 ? 1 : 0);
            assertThat(expiresCount(h, k[1])).isEqualTo(1);
            assertThat(h.send("RENAME", k[1], k[0])).isEqualTo(OK);
            assertThat(h.send("PTTL", k[0])).isEqualTo(integer(97_000));
            h.clock().advance(97_000);
            stepUntilEmpty(h);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            assertThat(expiresCount(h, k[0]) + expiresCount(h, k[1])).isEqualTo(0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRenameOverAnExistingKeyDroppingItsTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "1");
            h.send("SET", k[1], "2");
            h.send("EXPIRE", k[1], "100");
            assertThat(h.send("RENAME", k[0], k[1])).isEqualTo(OK);
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(-1));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("1"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
            assertThat(expiresCount(h, k[1])).isEqualTo(0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectRenameOfMissingKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[1], "2");
            assertThat(h.send("RENAME", k[0], k[1])).isEqualTo(error("ERR no such key"));
            assertThat(h.send("RENAME", k[0], k[0])).isEqualTo(error("ERR no such key"));
            assertThat(h.send("RENAMENX", k[0], k[1])).isEqualTo(error("ERR no such key"));
            assertThat(h.send("RENAMENX", k[0], "fresh")).isEqualTo(error("ERR no such key"));
            assertThat(h.send("RENAMENX", k[0], k[0])).isEqualTo(error("ERR no such key"));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("2"));
            assertThat(h.send("RENAME", k[0])).isEqualTo(error("ERR wrong number of arguments for 'rename' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepKeyRenamedToItself(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("EXPIRE", "a", "50");
            assertThat(h.send("RENAME", "a", "a")).isEqualTo(OK);
            assertThat(h.send("RENAMENX", "a", "a")).isEqualTo(integer(0));
            assertThat(h.send("GET", "a")).isEqualTo(bulk("1"));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(50));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRenameOnlyToAFreeKeyWithRenamenx(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "1");
            h.send("SET", k[1], "2");
            assertThat(h.send("RENAMENX", k[0], k[1])).isEqualTo(integer(0));
            assertThat(h.send("GET", k[0])).isEqualTo(bulk("1"));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("2"));
            h.send("DEL", k[1]);
            h.send("EXPIRE", k[0], "30");
            assertThat(h.send("RENAMENX", k[0], k[1])).isEqualTo(integer(1));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("1"));
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(30));
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
        }
    }

    @Test
    void shouldRunRenamenxAsOneStepForAnotherClientWritingTheDestination()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "mine");
            h.send("EXPIRE", k[0], "60");
            final EngineHarness.Client other = h.newClient();
            h.client().sendNoWait("RENAMENX", k[0], k[1]);
            h.step();
            // The SET arrives while the rename is under way: it waits for the transaction's lock.
            other.sendNoWait("SET", k[1], "theirs");
            assertThat(h.client().await()).isEqualTo(integer(1));
            assertThat(other.await()).isEqualTo(OK);
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("theirs"));
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(-1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRunPipelinedCommandsAfterEveryHopOfACrossShardRename(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "1");
            final EngineHarness.Client c = h.client();
            c.sendNoWait("RENAME", k[0], k[1]);
            c.sendNoWait("GET", k[1]);
            c.sendNoWait("EXISTS", k[0]);
            c.sendNoWait("RENAME", k[1], k[0]);
            c.sendNoWait("GET", k[0]);
            c.sendNoWait("COPY", k[0], k[1]);
            c.sendNoWait("MGET", k[0], k[1]);
            c.sendNoWait("RENAMENX", k[0], k[1]);
            c.sendNoWait("DEL", k[1]);
            c.sendNoWait("RENAMENX", k[0], k[1]);
            c.sendNoWait("MGET", k[0], k[1]);
            assertThat(c.await()).isEqualTo(
                OK + bulk("1") + integer(0) + OK + bulk("1") + integer(1) + "*2\r\n$1\r\n1\r\n$1\r\n1\r\n" +
                integer(0) + integer(1) + integer(1) + "*2\r\n$-1\r\n$1\r\n1\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReleasePipelinedCommandsAfterAFailedCrossShardMove(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            final EngineHarness.Client c = h.client();
            c.sendNoWait("RENAME", k[0], k[1]);
            c.sendNoWait("SET", k[1], "x");
            c.sendNoWait("COPY", k[0], k[1]);
            c.sendNoWait("RENAMENX", k[0], k[1]);
            c.sendNoWait("COPY", k[1], k[0], "DB", "99");
            c.sendNoWait("COPY", k[1], k[0]);
            c.sendNoWait("RENAMENX", k[1], k[0]);
            c.sendNoWait("MGET", k[0], k[1]);
            assertThat(c.await()).isEqualTo(
                error("ERR no such key") + OK + integer(0) + error("ERR no such key") +
                error("ERR DB index is out of range") + integer(1) + integer(0) + "*2\r\n$1\r\nx\r\n$1\r\nx\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCopyDeeplyWithTtlAndEncoding(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            putString(h, k[0], "12345");
            h.send("EXPIRE", k[0], "70");
            assertThat(h.send("COPY", k[0], k[1])).isEqualTo(integer(1));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("12345"));
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(70));
            assertThat(h.send("OBJECT", "ENCODING", k[1])).isEqualTo(bulk("int"));
            final KeyEntry source = dbOf(h, k[0], 0).get(k[0].getBytes(StandardCharsets.UTF_8), h.clock().time());
            final KeyEntry copy = dbOf(h, k[1], 0).get(k[1].getBytes(StandardCharsets.UTF_8), h.clock().time());
            assertThat(copy.bytes()).isNotSameAs(source.bytes()).isEqualTo(source.bytes());
            assertThat(h.send("COPY", k[0], k[1])).isEqualTo(integer(0));
            putString(h, k[0], "hello");
            h.send("PERSIST", k[0]);
            assertThat(h.send("COPY", k[0], k[1], "REPLACE")).isEqualTo(integer(1));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("hello"));
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(-1));
            assertThat(h.send("OBJECT", "ENCODING", k[1])).isEqualTo(bulk("embstr"));
            assertThat(h.send("COPY", k[0], k[1], "replace", "REPLACE")).isEqualTo(integer(1));
            assertThat(h.send("COPY", "missing", k[1])).isEqualTo(integer(0));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCopyToAnotherDatabase(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "v");
            h.send("EXPIRE", k[0], "70");
            assertThat(h.send("COPY", k[0], k[1], "DB", "1")).isEqualTo(integer(1));
            assertThat(h.send("COPY", k[0], k[1], "db", "1")).isEqualTo(integer(0));
            assertThat(h.send("COPY", k[0], k[0], "DB", "1")).isEqualTo(integer(1));
            assertThat(h.send("COPY", k[0], k[0], "DB", "1", "REPLACE")).isEqualTo(integer(1));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
            h.client().session().db(1);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(2));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("v"));
            assertThat(h.send("TTL", k[1])).isEqualTo(integer(70));
            assertThat(h.send("TTL", k[0])).isEqualTo(integer(70));
            h.send("SET", k[1], "w");
            assertThat(h.send("COPY", k[1], k[0], "DB", "0")).isEqualTo(integer(0));
            assertThat(h.send("COPY", k[1], k[0], "DB", "0", "REPLACE")).isEqualTo(integer(1));
            h.client().session().db(0);
            assertThat(h.send("GET", k[0])).isEqualTo(bulk("w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadCopyArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            h.send("SET", k[0], "v");
            assertThat(h.send("COPY", k[0], k[0])).isEqualTo(error(SAME));
            assertThat(h.send("COPY", "nope", "nope")).isEqualTo(error(SAME));
            assertThat(h.send("COPY", k[0], k[0], "DB", "0")).isEqualTo(error(SAME));
            assertThat(h.send("COPY", k[0], k[1], "DB", "16")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("COPY", k[0], k[1], "DB", "-1")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("COPY", k[0], k[1], "DB", "abc")).isEqualTo(
                error("ERR value is not an integer or out of range"));
            assertThat(h.send("COPY", k[0], k[1], "DB", "4294967296")).isEqualTo(
                error("ERR value is out of range, value must between -2147483648 and 2147483647"));
            assertThat(h.send("COPY", k[0], k[1], "DB")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("COPY", k[0], k[1], "foo")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("COPY", k[0], k[1], "REPLACE", "DB")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("COPY", k[0])).isEqualTo(error("ERR wrong number of arguments for 'copy' command"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMoveKeyToAnotherDatabaseWithItsTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "x", "1");
            h.send("EXPIRE", "x", "40");
            assertThat(h.send("MOVE", "x", "2")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "x")).isEqualTo(integer(0));
            assertThat(h.send("MOVE", "x", "2")).isEqualTo(integer(0));
            h.client().session().db(2);
            assertThat(h.send("GET", "x")).isEqualTo(bulk("1"));
            assertThat(h.send("TTL", "x")).isEqualTo(integer(40));
            h.client().session().db(0);
            h.send("SET", "x", "0");
            assertThat(h.send("MOVE", "x", "2")).isEqualTo(integer(0));
            assertThat(h.send("GET", "x")).isEqualTo(bulk("0"));
            assertThat(dbOf(h, "x", 0).expiresCount()).isEqualTo(0);
            assertThat(dbOf(h, "x", 2).expiresCount()).isEqualTo(1);
            h.clock().advance(40_000);
            stepUntilEmpty(h);
            assertThat(dbOf(h, "x", 2).size()).isEqualTo(0);
            assertThat(dbOf(h, "x", 2).expiresCount()).isEqualTo(0);
            assertThat(h.send("MOVE", "x", "2")).isEqualTo(integer(1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadMoveArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "x", "1");
            assertThat(h.send("MOVE", "x", "0")).isEqualTo(error(SAME));
            assertThat(h.send("MOVE", "nope", "0")).isEqualTo(error(SAME));
            assertThat(h.send("MOVE", "x", "16")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("MOVE", "x", "-1")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("MOVE", "x", "2147483647")).isEqualTo(error("ERR DB index is out of range"));
            assertThat(h.send("MOVE", "x", "abc")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(h.send("MOVE", "x", "1.0")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(h.send("MOVE", "x", "2147483648")).isEqualTo(
                error("ERR value is out of range, value must between -2147483648 and 2147483647"));
            assertThat(h.send("MOVE", "nope", "1")).isEqualTo(integer(0));
            assertThat(h.send("MOVE", "x")).isEqualTo(error("ERR wrong number of arguments for 'move' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMoveValuesOfAnyType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            final Object list = new Object();
            KeyTestSupport.put(h, k[0], ValueType.LIST, Encoding.RAW, list);
            assertThat(h.send("RENAME", k[0], k[1])).isEqualTo(OK);
            assertThat(h.send("TYPE", k[1])).isEqualTo("+list\r\n");
            assertThat(dbOf(h, k[1], 0).get(k[1].getBytes(StandardCharsets.UTF_8), h.clock().time()).value())
                .isSameAs(list);
            assertThat(h.send("MOVE", k[1], "1")).isEqualTo(integer(1));
            h.client().session().db(1);
            assertThat(h.send("TYPE", k[1])).isEqualTo("+list\r\n");
        }
    }

    @Test
    void shouldPlaceTestKeysOnDifferentShards()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnTwoShards(h, "a", "b");
            assertThat(shardOf(h, k[0])).isNotEqualTo(shardOf(h, k[1]));
            assertThat(shardOf(h, keyOnShard(h, "z", 3))).isEqualTo(3);
            assertThat(h.send("GET", "nothing")).isEqualTo(NIL);
        }
    }

    private static int expiresCount(final EngineHarness h, final String key)
    {
        final Database db = dbOf(h, key, 0);
        return db.expiresCount();
    }

    private static void stepUntilEmpty(final EngineHarness h)
    {
        for (int i = 0; i < 1000; i++)
        {
            h.clock().advance(1);
            h.step();
        }
        for (final Shard shard : h.engine().shards())
        {
            assertThat(shard.database(0).expiresCount()).isEqualTo(0);
        }
    }
}
