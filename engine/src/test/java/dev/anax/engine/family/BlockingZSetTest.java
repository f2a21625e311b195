package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;

import static dev.anax.engine.family.ZSetTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ZSetTestSupport.NULL3;
import static dev.anax.engine.family.ZSetTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ZSetTestSupport.array;
import static dev.anax.engine.family.ZSetTestSupport.bulk;
import static dev.anax.engine.family.ZSetTestSupport.error;
import static dev.anax.engine.family.ZSetTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP on one shard, RESP2 and RESP3.
 */
class BlockingZSetTest
{
    @Test
    void shouldPopAtOnceWhenASetHasMembers()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("ZADD", "z", "0", "a", "1", "b", "2", "c", "3", "d");
            assertThat(h.send("BZPOPMIN", "none", "z", "5")).isEqualTo(array(bulk("z"), bulk("a"), bulk("0")));
            assertThat(h.send("BZPOPMAX", "z", "5")).isEqualTo(array(bulk("z"), bulk("d"), bulk("3")));
            assertThat(h.send("BZMPOP", "0", "2", "none", "z", "MAX", "COUNT", "5"))
                .isEqualTo(array(bulk("z"), array(array(bulk("c"), bulk("2")), array(bulk("b"), bulk("1")))));
            assertThat(h.send("EXISTS", "z")).isEqualTo(integer(0));
            h.send("SET", "s", "x");
            assertThat(h.send("BZPOPMIN", "s", "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("BZMPOP", "1", "2", "none", "s", "MIN")).isEqualTo(WRONGTYPE);
            assertThat(h.send("BZMPOP", "1", "1", "z", "MIN", "COUNT", "0"))
                .isEqualTo(error("ERR count should be greater than 0"));
            assertThat(h.send("BZPOPMIN", "z", "-0.5")).isEqualTo(error("ERR timeout is negative"));
            // -0.0001 s rounds up to 0 ms: no timeout at all.
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BZPOPMIN", "z", "-0.0001");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("CLIENT", "UNBLOCK", Long.toString(c.session().id()))).isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(NIL_ARRAY);
        }
    }

    @Test
    void shouldServeABlockedPopWithTheLowestScoreOfAVariadicZadd()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BZPOPMIN", "zset", "0");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("ZADD", "zset", "-1", "foo", "1", "bar")).isEqualTo(integer(2));
            assertThat(c.poll()).isEqualTo(array(bulk("zset"), bulk("foo"), bulk("-1")));
            assertThat(h.send("ZRANGE", "zset", "0", "-1")).isEqualTo(array(bulk("bar")));
        }
    }

    @Test
    void shouldServeInFifoOrderWithNestedRepliesInResp3()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c1 = h.newClient();
            final EngineHarness.Client c2 = h.newClient();
            final EngineHarness.Client c3 = h.newClient();
            c1.send("HELLO", "3");
            c1.sendNoWait("BZMPOP", "0", "2", "z1", "z2", "MIN", "COUNT", "1");
            c1.poll();
            c2.sendNoWait("BZMPOP", "0", "2", "z1", "z2", "MAX", "COUNT", "10");
            c2.poll();
            c3.sendNoWait("BZPOPMAX", "z2", "0");
            c3.poll();
            h.send("ZADD", "z1", "1", "a", "2", "b", "3", "c");
            assertThat(c1.poll()).isEqualTo(array(bulk("z1"), array(array(bulk("a"), ",1\r\n"))));
            assertThat(c2.poll()).isEqualTo(array(bulk("z1"), array(array(bulk("c"), bulk("3")), array(bulk("b"), bulk("2")))));
            assertThat(c3.poll()).isEmpty();
            h.send("ZADD", "z2", "7", "x");
            assertThat(c3.poll()).isEqualTo(array(bulk("z2"), bulk("x"), bulk("7")));
        }
    }

    @Test
    void shouldLeaveAListWaiterWaitingOnASortedSet()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client list = h.newClient();
            final EngineHarness.Client zset = h.newClient();
            list.sendNoWait("BLPOP", "k", "0");
            list.poll();
            zset.sendNoWait("BZPOPMIN", "k", "0");
            zset.poll();
            h.send("ZADD", "k", "1", "m");
            assertThat(zset.poll()).isEqualTo(array(bulk("k"), bulk("m"), bulk("1")));
            assertThat(list.poll()).isEmpty();
            h.send("RPUSH", "k", "e");
            assertThat(list.poll()).isEqualTo(array(bulk("k"), bulk("e")));
        }
    }

    @Test
    void shouldTimeOutAndBeUnblocked()
    {
        try (EngineHarness h = new EngineHarness(1).clientClock())
        {
            final EngineHarness.Client c = h.newClient();
            c.send("HELLO", "3");
            c.sendNoWait("BZPOPMIN", "z", "0.01");
            c.poll();
            h.clock().advance(11);
            assertThat(c.poll()).isEqualTo(NULL3);
            c.sendNoWait("BZMPOP", "0", "1", "z", "MAX");
            c.poll();
            assertThat(h.send("CLIENT", "UNBLOCK", Long.toString(c.session().id()), "ERROR"))
                .isEqualTo(integer(1));
            assertThat(c.poll()).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            assertThat(Direct.execute(h, "BZPOPMAX", "z", "0")).isEqualTo(NIL_ARRAY);
        }
    }
}
