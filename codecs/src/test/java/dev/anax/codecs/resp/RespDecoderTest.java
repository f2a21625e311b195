package dev.anax.codecs.resp;

import dev.anax.codecs.CommandArgs;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static dev.anax.codecs.resp.RespDecoder.INCOMPLETE;
import static dev.anax.codecs.resp.RespDecoder.PROTOCOL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespDecoderTest
{
    private static final String INVALID_MULTIBULK_LENGTH = "ERR Protocol error: invalid multibulk length";
    private static final String INVALID_BULK_LENGTH = "ERR Protocol error: invalid bulk length";
    private static final String TOO_BIG_MBULK = "ERR Protocol error: too big mbulk count string";
    private static final String TOO_BIG_BULK = "ERR Protocol error: too big bulk count string";
    private static final String TOO_BIG_INLINE = "ERR Protocol error: too big inline request";
    private static final String UNBALANCED = "ERR Protocol error: unbalanced quotes in request";

    private final RespDecoder decoder = new RespDecoder();
    private final CommandArgs args = new CommandArgs();

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static byte[] bytes(final String latin1)
    {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] repeat(final char c, final int n)
    {
        final byte[] b = new byte[n];
        Arrays.fill(b, (byte)c);
        return b;
    }

    static byte[] multibulk(final byte[]... argv)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("*" + argv.length + "\r\n"));
        for (final byte[] arg : argv)
        {
            out.writeBytes(bytes("$" + arg.length + "\r\n"));
            out.writeBytes(arg);
            out.writeBytes(bytes("\r\n"));
        }
        return out.toByteArray();
    }

    static byte[] multibulk(final String... argv)
    {
        final byte[][] raw = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++)
        {
            raw[i] = bytes(argv[i]);
        }
        return multibulk(raw);
    }

    static List<String> argStrings(final CommandArgs args)
    {
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < args.count(); i++)
        {
            list.add(args.string(i));
        }
        return list;
    }

    /**
     * What one decode of a frame produced.
     */
    static final class Outcome
    {
        final int result;
        final List<String> args;
        final String error;

        Outcome(final int result, final List<String> args, final String error)
        {
            this.result = result;
            this.args = args;
            this.error = error;
        }

        @Override
        public boolean equals(final Object o)
        {
            if (!(o instanceof Outcome))
            {
                return false;
            }
            final Outcome that = (Outcome)o;
            return result == that.result && Objects.equals(args, that.args) && Objects.equals(error, that.error);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(result, args, error);
        }

        @Override
        public String toString()
        {
            return result == PROTOCOL_ERROR ? "error(" + error + ")" :
                result == INCOMPLETE ? "incomplete" : "consumed " + result + " " + args;
        }
    }

    private static Outcome outcome(final RespDecoder decoder, final int result, final CommandArgs args)
    {
        if (result > 0)
        {
            return new Outcome(result, argStrings(args), null);
        }
        if (result == PROTOCOL_ERROR)
        {
            return new Outcome(result, null, decoder.errorMessage());
        }
        return new Outcome(result, null, null);
    }

    /**
     * Decode a frame given whole, at offset 0 of its own buffer.
     */
    private Outcome whole(final byte[] frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame.clone());
        return outcome(decoder, decoder.decode(buffer, 0, frame.length, args), args);
    }

    private int decode(final String frame)
    {
        final byte[] b = bytes(frame);
        return decoder.decode(new UnsafeBuffer(b), 0, b.length, args);
    }

    private void assertError(final String frame, final String expected)
    {
        assertError(bytes(frame), expected);
    }

    private void assertError(final byte[] frame, final String expected)
    {
        assertThat(decoder.decode(new UnsafeBuffer(frame.clone()), 0, frame.length, args))
            .as("decode %s", printable(frame))
            .isEqualTo(PROTOCOL_ERROR);
        assertThat(decoder.errorMessage()).isEqualTo(expected);
    }

    private void assertArgs(final String frame, final String... expected)
    {
        final byte[] b = bytes(frame);
        assertThat(decoder.decode(new UnsafeBuffer(b), 0, b.length, args)).as("decode %s", printable(b))
            .isEqualTo(b.length);
        assertThat(argStrings(args)).containsExactly(expected);
    }

    static String printable(final byte[] b)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 80); i++)
        {
            final int c = b[i] & 0xFF;
            if (c == '\r')
            {
                sb.append("\\r");
            }
            else if (c == '\n')
            {
                sb.append("\\n");
            }
            else if (c < 0x20 || c >= 0x7F)
            {
                sb.append(String.format("\\x%02x", c));
            }
            else
            {
                sb.append((char)c);
            }
        }
        if (b.length > 80)
        {
            sb.append("...(").append(b.length).append(" bytes)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Multibulk

    @Nested
    class Multibulk
    {
        @Test
        void shouldDecodeCommandAsZeroCopyRangesOfTheBuffer()
        {
            final byte[] frame = multibulk("SET", "key", "value");
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length + 10]);
            buffer.putBytes(7, frame);

            final int consumed = decoder.decode(buffer, 7, frame.length, args);

            assertThat(consumed).isEqualTo(frame.length);
            assertThat(args.buffer()).isSameAs(buffer);
            assertThat(args.count()).isEqualTo(3);
            assertThat(args.offset(0)).isEqualTo(7 + "*3\r\n$3\r\n".length());
            assertThat(args.length(0)).isEqualTo(3);
            assertThat(args.offset(2)).isEqualTo(7 + "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\n".length());
            assertThat(argStrings(args)).containsExactly("SET", "key", "value");
        }

        @Test
        void shouldDecodeEmptyBulk()
        {
            assertArgs("*2\r\n$3\r\nGET\r\n$0\r\n\r\n", "GET", "");
            assertThat(args.length(1)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"*0\r\n", "*-1\r\n", "*-5\r\n"})
        void shouldConsumeZeroOrNegativeCountAsEmptyRequest(final String frame)
        {
            assertThat(decode(frame + "*1\r\n$4\r\nPING\r\n")).isEqualTo(frame.length());
            assertThat(args.count()).isZero();
        }

        @Test
        void shouldKeepCarriageReturnsAndLineFeedsInsideBinaryPayload()
        {
            final byte[] payload = {'\r', '\n', 0, (byte)0xFF, '*', '$', '\r', '\n', 0x7F, '\n'};
            final byte[] frame = multibulk(bytes("SET"), bytes("k"), payload);

            final int consumed = decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args);

            assertThat(consumed).isEqualTo(frame.length);
            assertThat(args.bytes(2)).isEqualTo(payload);
        }

        @Test
        void shouldAcceptAllByteValuesInPayload()
        {
            final byte[] payload = new byte[256];
            for (int i = 0; i < 256; i++)
            {
                payload[i] = (byte)i;
            }
            final byte[] frame = multibulk(bytes("SET"), payload, payload);

            assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args)).isEqualTo(frame.length);
            assertThat(args.bytes(1)).isEqualTo(payload);
            assertThat(args.bytes(2)).isEqualTo(payload);
        }

        @Test
        void shouldParseOnlyOneRequestPerCall()
        {
            final String two = "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n";
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes(two));

            final int first = decoder.decode(buffer, 0, two.length(), args);
            assertThat(first).isEqualTo(14);
            assertThat(argStrings(args)).containsExactly("PING");

            final int second = decoder.decode(buffer, first, two.length() - first, args);
            assertThat(second).isEqualTo(two.length() - first);
            assertThat(argStrings(args)).containsExactly("ECHO", "hi");
        }

        @Test
        void shouldNotCheckTheTwoBytesAfterAPayloadAsRedisDoesNot()
        {
            // Redis 7.0 answers "*1\r\n$4\r\nPINGXY" with +PONG: it skips the two bytes unchecked.
            assertArgs("*1\r\n$4\r\nPINGXY", "PING");
        }

        @Test
        void shouldNotCheckTheByteAfterTheCarriageReturnOfALengthLine()
        {
            assertArgs("*1\rX$4\rXPING\r\n", "PING");
        }

        @Test
        void shouldAcceptMultibulkLengthUpToIntMaxAsRedis7Does()
        {
            assertThat(decode("*2147483647\r\n")).isEqualTo(INCOMPLETE);
            decoder.reset();
            assertThat(decode("*1048577\r\n$4\r\nPING\r\n")).isEqualTo(INCOMPLETE);
        }

        @Test
        void shouldRejectMultibulkLengthAboveIntMax()
        {
            assertError("*2147483648\r\n", INVALID_MULTIBULK_LENGTH);
            assertError("*9223372036854775807\r\n", INVALID_MULTIBULK_LENGTH);
        }

        @Test
        void shouldRejectMultibulkLengthAboveConfiguredMaximum()
        {
            decoder.maxMultibulkLength(1024 * 1024);
            assertError("*1048577\r\n", INVALID_MULTIBULK_LENGTH);
            assertThat(decode("*1048576\r\n")).isEqualTo(INCOMPLETE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"*\r\n", "*abc\r\n", "*+1\r\n", "*01\r\n", "* 1\r\n", "*1 \r\n", "*-0\r\n",
            "*1\n\r\n", "*99999999999999999999\r\n", "*-9223372036854775809\r\n"})
        void shouldRejectMultibulkLengthThatIsNotARedisInteger(final String frame)
        {
            assertError(frame, INVALID_MULTIBULK_LENGTH);
        }

        @Test
        void shouldRejectMissingDollarWithTheByteFound()
        {
            assertError("*1\r\nfoo\r\n", "ERR Protocol error: expected '$', got 'f'");
            assertError("*2\r\n$3\r\nGET\r\n:1\r\n", "ERR Protocol error: expected '$', got ':'");
        }

        @Test
        void shouldReportCarriageReturnOrLineFeedAsSpaceInExpectedDollarError()
        {
            assertError("*1\r\n\r\n", "ERR Protocol error: expected '$', got ' '");
            assertError("*1\r\n\n\r\n", "ERR Protocol error: expected '$', got ' '");
        }

        @Test
        void shouldReportNonAsciiByteAsIsInExpectedDollarError()
        {
            assertError(new byte[]{'*', '1', '\r', '\n', (byte)0xFF, '\r', '\n'},
                "ERR Protocol error: expected '$', got '\u00FF'");
        }

        @Test
        void shouldWaitForTheWholeLineBeforeCheckingTheDollar()
        {
            assertThat(decode("*1\r\nfoo")).isEqualTo(INCOMPLETE);
        }

        @Test
        void shouldRejectNegativeBulkLength()
        {
            assertError("*1\r\n$-1\r\n", INVALID_BULK_LENGTH);
            assertError("*2\r\n$3\r\nGET\r\n$-5\r\n", INVALID_BULK_LENGTH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"$\r\n", "$+4\r\n", "$04\r\n", "$-0\r\n", "$4x\r\n", "$ 4\r\n",
            "$99999999999999999999\r\n", "$4\n\r\n"})
        void shouldRejectBulkLengthThatIsNotARedisInteger(final String line)
        {
            assertError("*1\r\n" + line, INVALID_BULK_LENGTH);
        }

        @Test
        void shouldRejectBulkLengthAboveProtoMaxBulkLen()
        {
            assertError("*1\r\n$536870913\r\n", INVALID_BULK_LENGTH);
            assertThat(decode("*1\r\n$536870912\r\n")).isEqualTo(INCOMPLETE);
            assertThat(decoder.pendingBytesHint()).isEqualTo(536870912L + 2);
        }

        @Test
        void shouldHonourConfiguredProtoMaxBulkLen()
        {
            decoder.protoMaxBulkLen(10);
            assertArgs("*1\r\n$10\r\n0123456789\r\n", "0123456789");
            assertError("*1\r\n$11\r\n", INVALID_BULK_LENGTH);
        }

        @Test
        void shouldRefuseBulkThatCannotBeAddressedByIntOffsets()
        {
            decoder.protoMaxBulkLen(Long.MAX_VALUE);
            assertError("*1\r\n$2147483647\r\n", INVALID_BULK_LENGTH);
        }

        @Test
        void shouldRejectMultibulkCountLineLongerThan64KiB()
        {
            final byte[] line = concat(bytes("*"), repeat('1', 65535));
            assertThat(decoder.decode(new UnsafeBuffer(line), 0, line.length, args)).isEqualTo(INCOMPLETE);

            final byte[] longer = concat(line, bytes("1"));
            assertError(longer, TOO_BIG_MBULK);
        }

        @Test
        void shouldParseCountLineWhoseCarriageReturnIsTheLastByteWithinTheLimit()
        {
            // 65536 bytes, then '\r': found within the limit, so it is the number that is invalid.
            final byte[] frame = concat(bytes("*"), repeat('1', 65535), bytes("\r\n"));
            assertError(frame, INVALID_MULTIBULK_LENGTH);
        }

        @Test
        void shouldRejectBulkCountLineLongerThan64KiB()
        {
            final byte[] frame = concat(bytes("*1\r\n$"), repeat('1', 65535));
            assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args)).isEqualTo(INCOMPLETE);
            assertError(concat(frame, bytes("1")), TOO_BIG_BULK);
        }

        @Test
        void shouldTreatNulBeforeTheCarriageReturnAsHidingItLikeRedisStrchr()
        {
            // Redis never sees the '\r' after a NUL: the request waits until 64 KiB, then fails.
            final byte[] frame = bytes("*1\0\r\n$4\r\nPING\r\n");
            assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args)).isEqualTo(INCOMPLETE);

            final byte[] padded = concat(frame, repeat('x', 65537 - frame.length));
            decoder.reset();
            assertError(padded, TOO_BIG_MBULK);

            // The bulk length line starts at offset 4: too big once 65537 bytes follow its start.
            final byte[] head = bytes("*1\r\n$4\0\r\nPING\r\n");
            final byte[] bulkLine = concat(head, repeat('x', 4 + 65537 - head.length));
            assertThat(decoder.decode(new UnsafeBuffer(bulkLine), 0, bulkLine.length - 1, args))
                .isEqualTo(INCOMPLETE);
            assertError(bulkLine, TOO_BIG_BULK);
        }

        @Test
        void shouldAcceptNulAfterTheCarriageReturn()
        {
            assertArgs("*1\r\0$4\r\0PING\r\n", "PING");
        }

        @Test
        void shouldDecodeAThousandArguments()
        {
            final String[] argv = new String[1000];
            for (int i = 0; i < argv.length; i++)
            {
                argv[i] = "arg" + i;
            }
            final byte[] frame = multibulk(argv);

            assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args)).isEqualTo(frame.length);
            assertThat(argStrings(args)).containsExactly(argv);
        }

        @Test
        void shouldTreatAFrameStartingWithStarAsMultibulkEvenInAPipelineOfInline()
        {
            final String pipeline = "PING\r\n*1\r\n$4\r\nECHO\r\nPING\n";
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes(pipeline));
            int offset = 0;
            final List<List<String>> commands = new ArrayList<>();
            while (offset < pipeline.length())
            {
                final int n = decoder.decode(buffer, offset, pipeline.length() - offset, args);
                assertThat(n).isPositive();
                commands.add(argStrings(args));
                offset += n;
            }
            assertThat(commands).containsExactly(List.of("PING"), List.of("ECHO"), List.of("PING"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Inline

    @Nested
    class Inline
    {
        @Test
        void shouldSplitOnSpacesAndTabs()
        {
            assertArgs("SET  key\tvalue \r\n", "SET", "key", "value");
        }

        @Test
        void shouldAcceptLineEndingWithBareLineFeed()
        {
            assertArgs("PING\n", "PING");
        }

        @Test
        void shouldReturnZeroCopyRangesForUnquotedArguments()
        {
            final byte[] frame = bytes("GET mykey\r\n");
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);
            assertThat(decoder.decode(buffer, 0, frame.length, args)).isEqualTo(frame.length);
            assertThat(args.buffer()).isSameAs(buffer);
            assertThat(args.offset(1)).isEqualTo(4);
            assertThat(args.length(1)).isEqualTo(5);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n", "\n", "   \r\n", " \t \n", "\u000B\r\n"})
        void shouldConsumeEmptyOrBlankLineAsEmptyRequest(final String line)
        {
            assertThat(decode(line + "PING\r\n")).isEqualTo(line.length());
            assertThat(args.count()).isZero();
        }

        @Test
        void shouldStripOnlyOneCarriageReturnBeforeTheLineFeed()
        {
            assertArgs("ECHO x\r\r\n", "ECHO", "x");
            assertArgs("ECHO \"x\"\r\r\n", "ECHO", "x");
        }

        @Test
        void shouldSplitOnCarriageReturnInsideTheLine()
        {
            assertArgs("ECHO a\rb\r\n", "ECHO", "a", "b");
        }

        @Test
        void shouldSkipVerticalTabAndFormFeedBetweenArgumentsButKeepThemInsideBareArguments()
        {
            assertArgs("\u000BECHO a\u000Bb\r\n", "ECHO", "a\u000Bb");
            assertArgs("ECHO\u000Cab\r\n", "ECHO\u000Cab");
        }

        @Test
        void shouldUnescapeDoubleQuotedArgument()
        {
            assertArgs("SET k \"a\\n\\r\\t\\b\\a\\\\\\\"z\"\r\n", "SET", "k", "a\n\r\t\b\u0007\\\"z");
        }

        @Test
        void shouldDecodeHexEscapesInDoubleQuotes()
        {
            assertArgs("ECHO \"\\x41\\xaf\\xFF\\x00\"\r\n", "ECHO", "A\u00AF\u00FF\u0000");
        }

        @Test
        void shouldTakeUnknownOrIncompleteEscapesLiterally()
        {
            // Redis replies "aA\nqxZZ" to ECHO "a\x41\n\q\xZZ", and "xaG" to ECHO "\xaG".
            assertArgs("ECHO \"a\\x41\\n\\q\\xZZ\"\r\n", "ECHO", "aA\nqxZZ");
            assertArgs("ECHO \"\\xaG\"\r\n", "ECHO", "xaG");
        }

        @Test
        void shouldUnescapeInPlaceInsideTheLine()
        {
            final byte[] frame = bytes("SET \"a\\x41b\" 'c\\'d' plain\r\n");
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);

            assertThat(decoder.decode(buffer, 0, frame.length, args)).isEqualTo(frame.length);

            assertThat(args.buffer()).isSameAs(buffer);
            assertThat(argStrings(args)).containsExactly("SET", "aAb", "c'd", "plain");
            for (int i = 0; i < args.count(); i++)
            {
                assertThat(args.offset(i)).isBetween(0, frame.length - 2);
                assertThat(args.offset(i) + args.length(i)).isLessThanOrEqualTo(frame.length - 2);
            }
        }

        @Test
        void shouldTakeSingleQuotedArgumentLiterallyExceptEscapedQuote()
        {
            // Redis replies "a'b\n" (backslash, n) to ECHO 'a\'b\n'.
            assertArgs("ECHO 'a\\'b\\n'\r\n", "ECHO", "a'b\\n");
            assertArgs("ECHO 'a\\\\b'\r\n", "ECHO", "a\\\\b");
        }

        @Test
        void shouldKeepBackslashOutsideQuotes()
        {
            assertArgs("ECHO a\\nb\r\n", "ECHO", "a\\nb");
        }

        @Test
        void shouldJoinQuotedPartWithPrecedingBareText()
        {
            assertArgs("ECHO a\"b c\" x\r\n", "ECHO", "ab c", "x");
            assertArgs("SET \"k 1\" 'v 2'\r\n", "SET", "k 1", "v 2");
        }

        @Test
        void shouldKeepEmptyQuotedArguments()
        {
            assertArgs("ECHO \"\"\r\n", "ECHO", "");
            assertArgs("ECHO '' x\r\n", "ECHO", "", "x");
        }

        @Test
        void shouldKeepRawCarriageReturnInsideQuotes()
        {
            assertArgs("ECHO \"a\rb\"\r\n", "ECHO", "a\rb");
        }

        @Test
        void shouldAcceptAnyWhitespaceAfterClosingQuote()
        {
            assertArgs("ECHO \"a\"\tx\r\n", "ECHO", "a", "x");
            assertArgs("ECHO \"a\"\u000B\r\n", "ECHO", "a");
            assertArgs("ECHO 'a'\rx\r\n", "ECHO", "a", "x");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ECHO \"a\"b\r\n", "ECHO 'a'b\r\n", "ECHO a\"b c\"d\r\n", "ECHO \"abc\r\n",
            "ECHO 'abc\r\n", "ECHO \"abc\\\"\r\n", "ECHO \"a\\\r\n", "ECHO 'a\\'\r\n", "\"\r\n"})
        void shouldRejectUnbalancedQuotes(final String line)
        {
            assertError(line, UNBALANCED);
        }

        @Test
        void shouldAcceptLineOf64KiBEndingWithBareLineFeed()
        {
            final byte[] frame = concat(bytes("ECHO "), repeat('a', 65536 - 5), bytes("\n"));
            final UnsafeBuffer buffer = new UnsafeBuffer(frame);
            assertThat(decoder.decode(buffer, 0, frame.length, args)).isEqualTo(frame.length);
            assertThat(args.length(1)).isEqualTo(65531);
        }

        @Test
        void shouldRejectLineLongerThan64KiB()
        {
            final byte[] line = concat(bytes("ECHO "), repeat('a', 65536 - 5));
            assertThat(decoder.decode(new UnsafeBuffer(line), 0, line.length, args)).isEqualTo(INCOMPLETE);
            // The '\r' of "\r\n" is the 65537th byte without a newline: Redis refuses it.
            assertError(concat(line, bytes("\r\n")), TOO_BIG_INLINE);
            assertError(concat(line, bytes("a")), TOO_BIG_INLINE);
            // Even if the newline is there already: same result as when the bytes trickle in.
            assertError(concat(line, repeat('a', 5000), bytes("\r\n")), TOO_BIG_INLINE);
        }

        @Test
        void shouldTreatNulBeforeTheNewlineAsHidingItLikeRedisStrchr()
        {
            final byte[] frame = bytes("ECHO a\0b\r\nPING\r\n");
            assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, args)).isEqualTo(INCOMPLETE);
            decoder.reset();
            assertError(concat(frame, repeat('x', 65537 - frame.length)), TOO_BIG_INLINE);
            assertError(bytes("\0PING\r\n" + "x".repeat(65537)), TOO_BIG_INLINE);
        }

        @Test
        void shouldCopyQuotedLineToScratchWhenTheBufferIsReadOnly()
        {
            final byte[] frame = bytes("SET \"a\\x41\" plain\r\n");
            final DirectBuffer readOnly = readOnly(new UnsafeBuffer(frame.clone()));

            assertThat(decoder.decode(readOnly, 0, frame.length, args)).isEqualTo(frame.length);

            assertThat(argStrings(args)).containsExactly("SET", "aA", "plain");
            assertThat(readOnly.getByte(5)).isEqualTo((byte)'a');
            assertThat(readOnly.getByte(6)).isEqualTo((byte)'\\');
        }

        @Test
        void shouldUseReadOnlyBufferDirectlyWhenNoQuotes()
        {
            final byte[] frame = bytes("GET key\r\n");
            final DirectBuffer readOnly = readOnly(new UnsafeBuffer(frame));

            assertThat(decoder.decode(readOnly, 0, frame.length, args)).isEqualTo(frame.length);

            assertThat(args.buffer()).isSameAs(readOnly);
            assertThat(argStrings(args)).containsExactly("GET", "key");
        }
    }

    static long seed()
    {
        return Long.getLong("anax.test.seed", System.nanoTime());
    }

    static DirectBuffer readOnly(final UnsafeBuffer delegate)
    {
        return (DirectBuffer)Proxy.newProxyInstance(
            RespDecoderTest.class.getClassLoader(),
            new Class<?>[]{DirectBuffer.class},
            (proxy, method, methodArgs) -> method.invoke(delegate, methodArgs));
    }

    // ---------------------------------------------------------------------------------------------
    // Resumption

    @Nested
    class Resumption
    {
        @Test
        void shouldDecodeEveryCorpusFrameIdenticallyWhenFedOneByteAtATime()
        {
            for (final byte[] frame : corpus())
            {
                final Outcome expected = new RespDecoderTest().whole(frame);
                final Outcome actual = feedByteByByte(frame);
                assertThat(actual).as("frame %s", printable(frame)).isEqualTo(expected);
            }
        }

        @Test
        void shouldDecodeEveryCorpusFrameIdenticallyInRandomChunksAtMovingOffsets()
        {
            final long seed = seed();
            System.out.println("RespDecoderTest random chunks seed = " + seed + "L (rerun with -Danax.test.seed=" + seed + ")");
            final Random random = new Random(seed);
            for (int round = 0; round < 20; round++)
            {
                for (final byte[] frame : corpus())
                {
                    final Outcome expected = new RespDecoderTest().whole(frame);
                    final Outcome actual = feedInChunks(frame, random);
                    assertThat(actual).as("seed %dL, frame %s", seed, printable(frame)).isEqualTo(expected);
                }
            }
        }

        @Test
        void shouldDecodeAPipelineIdenticallyWhateverTheReadSizes()
        {
            final long seed = seed();
            System.out.println("RespDecoderTest pipeline seed = " + seed + "L (rerun with -Danax.test.seed=" + seed + ")");
            final Random random = new Random(seed);

            final ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (final byte[] frame : corpus())
            {
                if (new RespDecoderTest().whole(frame).result > 0)
                {
                    stream.writeBytes(frame);
                }
            }
            final byte[] pipeline = stream.toByteArray();

            final List<List<String>> expected = drain(pipeline, new int[]{pipeline.length}, new Random(0));
            assertThat(expected).hasSizeGreaterThan(15);
            for (int round = 0; round < 30; round++)
            {
                final int[] reads = randomReads(pipeline.length, random, 1 + random.nextInt(64));
                assertThat(drain(pipeline, reads, random)).as("seed %dL", seed).isEqualTo(expected);
            }
            assertThat(drain(pipeline, oneByteReads(pipeline.length), random)).isEqualTo(expected);
        }

        @Test
        void shouldResumeAfterTheFrameMovedToAnotherOffsetAndBuffer()
        {
            final byte[] frame = multibulk("SET", "key", "a-value-long-enough");
            final UnsafeBuffer first = new UnsafeBuffer(new byte[64]);
            first.putBytes(40, frame, 0, 20);
            assertThat(decoder.decode(first, 40, 20, args)).isEqualTo(INCOMPLETE);

            final UnsafeBuffer second = new UnsafeBuffer(new byte[frame.length + 3]);
            second.putBytes(3, frame);
            assertThat(decoder.decode(second, 3, frame.length, args)).isEqualTo(frame.length);
            assertThat(args.buffer()).isSameAs(second);
            assertThat(args.offset(0)).isEqualTo(3 + 8);
            assertThat(argStrings(args)).containsExactly("SET", "key", "a-value-long-enough");
        }

        @Test
        void shouldNotRescanBulkPayloadWhileWaitingForMoreBytes()
        {
            final byte[] payload = repeat('v', 1 << 20);
            final byte[] frame = multibulk(bytes("SET"), bytes("k"), payload);
            final CountingBuffer buffer = new CountingBuffer(frame);

            int length = 0;
            int result = INCOMPLETE;
            int calls = 0;
            while (result == INCOMPLETE)
            {
                length = Math.min(frame.length, length + 1024);
                result = decoder.decode(buffer, 0, length, args);
                calls++;
            }

            assertThat(result).isEqualTo(frame.length);
            assertThat(calls).isGreaterThan(1000);
            // Every header byte is read about once; the payload is never read.
            assertThat(buffer.reads).isLessThan(100);
        }

        @Test
        void shouldNotRescanALineWhileWaitingForItsEnd()
        {
            final byte[] frame = concat(bytes("ECHO "), repeat('a', 60000), bytes("\r\n"));
            final CountingBuffer buffer = new CountingBuffer(frame);
            for (int length = 1; length < frame.length; length++)
            {
                assertThat(decoder.decode(buffer, 0, length, args)).isEqualTo(INCOMPLETE);
            }
            assertThat(decoder.decode(buffer, 0, frame.length, args)).isEqualTo(frame.length);
            // One scan for the newline, one pass to split the line: not 60000 * 60000 / 2.
            assertThat(buffer.reads).isLessThan(3L * frame.length);
        }

        @Test
        void shouldNotRescanALengthLineWhileWaitingForItsEnd()
        {
            final byte[] frame = concat(bytes("*1\r\n$"), repeat('1', 60000), bytes("\r\n"));
            final CountingBuffer buffer = new CountingBuffer(frame);
            for (int length = 1; length < frame.length; length++)
            {
                assertThat(decoder.decode(buffer, 0, length, args)).isEqualTo(INCOMPLETE);
            }
            assertThat(decoder.decode(buffer, 0, frame.length, args)).isEqualTo(PROTOCOL_ERROR);
            assertThat(decoder.errorMessage()).isEqualTo(INVALID_BULK_LENGTH);
            assertThat(buffer.reads).isLessThan(2L * frame.length);
        }

        @Test
        void shouldHintTheBytesALargeBulkStillNeeds()
        {
            final String header = "*2\r\n$3\r\nGET\r\n$1000\r\n";
            final byte[] partial = concat(bytes(header), repeat('x', 100));
            assertThat(decoder.decode(new UnsafeBuffer(partial), 0, partial.length, args)).isEqualTo(INCOMPLETE);
            assertThat(decoder.pendingBytesHint()).isEqualTo(1000 + 2 - 100);

            final byte[] more = concat(partial, repeat('x', 900));
            assertThat(decoder.decode(new UnsafeBuffer(more), 0, more.length, args)).isEqualTo(INCOMPLETE);
            assertThat(decoder.pendingBytesHint()).isEqualTo(2);
        }

        @Test
        void shouldHintNothingWhileWaitingForALine()
        {
            assertThat(decode("*2\r\n$3")).isEqualTo(INCOMPLETE);
            assertThat(decoder.pendingBytesHint()).isZero();
            decoder.reset();
            assertThat(decode("GET ke")).isEqualTo(INCOMPLETE);
            assertThat(decoder.pendingBytesHint()).isZero();
        }

        @Test
        void shouldForgetProgressOnReset()
        {
            assertThat(decode("*2\r\n$3\r\nGET\r\n")).isEqualTo(INCOMPLETE);
            decoder.reset();
            assertArgs("PING\r\n", "PING");
        }

        @Test
        void shouldStartOverWhenGivenFewerBytesThanItAlreadyValidated()
        {
            assertThat(decode("*2\r\n$3\r\nGET\r\n$3\r\n")).isEqualTo(INCOMPLETE);
            assertArgs("PING\n", "PING");
        }

        @Test
        void shouldBeReadyForANewFrameAfterAnError()
        {
            assertThat(decode("*2\r\n$3\r\nGET\r\nxx\r\n")).isEqualTo(PROTOCOL_ERROR);
            assertArgs("*1\r\n$4\r\nPING\r\n", "PING");
            assertThat(decoder.errorMessage()).isEqualTo("ERR Protocol error: expected '$', got 'x'");
        }

        @Test
        void shouldReturnIncompleteForNoBytes()
        {
            assertThat(decoder.decode(new UnsafeBuffer(new byte[4]), 0, 0, args)).isEqualTo(INCOMPLETE);
        }

        @Test
        void shouldLeaveArgsUntouchedWhenIncomplete()
        {
            assertArgs("PING\r\n", "PING");
            assertThat(decode("*1\r\n$4\r\nPI")).isEqualTo(INCOMPLETE);
            assertThat(argStrings(args)).containsExactly("PING");
        }
    }

    @Test
    void shouldNotAllocateOnTheSteadyStatePath()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final byte[] pipeline = concat(
            multibulk("SET", "key:000001", "value"), multibulk("GET", "key:000001"),
            bytes("INCR counter\r\n"), bytes("ECHO \"a\\x41b\"\r\n"), multibulk("MSET", "a", "1", "b", "2"));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[pipeline.length]);
        final UnsafeBuffer pristine = new UnsafeBuffer(pipeline);

        for (int i = 0; i < 20_000; i++)
        {
            runPipeline(buffer, pristine, pipeline.length);
        }
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        int total = 0;
        for (int i = 0; i < 10_000; i++)
        {
            total += runPipeline(buffer, pristine, pipeline.length);
        }
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(total).isEqualTo(10_000 * 5);
        assertThat(allocated).as("bytes allocated by 50000 decodes").isLessThan(4096);
    }

    private int runPipeline(final UnsafeBuffer buffer, final UnsafeBuffer pristine, final int length)
    {
        buffer.putBytes(0, pristine, 0, length);
        int offset = 0;
        int commands = 0;
        while (offset < length)
        {
            // Feed each frame in two steps so that the resumable path is measured too.
            int n = decoder.decode(buffer, offset, Math.min(7, length - offset), args);
            if (n == INCOMPLETE)
            {
                n = decoder.decode(buffer, offset, length - offset, args);
            }
            if (n <= 0)
            {
                throw new AssertionError("unexpected " + n);
            }
            offset += n;
            commands += args.count() > 0 ? 1 : 0;
        }
        return commands;
    }

    @Test
    void shouldRejectNegativeLimits()
    {
        assertThatThrownBy(() -> decoder.protoMaxBulkLen(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.maxMultibulkLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // Corpus and feeders

    static List<byte[]> corpus()
    {
        final List<byte[]> corpus = new ArrayList<>();
        final String[] text = {
            "*1\r\n$4\r\nPING\r\n",
            "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
            "*2\r\n$3\r\nGET\r\n$0\r\n\r\n",
            "*0\r\n", "*-1\r\n", "*-5\r\n",
            "*1\r\n$4\r\nPINGXY",
            "*1\rX$4\rXPING\r\n",
            "*1\r\0$4\r\0PING\r\n",
            "*2\r\n$4\r\nECHO\r\n$6\r\n\r\n\r\n\r\n\r\n",
            "*2147483648\r\n", "*abc\r\n", "*+1\r\n", "*01\r\n", "*\r\n", "*-0\r\n",
            "*1\r\nfoo\r\n", "*1\r\n\r\n", "*1\r\n\n\r\n",
            "*1\r\n$-1\r\n", "*1\r\n$+4\r\nPING\r\n", "*1\r\n$04\r\n", "*1\r\n$\r\n",
            "*1\r\n$536870913\r\n", "*1\r\n$99999999999999999999\r\n",
            "PING\r\n", "PING\n", "\r\n", "\n", "  \t \r\n",
            "SET  key\tvalue \r\n",
            "SET k \"a\\n\\r\\t\\b\\a\\\\\\\"z\"\r\n",
            "ECHO \"\\x41\\xaf\\xFF\\x00\\xZZ\\q\"\r\n",
            "ECHO 'a\\'b\\n'\r\n",
            "ECHO a\"b c\" x\r\n",
            "ECHO \"\" '' x\r\n",
            "ECHO x\r\r\n", "ECHO a\rb\r\n", "ECHO \"a\rb\"\r\n",
            "ECHO \"a\"b\r\n", "ECHO 'a'b\r\n", "ECHO \"abc\r\n", "ECHO 'abc\r\n", "ECHO \"a\\\r\n",
        };
        for (final String t : text)
        {
            corpus.add(bytes(t));
        }
        final byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++)
        {
            binary[i] = (byte)(i * 7);
        }
        corpus.add(multibulk(bytes("SET"), bytes("bin"), binary));
        corpus.add(multibulk(bytes("SET"), bytes("big"), repeat('z', 100_000)));
        final String[] many = new String[200];
        for (int i = 0; i < many.length; i++)
        {
            many[i] = "m" + i;
        }
        corpus.add(multibulk(many));
        corpus.add(concat(bytes("ECHO "), repeat('a', 65531), bytes("\n")));
        corpus.add(concat(bytes("ECHO "), repeat('a', 65531), bytes("\r\n")));
        corpus.add(concat(bytes("*"), repeat('1', 65536)));
        corpus.add(concat(bytes("*"), repeat('1', 65535), bytes("\r\n")));
        corpus.add(concat(bytes("*1\r\n$"), repeat('1', 65536)));
        corpus.add(concat(bytes("*1\0\r\n"), repeat('x', 65537)));
        corpus.add(concat(bytes("ECHO a\0b\r\n"), repeat('x', 65537)));
        return corpus;
    }

    /**
     * Feed a frame with one more byte on each call, in one buffer.
     */
    private static Outcome feedByteByByte(final byte[] frame)
    {
        final RespDecoder decoder = new RespDecoder();
        final CommandArgs args = new CommandArgs();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length]);
        for (int length = 1; length <= frame.length; length++)
        {
            buffer.putByte(length - 1, frame[length - 1]);
            final int result = decoder.decode(buffer, 0, length, args);
            if (result != INCOMPLETE)
            {
                return outcome(decoder, result, args);
            }
        }
        return outcome(decoder, INCOMPLETE, args);
    }

    /**
     * Feed a frame in random chunks, moving it to a new buffer at a new offset between calls.
     */
    private static Outcome feedInChunks(final byte[] frame, final Random random)
    {
        final RespDecoder decoder = new RespDecoder();
        final CommandArgs args = new CommandArgs();
        final int maxChunk = 1 + random.nextInt(Math.max(1, Math.min(frame.length, 20_000)));
        int length = 0;
        while (true)
        {
            length = Math.min(frame.length, length + 1 + random.nextInt(maxChunk));
            final int offset = random.nextInt(16);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + length + random.nextInt(8)]);
            buffer.putBytes(offset, frame, 0, length);
            final int result = decoder.decode(buffer, offset, length, args);
            if (result != INCOMPLETE || length == frame.length)
            {
                return outcome(decoder, result, args);
            }
        }
    }

    private static int[] oneByteReads(final int total)
    {
        final int[] reads = new int[total];
        Arrays.fill(reads, 1);
        return reads;
    }

    private static int[] randomReads(final int total, final Random random, final int maxRead)
    {
        final List<Integer> reads = new ArrayList<>();
        int left = total;
        while (left > 0)
        {
            final int n = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? maxRead : 4096));
            reads.add(n);
            left -= n;
        }
        return reads.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Simulate a connection: bytes arrive in reads into a query buffer that is compacted (the
     * unparsed tail moved to offset 0) whenever a command was consumed.
     */
    private static List<List<String>> drain(final byte[] stream, final int[] reads, final Random random)
    {
        final RespDecoder decoder = new RespDecoder();
        final CommandArgs args = new CommandArgs();
        final MutableDirectBuffer query = new UnsafeBuffer(new byte[stream.length + 16]);
        final List<List<String>> commands = new ArrayList<>();
        int start = 0;
        int end = 0;
        int streamPos = 0;
        for (final int read : reads)
        {
            query.putBytes(end, stream, streamPos, read);
            end += read;
            streamPos += read;
            while (start < end)
            {
                final int n = decoder.decode(query, start, end - start, args);
                assertThat(n).isNotEqualTo(PROTOCOL_ERROR);
                if (n == INCOMPLETE)
                {
                    break;
                }
                if (args.count() > 0)
                {
                    commands.add(argStrings(args));
                }
                start += n;
            }
            if (random.nextBoolean() && start > 0)
            {
                query.putBytes(0, query, start, end - start);
                end -= start;
                start = 0;
            }
        }
        assertThat(start).isEqualTo(end);
        return commands;
    }

    /**
     * Counts the bytes read through {@link #getByte(int)}.
     */
    static final class CountingBuffer extends UnsafeBuffer
    {
        long reads;

        CountingBuffer(final byte[] bytes)
        {
            super(bytes);
        }

        @Override
        public byte getByte(final int index)
        {
            reads++;
            return super.getByte(index);
        }
    }
}
