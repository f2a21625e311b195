package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.ListTestSupport.NIL;
import static dev.anax.engine.family.ListTestSupport.NIL_ARRAY;
import static dev.anax.engine.family.ListTestSupport.NULL3;
import static dev.anax.engine.family.ListTestSupport.OK;
import static dev.anax.engine.family.ListTestSupport.SYNTAX;
import static dev.anax.engine.family.ListTestSupport.WRONGTYPE;
import static dev.anax.engine.family.ListTestSupport.array;
import static dev.anax.engine.family.ListTestSupport.bulk;
import static dev.anax.engine.family.ListTestSupport.bulks;
import static dev.anax.engine.family.ListTestSupport.error;
import static dev.anax.engine.family.ListTestSupport.integer;
import static dev.anax.engine.family.ListTestSupport.keysOnDistinctShards;
import static dev.anax.engine.family.ListTestSupport.rpush;
import static dev.anax.engine.family.ListTestSupport.shardOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMOVE, RPOPLPUSH and LMPOP, with keys on one shard and (at 4 shards) on several.
 */
class ListMultiKeyTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMoveBetweenEveryPairOfEnds(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "m", 2);
            rpush(h, k[0], "a", "b", "c", "d");
            rpush(h, k[1], "x");
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(bulk("a"));
            assertThat(h.send("LMOVE", k[0], k[1], "left", "right")).isEqualTo(bulk("b"));
            assertThat(h.send("LMOVE", k[0], k[1], "RIGHT", "left")).isEqualTo(bulk("d"));
            assertThat(h.send("LMOVE", k[0], k[1], "Right", "Right")).isEqualTo(bulk("c"));
            assertThat(h.send("LRANGE", k[1], "0", "-1")).isEqualTo(bulks("d", "a", "x", "b", "c"));
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCreateTheDestinationAndKeepIntegerElements(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "n", 2);
            rpush(h, k[0], "-9223372036854775808", "4096", "x");
            assertThat(h.send("RPOPLPUSH", k[0], k[1])).isEqualTo(bulk("x"));
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "RIGHT")).isEqualTo(bulk("-9223372036854775808"));
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(bulk("4096"));
            assertThat(h.send("LRANGE", k[1], "0", "-1")).isEqualTo(bulks("4096", "x", "-9223372036854775808"));
            assertThat(h.send("TYPE", k[1])).isEqualTo("+list\r\n");
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRotateWhenSourceAndDestinationAreOneList(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a", "b", "c");
            assertThat(h.send("RPOPLPUSH", "l", "l")).isEqualTo(bulk("c"));
            assertThat(h.send("LMOVE", "l", "l", "LEFT", "RIGHT")).isEqualTo(bulk("c"));
            assertThat(h.send("LMOVE", "l", "l", "LEFT", "LEFT")).isEqualTo(bulk("a"));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "b", "c"));
            rpush(h, "one", "x");
            assertThat(h.send("RPOPLPUSH", "one", "one")).isEqualTo(bulk("x"));
            assertThat(h.send("LRANGE", "one", "0", "-1")).isEqualTo(bulks("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyNilForAMissingSourceEvenWhenTheDestinationIsNotAList(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "o", 2);
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(NIL);
            h.send("SET", k[1], "x");
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(NIL);
            assertThat(h.send("RPOPLPUSH", k[0], k[1])).isEqualTo(NIL);
            h.client().session().protocol(3);
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(NULL3);
            assertThat(h.send("RPOPLPUSH", k[0], k[1])).isEqualTo(NULL3);
            assertThat(h.send("EXISTS", k[0])).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRefuseAWrongTypeWithoutPopping(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "p", 2);
            rpush(h, k[0], "a", "b");
            h.send("SET", k[1], "x");
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
            assertThat(h.send("RPOPLPUSH", k[0], k[1])).isEqualTo(WRONGTYPE);
            assertThat(h.send("LMOVE", k[1], k[0], "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
            assertThat(h.send("RPOPLPUSH", k[1], k[1])).isEqualTo(WRONGTYPE);
            assertThat(h.send("LRANGE", k[0], "0", "-1")).isEqualTo(bulks("a", "b"));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectAnUnknownEndBeforeTouchingAnyKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "q", 2);
            rpush(h, k[0], "a");
            assertThat(h.send("LMOVE", k[0], k[1], "up", "LEFT")).isEqualTo(SYNTAX);
            assertThat(h.send("LMOVE", k[0], k[1], "LEFT", "down")).isEqualTo(SYNTAX);
            assertThat(h.send("LMOVE", "missing", k[1], "LEFT", "down")).isEqualTo(SYNTAX);
            assertThat(h.send("LMOVE", k[0], k[0], "LEFT")).isEqualTo(error("ERR wrong number of arguments for 'lmove' command"));
            assertThat(h.send("RPOPLPUSH", k[0])).isEqualTo(error("ERR wrong number of arguments for 'rpoplpush' command"));
            assertThat(h.send("LRANGE", k[0], "0", "-1")).isEqualTo(bulks("a"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldShowTheMovedElementToPipelinedCommands(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "r", 2);
            rpush(h, k[0], "a", "b");
            final EngineHarness.Client c = h.client();
            c.sendNoWait("LMOVE", k[0], k[1], "LEFT", "RIGHT");
            c.sendNoWait("LRANGE", k[1], "0", "-1");
            c.sendNoWait("LLEN", k[0]);
            c.sendNoWait("RPOPLPUSH", k[0], k[1]);
            c.sendNoWait("LRANGE", k[1], "0", "-1");
            assertThat(c.await()).isEqualTo(bulk("a") + bulks("a") + integer(1) + bulk("b") + bulks("b", "a"));
        }
    }

    @Test
    void shouldMoveAsOneStepWhileAnotherClientWritesTheDestination()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "s", 2);
            rpush(h, k[0], "a", "b");
            final EngineHarness.Client mover = h.client();
            final EngineHarness.Client other = h.newClient();
            mover.sendNoWait("LMOVE", k[0], k[1], "LEFT", "RIGHT");
            h.step();
            // The SET arrives between the hops: it waits for the move's lock on the destination.
            other.sendNoWait("SET", k[1], "taken");
            assertThat(mover.await()).isEqualTo(bulk("a"));
            assertThat(other.await()).isEqualTo(OK);
            assertThat(h.send("LRANGE", k[0], "0", "-1")).isEqualTo(bulks("b"));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("taken"));
        }
    }

    // ---------------------------------------------------------------- LMPOP

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPopFromTheFirstNonEmptyListInKeyOrder(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "t", shards == 1 ? 3 : 4);
            rpush(h, k[2], "c1", "c2", "c3");
            rpush(h, k[1], "b1");
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "LEFT"))
                .isEqualTo(array(bulk(k[1]), bulks("b1")));
            assertThat(h.send("EXISTS", k[1])).isEqualTo(integer(0));
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "RIGHT", "COUNT", "2"))
                .isEqualTo(array(bulk(k[2]), bulks("c3", "c2")));
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "left", "count", "10"))
                .isEqualTo(array(bulk(k[2]), bulks("c1")));
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "LEFT")).isEqualTo(NIL_ARRAY);
            h.client().session().protocol(3);
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "LEFT")).isEqualTo(NULL3);
            rpush(h, k[0], "a");
            assertThat(h.send("LMPOP", "1", k[0], "LEFT")).isEqualTo(array(bulk(k[0]), bulks("a")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStopAtTheFirstKeyOfAnotherType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keysOnDistinctShards(h, "u", 3);
            h.send("SET", k[1], "x");
            rpush(h, k[2], "z");
            assertThat(h.send("LMPOP", "3", k[0], k[1], k[2], "LEFT")).isEqualTo(WRONGTYPE);
            assertThat(h.send("LMPOP", "2", k[2], k[1], "LEFT")).isEqualTo(array(bulk(k[2]), bulks("z")));
            assertThat(h.send("LMPOP", "2", k[2], k[1], "LEFT")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectMalformedLmpopArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            rpush(h, "l", "a");
            final String numkeys = error("ERR numkeys should be greater than 0");
            final String count = error("ERR count should be greater than 0");
            assertThat(h.send("LMPOP", "0", "l", "LEFT")).isEqualTo(numkeys);
            assertThat(h.send("LMPOP", "-1", "l", "LEFT")).isEqualTo(numkeys);
            assertThat(h.send("LMPOP", "x", "l", "LEFT")).isEqualTo(numkeys);
            assertThat(h.send("LMPOP", "2", "l", "LEFT")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "9223372036854775807", "l", "LEFT")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "1", "l", "MIDDLE")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "1", "l", "LEFT", "COUNT", "0")).isEqualTo(count);
            assertThat(h.send("LMPOP", "1", "l", "LEFT", "COUNT", "x")).isEqualTo(count);
            assertThat(h.send("LMPOP", "1", "l", "LEFT", "COUNT")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "1", "l", "LEFT", "FOO")).isEqualTo(SYNTAX);
            assertThat(h.send("LMPOP", "1", "l")).isEqualTo(error("ERR wrong number of arguments for 'lmpop' command"));
            assertThat(h.send("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a"));
        }
    }

    @Test
    void shouldSendEachRunOfKeysToItsShardOnlyWhileNothingWasFound()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final String[] k = keysOnDistinctShards(h, "v", 4);
            // Keys 0 and 1 share a shard with a second key each: runs of two keys.
            final String k0b = sameShard(h, k[0], "w");
            final String k1b = sameShard(h, k[1], "y");
            rpush(h, k1b, "found");
            rpush(h, k[3], "later");
            assertThat(h.send("LMPOP", "6", k[0], k0b, k[1], k1b, k[2], k[3], "RIGHT", "COUNT", "3"))
                .isEqualTo(array(bulk(k1b), bulks("found")));
            assertThat(h.send("LLEN", k[3])).isEqualTo(integer(1));
            assertThat(h.send("LMPOP", "6", k[0], k0b, k[1], k1b, k[2], k[3], "RIGHT", "COUNT", "3"))
                .isEqualTo(array(bulk(k[3]), bulks("later")));
        }
    }

    private static String sameShard(final EngineHarness h, final String key, final String prefix)
    {
        final int shard = shardOf(h, key);
        for (int i = 0; ; i++)
        {
            if (shardOf(h, prefix + i) == shard)
            {
                return prefix + i;
            }
        }
    }
}
