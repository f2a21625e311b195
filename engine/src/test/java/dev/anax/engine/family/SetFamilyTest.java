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
import static dev.anax.engine.family.SetTestSupport.integers;
import static dev.anax.engine.family.SetTestSupport.range;
import static dev.anax.engine.family.SetTestSupport.sadd;
import static dev.anax.engine.family.SetTestSupport.set3;
import static dev.anax.engine.family.SetTestSupport.sorted;
import static dev.anax.engine.family.SetTestSupport.sortedOf;
import static dev.anax.engine.family.StringTestSupport.NIL;
import static dev.anax.engine.family.StringTestSupport.OK;
import static dev.anax.engine.family.StringTestSupport.SYNTAX;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.bytes;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.entry;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD and SMOVE within one shard, with the
 * encodings and conversions of Redis 7.0; replies checked against redis-server 7.0.15.
 */
class SetFamilyTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAddCountAndTestMembers(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SADD", "s", "foo")).isEqualTo(ONE);
            assertThat(h.send("SADD", "s", "bar", "foo", "bar", "baz")).isEqualTo(integer(2));
            assertThat(h.send("SCARD", "s")).isEqualTo(integer(3));
            assertThat(h.send("SISMEMBER", "s", "bar")).isEqualTo(ONE);
            assertThat(h.send("SISMEMBER", "s", "nope")).isEqualTo(ZERO);
            assertThat(h.send("SMISMEMBER", "s", "nope", "foo", "baz")).isEqualTo(integers(0, 1, 1));
            assertThat(sorted(h.send("SMEMBERS", "s"))).isEqualTo(sortedOf("bar", "baz", "foo"));
            assertThat(h.send("TYPE", "s")).isEqualTo("+set\r\n");
            assertThat(encoding(h, "s")).isEqualTo("hashtable");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepIntegersInAnAscendingIntset(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SADD", "s", "17", "-3", "70000", "0", "17")).isEqualTo(integer(4));
            assertThat(encoding(h, "s")).isEqualTo("intset");
            assertThat(h.send("SMEMBERS", "s")).isEqualTo(bulks("-3", "0", "17", "70000"));
            assertThat(h.send("SADD", "s", "-9223372036854775808", "9223372036854775807")).isEqualTo(integer(2));
            assertThat(h.send("SMEMBERS", "s"))
                .isEqualTo(bulks("-9223372036854775808", "-3", "0", "17", "70000", "9223372036854775807"));
            assertThat(h.send("SISMEMBER", "s", "70000")).isEqualTo(ONE);
            assertThat(h.send("SISMEMBER", "s", "070000")).isEqualTo(ZERO);
            assertThat(h.send("SMISMEMBER", "s", "x", "-3")).isEqualTo(integers(0, 1));
            assertThat(h.send("SREM", "s", "0", "1", "abc")).isEqualTo(ONE);
            assertThat(h.send("SMEMBERS", "s"))
                .isEqualTo(bulks("-9223372036854775808", "-3", "17", "70000", "9223372036854775807"));
            assertThat(encoding(h, "s")).isEqualTo("intset");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplySetsInResp3(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            sadd(h, "s", "3", "1", "2");
            assertThat(h.send("SMEMBERS", "s")).isEqualTo(set3("1", "2", "3"));
            assertThat(h.send("SMEMBERS", "missing")).isEqualTo(EMPTY_SET3);
            assertThat(h.send("SMISMEMBER", "s", "1", "4")).isEqualTo(integers(1, 0));
            assertThat(h.send("SPOP", "missing")).isEqualTo("_\r\n");
            assertThat(h.send("SRANDMEMBER", "missing")).isEqualTo("_\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCreateATableForMembersThatAreNotCanonicalIntegers(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final String member : new String[] {"-0", "01", "+1", " 1", "0x1", "12345678901234567890", "1.5", ""})
            {
                h.send("DEL", "s");
                assertThat(h.send("SADD", "s", member)).isEqualTo(ONE);
                assertThat(encoding(h, "s")).as(member).isEqualTo("hashtable");
                assertThat(h.send("SISMEMBER", "s", member)).isEqualTo(ONE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldConvertAnIntsetForGoodOnANonIntegerMember(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "1", "2", "3");
            assertThat(h.send("SADD", "s", "a")).isEqualTo(ONE);
            assertThat(encoding(h, "s")).isEqualTo("hashtable");
            assertThat(h.send("SREM", "s", "a")).isEqualTo(ONE);
            assertThat(encoding(h, "s")).isEqualTo("hashtable");
            assertThat(sorted(h.send("SMEMBERS", "s"))).isEqualTo(sortedOf("1", "2", "3"));
            assertThat(h.send("SISMEMBER", "s", "2")).isEqualTo(ONE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldConvertAnIntsetAboveTheLimit(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", range(0, 512));
            assertThat(encoding(h, "s")).isEqualTo("intset");
            assertThat(h.send("SADD", "s", "511")).isEqualTo(ZERO);
            assertThat(encoding(h, "s")).isEqualTo("intset");
            assertThat(h.send("SADD", "s", "512")).isEqualTo(ONE);
            assertThat(encoding(h, "s")).isEqualTo("hashtable");
            assertThat(h.send("SCARD", "s")).isEqualTo(integer(513));

            config(h, "set-max-intset-entries", "2");
            sadd(h, "small", "1", "2");
            assertThat(encoding(h, "small")).isEqualTo("intset");
            sadd(h, "small", "3");
            assertThat(encoding(h, "small")).isEqualTo("hashtable");

            config(h, "set-max-intset-entries", "0");
            sadd(h, "none", "1");
            assertThat(encoding(h, "none")).isEqualTo("hashtable");
            assertThat(h.send("SMEMBERS", "none")).isEqualTo(bulks("1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRemoveMembersAndDeleteTheEmptyKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a", "b", "c", "d");
            assertThat(h.send("SREM", "s", "k", "k")).isEqualTo(ZERO);
            assertThat(h.send("SREM", "s", "b", "d", "x", "b")).isEqualTo(integer(2));
            assertThat(sorted(h.send("SMEMBERS", "s"))).isEqualTo(sortedOf("a", "c"));
            assertThat(h.send("SREM", "s", "a", "c", "e")).isEqualTo(integer(2));
            assertThat(h.send("EXISTS", "s")).isEqualTo(ZERO);

            sadd(h, "i", "1", "2", "3");
            assertThat(h.send("SREM", "i", "1", "2", "3", "4", "5")).isEqualTo(integer(3));
            assertThat(h.send("EXISTS", "i")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerMissingKeysAsEmptySets(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SCARD", "none")).isEqualTo(ZERO);
            assertThat(h.send("SMEMBERS", "none")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("SISMEMBER", "none", "a")).isEqualTo(ZERO);
            assertThat(h.send("SMISMEMBER", "none", "a", "b")).isEqualTo(integers(0, 0));
            assertThat(h.send("SREM", "none", "a")).isEqualTo(ZERO);
            assertThat(h.send("SPOP", "none")).isEqualTo(NIL);
            assertThat(h.send("SPOP", "none", "3")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("SRANDMEMBER", "none")).isEqualTo(NIL);
            assertThat(h.send("SRANDMEMBER", "none", "-3")).isEqualTo(EMPTY_ARRAY);
            assertThat(h.send("SSCAN", "none", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
            assertThat(h.send("EXISTS", "none")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectKeysOfAnotherType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "str", "x")).isEqualTo(OK);
            for (final String[] command : new String[][] {
                {"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SMEMBERS", "str"}, {"SISMEMBER", "str", "a"},
                {"SMISMEMBER", "str", "a"}, {"SCARD", "str"}, {"SPOP", "str"}, {"SPOP", "str", "0"},
                {"SRANDMEMBER", "str"}, {"SRANDMEMBER", "str", "0"}, {"SSCAN", "str", "0"},
                {"SSCAN", "str", "0", "COUNT", "0"}})
            {
                assertThat(h.send(command)).as(String.join(" ", command)).isEqualTo(WRONGTYPE);
            }
            assertThat(h.send("GET", "str")).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectWrongArity(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SADD", "s")).isEqualTo(error("ERR wrong number of arguments for 'sadd' command"));
            assertThat(h.send("SMISMEMBER", "s")).isEqualTo(error("ERR wrong number of arguments for 'smismember' command"));
            assertThat(h.send("SMOVE", "a", "b")).isEqualTo(error("ERR wrong number of arguments for 'smove' command"));
            assertThat(h.send("SINTERCARD", "1")).isEqualTo(error("ERR wrong number of arguments for 'sintercard' command"));
            assertThat(h.send("SINTERSTORE", "d")).isEqualTo(error("ERR wrong number of arguments for 'sinterstore' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStartAfreshOnAnExpiredKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a", "b");
            assertThat(h.send("PEXPIRE", "s", "100")).isEqualTo(ONE);
            h.clock().advance(101);
            assertThat(h.send("SCARD", "s")).isEqualTo(ZERO);
            assertThat(h.send("SADD", "s", "5")).isEqualTo(ONE);
            assertThat(encoding(h, "s")).isEqualTo("intset");
            assertThat(h.send("TTL", "s")).isEqualTo(integer(-1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepTheExpiryOnChanges(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a", "b");
            h.send("EXPIRE", "s", "100");
            sadd(h, "s", "c");
            h.send("SREM", "s", "a");
            assertThat(h.send("TTL", "s")).isEqualTo(integer(100));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepBinaryMembers(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final byte[] member = {0, '\r', '\n', (byte)0xFF, 'x', 'y', 'z', 'w', 'v', 1};
            assertThat(h.send(bytes("SADD"), bytes("b"), member)).isEqualTo(ONE);
            assertThat(h.send(bytes("SISMEMBER"), bytes("b"), member)).isEqualTo(ONE);
            assertThat(h.send("SMEMBERS", "b")).isEqualTo("*1\r\n$10\r\n\u0000\r\n\u00FFxyzwv\u0001\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCopyASetIndependently(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "src", "a", "b");
            assertThat(h.send("COPY", "src", "dst")).isEqualTo(ONE);
            sadd(h, "dst", "c");
            assertThat(sorted(h.send("SMEMBERS", "src"))).isEqualTo(sortedOf("a", "b"));
            assertThat(sorted(h.send("SMEMBERS", "dst"))).isEqualTo(sortedOf("a", "b", "c"));
            assertThat(h.send("RENAME", "dst", "moved")).isEqualTo(OK);
            assertThat(h.send("SCARD", "moved")).isEqualTo(integer(3));
            assertThat(encoding(h, "moved")).isEqualTo("hashtable");
        }
    }

    // ---------------------------------------------------------------- SMOVE on one shard

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMoveBetweenSetsOfOneShard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "{t}one", "1", "a", "b");
            sadd(h, "{t}two", "2", "3", "4");
            assertThat(h.send("SMOVE", "{t}one", "{t}two", "a")).isEqualTo(ONE);
            assertThat(encoding(h, "{t}two")).isEqualTo("hashtable");
            assertThat(sorted(h.send("SMEMBERS", "{t}two"))).isEqualTo(sortedOf("2", "3", "4", "a"));
            assertThat(sorted(h.send("SMEMBERS", "{t}one"))).isEqualTo(sortedOf("1", "b"));

            sadd(h, "{t}ints", "5");
            assertThat(h.send("SMOVE", "{t}one", "{t}ints", "1")).isEqualTo(ONE);
            assertThat(encoding(h, "{t}ints")).isEqualTo("intset");
            assertThat(h.send("SMEMBERS", "{t}ints")).isEqualTo(bulks("1", "5"));

            assertThat(h.send("SMOVE", "{t}one", "{t}new", "b")).isEqualTo(ONE);
            assertThat(h.send("EXISTS", "{t}one")).isEqualTo(ZERO);
            assertThat(encoding(h, "{t}new")).isEqualTo("hashtable");
            assertThat(h.send("SMOVE", "{t}ints", "{t}fresh", "5")).isEqualTo(ONE);
            assertThat(encoding(h, "{t}fresh")).isEqualTo("intset");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerSmoveEdgeCasesOnOneShard(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "{t}a", "x", "y");
            h.send("SET", "{t}str", "v");
            assertThat(h.send("SMOVE", "{t}a", "{t}a", "x")).isEqualTo(ONE);
            assertThat(h.send("SMOVE", "{t}a", "{t}a", "z")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", "{t}a", "{t}b", "z")).isEqualTo(ZERO);
            assertThat(h.send("EXISTS", "{t}b")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", "{t}none", "{t}str", "x")).isEqualTo(ZERO);
            assertThat(h.send("SMOVE", "{t}str", "{t}a", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMOVE", "{t}a", "{t}str", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SMOVE", "{t}a", "{t}str", "missing")).isEqualTo(WRONGTYPE);
            assertThat(sorted(h.send("SMEMBERS", "{t}a"))).isEqualTo(sortedOf("x", "y"));
            assertThat(h.send("SMOVE", "{t}a", "{t}b", "y")).isEqualTo(ONE);
            assertThat(h.send("SMOVE", "{t}b", "{t}a", "y")).isEqualTo(ONE);
            assertThat(h.send("EXISTS", "{t}b")).isEqualTo(ZERO);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldNotChangeASetWhileAnotherThreadHoldsIt(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "{t}a", "x", "y");
            final Object before = entry(h, "{t}a").value();
            ((dev.anax.engine.types.set.SetValue)before).share();
            sadd(h, "{t}a", "z");
            assertThat(entry(h, "{t}a").value()).isNotSameAs(before);
            assertThat(((dev.anax.engine.types.set.SetValue)before).size()).isEqualTo(2);
            assertThat(h.send("SCARD", "{t}a")).isEqualTo(integer(3));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectSyntaxErrorsOfCountedCommands(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            sadd(h, "s", "a");
            assertThat(h.send("SPOP", "s", "1", "2")).isEqualTo(SYNTAX);
            assertThat(h.send("SRANDMEMBER", "s", "1", "2")).isEqualTo(SYNTAX);
            assertThat(h.send("SPOP", "none", "1", "2")).isEqualTo(SYNTAX);
        }
    }
}
