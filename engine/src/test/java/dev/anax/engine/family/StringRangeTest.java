package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.StringTestSupport.EMPTY;
import static dev.anax.engine.family.StringTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.StringTestSupport.START_MS;
import static dev.anax.engine.family.StringTestSupport.WRONGTYPE;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.bytes;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.entry;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.expireAt;
import static dev.anax.engine.family.StringTestSupport.integer;
import static dev.anax.engine.family.StringTestSupport.putList;
import static dev.anax.engine.family.StringTestSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * APPEND, SETRANGE, GETRANGE and SUBSTR; replies checked against redis-server 7.0.15.
 */
class StringRangeTest
{
    private static final String TOO_LONG = error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    private static final String OUT_OF_RANGE = error("ERR offset is out of range");

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAppend(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("APPEND", "k", "abc")).isEqualTo(integer(3));
            assertThat(encoding(h, "k")).isEqualTo("embstr");
            assertThat(h.send("APPEND", "k", "def")).isEqualTo(integer(6));
            assertThat(encoding(h, "k")).isEqualTo("raw");
            assertThat(h.send("GET", "k")).isEqualTo(bulk("abcdef"));
            assertThat(h.send("APPEND", "k", "")).isEqualTo(integer(6));
            assertThat(h.send(bytes("APPEND"), bytes("k"), new byte[] {0, (byte)0xFF})).isEqualTo(integer(8));
            assertThat(h.send("GET", "k")).isEqualTo(bulk("abcdef\u0000\u00FF"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldEncodeAppendedValuesAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("APPEND", "n", "123")).isEqualTo(integer(3));
            assertThat(encoding(h, "n")).isEqualTo("int");
            assertThat(h.send("APPEND", "n", "")).isEqualTo(integer(3));
            assertThat(encoding(h, "n")).isEqualTo("raw");
            h.send("SET", "m", "1");
            assertThat(h.send("APPEND", "m", "2")).isEqualTo(integer(2));
            assertThat(encoding(h, "m")).isEqualTo("raw");
            assertThat(h.send("APPEND", "big", "12345678901234567890")).isEqualTo(integer(20));
            assertThat(encoding(h, "big")).isEqualTo("embstr");
            assertThat(h.send("APPEND", "long", repeat('a', 45))).isEqualTo(integer(45));
            assertThat(encoding(h, "long")).isEqualTo("raw");
            assertThat(h.send("APPEND", "empty", "")).isEqualTo(integer(0));
            assertThat(h.send("GET", "empty")).isEqualTo(EMPTY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepTtlOnAppendAndSetrange(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "10", "EX", "100");
            assertThat(h.send("APPEND", "k", "x")).isEqualTo(integer(3));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("SETRANGE", "k", "0", "y")).isEqualTo(integer(3));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("GET", "k")).isEqualTo(bulk("y0x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectWrongTypeOnEdits(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putList(h, "l");
            assertThat(h.send("APPEND", "l", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SETRANGE", "l", "0", "x")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SETRANGE", "l", "0", "")).isEqualTo(WRONGTYPE);
            assertThat(h.send("SETRANGE", "l", "-1", "")).isEqualTo(OUT_OF_RANGE);
            assertThat(h.send("SETRANGE", "l", "x", "")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GETRANGE", "l", "0", "1")).isEqualTo(WRONGTYPE);
            assertThat(h.send("GETRANGE", "l", "a", "1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SUBSTR", "l", "0", "1")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldOverwriteAndPadWithSetrange(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "hello");
            assertThat(h.send("SETRANGE", "s", "1", "XY")).isEqualTo(integer(5));
            assertThat(h.send("GET", "s")).isEqualTo(bulk("hXYlo"));
            assertThat(encoding(h, "s")).isEqualTo("raw");
            assertThat(h.send("SETRANGE", "s", "7", "Z")).isEqualTo(integer(8));
            assertThat(h.send("GET", "s")).isEqualTo(bulk("hXYlo\u0000\u0000Z"));
            assertThat(h.send("SETRANGE", "new", "3", "ab")).isEqualTo(integer(5));
            assertThat(h.send("GET", "new")).isEqualTo(bulk("\u0000\u0000\u0000ab"));
            assertThat(encoding(h, "new")).isEqualTo("raw");
            h.send("SET", "e", "");
            assertThat(h.send("SETRANGE", "e", "0", "")).isEqualTo(integer(0));
            assertThat(h.send("SETRANGE", "e", "2", "ab")).isEqualTo(integer(4));
            assertThat(h.send("GET", "e")).isEqualTo(bulk("\u0000\u0000ab"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldLeaveValueAloneForEmptySetrange(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("SETRANGE", "missing", "0", "")).isEqualTo(integer(0));
            assertThat(h.send("SETRANGE", "missing", "99999999999", "")).isEqualTo(integer(0));
            assertThat(entry(h, "missing")).isNull();
            h.send("SET", "i", "123");
            assertThat(h.send("SETRANGE", "i", "0", "")).isEqualTo(integer(3));
            assertThat(h.send("SETRANGE", "i", "536870911", "")).isEqualTo(integer(3));
            assertThat(encoding(h, "i")).isEqualTo("int");
            assertThat(h.send("SETRANGE", "i", "0", "9")).isEqualTo(integer(3));
            assertThat(encoding(h, "i")).isEqualTo("raw");
            assertThat(h.send("GET", "i")).isEqualTo(bulk("923"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadSetrangeOffsets(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "abc");
            assertThat(h.send("SETRANGE", "s", "-1", "x")).isEqualTo(OUT_OF_RANGE);
            assertThat(h.send("SETRANGE", "s", "a", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SETRANGE", "s", "9223372036854775808", "x")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SETRANGE", "s", "9223372036854775807", "x")).isEqualTo(TOO_LONG);
            assertThat(h.send("SETRANGE", "missing", "536870912", "x")).isEqualTo(TOO_LONG);
            assertThat(entry(h, "missing")).isNull();
            assertThat(h.send("GET", "s")).isEqualTo(bulk("abc"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldEnforceProtoMaxBulkLen(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.config().require("proto-max-bulk-len").set("1048576")).isNull();
            assertThat(h.send("SETRANGE", "a", "1048570", "123456")).isEqualTo(integer(1_048_576));
            assertThat(h.send("APPEND", "a", "x")).isEqualTo(TOO_LONG);
            assertThat(h.send("STRLEN", "a")).isEqualTo(integer(1_048_576));
            assertThat(h.send("APPEND", "a", "")).isEqualTo(integer(1_048_576));
            assertThat(h.send("SETRANGE", "b", "1048576", "x")).isEqualTo(TOO_LONG);
            assertThat(h.send("SETRANGE", "a", "1048575", "xy")).isEqualTo(TOO_LONG);
            assertThat(h.send("SETRANGE", "a", "1048575", "y")).isEqualTo(integer(1_048_576));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetRangesWithNegativeAndOutOfBoundIndexes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "hello");
            assertThat(h.send("GETRANGE", "s", "0", "-1")).isEqualTo(bulk("hello"));
            assertThat(h.send("GETRANGE", "s", "-1", "-5")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "s", "-5", "-1")).isEqualTo(bulk("hello"));
            assertThat(h.send("GETRANGE", "s", "0", "-100")).isEqualTo(bulk("h"));
            assertThat(h.send("GETRANGE", "s", "-100", "-200")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "s", "-100", "2")).isEqualTo(bulk("hel"));
            assertThat(h.send("GETRANGE", "s", "3", "1")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "s", "10", "20")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "s", "4", "100")).isEqualTo(bulk("o"));
            assertThat(h.send("GETRANGE", "s", "5", "5")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "s", "-7", "0")).isEqualTo(bulk("h"));
            assertThat(h.send("GETRANGE", "s", "0", "9223372036854775807")).isEqualTo(bulk("hello"));
            assertThat(h.send("GETRANGE", "s", "-9223372036854775808", "-1")).isEqualTo(bulk("hello"));
            assertThat(h.send("GETRANGE", "s", "0", "99999999999999999999")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GETRANGE", "s", "x", "1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GETRANGE", "s", "1", "x")).isEqualTo(NOT_INTEGER);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetEmptyRangeOfMissingOrEmptyValue(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("GETRANGE", "missing", "0", "1")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "missing", "a", "1")).isEqualTo(NOT_INTEGER);
            h.send("SET", "e", "");
            assertThat(h.send("GETRANGE", "e", "0", "-1")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "e", "0", "0")).isEqualTo(EMPTY);
            assertThat(h.send("GETRANGE", "e", "-1", "0")).isEqualTo(EMPTY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldGetRangeOfIntegerValueAndSubstr(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "i", "12345");
            assertThat(h.send("GETRANGE", "i", "1", "2")).isEqualTo(bulk("23"));
            h.send("SET", "y", "abcdef");
            assertThat(h.send("SUBSTR", "y", "-3", "-1")).isEqualTo(bulk("def"));
            assertThat(h.send("SUBSTR", "y", "0", "-4")).isEqualTo(bulk("abc"));
            assertThat(h.send("SUBSTR", "y", "a", "1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("SUBSTR", "missing", "0", "1")).isEqualTo(EMPTY);
        }
    }
}
