package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.KeyTestSupport.NIL;
import static dev.anax.engine.family.KeyTestSupport.OK;
import static dev.anax.engine.family.KeyTestSupport.bulk;
import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static dev.anax.engine.family.KeyTestSupport.keyOnShard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH and the atomicity of multi-shard commands, with one shard
 * and with four. Expected replies as redis-server 7.0.15 gives them.
 */
class TransactionFamilyTest
{
    private static final String QUEUED = "+QUEUED\r\n";
    private static final String NULL_ARRAY = "*-1\r\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldQueueAndRunCommandsOverEveryShard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String a = keyOnShard(h, "a", 0);
            final String b = keyOnShard(h, "b", 1);
            final String c = keyOnShard(h, "c", 2);
            assertThat(h.send("MULTI")).isEqualTo(OK);
            assertThat(h.send("SET", a, "1")).isEqualTo(QUEUED);
            assertThat(h.send("INCR", b)).isEqualTo(QUEUED);
            assertThat(h.send("PING")).isEqualTo(QUEUED);
            assertThat(h.send("MSET", a, "2", c, "3")).isEqualTo(QUEUED);
            assertThat(h.send("MGET", a, b, c)).isEqualTo(QUEUED);
            assertThat(h.send("RENAME", c, a)).isEqualTo(QUEUED);
            assertThat(h.send("GET", a)).isEqualTo(QUEUED);
            assertThat(h.send("LPUSH", a, "x")).isEqualTo(QUEUED);
            assertThat(h.send("EXEC")).isEqualTo("*8\r\n" + OK + integer(1) + "+PONG\r\n" + OK +
                "*3\r\n" + bulk("2") + bulk("1") + bulk("3") + OK + bulk("3") +
                error("WRONGTYPE Operation against a key holding the wrong kind of value"));
            assertThat(h.send("EXISTS", c)).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerEmptyTransactionAndDiscard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("MULTI");
            assertThat(h.send("EXEC")).isEqualTo("*0\r\n");
            h.send("SET", "k", "v");
            h.send("MULTI");
            h.send("DEL", "k");
            assertThat(h.send("DISCARD")).isEqualTo(OK);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("v"));
            assertThat(h.send("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
            assertThat(h.send("DISCARD")).isEqualTo(error("ERR DISCARD without MULTI"));
        }
    }

    @Test
    void shouldRefuseNestingWatchInsideAndAbortAfterQueuingErrors()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("MULTI");
            assertThat(h.send("MULTI")).isEqualTo(error("ERR MULTI calls can not be nested"));
            assertThat(h.send("WATCH", "x")).isEqualTo(error("ERR WATCH inside MULTI is not allowed"));
            assertThat(h.send("EXEC")).isEqualTo("*0\r\n");
            h.send("MULTI");
            h.send("SET", "foo1", "bar1");
            assertThat(h.send("NOSUCH")).startsWith("-ERR unknown command 'NOSUCH'");
            assertThat(h.send("GET")).isEqualTo(error("ERR wrong number of arguments for 'get' command"));
            h.send("SET", "foo2", "bar2");
            assertThat(h.send("EXEC")).isEqualTo(error(dev.anax.engine.coord.MultiExec.EXECABORT));
            assertThat(h.send("EXISTS", "foo1", "foo2")).isEqualTo(integer(0));
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFailExecWhenAWatchedKeyChanged(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final EngineHarness.Client other = h.newClient();
            final String x = keyOnShard(h, "x", 1);
            h.send("SET", x, "30");
            h.send("WATCH", keyOnShard(h, "a", 0), x, keyOnShard(h, "z", 3));
            other.send("SET", x, "40");
            h.send("MULTI");
            h.send("INCR", x);
            assertThat(h.send("EXEC")).isEqualTo(NULL_ARRAY);
            assertThat(h.send("GET", x)).isEqualTo(bulk("40"));
            // The failed EXEC unwatched everything.
            other.send("SET", x, "50");
            h.send("MULTI");
            h.send("INCR", x);
            assertThat(h.send("EXEC")).isEqualTo("*1\r\n" + integer(51));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRunExecWhenWatchedKeysAreUntouched(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String x = keyOnShard(h, "x", 1);
            final String y = keyOnShard(h, "y", 2);
            h.send("SET", x, "1");
            h.send("WATCH", x, y);
            h.newClient().send("GET", x);
            h.send("MULTI");
            h.send("INCR", x);
            h.send("SET", y, "v");
            assertThat(h.send("EXEC")).isEqualTo("*2\r\n" + integer(2) + OK);
            assertThat(h.send("UNWATCH")).isEqualTo(OK);
        }
    }

    @Test
    void shouldLetUnwatchAndDiscardForgetTheWatches()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final EngineHarness.Client other = h.newClient();
            h.send("WATCH", "x");
            other.send("SET", "x", "10");
            h.send("UNWATCH");
            h.send("MULTI");
            h.send("INCR", "x");
            assertThat(h.send("EXEC")).isEqualTo("*1\r\n" + integer(11));
            h.send("WATCH", "x");
            other.send("SET", "x", "10");
            h.send("MULTI");
            h.send("DISCARD");
            h.send("MULTI");
            h.send("INCR", "x");
            assertThat(h.send("EXEC")).isEqualTo("*1\r\n" + integer(11));
            assertThat(totalWatched(h)).isZero();
        }
    }

    @Test
    void shouldTreatFlushAndSwapdbAsTouchingOnlyKeysTheyChange()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("SET", "x", "30");
            h.send("WATCH", "x");
            h.newClient().send("FLUSHALL");
            h.send("MULTI");
            h.send("PING");
            assertThat(h.send("EXEC")).isEqualTo(NULL_ARRAY);

            h.send("WATCH", "x");
            h.newClient().send("FLUSHDB");
            h.send("MULTI");
            h.send("PING");
            assertThat(h.send("EXEC")).isEqualTo("*1\r\n+PONG\r\n");

            h.send("SELECT", "1");
            h.send("SET", "x", "30");
            h.send("SELECT", "0");
            h.send("WATCH", "x");
            h.newClient().send("SWAPDB", "0", "1");
            h.send("MULTI");
            h.send("PING");
            assertThat(h.send("EXEC")).isEqualTo(NULL_ARRAY);
        }
    }

    @Test
    void shouldFailExecWhenAWatchedKeyExpiredButNotWhenItWasAlreadyStale()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            h.send("SET", "key", "1", "PX", "100");
            h.send("WATCH", "key");
            h.clock().advance(101);
            h.send("MULTI");
            h.send("INCR", "key");
            assertThat(h.send("EXEC")).isEqualTo(NULL_ARRAY);

            h.send("SET", "x", "foo", "PX", "1");
            h.clock().advance(2);
            h.send("WATCH", "x");
            assertThat(h.send("EXISTS", "x")).isEqualTo(integer(0));
            h.send("MULTI");
            h.send("PING");
            assertThat(h.send("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRunSelectInsideTransaction(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("MULTI");
            h.send("SET", "k", "zero");
            h.send("SELECT", "1");
            h.send("SET", "k", "one");
            assertThat(h.send("EXEC")).isEqualTo("*3\r\n" + OK + OK + OK);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("one"));
            h.send("SELECT", "0");
            assertThat(h.send("GET", "k")).isEqualTo(bulk("zero"));
        }
    }

    @Test
    void shouldKeepAnotherClientsCommandOutOfAMultiShardTransaction()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String a = keyOnShard(h, "a", 0);
            final String b = keyOnShard(h, "b", 1);
            final EngineHarness.Client reader = h.newClient();
            h.send("MSET", a, "0", b, "0");
            final EngineHarness.Client writer = h.client();
            writer.sendNoWait("MULTI");
            writer.sendNoWait("SET", a, "1");
            writer.sendNoWait("SET", b, "1");
            writer.sendNoWait("EXEC");
            // Interleave the reader one step at a time with the transaction's hops.
            for (int i = 0; i < 8; i++)
            {
                reader.sendNoWait("MGET", a, b);
                h.step();
            }
            writer.await();
            final String replies = reader.await();
            assertThat(replies.replace("*2\r\n" + bulk("0") + bulk("0"), "")
                .replace("*2\r\n" + bulk("1") + bulk("1"), "")).isEmpty();
        }
    }

    @Test
    void shouldAbortWithOomWhenQueuedCommandsMayUseMemory()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            h.send("MULTI");
            h.send("SET", "x", "1");
            h.config().require("maxmemory").set("1");
            assertThat(h.send("EXEC")).isEqualTo(error("EXECABORT Transaction discarded because of: " +
                "OOM command not allowed when used memory > 'maxmemory'."));
            h.config().require("maxmemory").set("0");
            assertThat(h.send("EXISTS", "x")).isEqualTo(integer(0));
            assertThat(h.send("GET", "nothing")).isEqualTo(NIL);
        }
    }

    @Test
    void shouldReleaseLocksAndWatchesWhenTheClientGoesAwayMidTransaction()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String a = keyOnShard(h, "a", 0);
            final String b = keyOnShard(h, "b", 1);
            final EngineHarness.Client leaver = h.newClient();
            leaver.send("WATCH", a);
            leaver.sendNoWait("MULTI");
            leaver.sendNoWait("SET", a, "1");
            leaver.sendNoWait("SET", b, "1");
            leaver.sendNoWait("EXEC");
            leaver.sendNoWait("MSET", a, "2", b, "2");
            h.step();
            h.engine().dispatchers()[0].close(leaver.session());
            for (int i = 0; i < 20; i++)
            {
                h.step();
            }
            for (final dev.anax.engine.shard.Shard shard : h.engine().shards())
            {
                assertThat(shard.transactionQueue()).isEmpty();
            }
            assertThat(totalWatched(h)).isZero();
            // The transaction that was under way completed; the request kept back was dropped.
            assertThat(h.send("MGET", a, b)).isEqualTo("*2\r\n" + bulk("1") + bulk("1"));
        }
    }

    @Test
    void shouldDeferACommandOnALockedKeyAndCountIt()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String a = keyOnShard(h, "a", 0);
            final String b = keyOnShard(h, "b", 1);
            final EngineHarness.Client writer = h.newClient();
            final EngineHarness.Client reader = h.newClient();
            writer.sendNoWait("MSET", a, "1", b, "1");
            // One step: the transaction is scheduled on both shards, its parts not yet run.
            h.step();
            reader.sendNoWait("GET", a);
            assertThat(reader.await()).isEqualTo(bulk("1"));
            assertThat(writer.await()).isEqualTo(OK);
            final String info = h.send("INFO", "stats");
            assertThat(info).contains("anax_transactions_scheduled:2\r\n").contains("anax_commands_deferred:1\r\n")
                .contains("anax_transactions_refused:0\r\n");
        }
    }

    private static int totalWatched(final EngineHarness h)
    {
        int total = 0;
        for (final dev.anax.engine.shard.Shard shard : h.engine().shards())
        {
            total += shard.watchedKeys();
        }
        return total;
    }
}
