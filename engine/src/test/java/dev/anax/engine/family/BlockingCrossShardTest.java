package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.api.Test;

import static dev.anax.engine.family.ListTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ListTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ListTestSupport.array;
import static dev.anax.engine.family.ListTestSupport.bulk;
import static dev.anax.engine.family.ListTestSupport.bulks;
import static dev.anax.engine.family.ListTestSupport.error;
import static dev.anax.engine.family.ListTestSupport.integer;
import static dev.anax.engine.family.ListTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.ListTestSupport.rpush;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking commands whose keys live on several shards (4 shards): registration on every shard,
 * wake-up and retry, the moves between shards, timeouts, CLIENT UNBLOCK and disconnects
 * withdrawing every registration.
 */
class BlockingCrossShardTest
{
    private static int waiters(final EngineHarness h)
    {
        int n = 0;
        for (final Shard shard : h.engine().shards())
        {
            n += shard.blocking().waiters();
        }
        return n;
    }

    @Test
    void shouldPopFromTheFirstKeyWithElementsInKeyOrder()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "p", 3);
            rpush(h, k[2], "c1", "c2");
            rpush(h, k[1], "b1");
            assertThat(h.send("BLPOP", k[0], k[1], k[2], "0")).isEqualTo(bulks(k[1], "b1"));
            assertThat(h.send("BRPOP", k[0], k[1], k[2], "0")).isEqualTo(bulks(k[2], "c2"));
            assertThat(h.send("BLMPOP", "0", "3", k[0], k[1], k[2], "LEFT", "COUNT", "9"))
                .isEqualTo(array(bulk(k[2]), bulks("c1")));
            h.send("SET", k[1], "x");
            rpush(h, k[2], "c");
            assertThat(h.send("BLPOP", k[0], k[1], k[2], "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("BLPOP", k[2], k[1], "0")).isEqualTo(bulks(k[2], "c"));
            assertThat(waiters(h)).isZero();
        }
    }

    @Test
    void shouldBlockOnEveryShardAndBeServedFromTheKeyThatGetsData()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "q", 3);
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", k[0], k[1], k[2], "0");
            c.sendNoWait("PING");
            assertThat(c.poll()).isEmpty();
            assertThat(waiters(h)).isEqualTo(3);
            assertThat(BlockingListTest.blockedClients(h)).isEqualTo("blocked_clients:1");
            rpush(h, k[1], "x", "y");
            assertThat(c.poll()).isEqualTo(bulks(k[1], "x") + "+PONG\r\n");
            assertThat(waiters(h)).isZero();
            assertThat(h.send("LRANGE", k[1], "0", "-1")).isEqualTo(bulks("y"));
        }
    }

    @Test
    void shouldServeEveryWaiterWhileElementsLast()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "r", 2);
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            final EngineHarness.Client c3 = h.newClient();
            c1.sendNoWait("BRPOP", k[0], k[1], "0");
            c1.poll();
            c2.sendNoWait("BLMPOP", "0", "2", k[0], k[1], "LEFT");
            c2.poll();
            c3.sendNoWait("BLPOP", k[1], "0");
            c3.poll();
            rpush(h, k[1], "a", "b", "c");
            final String all = c1.poll() + c2.poll() + c3.poll();
            assertThat(all).contains("$1\r\na\r\n").contains("$1\r\nb\r\n").contains("$1\r\nc\r\n");
            assertThat(h.send("EXISTS", k[1])).isEqualTo(integer(0));
            assertThat(waiters(h)).isZero();
            assertThat(BlockingListTest.blockedClients(h)).isEqualTo("blocked_clients:0");
        }
    }

    @Test
    void shouldBlockAgainWhenAnotherClientTookTheData()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "s", 2);
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", k[0], k[1], "0");
            c.poll();
            // Pushed and popped in one step: the woken client finds nothing and blocks again.
            h.client().sendNoWait("RPUSH", k[0], "gone");
            h.client().sendNoWait("LPOP", k[0]);
            assertThat(h.client().await()).isEqualTo(integer(1) + bulk("gone"));
            assertThat(c.poll()).isEmpty();
            assertThat(waiters(h)).isEqualTo(2);
            rpush(h, k[0], "kept");
            assertThat(c.poll()).isEqualTo(bulks(k[0], "kept"));
        }
    }

    @Test
    void shouldServeABlockedPopFromTheReadyKeyWhenAnotherKeyTurnedIntoAString()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "w", 2);
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", k[0], k[1], "0");
            c.poll();
            h.send("SET", k[0], "string");
            assertThat(c.poll()).isEmpty();
            rpush(h, k[1], "v");
            assertThat(c.poll()).isEqualTo(bulks(k[1], "v"));
        }
    }

    @Test
    void shouldMoveBetweenShardsWhenTheSourceGetsAnElement()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "m", 2);
            rpush(h, k[1], "old");
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLMOVE", k[0], k[1], "RIGHT", "LEFT", "0");
            c.poll();
            assertThat(waiters(h)).isEqualTo(1);
            rpush(h, k[0], "a", "b");
            assertThat(c.poll()).isEqualTo(bulk("b"));
            assertThat(h.send("LRANGE", k[1], "0", "-1")).isEqualTo(bulks("b", "old"));
            assertThat(h.send("LRANGE", k[0], "0", "-1")).isEqualTo(bulks("a"));
            assertThat(h.send("BRPOPLPUSH", k[0], k[1], "0")).isEqualTo(bulk("a"));

            h.send("SET", k[1], "taken");
            c.sendNoWait("BRPOPLPUSH", k[0], k[1], "0");
            c.poll();
            rpush(h, k[0], "stays");
            assertThat(c.poll()).isEqualTo(WRONGTYPE);
            assertThat(h.send("LRANGE", k[0], "0", "-1")).isEqualTo(bulks("stays"));
            assertThat(waiters(h)).isZero();
        }
    }

    @Test
    void shouldFeedABlockedPopOnAnotherShardFromABlockedMove()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "f", 2);
            final EngineHarness.Client popper = h.newClient();
            final EngineHarness.Client mover = h.newClient();
            popper.sendNoWait("BLPOP", k[1], "0");
            popper.poll();
            mover.sendNoWait("BLMOVE", k[0], k[1], "LEFT", "RIGHT", "0");
            mover.poll();
            rpush(h, k[0], "foo");
            assertThat(mover.poll()).isEqualTo(bulk("foo"));
            assertThat(popper.poll()).isEqualTo(bulks(k[1], "foo"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
        }
    }

    @Test
    void shouldServeSortedSetsAcrossShards()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "z", 2);
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BZMPOP", "0", "2", k[0], k[1], "MAX", "COUNT", "2");
            c.poll();
            h.send("ZADD", k[1], "1", "a", "2", "b", "3", "c");
            assertThat(c.poll()).isEqualTo(
                array(bulk(k[1]), array(array(bulk("c"), bulk("3")), array(bulk("b"), bulk("2")))));
            h.send("ZADD", k[0], "5", "e");
            assertThat(h.send("BZPOPMIN", k[1], k[0], "0")).isEqualTo(array(bulk(k[1]), bulk("a"), bulk("1")));
            assertThat(h.send("BZPOPMIN", k[1], k[0], "0")).isEqualTo(array(bulk(k[0]), bulk("e"), bulk("5")));
        }
    }

    @Test
    void shouldTimeOutUnblockAndDisconnectWithdrawingEveryRegistration()
    {
        try (EngineHarness h = new EngineHarness(4).clientClock())
        {
            final String[] k = keysOnDistinctShards(h, "t", 3);
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", k[0], k[1], k[2], "2");
            c.poll();
            assertThat(waiters(h)).isEqualTo(3);
            h.clock().advance(2_001);
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);
            assertThat(waiters(h)).isZero();

            c.sendNoWait("BLMOVE", k[0], k[1], "LEFT", "LEFT", "0");
            c.poll();
            assertThat(h.send("CLIENT", "UNBLOCK", Long.toString(c.session().id()), "ERROR")).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            assertThat(waiters(h)).isZero();

            c.sendNoWait("BZPOPMIN", k[0], k[2], "0");
            c.poll();
            assertThat(waiters(h)).isEqualTo(2);
            c.disconnect();
            h.settle();
            assertThat(waiters(h)).isZero();
            h.send("ZADD", k[2], "1", "m");
            assertThat(h.send("ZCARD", k[2])).isEqualTo(integer(1));
        }
    }
}
