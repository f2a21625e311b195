package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ListTestSupport.NIL;
import static dev.anax.engine.family.ListTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ListTestSupport.NULL3;
import static dev.anax.engine.family.ListTestSupport.OK;
import static dev.anax.engine.family.ListTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ListTestSupport.array;
import static dev.anax.engine.family.ListTestSupport.bulk;
import static dev.anax.engine.family.ListTestSupport.bulks;
import static dev.anax.engine.family.ListTestSupport.error;
import static dev.anax.engine.family.ListTestSupport.integer;
import static dev.anax.engine.family.ListTestSupport.rpush;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BLPOP, BRPOP, BLMPOP, BLMOVE and BRPOPLPUSH with every key on one shard (hash tags at 4
 * shards): the non-blocking path, blocking, and the shard serving blocked clients as Redis does.
 */
class BlockingListTest
{
    static String blockedClients(final EngineHarness h)
    {
        final String info = h.send("INFO", "clients");
        final int at = info.indexOf("blocked_clients:");
        return info.substring(at, info.indexOf("\r\n", at));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopAtOnceWhenAKeyHasElements(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "b{t}", "a", "b", "c", "d", "e", "f");
            assertThat(h.send("BLPOP", "a{t}", "b{t}", "0")).isEqualTo(bulks("b{t}", "a"));
            assertThat(h.send("BRPOP", "a{t}", "b{t}", "1")).isEqualTo(bulks("b{t}", "f"));
            assertThat(h.send("BLMPOP", "0", "2", "a{t}", "b{t}", "LEFT", "COUNT", "2"))
                .isEqualTo(array(bulk("b{t}"), bulks("b", "c")));
            assertThat(h.send("BLMOVE", "b{t}", "c{t}", "RIGHT", "LEFT", "0")).isEqualTo(bulk("e"));
            assertThat(h.send("BRPOPLPUSH", "b{t}", "c{t}", "0")).isEqualTo(bulk("d"));
            assertThat(h.send("LRANGE", "c{t}", "0", "-1")).isEqualTo(bulks("d", "e"));
            assertThat(h.send("EXISTS", "b{t}")).isEqualTo(integer(0));
            assertThat(blockedClients(h)).isEqualTo("blocked_clients:0");
        }
    }

    @Test
    void shouldAnswerWrongTypeBeforeBlocking()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("SET", "s", "x");
            rpush(h, "l", "a");
            assertThat(h.send("BLPOP", "missing", "s", "l", "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("BLPOP", "l", "s", "0")).isEqualTo(bulks("l", "a"));
            assertThat(h.send("BLMOVE", "s", "d", "LEFT", "LEFT", "0")).isEqualTo(WRONGTYPE);
            rpush(h, "l", "a");
            assertThat(h.send("BRPOPLPUSH", "l", "s", "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LLEN", "l")).isEqualTo(integer(1));
            assertThat(h.send("BLMPOP", "0", "2", "missing", "s", "RIGHT")).isEqualTo(WRONGTYPE);
        }
    }

    @Test
    void shouldCheckArgumentsInRedisOrder()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("BLPOP", "k", "-1")).isEqualTo(error("ERR timeout is negative"));
            assertThat(h.send("BLPOP", "k", "x")).isEqualTo(error("ERR timeout is not a float or out of range"));
            assertThat(h.send("BLPOP", "k", "inf")).isEqualTo(error("ERR timeout is negative"));
            assertThat(h.send("BLPOP", "k", "1e16")).isEqualTo(error("ERR timeout is negative"));
            assertThat(h.send("BLPOP", "k", "nan")).isEqualTo(error("ERR timeout is not a float or out of range"));
            assertThat(h.send("BLPOP", "k", " 1")).isEqualTo(error("ERR timeout is not a float or out of range"));
            assertThat(h.send("BLMOVE", "a", "b", "UP", "LEFT", "x")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("BLMOVE", "a", "b", "LEFT", "LEFT", "x"))
                .isEqualTo(error("ERR timeout is not a float or out of range"));
            assertThat(h.send("BLMPOP", "x", "0", "a", "LEFT")).isEqualTo(error("ERR numkeys should be greater than 0"));
            assertThat(h.send("BLMPOP", "x", "2", "a", "LEFT")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("BLMPOP", "x", "1", "a", "UP")).isEqualTo(error("ERR syntax error"));
            assertThat(h.send("BLMPOP", "x", "1", "a", "LEFT", "COUNT", "0"))
                .isEqualTo(error("ERR count should be greater than 0"));
            assertThat(h.send("BLMPOP", "x", "1", "a", "LEFT", "COUNT", "1", "COUNT", "2"))
                .isEqualTo(error("ERR syntax error"));
            assertThat(h.send("BLMPOP", "-1", "1", "a", "LEFT")).isEqualTo(error("ERR timeout is negative"));
            assertThat(h.send("BLMPOP", "0")).isEqualTo(error("ERR wrong number of arguments for 'blmpop' command"));
        }
    }

    @Test
    void shouldServeTheBlockedClientWhenAPushArrives()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            assertThat(c.poll()).isEmpty();
            assertThat(blockedClients(h)).isEqualTo("blocked_clients:1");
            assertThat(h.send("CLIENT", "LIST")).contains("flags=b ");
            // Variadic push: the blocked client gets the first element the pop finds after the
            // whole command, as in Redis.
            assertThat(h.send("LPUSH", "k", "foo", "bar")).isEqualTo(integer(2));
            assertThat(c.poll()).isEqualTo(bulks("k", "bar"));
            assertThat(h.send("LRANGE", "k", "0", "-1")).isEqualTo(bulks("foo"));
            assertThat(blockedClients(h)).isEqualTo("blocked_clients:0");
            assertThat(h.engine().shards()[0].blocking().waiters()).isZero();
        }
    }

    @Test
    void shouldServeBlockedClientsInTheOrderTheyBlocked()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            final EngineHarness.Client c3 = h.newClient();
            c1.sendNoWait("BRPOP", "k", "0");
            c1.poll();
            c2.sendNoWait("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "2");
            c2.poll();
            c3.sendNoWait("BLPOP", "k", "other", "0");
            c3.poll();
            assertThat(blockedClients(h)).isEqualTo("blocked_clients:3");
            rpush(h, "k", "a", "b", "c");
            assertThat(c1.poll()).isEqualTo(bulks("k", "c"));
            assertThat(c2.poll()).isEqualTo(array(bulk("k"), bulks("a", "b")));
            // The list ran out: the third client keeps waiting, for any of its keys.
            assertThat(c3.poll()).isEmpty();
            assertThat(h.send("EXISTS", "k")).isEqualTo(integer(0));
            rpush(h, "other", "x");
            assertThat(c3.poll()).isEqualTo(bulks("other", "x"));
        }
    }

    @Test
    void shouldServeBetweenTheCommandsOfAPipeline()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            c.poll();
            // Squashed into one event, yet the blocked client is served right after the push.
            h.client().sendNoWait("RPUSH", "k", "x");
            h.client().sendNoWait("LPOP", "k");
            assertThat(h.client().await()).isEqualTo(integer(1) + NIL);
            assertThat(c.poll()).isEqualTo(bulks("k", "x"));
        }
    }

    @Test
    void shouldHoldTheBlockedClientsLaterRequests()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            c.sendNoWait("RPUSH", "k", "mine");
            c.sendNoWait("PING");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("LLEN", "k")).isEqualTo(integer(0));
            rpush(h, "k", "theirs");
            assertThat(c.poll()).isEqualTo(bulks("k", "theirs") + integer(1) + "+PONG\r\n");
        }
    }

    @Test
    void shouldServeTheSameKeyGivenTwiceOnce()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "a", "b", "b", "a", "0");
            c.poll();
            rpush(h, "b", "x", "y");
            assertThat(c.poll()).isEqualTo(bulks("b", "x"));
            assertThat(h.send("LRANGE", "b", "0", "-1")).isEqualTo(bulks("y"));
        }
    }

    @Test
    void shouldChainBlockedMoves()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            final EngineHarness.Client c3 = h.newClient();
            c1.sendNoWait("BLMOVE", "l1", "l2", "RIGHT", "LEFT", "0");
            c1.poll();
            c2.sendNoWait("BLMOVE", "l2", "l3", "LEFT", "RIGHT", "0");
            c2.poll();
            c3.sendNoWait("BLPOP", "l3", "0");
            c3.poll();
            rpush(h, "l1", "foo");
            assertThat(c1.poll()).isEqualTo(bulk("foo"));
            assertThat(c2.poll()).isEqualTo(bulk("foo"));
            assertThat(c3.poll()).isEqualTo(bulks("l3", "foo"));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
        }
    }

    @Test
    void shouldMoveInACircleAndOntoItself()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            c1.sendNoWait("BRPOPLPUSH", "l1", "l2", "0");
            c1.poll();
            c2.sendNoWait("BRPOPLPUSH", "l2", "l1", "0");
            c2.poll();
            rpush(h, "l1", "foo");
            assertThat(c1.poll()).isEqualTo(bulk("foo"));
            assertThat(c2.poll()).isEqualTo(bulk("foo"));
            assertThat(h.send("LRANGE", "l1", "0", "-1")).isEqualTo(bulks("foo"));
            assertThat(h.send("EXISTS", "l2")).isEqualTo(integer(0));

            final EngineHarness.Client self = h.newClient();
            self.sendNoWait("BRPOPLPUSH", "s", "s", "0");
            self.poll();
            rpush(h, "s", "x");
            assertThat(self.poll()).isEqualTo(bulk("x"));
            assertThat(h.send("LRANGE", "s", "0", "-1")).isEqualTo(bulks("x"));
        }
    }

    @Test
    void shouldAnswerWrongTypeToAMoveWhoseDestinationIsTakenAndServeTheNext()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("SET", "t1", "nolist");
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            c1.sendNoWait("BRPOPLPUSH", "src", "t1", "0");
            c1.poll();
            c2.sendNoWait("BRPOPLPUSH", "src", "t2", "0");
            c2.poll();
            assertThat(h.send("LPUSH", "src", "foo")).isEqualTo(integer(1));
            assertThat(c1.poll()).isEqualTo(WRONGTYPE);
            assertThat(c2.poll()).isEqualTo(bulk("foo"));
            assertThat(h.send("LRANGE", "t2", "0", "-1")).isEqualTo(bulks("foo"));
        }
    }

    @Test
    void shouldKeepWaitingWhileTheKeyHoldsAnotherType()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            c.poll();
            assertThat(h.send("SET", "k", "x")).isEqualTo(OK);
            assertThat(h.send("ZADD", "k2", "1", "m")).isEqualTo(integer(1));
            h.send("RENAME", "k2", "k");
            assertThat(c.poll()).isEmpty();
            h.send("DEL", "k");
            rpush(h, "k", "a");
            assertThat(c.poll()).isEqualTo(bulks("k", "a"));
        }
    }

    @Test
    void shouldServeWhenTheKeyIsMovedRenamedSortedOrSwappedIn()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "foo", "0");
            c.poll();
            h.send("LPUSH", "bob", "abc", "def", "hij");
            h.send("RENAME", "bob", "foo");
            assertThat(c.poll()).isEqualTo(bulks("foo", "hij"));

            h.send("DEL", "foo");
            c.sendNoWait("BLPOP", "foo", "0");
            c.poll();
            h.send("LPUSH", "notfoo", "hello", "hola", "aguacate");
            h.send("SORT", "notfoo", "ALPHA", "STORE", "foo");
            assertThat(c.poll()).isEqualTo(bulks("foo", "aguacate"));

            h.send("DEL", "foo");
            c.sendNoWait("BLPOP", "foo", "0");
            c.poll();
            h.send("SELECT", "1");
            rpush(h, "foo", "from1");
            h.send("MOVE", "foo", "0");
            assertThat(c.poll()).isEqualTo(bulks("foo", "from1"));

            c.sendNoWait("BRPOP", "k", "0");
            c.poll();
            rpush(h, "k", "swapped");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("SWAPDB", "0", "1")).isEqualTo(OK);
            assertThat(c.poll()).isEqualTo(bulks("k", "swapped"));
        }
    }

    @Test
    void shouldNotServeAKeyThatExpiredBeforeItWasReady()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            h.send("SELECT", "1");
            rpush(h, "k", "hello");
            h.send("PEXPIRE", "k", "100");
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("SELECT", "9");
            c.sendNoWait("BRPOP", "k", "0");
            assertThat(c.poll()).isEqualTo(OK);
            h.clock().advance(101);
            h.send("SWAPDB", "1", "9");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("CLIENT", "LIST")).contains("flags=b ");
            assertThat(h.send("CLIENT", "UNBLOCK", Long.toString(c.session().id()))).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);
        }
    }

    @Test
    void shouldTimeOutWithTheNullReplyOfTheProtocol()
    {
        try (EngineHarness h = new EngineHarness(1).clientClock())
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BRPOPLPUSH", "k", "d", "1.5");
            c.poll();
            h.clock().advance(1_000);
            assertThat(c.poll()).isEmpty();
            h.clock().advance(501);
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);
            assertThat(h.engine().shards()[0].blocking().waiters()).isZero();

            c.send("HELLO", "3");
            c.sendNoWait("BLMPOP", "0.001", "2", "a", "b", "LEFT");
            c.poll();
            h.clock().advance(2);
            assertThat(c.poll()).isEqualTo(NULL3);
            // A push after the timeout stays in the list.
            rpush(h, "k", "x");
            assertThat(h.send("LLEN", "k")).isEqualTo(integer(1));
        }
    }

    @Test
    void shouldReplyOnceWhenTheTimeoutAndAPushRace() throws Exception
    {
        try (EngineHarness h = new EngineHarness(1).clientClock())
        {
            final EngineHarness.Client c = h.newClient();
            final dev.anax.engine.client.Dispatcher dispatcher = h.engine().dispatchers()[0];
            final dev.anax.engine.shard.Shard shard = h.engine().shards()[0];

            // The I/O thread times out first: the push that reaches the shard after finds no
            // waiter to pop for, and the element stays.
            c.sendNoWait("BLPOP", "k", "1");
            c.poll();
            h.client().sendNoWait("RPUSH", "k", "stays");
            h.clock().advance(1_001);
            dispatcher.doWork();
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);
            assertThat(h.client().await()).isEqualTo(integer(1));
            assertThat(h.send("LRANGE", "k", "0", "-1")).isEqualTo(bulks("stays"));
            h.send("DEL", "k");

            // The shard serves first: the client gets the element, and no timeout after it.
            c.sendNoWait("BLPOP", "k", "1");
            c.poll();
            h.client().sendNoWait("RPUSH", "k", "served");
            dispatcher.flush();
            shard.doWork();
            h.clock().advance(1_001);
            dispatcher.doWork();
            assertThat(c.poll()).isEqualTo(bulks("k", "served"));
            assertThat(h.client().await()).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "k")).isEqualTo(integer(0));
        }
    }

    @Test
    void shouldWaitForeverWithTimeoutZero()
    {
        try (EngineHarness h = new EngineHarness(1).clientClock())
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            c.poll();
            h.clock().advance(86_400_000L);
            assertThat(c.poll()).isEmpty();
            rpush(h, "k", "late");
            assertThat(c.poll()).isEqualTo(bulks("k", "late"));
        }
    }

    @Test
    void shouldBeReleasedByClientUnblock()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            final String id = Long.toString(c.session().id());
            c.sendNoWait("BLPOP", "l", "0");
            c.poll();
            assertThat(h.send("CLIENT", "UNBLOCK", id)).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);

            c.sendNoWait("BLMOVE", "l", "d", "LEFT", "LEFT", "0");
            c.poll();
            assertThat(h.send("CLIENT", "UNBLOCK", id, "timeout")).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);

            c.sendNoWait("BLMPOP", "0", "1", "l", "RIGHT");
            c.poll();
            assertThat(h.send("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));

            assertThat(h.send("CLIENT", "UNBLOCK", id)).isEqualTo(integer(0));
            assertThat(h.send("CLIENT", "UNBLOCK", "asd")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(h.send("CLIENT", "UNBLOCK", id, "x"))
                .isEqualTo(error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
            assertThat(h.engine().shards()[0].blocking().waiters()).isZero();

            c.sendNoWait("BLPOP", "l", "0");
            c.poll();
            rpush(h, "l", "foo");
            assertThat(c.poll()).isEqualTo(bulks("l", "foo"));
        }
    }

    @Test
    void shouldForgetAClientThatDisconnectsWhileBlocked()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            c.poll();
            c.disconnect();
            h.settle();
            assertThat(h.engine().shards()[0].blocking().waiters()).isZero();
            assertThat(blockedClients(h)).isEqualTo("blocked_clients:0");
            rpush(h, "k", "kept");
            assertThat(h.send("LRANGE", "k", "0", "-1")).isEqualTo(bulks("kept"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldNeverBlockInsideMultiExec(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "x", "foo", "bar");
            h.send("MULTI");
            h.send("BRPOPLPUSH", "x", "t", "0");
            h.send("BRPOPLPUSH", "x", "t", "0");
            h.send("BRPOPLPUSH", "x", "t", "0");
            h.send("BLPOP", "x", "y", "0");
            h.send("BLMOVE", "x", "t", "LEFT", "LEFT", "0");
            h.send("BZPOPMIN", "z1", "z2", "0");
            h.send("LRANGE", "t", "0", "-1");
            assertThat(h.send("EXEC")).isEqualTo(array(bulk("bar"), bulk("foo"), NIL, NIL_ARRAY, NIL, NIL_ARRAY,
                bulks("foo", "bar")));
            int waiters = 0;
            for (final dev.anax.engine.shard.Shard shard : h.engine().shards())
            {
                waiters += shard.blocking().waiters();
            }
            assertThat(waiters).isZero();
        }
    }

    @Test
    void shouldServeBlockedClientsOnlyAfterTheWholeTransaction()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "list", "0");
            c.poll();
            h.send("MULTI");
            h.send("LPUSH", "list", "a");
            h.send("LPUSH", "list", "b");
            h.send("LPUSH", "list", "c");
            h.send("EXEC");
            assertThat(c.poll()).isEqualTo(bulks("list", "c"));
            assertThat(h.send("LRANGE", "list", "0", "-1")).isEqualTo(bulks("b", "a"));

            h.send("DEL", "list");
            c.sendNoWait("BLPOP", "list", "0");
            assertThat(c.poll()).isEmpty();
            h.send("MULTI");
            h.send("LPUSH", "list", "a");
            h.send("DEL", "list");
            h.send("EXEC");
            assertThat(c.poll()).isEmpty();
            rpush(h, "list", "b");
            assertThat(c.poll()).isEqualTo(bulks("list", "b"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTouchWatchedKeysOnlyWhenServed(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final EngineHarness.Client blocked = h.newClient();
            final EngineHarness.Client watching = h.newClient();
            h.send("SET", "somekey", "somevalue");
            blocked.sendNoWait("BRPOPLPUSH", "srclist", "dstlist", "0");
            blocked.poll();
            watching.send("WATCH", "dstlist", "srclist");
            watching.send("MULTI");
            watching.send("GET", "somekey");
            assertThat(watching.send("EXEC")).isEqualTo(array(bulk("somevalue")));

            watching.send("WATCH", "dstlist");
            watching.send("MULTI");
            watching.send("GET", "somekey");
            h.send("LPUSH", "srclist", "element");
            assertThat(blocked.poll()).isEqualTo(bulk("element"));
            assertThat(watching.send("EXEC")).isEqualTo(NIL_ARRAY);

            // A pop touches the key it popped, not the others it waited on.
            watching.send("WATCH", "other");
            blocked.sendNoWait("BLPOP", "other", "srcl2", "0");
            blocked.poll();
            h.send("RPUSH", "srcl2", "x");
            assertThat(blocked.poll()).isEqualTo(bulks("srcl2", "x"));
            watching.send("MULTI");
            watching.send("GET", "somekey");
            assertThat(watching.send("EXEC")).isEqualTo(array(bulk("somevalue")));
        }
    }

    @Test
    void shouldNeverBlockWhenRunWithoutTheCoordinator()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            // Sub-operation 0 is how a command runs inside a transaction: never blocking.
            assertThat(Direct.execute(h, "BLPOP", "k", "0")).isEqualTo(NIL_ARRAY);
            assertThat(Direct.execute(h, "BRPOPLPUSH", "k", "d", "0")).isEqualTo(NIL);
            assertThat(Direct.execute(h, "BLMPOP", "0", "1", "k", "LEFT")).isEqualTo(NIL_ARRAY);
            assertThat(Direct.execute(h, "BLPOP", "k", "-1")).isEqualTo(error("ERR timeout is negative"));
            rpush(h, "k", "a", "b");
            assertThat(Direct.execute(h, "BRPOP", "k", "0")).isEqualTo(bulks("k", "b"));
            assertThat(h.engine().shards()[0].blocking().waiters()).isZero();
        }
    }
}
