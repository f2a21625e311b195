package dev.anax.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BytesTest
{
    private final long[] result = new long[1];

    private static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private boolean parse(final String text)
    {
        return Bytes.parseLong(buffer(text), 0, text.length(), result);
    }

    // ---------------------------------------------------------------------------------------------
    // parseLong: Redis's string2ll

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "42, 42",
        "1000000, 1000000",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
        "-1234567890123456789, -1234567890123456789",
        "9223372036854775800, 9223372036854775800",
    })
    void shouldParseValidIntegers(final String text, final long expected)
    {
        assertThat(parse(text)).as(text).isTrue();
        assertThat(result[0]).isEqualTo(expected);
    }

    @Test
    void shouldParseLongMinValue()
    {
        assertThat(parse("-9223372036854775808")).isTrue();
        assertThat(result[0]).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRejectNegativeZero()
    {
        assertThat(parse("-0")).isFalse();
    }

    @Test
    void shouldRejectPlusSign()
    {
        assertThat(parse("+1")).isFalse();
        assertThat(parse("+0")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "01", "007", "-01", "-00"})
    void shouldRejectLeadingZeros(final String text)
    {
        assertThat(parse(text)).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "10000000000000000000",
        "99999999999999999999", "18446744073709551616", "-99999999999999999999"})
    void shouldRejectOverflow(final String text)
    {
        assertThat(parse(text)).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901", "000000000000000000001", "-1000000000000000000000"})
    void shouldRejectMoreThanTwentyCharacters(final String text)
    {
        assertThat(parse(text)).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "--1", " 1", "1 ", "1a", "a1", "1.0", "1e3", "0x10", "\t1", "1\r", "-+1"})
    void shouldRejectNonIntegers(final String text)
    {
        assertThat(parse(text)).as("'%s'", text).isFalse();
    }

    @Test
    void shouldParseARangeInsideALargerBuffer()
    {
        final UnsafeBuffer buffer = buffer("xx-123yy");
        assertThat(Bytes.parseLong(buffer, 2, 4, result)).isTrue();
        assertThat(result[0]).isEqualTo(-123);
        assertThat(Bytes.parseLong(buffer, 2, 5, result)).isFalse();
        assertThat(Bytes.parseLong(buffer, 3, 0, result)).isFalse();
    }

    @Test
    void shouldParseByteArrays()
    {
        assertThat(Bytes.parseLong("-77".getBytes(StandardCharsets.US_ASCII), result)).isTrue();
        assertThat(result[0]).isEqualTo(-77);
        assertThat(Bytes.parseLong("+77".getBytes(StandardCharsets.US_ASCII), result)).isFalse();
        assertThat(Bytes.parseLong(new byte[0], result)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // digits

    @ParameterizedTest
    @CsvSource({
        "0, 1", "9, 1", "10, 2", "99, 2", "100, 3", "-1, 2", "-9, 2", "-10, 3",
        "9223372036854775807, 19", "-9223372036854775808, 20", "-9223372036854775807, 20",
        "1000000000000000000, 19", "999999999999999999, 18",
    })
    void shouldCountDecimalCharactersWithSign(final long value, final int expected)
    {
        assertThat(Bytes.digits(value)).isEqualTo(expected).isEqualTo(Long.toString(value).length());
    }

    // ---------------------------------------------------------------------------------------------
    // hashTagRange: Redis Cluster's keyHashSlot rules (checked with CLUSTER KEYSLOT on Redis 7.0)

    private static String routingPart(final String key)
    {
        final UnsafeBuffer buffer = buffer("##" + key);
        final long range = Bytes.hashTagRange(buffer, 2, key.length());
        final int offset = (int)(range >>> 32);
        final int length = (int)range;
        assertThat(offset).isBetween(2, 2 + key.length());
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{user1000}.following|user1000",
        "{user1000}.followers|user1000",
        "foo{bar}{zap}|bar",
        "foo{{bar}}zap|{bar",
        "{{x}}|{x",
        "{a}|a",
        "prefix{tag}|tag",
    })
    void shouldHashOnlyTheFirstNonEmptyTag(final String key, final String tag)
    {
        assertThat(routingPart(key)).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "foo{}{bar}", "x{}", "{}x{y}", "{", "}{", "a{b", "plain", "}", "a}b{"})
    void shouldHashTheWholeKeyWhenThereIsNoNonEmptyFirstTag(final String key)
    {
        assertThat(routingPart(key)).isEqualTo(key);
    }

    @Test
    void shouldHashTheWholeEmptyKey()
    {
        final long range = Bytes.hashTagRange(buffer("abc"), 1, 0);
        assertThat(range >>> 32).isEqualTo(1);
        assertThat((int)range).isZero();
    }

    @Test
    void shouldRouteKeysWithTheSameTagTogether()
    {
        final UnsafeBuffer a = buffer("{user1000}.following");
        final UnsafeBuffer b = buffer("{user1000}.followers");
        final UnsafeBuffer tag = buffer("user1000");
        assertThat(Bytes.routingHash(a, 0, a.capacity()))
            .isEqualTo(Bytes.routingHash(b, 0, b.capacity()))
            .isEqualTo(Bytes.hash(tag, 0, tag.capacity()));
        final UnsafeBuffer noTag = buffer("foo{}{bar}");
        assertThat(Bytes.routingHash(noTag, 0, noTag.capacity())).isEqualTo(Bytes.hash(noTag, 0, noTag.capacity()));
    }

    // ---------------------------------------------------------------------------------------------
    // hash and equals

    @Test
    void shouldHashTheSameOverBuffersAndArrays()
    {
        final byte[] bytes = "some-key:123".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 4]);
        buffer.putBytes(4, bytes);
        assertThat(Bytes.hash(buffer, 4, bytes.length))
            .isEqualTo(Bytes.hash(bytes))
            .isEqualTo(Bytes.hash(bytes, 0, bytes.length));
        final byte[] padded = ("xx" + "some-key:123").getBytes(StandardCharsets.US_ASCII);
        assertThat(Bytes.hash(padded, 2, bytes.length)).isEqualTo(Bytes.hash(bytes));
    }

    @Test
    void shouldKeepHashValuesStableAcrossVersions()
    {
        // Shard placement depends on these: changing the function moves every key.
        assertThat(Bytes.hash(new byte[0])).isEqualTo(-1421968373);
        assertThat(Bytes.hash("a".getBytes(StandardCharsets.US_ASCII))).isEqualTo(444641715);
        assertThat(Bytes.hash("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1834638500);
        assertThat(Bytes.hash("user1000".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1555603437);
    }

    @Test
    void shouldHashHighBytesAsUnsigned()
    {
        final byte[] high = {(byte)0xFF, (byte)0x80};
        assertThat(Bytes.hash(new UnsafeBuffer(high), 0, 2)).isEqualTo(Bytes.hash(high));
        assertThat(Bytes.hash(high)).isNotEqualTo(Bytes.hash(new byte[]{(byte)0x7F, (byte)0x80}));
    }

    @Test
    void shouldCompareRangeWithArray()
    {
        final UnsafeBuffer buffer = buffer("xxhelloyy");
        assertThat(Bytes.equals(buffer, 2, 5, "hello".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(Bytes.equals(buffer, 2, 5, "hellO".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Bytes.equals(buffer, 2, 4, "hello".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Bytes.equals(buffer, 2, 0, new byte[0])).isTrue();
    }
}
