package dev.anax.codecs.resp;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespWriterTest
{
    private final RespWriter writer = new RespWriter();

    private String written()
    {
        return latin1(writer.buffer(), writer.position());
    }

    private static String latin1(final MutableDirectBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * What one call writes in RESP2 and in RESP3.
     */
    private static void assertWrites(final Consumer<RespWriter> call, final String resp2, final String resp3)
    {
        final RespWriter two = new RespWriter().protocol(2);
        call.accept(two);
        assertThat(latin1(two.buffer(), two.position())).as("RESP2").isEqualTo(resp2);

        final RespWriter three = new RespWriter().protocol(3);
        call.accept(three);
        assertThat(latin1(three.buffer(), three.position())).as("RESP3").isEqualTo(resp3);
    }

    private static void assertWritesInBoth(final Consumer<RespWriter> call, final String both)
    {
        assertWrites(call, both, both);
    }

    @Test
    void shouldDefaultToResp2()
    {
        assertThat(writer.protocol()).isEqualTo(2);
        assertThat(writer.isResp3()).isFalse();
        assertThat(writer.protocol(3).isResp3()).isTrue();
        assertThat(writer.protocol()).isEqualTo(3);
    }

    @Test
    void shouldWriteOk()
    {
        assertWritesInBoth(RespWriter::ok, "+OK\r\n");
    }

    @Test
    void shouldWriteSimpleString()
    {
        assertWritesInBoth(w -> w.simpleString("PONG"), "+PONG\r\n");
        assertWritesInBoth(w -> w.simpleString(""), "+\r\n");
    }

    @Test
    void shouldWriteErrorWithItsOwnPrefix()
    {
        assertWritesInBoth(w -> w.error("ERR unknown command"), "-ERR unknown command\r\n");
        assertWritesInBoth(w -> w.error("WRONGTYPE Operation against a key holding the wrong kind of value"),
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void shouldReplaceCarriageReturnsAndLineFeedsInErrors()
    {
        assertWritesInBoth(w -> w.error("ERR a\r\nb\nc\rd"), "-ERR a  b c d\r\n");
    }

    @Test
    void shouldWriteIntegers()
    {
        assertWritesInBoth(w -> w.integer(0), ":0\r\n");
        assertWritesInBoth(w -> w.integer(1), ":1\r\n");
        assertWritesInBoth(w -> w.integer(-1), ":-1\r\n");
        assertWritesInBoth(w -> w.integer(1234567), ":1234567\r\n");
        assertWritesInBoth(w -> w.integer(Long.MAX_VALUE), ":9223372036854775807\r\n");
        assertWritesInBoth(w -> w.integer(Long.MIN_VALUE), ":-9223372036854775808\r\n");
    }

    @Test
    void shouldWriteBulkFromBuffer()
    {
        final UnsafeBuffer src = new UnsafeBuffer("xxhello\r\nyy".getBytes(StandardCharsets.US_ASCII));
        assertWritesInBoth(w -> w.bulk(src, 2, 7), "$7\r\nhello\r\n\r\n");
        assertWritesInBoth(w -> w.bulk(src, 0, 0), "$0\r\n\r\n");
    }

    @Test
    void shouldWriteBulkFromArray()
    {
        final byte[] bytes = {'a', 0, (byte)0xFF, '\n'};
        assertWritesInBoth(w -> w.bulk(bytes), "$4\r\na\u0000\u00FF\n\r\n");
        assertWritesInBoth(w -> w.bulk(bytes, 1, 2), "$2\r\n\u0000\u00FF\r\n");
        assertWritesInBoth(w -> w.bulk(new byte[0]), "$0\r\n\r\n");
    }

    @Test
    void shouldWriteBulkFromLatin1Text()
    {
        assertWritesInBoth(w -> w.bulk("hello"), "$5\r\nhello\r\n");
        assertWritesInBoth(w -> w.bulk("caf\u00E9"), "$4\r\ncaf\u00E9\r\n");
        assertWritesInBoth(w -> w.bulk(""), "$0\r\n\r\n");
    }

    @Test
    void shouldWriteBulkOfUtf8Text()
    {
        // "é" is two bytes in UTF-8.
        assertWritesInBoth(w -> w.bulkUtf8("caf\u00E9"), "$5\r\ncaf\u00C3\u00A9\r\n");
    }

    @Test
    void shouldWriteBulkOfADecimalNumber()
    {
        assertWritesInBoth(w -> w.bulkLong(0), "$1\r\n0\r\n");
        assertWritesInBoth(w -> w.bulkLong(-42), "$3\r\n-42\r\n");
        assertWritesInBoth(w -> w.bulkLong(Long.MIN_VALUE), "$20\r\n-9223372036854775808\r\n");
        assertWritesInBoth(w -> w.bulkLong(Long.MAX_VALUE), "$19\r\n9223372036854775807\r\n");
    }

    @Test
    void shouldWriteNullBulk()
    {
        assertWrites(RespWriter::nullBulk, "$-1\r\n", "_\r\n");
    }

    @Test
    void shouldWriteNullArray()
    {
        assertWrites(RespWriter::nullArray, "*-1\r\n", "_\r\n");
    }

    @Test
    void shouldWriteArrayHeaders()
    {
        assertWritesInBoth(w -> w.arrayHeader(0), "*0\r\n");
        assertWritesInBoth(w -> w.arrayHeader(3), "*3\r\n");
        assertWritesInBoth(w -> w.arrayHeader(1_000_000), "*1000000\r\n");
        assertWritesInBoth(RespWriter::emptyArray, "*0\r\n");
    }

    @Test
    void shouldWriteMapAsFlatArrayInResp2()
    {
        assertWrites(w -> w.mapHeader(2), "*4\r\n", "%2\r\n");
        assertWrites(w -> w.mapHeader(0), "*0\r\n", "%0\r\n");
    }

    @Test
    void shouldWriteSetAsArrayInResp2()
    {
        assertWrites(w -> w.setHeader(3), "*3\r\n", "~3\r\n");
        assertWrites(w -> w.setHeader(0), "*0\r\n", "~0\r\n");
    }

    @Test
    void shouldWritePushAsArrayInResp2()
    {
        assertWrites(w -> w.pushHeader(3), "*3\r\n", ">3\r\n");
    }

    @Test
    void shouldWriteDoubleTextAsBulkInResp2()
    {
        assertWrites(w -> w.doubleText("1.5"), "$3\r\n1.5\r\n", ",1.5\r\n");
    }

    @Test
    void shouldWriteDoublesInRedisFormat()
    {
        // As ZSCORE on Redis 7.0: RESP2 bulk, RESP3 double, %.17g digits.
        assertWrites(w -> w.doubleValue(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n");
        assertWrites(w -> w.doubleValue(3.0), "$1\r\n3\r\n", ",3\r\n");
        assertWrites(w -> w.doubleValue(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
        assertWrites(w -> w.doubleValue(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
        assertWrites(w -> w.doubleValue(Double.NaN), "$3\r\nnan\r\n", ",nan\r\n");
    }

    @Test
    void shouldWriteBooleanAsIntegerInResp2()
    {
        assertWrites(w -> w.bool(true), ":1\r\n", "#t\r\n");
        assertWrites(w -> w.bool(false), ":0\r\n", "#f\r\n");
    }

    @Test
    void shouldWriteBigNumberAsBulkInResp2()
    {
        assertWrites(w -> w.bigNumber("3492890328409238509324850943850943825024385"),
            "$43\r\n3492890328409238509324850943850943825024385\r\n",
            "(3492890328409238509324850943850943825024385\r\n");
    }

    @Test
    void shouldWriteVerbatimAsBulkOfTheTextInResp2()
    {
        assertWrites(w -> w.verbatim("txt", "Some string"), "$11\r\nSome string\r\n", "=15\r\ntxt:Some string\r\n");
        assertWrites(w -> w.verbatim("mkd", "caf\u00E9"), "$5\r\ncaf\u00C3\u00A9\r\n", "=9\r\nmkd:caf\u00C3\u00A9\r\n");
        assertWrites(w -> w.verbatim("txt", ""), "$0\r\n\r\n", "=4\r\ntxt:\r\n");
    }

    @Test
    void shouldAppendRawBytes()
    {
        final byte[] raw = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);
        assertWritesInBoth(w -> w.raw(raw), "+QUEUED\r\n");
        final UnsafeBuffer src = new UnsafeBuffer("xx:7\r\nyy".getBytes(StandardCharsets.US_ASCII));
        assertWritesInBoth(w -> w.raw(src, 2, 4), ":7\r\n");
    }

    @Test
    void shouldWriteRepliesBackToBack()
    {
        writer.protocol(3).mapHeader(1).bulk("k").arrayHeader(2).integer(5).nullBulk();
        assertThat(written()).isEqualTo("%1\r\n$1\r\nk\r\n*2\r\n:5\r\n_\r\n");
    }

    @Test
    void shouldClearAndMovePosition()
    {
        writer.ok();
        final int mark = writer.position();
        writer.integer(12);
        assertThat(writer.position()).isEqualTo(mark + 5);
        writer.position(mark);
        writer.integer(7);
        assertThat(written()).isEqualTo("+OK\r\n:7\r\n");
        assertThat(writer.clear()).isSameAs(writer);
        assertThat(writer.position()).isZero();
        writer.simpleString("X");
        assertThat(written()).isEqualTo("+X\r\n");
    }

    @Test
    void shouldWriteIntoAWrappedBufferAtAPosition()
    {
        final ExpandableArrayBuffer target = new ExpandableArrayBuffer(16);
        target.putStringWithoutLengthAscii(0, "abc");
        assertThat(writer.wrap(target, 3)).isSameAs(writer);
        writer.integer(9);
        assertThat(writer.buffer()).isSameAs(target);
        assertThat(writer.position()).isEqualTo(7);
        assertThat(latin1(target, 7)).isEqualTo("abc:9\r\n");
    }

    @Test
    void shouldWriteFromOffsetZeroOfAGivenBuffer()
    {
        final ExpandableDirectByteBuffer target = new ExpandableDirectByteBuffer(8);
        final RespWriter w = new RespWriter(target);
        w.ok();
        assertThat(w.buffer()).isSameAs(target);
        assertThat(latin1(target, w.position())).isEqualTo("+OK\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 5000, 100_000})
    void shouldGrowAnExpandableBuffer(final int size)
    {
        final RespWriter w = new RespWriter(new ExpandableArrayBuffer(4));
        final byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte)'p');
        w.bulk(payload).integer(Long.MIN_VALUE).bulk(new String(payload, StandardCharsets.ISO_8859_1));
        final String expected = "$" + size + "\r\n" + "p".repeat(size) + "\r\n:-9223372036854775808\r\n" +
            "$" + size + "\r\n" + "p".repeat(size) + "\r\n";
        assertThat(latin1(w.buffer(), w.position())).isEqualTo(expected);
    }

    @Test
    void shouldFailWhenAFixedBufferIsFull()
    {
        final RespWriter w = new RespWriter(new UnsafeBuffer(new byte[8]));
        w.ok();
        assertThatThrownBy(() -> w.bulk("too long")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("reply buffer full");
    }
}
