package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.StringTestSupport.NOT_INTEGER;
import static dev.anax.engine.family.StringTestSupport.START_MS;
import static dev.anax.engine.family.StringTestSupport.WRONGTYPE;
import static dev.anax.engine.family.StringTestSupport.bulk;
import static dev.anax.engine.family.StringTestSupport.bytes;
import static dev.anax.engine.family.StringTestSupport.encoding;
import static dev.anax.engine.family.StringTestSupport.error;
import static dev.anax.engine.family.StringTestSupport.expireAt;
import static dev.anax.engine.family.StringTestSupport.integer;
import static dev.anax.engine.family.StringTestSupport.putList;
import static dev.anax.engine.family.StringTestSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT (80-bit long double arithmetic printed with
 * {@code %.17Lf}); every expected reply was produced by redis-server 7.0.15 on x86-64.
 */
class StringCounterTest
{
    private static final String OVERFLOW = error("ERR increment or decrement would overflow");
    private static final String NOT_FLOAT = error("ERR value is not a valid float");
    private static final String NAN_OR_INF = error("ERR increment would produce NaN or Infinity");

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIncrementAndDecrement(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("INCR", "n")).isEqualTo(integer(1));
            assertThat(encoding(h, "n")).isEqualTo("int");
            assertThat(h.send("INCRBY", "n", "41")).isEqualTo(integer(42));
            assertThat(h.send("DECR", "n")).isEqualTo(integer(41));
            assertThat(h.send("DECRBY", "n", "50")).isEqualTo(integer(-9));
            assertThat(h.send("INCRBY", "n", "-1")).isEqualTo(integer(-10));
            assertThat(h.send("DECRBY", "n", "-10")).isEqualTo(integer(0));
            assertThat(h.send("GET", "n")).isEqualTo(bulk("0"));
            assertThat(h.send("DECR", "m")).isEqualTo(integer(-1));
            assertThat(h.send("GET", "m")).isEqualTo(bulk("-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldMakeIncrementedValueAnInteger(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("APPEND", "x", "10")).isEqualTo(integer(2));
            h.send("SETRANGE", "x", "0", "2");
            assertThat(encoding(h, "x")).isEqualTo("raw");
            assertThat(h.send("INCR", "x")).isEqualTo(integer(21));
            assertThat(encoding(h, "x")).isEqualTo("int");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldKeepTtlWhenCounting(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "10", "EX", "100");
            assertThat(h.send("INCR", "k")).isEqualTo(integer(11));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
            assertThat(h.send("INCRBYFLOAT", "k", "1.5")).isEqualTo(bulk("12.5"));
            assertThat(expireAt(h, "k")).isEqualTo(START_MS + 100_000);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectOverflow(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("INCRBY", "i", "9223372036854775807")).isEqualTo(integer(Long.MAX_VALUE));
            assertThat(h.send("INCR", "i")).isEqualTo(OVERFLOW);
            assertThat(h.send("INCRBY", "i", "1")).isEqualTo(OVERFLOW);
            assertThat(h.send("DECRBY", "i", "-1")).isEqualTo(OVERFLOW);
            assertThat(h.send("GET", "i")).isEqualTo(bulk("9223372036854775807"));
            h.send("SET", "i", "-9223372036854775808");
            assertThat(h.send("DECR", "i")).isEqualTo(OVERFLOW);
            assertThat(h.send("INCRBY", "i", "-1")).isEqualTo(OVERFLOW);
            assertThat(h.send("INCRBY", "i", "9223372036854775807")).isEqualTo(integer(-1));
            h.send("SET", "n", "5");
            assertThat(h.send("DECRBY", "n", "9223372036854775807")).isEqualTo(integer(-9223372036854775802L));
            assertThat(h.send("DECRBY", "n", "9223372036854775807")).isEqualTo(OVERFLOW);
            assertThat(h.send("DECRBY", "n", "-9223372036854775808"))
                .isEqualTo(error("ERR decrement would overflow"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectNonIntegers(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "s", "12 ");
            assertThat(h.send("INCR", "s")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "12345678901234567890");
            assertThat(h.send("INCR", "s")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "");
            assertThat(h.send("INCR", "s")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "1.5");
            assertThat(h.send("DECR", "s")).isEqualTo(NOT_INTEGER);
            h.send("SET", "s", "01");
            assertThat(h.send("INCR", "s")).isEqualTo(NOT_INTEGER);
            assertThat(h.send(bytes("SET"), bytes("z"), bytes("1\0"))).isEqualTo("+OK\r\n");
            assertThat(h.send("INCR", "z")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("INCRBY", "n", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("INCRBY", "n", "+1")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("DECRBY", "n", "1.0")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("INCRBY", "n", "9223372036854775808")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("GET", "s")).isEqualTo(bulk("01"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldCheckArgumentBeforeType(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            putList(h, "l");
            assertThat(h.send("INCR", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("DECR", "l")).isEqualTo(WRONGTYPE);
            assertThat(h.send("INCRBY", "l", "1")).isEqualTo(WRONGTYPE);
            assertThat(h.send("INCRBY", "l", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(h.send("DECRBY", "l", "-9223372036854775808")).isEqualTo(error("ERR decrement would overflow"));
            assertThat(h.send("INCRBYFLOAT", "l", "abc")).isEqualTo(WRONGTYPE);
            assertThat(h.send("INCRBYFLOAT", "l", "1")).isEqualTo(WRONGTYPE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldIncrementByFloat(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("INCRBYFLOAT", "f", "0.1")).isEqualTo(bulk("0.1"));
            assertThat(h.send("INCRBYFLOAT", "f", "0.2")).isEqualTo(bulk("0.3"));
            assertThat(h.send("GET", "f")).isEqualTo(bulk("0.3"));
            assertThat(encoding(h, "f")).isEqualTo("embstr");
            h.send("SET", "i", "3");
            assertThat(h.send("INCRBYFLOAT", "i", "0")).isEqualTo(bulk("3"));
            assertThat(encoding(h, "i")).isEqualTo("embstr");
            assertThat(h.send("INCRBYFLOAT", "big", "1e30")).isEqualTo(bulk("1000000000000000000024696061952"));
            assertThat(h.send("INCRBYFLOAT", "big2", "1e45")).isEqualTo(
                bulk("1000000000000000000010386253980881820456058880"));
            assertThat(encoding(h, "big2")).isEqualTo("raw");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectInvalidFloats(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("INCRBYFLOAT", "f", "abc")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", " 1")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "1 ")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "nan")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "1e5000")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "1e-4952")).isEqualTo(NOT_FLOAT);
            assertThat(h.send(bytes("INCRBYFLOAT"), bytes("f"), bytes("1\0abc"))).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "f", "1" + repeat('0', 5200))).isEqualTo(NOT_FLOAT);
            h.send("SET", "s", "abc");
            assertThat(h.send("INCRBYFLOAT", "s", "1")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("INCRBYFLOAT", "s", "abc")).isEqualTo(NOT_FLOAT);
            h.send("SET", "e", "");
            assertThat(h.send("INCRBYFLOAT", "e", "1")).isEqualTo(NOT_FLOAT);
            h.send("SET", "sp", " 1");
            assertThat(h.send("INCRBYFLOAT", "sp", "1")).isEqualTo(NOT_FLOAT);
            assertThat(h.send("GET", "f")).isEqualTo("$-1\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectInfiniteResults(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            assertThat(h.send("INCRBYFLOAT", "f", "inf")).isEqualTo(NAN_OR_INF);
            assertThat(h.send("INCRBYFLOAT", "f", "-Infinity")).isEqualTo(NAN_OR_INF);
            h.send("SET", "big", "1e4932");
            assertThat(h.send("INCRBYFLOAT", "big", "1e4932")).isEqualTo(NAN_OR_INF);
            h.send("SET", "inf", "inf");
            assertThat(h.send("INCRBYFLOAT", "inf", "-inf")).isEqualTo(NAN_OR_INF);
            assertThat(h.send("GET", "big")).isEqualTo(bulk("1e4932"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3|0.1|3.1",
        "1.1|2.2|3.3",
        "0.1|0.7|0.8",
        "10.0|1|11",
        "1e10|1|10000000001",
        "9223372036854775807|1|9223372036854775808",
        "0|0x10|16",
        "0|0X1.8P1|3",
        "0|0x.8|0.5",
        "0|+.5|0.5",
        "0|5.|5",
        "0|-00.5|-0.5",
        "0|00012|12",
        "0|1E2|100",
        "0|1.e3|1000",
        "0|1e-0|1",
        "0|-0|0",
        "0|-0.0|0",
        "0|1e-20|0",
        "0|-1e-18|0",
        "0|-5e-324|0",
        "0|1.5e-4950|0",
        "0|3.0e-4951|0",
        "0|0e99999999999999999999|0",
        "0|1e-5|0.00001",
        "0|-1.5|-1.5",
        "0|0.000000000000000015|0.00000000000000002",
        "0|0.000000000000000025|0.00000000000000002",
        "0|0.000003814697265625|0.00000381469726562",
        "0|0.000011444091796875|0.00001144409179688",
        "0|5.0000000000000000001|5",
        "0|123456789.123456789123|123456789.12345678912242875",
        "0|9007199254740993|9007199254740993",
        "0|18446744073709551617|18446744073709551616",
        "0|12345678901234567890|12345678901234567890",
    })
    void shouldFormatLikeRedisLongDouble(final String start, final String increment, final String expected)
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("SET", "f", start);
            assertThat(h.send("INCRBYFLOAT", "f", increment)).isEqualTo(bulk(expected));
            assertThat(h.send("GET", "f")).isEqualTo(bulk(expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "0xg", "1e", "-", ".", "1_000", "e5", "infinit", "nan(0)", "  ", "0x1p", "\t1", "1\t",
        "0x1p16384", "0x1.ffffffffffffffffp16383", "1.2e4932"})
    void shouldRejectFloatSyntaxThatStrtoldRefuses(final String text)
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("INCRBYFLOAT", "f", text)).isEqualTo(NOT_FLOAT);
        }
    }

    @Test
    void shouldPrintLargestLongDoubleInFull()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final String reply = h.send("INCRBYFLOAT", "f", "0x1.fffffffffffffffep16383");
            assertThat(reply).startsWith("$4933\r\n1189731495357231765021263853030970205169063322294624200440323733891737005522970722616410290336528882");
            assertThat(reply).endsWith("8849149662444156604419552086811989770240\r\n");
            assertThat(reply).hasSize(4933 + 9);
        }
    }
}
