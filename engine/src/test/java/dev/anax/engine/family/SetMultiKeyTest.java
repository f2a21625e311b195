package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.SetTestSupport.EMPTY_ARRAY;
import static dev.anax.engine.family.SetTestSupport.EMPTY_SET3;
import static dev.anax.engine.family.SetTestSupport.ONE;
import static dev.anax.engine.family.SetTestSupport.WRONGTYPE;
import static dev.anax.engine.family.SetTestSupport.ZERO;
import static dev.anax.engine.family.SetTestSupport.bulks;
import static dev.anax.engine.family.SetTestSupport.config;
import static dev.anax.engine.family.SetTestSupport.range;
import static dev.anax.engine.family.SetTestSupport.sadd;
import static dev.anax.engine.family.SetTestSupport.set3;
import static dev.anax.engine.family.SetTestSupport.sorted;
import static dev.anax.engine.family.SetTestSupport.sortedOf;
import static dev.anax.engine.family.StringTestSupport.OK;
import static dev.anax.engine.family.StringTestSupport.SYNTAX;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.integer;
import static dev.anax.engine.family.StringTestSupport.keysOnDistinctShards;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SINTER, SINTERCARD, SUNION, SDIFF, their STORE variants and SMOVE, with keys on one shard and
 * spread over several (the coordinator's paths); replies checked against redis-server 7.0.15.
 */
class SetMultiKeyTest
{
    private static final String NUMKEYS = error("ERR numkeys should be greater than 0");
    private static final String TOO_MANY_KEYS = error("ERR Number of keys can't be greater than number of args");
    private static final String NEGATIVE_LIMIT = error("ERR LIMIT can't be negative");

    /** Keys a, b, c (and d for a destination) on different shards when there are several. */
    private static String[] keys(final EngineHarness h)
    {
        return keysOnDistinctShards(h, "k", 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIntersectUniteAndSubtractIntsetsInAscendingOrder(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "5", "1", "2", "3", "4");
            sadd(h, k[1], "7", "6", "5", "4");
            sadd(h, k[2], "9", "7", "5");
            assertThat(h.send("SINTER", k[0], k[1])).isEqualTo(bulks("4", "5"));
            assertThat(h.send("SINTER", k[0], k[1], k[2])).isEqualTo(bulks("5"));
            assertThat(h.send("SUNION", k[0], k[1], k[2])).isEqualTo(bulks("1", "2", "3", "4", "5", "6", "7", "9"));
            assertThat(h.send("SDIFF", k[0], k[1], k[2])).isEqualTo(bulks("1", "2", "3"));
            assertThat(h.send("SDIFF", k[1], k[0])).isEqualTo(bulks("6", "7"));
            assertThat(h.send("SINTERCARD", "2", k[0], k[1])).isEqualTo(integer(2));
            assertThat(h.send("SINTERCARD", "3", k[0], k[1], k[2], "LIMIT", "1")).isEqualTo(ONE);
            assertThat(h.send("SINTERCARD", "2", k[0], k[1], "limit", "0")).isEqualTo(integer(2));
            assertThat(h.send("SINTERCARD", "2", k[0], k[1], "LIMIT", "10")).isEqualTo(integer(2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCombineHashtablesAndMixedEncodings(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a", "b", "c", "1", "2");
            sadd(h, k[1], "1", "2", "3");
            sadd(h, k[2], "b", "c", "d", "2");
            assertThat(sorted(h.send("SINTER", k[0], k[1]))).isEqualTo(sortedOf("1", "2"));
            assertThat(sorted(h.send("SINTER", k[0], k[2]))).isEqualTo(sortedOf("2", "b", "c"));
            assertThat(sorted(h.send("SUNION", k[0], k[1], k[2])))
                .isEqualTo(sortedOf("1", "2", "3", "a", "b", "c", "d"));
            assertThat(sorted(h.send("SDIFF", k[0], k[1], k[2]))).isEqualTo(sortedOf("a"));
            // The union of only integers from a hashtable and an intset is an intset: ascending.
            sadd(h, k[3], "30", "x");
            h.send("SREM", k[3], "x");
            assertThat(h.send("SUNION", k[3], k[1])).isEqualTo(bulks("1", "2", "3", "30"));
            assertThat(h.send("SINTERCARD", "3", k[0], k[1], k[2])).isEqualTo(ONE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldTreatMissingKeysAsEmptySets(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a", "b");
            sadd(h, k[1], "b", "c");
            assertThat(h.send("SINTER", k[0], k[1], k[2])).isEqualTo(EMPTY_ARRAY);
            assertThat(sorted(h.send("SUNION", k[2], k[0], k[1]))).isEqualTo(sortedOf("a", "b", "c"));
            assertThat(h.send("SDIFF", k[2], k[0])).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("SDIFF", k[0], k[2], k[1])).isEqualTo(bulks("a"));
            assertThat(h.send("SINTERCARD", "2", k[0], k[2])).isEqualTo(ZERO);
            assertThat(h.send("SUNION", k[2], k[3])).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("SDIFF", k[0], k[0])).isEqualTo(EMPTY_ARRAY);
            assertThat(sorted(h.send("SINTER", k[0], k[0], k[0]))).isEqualTo(sortedOf("a", "b"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyResp3SetsAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "1", "2");
            sadd(h, k[1], "2", "3");
            h.client().session().protocol(3);
            assertThat(h.send("SINTER", k[0], k[1])).isEqualTo(set3("2"));
            assertThat(h.send("SUNION", k[0], k[1])).isEqualTo(set3("1", "2", "3"));
            assertThat(h.send("SDIFF", k[0], k[1])).isEqualTo(set3("1"));
            assertThat(h.send("SINTER", k[0], k[2])).isEqualTo(EMPTY_SET3);
            assertThat(h.send("SUNION", k[2], k[3])).isEqualTo(EMPTY_SET3);
            assertThat(h.send("SINTERCARD", "2", k[0], k[1])).isEqualTo(ONE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectAnyKeyOfAnotherTypeEvenAfterAMissingOne(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a");
            h.send("SET", k[1], "x");
            for (final String command : new String[] {"SINTER", "SUNION", "SDIFF"})
            {
                assertThat(h.send(command, k[1], k[2])).isEqualTo(WRONGTYPE);
                assertThat(h.send(command, k[2], k[1])).isEqualTo(WRONGTYPE);
                assertThat(h.send(command, k[0], k[1])).isEqualTo(WRONGTYPE);
                assertThat(h.send(command, k[1], k[0])).isEqualTo(WRONGTYPE);
            }
            assertThat(h.send("SINTERCARD", "2", k[2], k[1])).isEqualTo(WRONGTYPE);
            assertThat(h.send("SINTERCARD", "1", k[1])).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadSintercardArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            h.send("SET", k[1], "x");
            assertThat(h.send("SINTERCARD", "0", k[0])).isEqualTo(NUMKEYS);
            assertThat(h.send("SINTERCARD", "-1", k[0])).isEqualTo(NUMKEYS);
            assertThat(h.send("SINTERCARD", "a", k[0])).isEqualTo(NUMKEYS);
            assertThat(h.send("SINTERCARD", "2", k[0])).isEqualTo(TOO_MANY_KEYS);
            assertThat(h.send("SINTERCARD", "3", k[0], k[2])).isEqualTo(TOO_MANY_KEYS);
            assertThat(h.send("SINTERCARD", "1", k[0], k[2])).isEqualTo(SYNTAX);
            assertThat(h.send("SINTERCARD", "1", k[0], "LIMIT")).isEqualTo(SYNTAX);
            assertThat(h.send("SINTERCARD", "1", k[0], "LIMIT", "-1")).isEqualTo(NEGATIVE_LIMIT);
            assertThat(h.send("SINTERCARD", "1", k[0], "LIMIT", "a")).isEqualTo(NEGATIVE_LIMIT);
            assertThat(h.send("SINTERCARD", "2", k[1], k[0], "LIMIT", "-1")).isEqualTo(NEGATIVE_LIMIT);
            assertThat(h.send("SINTERCARD", "1", k[0], "LIMIT", "1", "LIMIT", "2")).isEqualTo(ZERO);
        }
    }

    // ---------------------------------------------------------------- STORE variants

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreResultsInRedisEncodings(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "1", "2", "3", "a");
            sadd(h, k[1], "2", "3", "4");
            assertThat(h.send("SINTERSTORE", k[3], k[0], k[1])).isEqualTo(integer(2));
            assertThat(encoding(h, k[3])).isEqualTo("intset");
            assertThat(h.send("SMEMBERS", k[3])).isEqualTo(bulks("2", "3"));

            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(integer(5));
            assertThat(encoding(h, k[3])).isEqualTo("hashtable");
            assertThat(sorted(h.send("SMEMBERS", k[3]))).isEqualTo(sortedOf("1", "2", "3", "4", "a"));

            assertThat(h.send("SDIFFSTORE", k[3], k[0], k[1])).isEqualTo(integer(2));
            assertThat(encoding(h, k[3])).isEqualTo("hashtable");
            assertThat(sorted(h.send("SMEMBERS", k[3]))).isEqualTo(sortedOf("1", "a"));

            assertThat(h.send("SDIFFSTORE", k[3], k[1], k[2])).isEqualTo(integer(3));
            assertThat(encoding(h, k[3])).isEqualTo("intset");
            assertThat(h.send("SMEMBERS", k[3])).isEqualTo(bulks("2", "3", "4"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreAHashtableWhenIntegersPassTheLimit(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], range(0, 300));
            sadd(h, k[1], range(250, 600));
            assertThat(encoding(h, k[1])).isEqualTo("intset");
            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(integer(600));
            assertThat(encoding(h, k[3])).isEqualTo("hashtable");
            config(h, "set-max-intset-entries", "1000");
            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(integer(600));
            assertThat(encoding(h, k[3])).isEqualTo("intset");
            assertThat(h.send("SINTERSTORE", k[3], k[0], k[1])).isEqualTo(integer(50));
            assertThat(encoding(h, k[3])).isEqualTo("intset");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplaceTheDestinationAndItsExpiry(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a", "b");
            assertThat(h.send("SET", k[3], "string")).isEqualTo(OK);
            assertThat(h.send("EXPIRE", k[3], "100")).isEqualTo(ONE);
            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(integer(2));
            assertThat(h.send("TYPE", k[3])).isEqualTo("+set\r\n");
            assertThat(h.send("TTL", k[3])).isEqualTo(integer(-1));
            // The destination may be a source as well.
            sadd(h, k[1], "c");
            assertThat(h.send("SUNIONSTORE", k[3], k[3], k[1])).isEqualTo(integer(3));
            assertThat(sorted(h.send("SMEMBERS", k[3]))).isEqualTo(sortedOf("a", "b", "c"));
            assertThat(h.send("SINTERSTORE", k[0], k[0], k[3])).isEqualTo(integer(2));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteTheDestinationForAnEmptyResult(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            h.send("SET", k[3], "x");
            assertThat(h.send("SINTERSTORE", k[3], k[0], k[1])).isEqualTo(ZERO);
            assertThat(h.send("EXISTS", k[3])).isEqualTo(ZERO);
            sadd(h, k[3], "a");
            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(ZERO);
            assertThat(h.send("EXISTS", k[3])).isEqualTo(ZERO);
            sadd(h, k[0], "a");
            sadd(h, k[3], "a");
            assertThat(h.send("SDIFFSTORE", k[3], k[1], k[0])).isEqualTo(ZERO);
            assertThat(h.send("EXISTS", k[3])).isEqualTo(ZERO);
            assertThat(h.send("SDIFFSTORE", k[3], k[0], k[0])).isEqualTo(ZERO);
            assertThat(h.send("SINTERSTORE", k[3], k[0], k[2])).isEqualTo(ZERO);
            assertThat(h.send("EXISTS", k[3])).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldLeaveTheDestinationAloneWhenASourceHasTheWrongType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a", "b");
            h.send("SET", k[1], "x");
            sadd(h, k[3], "e");
            for (final String command : new String[] {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"})
            {
                assertThat(h.send(command, k[3], k[1], k[0], k[2])).isEqualTo(WRONGTYPE);
                assertThat(h.send(command, k[3], k[2], k[1])).isEqualTo(WRONGTYPE);
                assertThat(h.send("SMEMBERS", k[3])).isEqualTo(bulks("e"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldLetPipelinedRequestsSeeAStoredResult(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "1", "2");
            sadd(h, k[1], "3");
            h.client().sendNoWait("SUNIONSTORE", k[3], k[0], k[1]);
            h.client().sendNoWait("SMEMBERS", k[3]);
            h.client().sendNoWait("SADD", k[0], "9");
            h.client().sendNoWait("SMEMBERS", k[3]);
            assertThat(h.client().await()).isEqualTo(integer(3) + bulks("1", "2", "3") + ONE + bulks("1", "2", "3"));
            assertThat(h.send("SMEMBERS", k[0])).isEqualTo(bulks("1", "2", "9"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldLeaveSourcesIntactWhenWrittenAfterBeingRead(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a", "b", "1");
            sadd(h, k[1], "b", "c");
            assertThat(sorted(h.send("SUNION", k[0], k[1]))).isEqualTo(sortedOf("1", "a", "b", "c"));
            assertThat(h.send("SADD", k[0], "z")).isEqualTo(ONE);
            assertThat(h.send("SREM", k[1], "c")).isEqualTo(ONE);
            assertThat(h.send("SCARD", k[0])).isEqualTo(integer(4));
            assertThat(h.send("SMEMBERS", k[1])).isEqualTo(bulks("b"));
            assertThat(sorted(h.send("SUNION", k[0], k[1]))).isEqualTo(sortedOf("1", "a", "b", "z"));
            assertThat(h.send("SUNIONSTORE", k[3], k[0], k[1])).isEqualTo(integer(4));
        }
    }

    // ---------------------------------------------------------------- SMOVE across shards

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMoveMembersAcrossShards(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "1", "a", "b");
            sadd(h, k[1], "2", "3");
            assertThat(h.send("SMOVE", k[0], k[1], "a")).isEqualTo(ONE);
            assertThat(encoding(h, k[1])).isEqualTo("hashtable");
            assertThat(sorted(h.send("SMEMBERS", k[1]))).isEqualTo(sortedOf("2", "3", "a"));
            assertThat(sorted(h.send("SMEMBERS", k[0]))).isEqualTo(sortedOf("1", "b"));
            assertThat(h.send("SMOVE", k[0], k[2], "1")).isEqualTo(ONE);
            assertThat(encoding(h, k[2])).isEqualTo("intset");
            assertThat(h.send("SMEMBERS", k[2])).isEqualTo(bulks("1"));
            assertThat(h.send("SMOVE", k[0], k[1], "nope")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", k[0], k[1], "b")).isEqualTo(ONE);
            assertThat(h.send("EXISTS", k[0])).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", k[0], k[1], "b")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", k[1], k[2], "2")).isEqualTo(ONE);
            assertThat(h.send("SMEMBERS", k[2])).isEqualTo(bulks("1", "2"));
            assertThat(h.send("SMOVE", k[1], k[2], "2")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", k[2], k[1], "2")).isEqualTo(ONE);
            assertThat(h.send("SISMEMBER", k[1], "2")).isEqualTo(ONE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCheckTypesAcrossShardsInRedisOrder(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "a");
            h.send("SET", k[1], "x");
            assertThat(h.send("SMOVE", k[2], k[1], "a")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", k[1], k[0], "a")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMOVE", k[1], k[2], "a")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMOVE", k[0], k[1], "a")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMOVE", k[0], k[1], "missing")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMEMBERS", k[0])).isEqualTo(bulks("a"));
            assertThat(h.send("GET", k[1])).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldHoldPipelinedRequestsUntilTheMoveIsDone(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String[] k = keys(h);
            sadd(h, k[0], "m");
            h.client().sendNoWait("SMOVE", k[0], k[1], "m");
            h.client().sendNoWait("SISMEMBER", k[1], "m");
            h.client().sendNoWait("EXISTS", k[0]);
            assertThat(h.client().await()).isEqualTo(ONE + ONE + ZERO);
        }
    }
}
