package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.StringTestSupport.EMPTY;
import static dev.anax.engine.family.StringTestSupport.NIL;
import static dev.anax.engine.family.StringTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.StringTestSupport.OK;
import static dev.anax.engine.family.StringTestSupport.START_MS;
import static dev.anax.engine.family.StringTestSupport.SYNTAX;
import static dev.anax.engine.family.StringTestSupport.WRONGTYPE;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.bytes;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.entry;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.expireAt;
import static dev.anax.engine.family.StringTestSupport.integer;
import static dev.anax.engine.family.StringTestSupport.putList;
import static dev.anax.engine.family.StringTestSupport.rawSize;
import static dev.anax.engine.family.StringTestSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET, SET and its options, SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX, STRLEN; replies checked
 * against redis-server 7.0.15.
 */
class StringFamilyTest
{
    private static final String INVALID_SET = error("ERR invalid expire time in 'set' command");

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetAndGet(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("GET", "missing")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "v")).isEqualTo(OK);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("v"));
            assertThat(h.send("SET", "k", "")).isEqualTo(OK);
            assertThat(h.send("GET", "k")).isEqualTo(EMPTY);
            assertThat(h.send("set", "k", "again")).isEqualTo(OK);
            assertThat(h.send("get", "k")).isEqualTo(bulk("again"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepBinaryValuesAndKeys(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final byte[] key = {0, 'k', (byte)0xFF, '\r', '\n'};
            final byte[] value = {(byte)0x80, 0, '\r', '\n', (byte)0xFE};
            assertThat(h.send(bytes("SET"), key, value)).isEqualTo(OK);
            assertThat(h.send(bytes("GET"), key)).isEqualTo("$5\r\n\u0080\u0000\r\n\u00FE\r\n");
            assertThat(h.send(bytes("STRLEN"), key)).isEqualTo(integer(5));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectWrongTypeOnReads(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putList(h, "l");
            assertThat(h.send("GET", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GETDEL", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GETEX", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GETEX", "l", "EX", "0")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GETEX", "l", "FOO")).isEqualTo(SYNTAX);
            assertThat(h.send("GETSET", "l", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("STRLEN", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SET", "l", "v", "GET")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SET", "l", "v", "NX", "GET")).isEqualTo(WRONGTYPE);
            assertThat(entry(h, "l").type()).isEqualTo(dev.anax.engine.keyspace.ValueType.LIST);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldOverwriteOtherTypesWithPlainSet(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putList(h, "l");
            assertThat(h.send("SET", "l", "v", "NX")).isEqualTo(NIL);
            assertThat(h.send("SET", "l", "v", "XX")).isEqualTo(OK);
            assertThat(h.send("GET", "l")).isEqualTo(bulk("v"));
            putList(h, "l2");
            assertThat(h.send("SETNX", "l2", "x")).isEqualTo(integer(0));
            assertThat(h.send("SETEX", "l2", "10", "x")).isEqualTo(OK);
            assertThat(h.send("GET", "l2")).isEqualTo(bulk("x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldHonourNxAndXx(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "XX")).isEqualTo(NIL);
            assertThat(h.send("GET", "k")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "v", "NX")).isEqualTo(OK);
            assertThat(h.send("SET", "k", "w", "NX")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "w", "nx", "nx")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "w", "XX", "xx")).isEqualTo(OK);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("w"));
            assertThat(h.send("SET", "k", "w", "NX", "XX")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "w", "XX", "NX")).isEqualTo(SYNTAX);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyOldValueWithGetOption(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "GET")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "w", "GET", "GET")).isEqualTo(bulk("v"));
            assertThat(h.send("SET", "k2", "v", "XX", "GET")).isEqualTo(NIL);
            assertThat(entry(h, "k2")).isNull();
            assertThat(h.send("SET", "k2", "v", "NX", "GET")).isEqualTo(NIL);
            assertThat(h.send("SET", "k2", "other", "NX", "GET")).isEqualTo(bulk("v"));
            assertThat(h.send("GET", "k2")).isEqualTo(bulk("v"));
            assertThat(h.send("SET", "k2", "new", "XX", "GET")).isEqualTo(bulk("v"));
            assertThat(h.send("GET", "k2")).isEqualTo(bulk("new"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldStoreAbsoluteExpiryForEveryUnit(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "EX", "10")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 10_000);
            assertThat(h.send("SET", "k", "v", "PX", "1500")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 1_500);
            assertThat(h.send("SET", "k", "v", "EXAT", "1800000000")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(1_800_000_000_000L);
            assertThat(h.send("SET", "k", "v", "PXAT", "1800000000123")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(1_800_000_000_123L);
            assertThat(h.send("SET", "k", "v", "ex", "10", "EX", "20")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 20_000);
            assertThat(h.send("SET", "k", "v", "PXAT", "9223372036854775807")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(Long.MAX_VALUE);
            assertThat(h.send("SET", "k", "v", "EXAT", "9223372036854775")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(9_223_372_036_854_775_000L);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldExpireKeySetWithTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "PX", "100")).isEqualTo(OK);
            h.clock().advance(99);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("v"));
            h.clock().advance(1);
            assertThat(h.send("GET", "k")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldClearTtlUnlessKeepTtl(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "v", "EX", "100");
            assertThat(h.send("SET", "k", "w", "KEEPTTL")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("SET", "k", "x", "KEEPTTL", "KEEPTTL", "GET")).isEqualTo(bulk("w"));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("SET", "k", "y")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isZero();
            h.send("SET", "k", "v", "EX", "100");
            assertThat(h.send("GETSET", "k", "z")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isZero();
            h.send("SETEX", "k", "100", "v");
            assertThat(h.send("SETNX", "k", "v")).isEqualTo(integer(0));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("SET", "k", "v", "XX")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectIllegalOptionCombinations(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "EX", "10", "PX", "10")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "EX", "10", "EXAT", "10")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "PXAT", "10", "PX", "10")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "KEEPTTL", "EX", "10")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "EX", "10", "KEEPTTL")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "EX")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "NX", "EX")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "PERSIST")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "FOO")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "ex", "0", "foo")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "foo", "ex", "0")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "NXX")).isEqualTo(SYNTAX);
            assertThat(h.send("SET", "k", "v", "")).isEqualTo(SYNTAX);
            assertThat(entry(h, "k")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReadOptionsUpToNulAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send(bytes("SET"), bytes("k"), bytes("v"), bytes("NX\0zz"))).isEqualTo(OK);
            assertThat(h.send(bytes("SET"), bytes("k"), bytes("w"), bytes("GET\0"))).isEqualTo(bulk("v"));
            assertThat(h.send(bytes("SET"), bytes("k"), bytes("v"), bytes("ex\0"), bytes("10"))).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 10_000);
            assertThat(h.send(bytes("GETEX"), bytes("k"), bytes("persist\0x"))).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isZero();
            assertThat(h.send(bytes("SET"), bytes("k"), bytes("v"), bytes("\0NX"))).isEqualTo(SYNTAX);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectNegativeExpire(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "old");
            assertThat(h.send("SET", "k", "v", "EX", "0")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EX", "-1")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "PX", "0")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EXAT", "0")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "PXAT", "-5")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "GET", "EX", "0")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EX", "0", "GET")).isEqualTo(INVALID_SET);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("old"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectOverflowingExpire(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "EX", "9223372036854776")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EX", "9223372036854775")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "PX", "9223372036854775807")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "PX", "9223372036854775000")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EXAT", "9223372036854776")).isEqualTo(INVALID_SET);
            assertThat(h.send("SET", "k", "v", "EX", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SET", "k", "v", "EX", "1.5")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SET", "k", "v", "EX", "9223372036854775808")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SET", "k", "v", "EX", "10", "ex", "foo")).isEqualTo(NOT_INTEGER);
            assertThat(entry(h, "k")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetButNotServeKeyWithPastAbsoluteExpiry(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SET", "k", "v", "PXAT", "1")).isEqualTo(OK);
            assertThat(h.send("GET", "k")).isEqualTo(NIL);
            assertThat(rawSize(h, "k")).isZero();
            assertThat(h.send("SET", "k", "v", "EXAT", "1", "GET")).isEqualTo(NIL);
            assertThat(h.send("SET", "k", "v", "GET")).isEqualTo(NIL);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetWithSetnxSetexPsetex(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SETNX", "k", "a")).isEqualTo(integer(1));
            assertThat(h.send("SETNX", "k", "b")).isEqualTo(integer(0));
            assertThat(h.send("GET", "k")).isEqualTo(bulk("a"));
            assertThat(h.send("SETEX", "k", "10", "c")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 10_000);
            assertThat(h.send("PSETEX", "k", "250", "d")).isEqualTo(OK);
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 250);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("d"));
            assertThat(h.send("SETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'setex' command"));
            assertThat(h.send("SETEX", "k", "-5", "v")).isEqualTo(error("ERR invalid expire time in 'setex' command"));
            assertThat(h.send("SETEX", "k", "9223372036854776", "v"))
                .isEqualTo(error("ERR invalid expire time in 'setex' command"));
            assertThat(h.send("SETEX", "k", "abc", "v")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("PSETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'psetex' command"));
            assertThat(h.send("PSETEX", "k", "x", "v")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("d"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetAndDelete(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("GETDEL", "k")).isEqualTo(NIL);
            h.send("SET", "k", "v", "EX", "100");
            assertThat(h.send("GETDEL", "k")).isEqualTo(bulk("v"));
            assertThat(h.send("GETDEL", "k")).isEqualTo(NIL);
            assertThat(entry(h, "k")).isNull();
            h.send("SET", "n", "123");
            assertThat(h.send("GETDEL", "n")).isEqualTo(bulk("123"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetAndSet(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("GETSET", "k", "10")).isEqualTo(NIL);
            assertThat(encoding(h, "k")).isEqualTo("int");
            assertThat(h.send("GETSET", "k", "abc")).isEqualTo(bulk("10"));
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            assertThat(h.send("GET", "k")).isEqualTo(bulk("abc"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldChangeTtlWithGetex(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "v");
            assertThat(h.send("GETEX", "k")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isZero();
            assertThat(h.send("GETEX", "k", "EX", "10", "EX", "100")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("GETEX", "k")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("GETEX", "k", "PERSIST", "PERSIST")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isZero();
            assertThat(h.send("GETEX", "k", "PX", "5000")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 5_000);
            assertThat(h.send("GETEX", "k", "EXAT", "1800000000")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isEqualTo(1_800_000_000_000L);
            assertThat(h.send("GETEX", "k", "PXAT", "9223372036854775807")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isEqualTo(Long.MAX_VALUE);
            assertThat(h.send("GETEX", "k", "PERSIST")).isEqualTo(bulk("v"));
            assertThat(expireAt(h, "k")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteAtOnceWhenGetexTimeIsPast(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "v");
            assertThat(h.send("GETEX", "k", "EXAT", "1")).isEqualTo(bulk("v"));
            assertThat(rawSize(h, "k")).isZero();
            h.send("SET", "k", "v");
            assertThat(h.send("GETEX", "k", "PXAT", Long.toString(START_MS))).isEqualTo(bulk("v"));
            assertThat(rawSize(h, "k")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldValidateGetexOptionsOnlyForExistingKeys(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final String invalid = error("ERR invalid expire time in 'getex' command");
            assertThat(h.send("GETEX", "missing", "EX", "0")).isEqualTo(NIL);
            assertThat(h.send("GETEX", "missing", "EX", "abc")).isEqualTo(NIL);
            assertThat(h.send("GETEX", "missing", "FOO")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "missing", "EX", "10", "PX", "10")).isEqualTo(SYNTAX);
            h.send("SET", "k", "v");
            assertThat(h.send("GETEX", "k", "EX", "0")).isEqualTo(invalid);
            assertThat(h.send("GETEX", "k", "EX", "9223372036854775")).isEqualTo(invalid);
            assertThat(h.send("GETEX", "k", "PX", "9223372036854775000")).isEqualTo(invalid);
            assertThat(h.send("GETEX", "k", "EX", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GETEX", "k", "NX")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "XX")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "GET")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "KEEPTTL")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "EX", "10", "PERSIST")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "PERSIST", "EX", "10")).isEqualTo(SYNTAX);
            assertThat(h.send("GETEX", "k", "EX")).isEqualTo(SYNTAX);
            assertThat(expireAt(h, "k")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCountStrlen(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("STRLEN", "missing")).isEqualTo(integer(0));
            h.send("SET", "s", "hello");
            assertThat(h.send("STRLEN", "s")).isEqualTo(integer(5));
            h.send("SET", "i", "-12345");
            assertThat(h.send("STRLEN", "i")).isEqualTo(integer(6));
            h.send("SET", "e", "");
            assertThat(h.send("STRLEN", "e")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldEncodeAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "123");
            assertThat(encoding(h, "k")).isEqualTo("int");
            h.send("SET", "k", "-9223372036854775808");
            assertThat(encoding(h, "k")).isEqualTo("int");
            h.send("SET", "k", "1234567890123456789");
            assertThat(encoding(h, "k")).isEqualTo("int");
            h.send("SET", "k", "9223372036854775808");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", "12345678901234567890");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", "01");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", "-0");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", "+1");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", "0");
            assertThat(encoding(h, "k")).isEqualTo("int");
            h.send("SET", "k", "");
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", repeat('x', 44));
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            h.send("SET", "k", repeat('x', 45));
            assertThat(encoding(h, "k")).isEqualTo("raw");
            h.send("SETEX", "k", "100", "12");
            assertThat(encoding(h, "k")).isEqualTo("int");
            h.send("SETNX", "n", "77");
            assertThat(encoding(h, "n")).isEqualTo("int");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReplyResp3NullForMissingKey(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.client().session().protocol(3);
            assertThat(h.send("GET", "missing")).isEqualTo("_\r\n");
            assertThat(h.send("SET", "k", "v", "XX")).isEqualTo("_\r\n");
            assertThat(h.send("GETDEL", "missing")).isEqualTo("_\r\n");
            assertThat(h.send("GETEX", "missing", "PERSIST")).isEqualTo("_\r\n");
        }
    }
}
