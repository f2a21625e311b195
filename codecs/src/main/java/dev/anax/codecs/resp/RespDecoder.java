package dev.anax.codecs.resp;

import dev.anax.codecs.Bytes;
import dev.anax.codecs.CommandArgs;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Incremental, zero-copy decoder of Redis client requests with the semantics of Redis 7.0's query
 * buffer processing: a request is either a multibulk ({@code *<n>\r\n} then n times
 * {@code $<len>\r\n<bytes>\r\n}) or an inline line split with the quoting rules of
 * {@code redis-cli}/{@code sdssplitargs}.
 * <p>
 * Behaviour reproduced from Redis 7.0 (and checked against a real 7.0 server):
 * <ul>
 *   <li>The multibulk count must be a Redis integer no greater than {@code INT_MAX} (configurable
 *       with {@link #maxMultibulkLength(int)}); zero or a negative count (e.g. {@code *-1},
 *       {@code *-5}) is consumed as an empty request.</li>
 *   <li>A count or bulk length line ends at its first {@code '\r'}; the byte after it is skipped
 *       unchecked, and so are the two bytes after a bulk payload (Redis does not verify they are
 *       {@code "\r\n"}).</li>
 *   <li>Redis looks for line terminators with {@code strchr}, which stops at a NUL byte: a NUL in
 *       a count/length line or in an inline line before its terminator means the terminator is
 *       never seen and the request only ends with one of the "too big" errors below.</li>
 *   <li>"Too big" errors ({@code too big mbulk count string}, {@code too big bulk count string},
 *       {@code too big inline request}) are raised when more than 64 KiB follow the start of a
 *       line without its terminator. Redis checks this after each socket read, so its outcome for
 *       lines of 64-80 KiB depends on how the bytes were chunked; this decoder always behaves as
 *       Redis does when the bytes arrive slowly, so that the result does not depend on
 *       chunking: a line is too big when its terminator is not within its first 65537 bytes.</li>
 *   <li>Inline lines end with {@code "\n"} or {@code "\r\n"}; an empty or blank line is an empty
 *       request.</li>
 * </ul>
 * The decoder is resumable: when a request is incomplete it remembers, relative to the start of
 * the frame, what it has already validated (complete arguments, the line being scanned, the bulk
 * being waited for), so callers may call again with more bytes and even after moving the frame to
 * another offset or buffer. The steady state does not allocate. Not thread safe.
 */
public final class RespDecoder
{
    /**
     * More bytes are needed.
     */
    public static final int INCOMPLETE = 0;

    /**
     * The request is malformed: {@link #errorMessage()} tells why; the caller replies
     * {@code "-" + message} and closes the connection.
     */
    public static final int PROTOCOL_ERROR = -1;

    /**
     * Redis's {@code PROTO_INLINE_MAX_SIZE}: the most bytes a line may span without its terminator.
     */
    public static final int INLINE_MAX_SIZE = 64 * 1024;

    /**
     * Redis's default {@code proto-max-bulk-len}.
     */
    public static final long DEFAULT_PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    /**
     * Redis 7.0 accepts multibulk counts up to {@code INT_MAX}.
     */
    public static final int DEFAULT_MAX_MULTIBULK_LENGTH = Integer.MAX_VALUE;

    static final String ERR_INVALID_MULTIBULK_LENGTH = "ERR Protocol error: invalid multibulk length";
    static final String ERR_INVALID_BULK_LENGTH = "ERR Protocol error: invalid bulk length";
    static final String ERR_TOO_BIG_MBULK_COUNT = "ERR Protocol error: too big mbulk count string";
    static final String ERR_TOO_BIG_BULK_COUNT = "ERR Protocol error: too big bulk count string";
    static final String ERR_TOO_BIG_INLINE = "ERR Protocol error: too big inline request";
    static final String ERR_UNBALANCED_QUOTES = "ERR Protocol error: unbalanced quotes in request";

    private static final int STATE_START = 0;
    private static final int STATE_INLINE = 1;
    private static final int STATE_MULTIBULK_COUNT = 2;
    private static final int STATE_BULK_LENGTH = 3;
    private static final int STATE_BULK_PAYLOAD = 4;

    /**
     * Sentinel of the inline tokenizer for "past the end of the line" (C's terminating NUL).
     */
    private static final int END = -1;

    private long protoMaxBulkLen = DEFAULT_PROTO_MAX_BULK_LEN;
    private int maxMultibulkLength = DEFAULT_MAX_MULTIBULK_LENGTH;

    // Progress through the current frame; every position is relative to the frame start.
    private int state = STATE_START;
    private int lineStart;
    private int scanPos;
    private int terminatorPos = -1;
    private boolean lineBlocked;
    private int remainingArgs;
    private long bulkLength;
    private int argCount;
    private int[] argOffsets = new int[16];
    private int[] argLengths = new int[16];

    private long pendingBytesHint;
    private String errorMessage;
    private final long[] parsed = new long[1];
    private ExpandableArrayBuffer scratch;

    /**
     * A decoder with Redis's defaults: proto-max-bulk-len 512 MiB, inline/line limit 64 KiB,
     * multibulk counts up to {@code INT_MAX}.
     */
    public RespDecoder()
    {
    }

    /**
     * The largest bulk length accepted (Redis's {@code proto-max-bulk-len}).
     *
     * @param v the limit in bytes, not negative.
     * @return this.
     */
    public RespDecoder protoMaxBulkLen(final long v)
    {
        if (v < 0)
        {
            throw new IllegalArgumentException("protoMaxBulkLen must not be negative: " + v);
        }
        protoMaxBulkLen = v;
        return this;
    }

    /**
     * The largest multibulk count accepted. Redis 7.0 accepts up to {@code INT_MAX}, the default.
     *
     * @param v the limit, not negative.
     * @return this.
     */
    public RespDecoder maxMultibulkLength(final int v)
    {
        if (v < 0)
        {
            throw new IllegalArgumentException("maxMultibulkLength must not be negative: " + v);
        }
        maxMultibulkLength = v;
        return this;
    }

    /**
     * Parse at most one request starting at {@code buffer[offset]}, with {@code length} readable
     * bytes.
     * <p>
     * Returns the number of bytes consumed (&gt;0) when one full request was parsed: {@code args}
     * was reset and holds its arguments as ranges of {@code buffer} (zero copy). An empty or blank
     * inline line, or a multibulk with a count of zero or less, is consumed with
     * {@code args.count() == 0}: the caller skips it.
     * <p>
     * Inline arguments written with quotes or escapes are unescaped in place, inside the bytes of
     * their line, when {@code buffer} is a {@link MutableDirectBuffer}; otherwise the line is
     * copied to a scratch buffer owned by this decoder and {@code args} refers to that buffer
     * (valid until the next call).
     * <p>
     * Returns {@link #INCOMPLETE} when more bytes are needed: the decoder keeps its progress, so
     * the next call must pass the same frame (it may have moved to another offset or buffer) with
     * at least as many bytes. Returns {@link #PROTOCOL_ERROR} on a protocol error. In both cases
     * {@code args} is left untouched. After a complete request or an error the decoder is ready for
     * the next frame.
     *
     * @param buffer holding the frame.
     * @param offset of the first byte of the frame.
     * @param length readable bytes from {@code offset}.
     * @param args   receives the arguments of a complete request.
     * @return bytes consumed, {@link #INCOMPLETE} or {@link #PROTOCOL_ERROR}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final CommandArgs args)
    {
        pendingBytesHint = 0;
        if (length <= 0)
        {
            return INCOMPLETE;
        }
        if (state != STATE_START && length < scanPos)
        {
            // The caller gave fewer bytes than were already validated: not the same frame. Start over.
            reset();
        }

        while (true)
        {
            switch (state)
            {
                case STATE_START:
                    lineStart = 0;
                    terminatorPos = -1;
                    lineBlocked = false;
                    argCount = 0;
                    if (buffer.getByte(offset) == '*')
                    {
                        state = STATE_MULTIBULK_COUNT;
                        scanPos = 1;
                    }
                    else
                    {
                        state = STATE_INLINE;
                        scanPos = 0;
                    }
                    break;

                case STATE_INLINE:
                    return decodeInline(buffer, offset, length, args);

                case STATE_MULTIBULK_COUNT:
                {
                    if (!findLineEnd(buffer, offset, length))
                    {
                        return lineIncompleteOrTooBig(length, ERR_TOO_BIG_MBULK_COUNT);
                    }
                    final int cr = terminatorPos;
                    final int digits = lineStart + 1;
                    if (!Bytes.parseLong(buffer, offset + digits, cr - digits, parsed) ||
                        parsed[0] > maxMultibulkLength)
                    {
                        return error(ERR_INVALID_MULTIBULK_LENGTH);
                    }
                    final long count = parsed[0];
                    final int next = cr + 2;
                    if (count <= 0)
                    {
                        return complete(buffer, offset, next, args);
                    }
                    remainingArgs = (int)count;
                    startLine(next, STATE_BULK_LENGTH);
                    break;
                }

                case STATE_BULK_LENGTH:
                {
                    if (!findLineEnd(buffer, offset, length))
                    {
                        return lineIncompleteOrTooBig(length, ERR_TOO_BIG_BULK_COUNT);
                    }
                    final int cr = terminatorPos;
                    final byte marker = buffer.getByte(offset + lineStart);
                    if (marker != '$')
                    {
                        return error(expectedDollar(marker));
                    }
                    final int digits = lineStart + 1;
                    if (!Bytes.parseLong(buffer, offset + digits, cr - digits, parsed) ||
                        parsed[0] < 0 || parsed[0] > protoMaxBulkLen ||
                        cr + 2L + parsed[0] + 2 > Integer.MAX_VALUE)
                    {
                        // The last test: a frame longer than int offsets can address is refused.
                        return error(ERR_INVALID_BULK_LENGTH);
                    }
                    bulkLength = parsed[0];
                    startLine(cr + 2, STATE_BULK_PAYLOAD);
                    break;
                }

                case STATE_BULK_PAYLOAD:
                {
                    final long end = lineStart + bulkLength + 2;
                    if (length < end)
                    {
                        pendingBytesHint = end - length;
                        return INCOMPLETE;
                    }
                    addArg(lineStart, (int)bulkLength);
                    if (--remainingArgs == 0)
                    {
                        return complete(buffer, offset, (int)end, args);
                    }
                    startLine((int)end, STATE_BULK_LENGTH);
                    break;
                }

                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    /**
     * Why the last {@link #PROTOCOL_ERROR} was returned, e.g.
     * {@code "ERR Protocol error: invalid multibulk length"}: no leading '-', no CRLF, CR and LF
     * replaced by spaces as Redis does.
     *
     * @return the message of the last error, null if there was none.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Forget the progress made through a partial frame.
     */
    public void reset()
    {
        state = STATE_START;
        lineStart = 0;
        scanPos = 0;
        terminatorPos = -1;
        lineBlocked = false;
        remainingArgs = 0;
        bulkLength = 0;
        argCount = 0;
        pendingBytesHint = 0;
    }

    /**
     * Bytes the current incomplete request still needs at least beyond those given to the last
     * {@link #decode} call (known while waiting for a bulk payload), so the caller can grow its
     * buffer once.
     *
     * @return bytes still needed, 0 if unknown.
     */
    public long pendingBytesHint()
    {
        return pendingBytesHint;
    }

    private void startLine(final int start, final int nextState)
    {
        lineStart = start;
        scanPos = start;
        terminatorPos = -1;
        lineBlocked = false;
        state = nextState;
    }

    /**
     * Find the '\r' that ends the line at {@code lineStart} as Redis's {@code strchr} would, and
     * check that one more byte follows it.
     */
    private boolean findLineEnd(final DirectBuffer buffer, final int offset, final int length)
    {
        if (terminatorPos < 0 && !lineBlocked)
        {
            final int limit = (int)Math.min(length, (long)lineStart + INLINE_MAX_SIZE + 1);
            int i = scanPos;
            for (; i < limit; i++)
            {
                final byte b = buffer.getByte(offset + i);
                if (b == '\r')
                {
                    terminatorPos = i;
                    break;
                }
                if (b == 0)
                {
                    lineBlocked = true;
                    break;
                }
            }
            scanPos = i;
        }
        return terminatorPos >= 0 && terminatorPos + 1 < length;
    }

    private int lineIncompleteOrTooBig(final int length, final String tooBig)
    {
        if (terminatorPos < 0 && length - lineStart > INLINE_MAX_SIZE)
        {
            return error(tooBig);
        }
        return INCOMPLETE;
    }

    private int decodeInline(final DirectBuffer buffer, final int offset, final int length, final CommandArgs args)
    {
        if (!lineBlocked)
        {
            final int limit = Math.min(length, INLINE_MAX_SIZE + 1);
            int i = scanPos;
            for (; i < limit; i++)
            {
                final byte b = buffer.getByte(offset + i);
                if (b == '\n')
                {
                    return parseInline(buffer, offset, i, args);
                }
                if (b == 0)
                {
                    lineBlocked = true;
                    break;
                }
            }
            scanPos = i;
        }
        if (length > INLINE_MAX_SIZE)
        {
            return error(ERR_TOO_BIG_INLINE);
        }
        return INCOMPLETE;
    }

    /**
     * Split one inline line (the newline at {@code newline}) into arguments with the rules of
     * Redis's {@code sdssplitargs}, unescaping quoted arguments in place.
     */
    private int parseInline(final DirectBuffer buffer, final int offset, final int newline, final CommandArgs args)
    {
        int lineLength = newline;
        if (lineLength > 0 && buffer.getByte(offset + lineLength - 1) == '\r')
        {
            lineLength--;
        }

        DirectBuffer src = buffer;
        int base = offset;
        MutableDirectBuffer out = null;
        if (buffer instanceof MutableDirectBuffer)
        {
            out = (MutableDirectBuffer)buffer;
        }
        else if (containsQuote(buffer, offset, lineLength))
        {
            if (scratch == null)
            {
                scratch = new ExpandableArrayBuffer(Math.max(64, lineLength));
            }
            scratch.putBytes(0, buffer, offset, lineLength);
            src = scratch;
            out = scratch;
            base = 0;
        }

        argCount = 0;
        final int end = base + lineLength;
        int p = base;
        while (true)
        {
            while (p < end && isSpace(src.getByte(p)))
            {
                p++;
            }
            if (p >= end)
            {
                break;
            }

            final int start = p;
            int w = p;
            boolean inDoubleQuotes = false;
            boolean inSingleQuotes = false;
            boolean done = false;
            while (!done)
            {
                final int c = at(src, p, end);
                int emit = END;
                if (inDoubleQuotes)
                {
                    if (c == '\\' && at(src, p + 1, end) == 'x' &&
                        isHexDigit(at(src, p + 2, end)) && isHexDigit(at(src, p + 3, end)))
                    {
                        emit = (hexValue(at(src, p + 2, end)) << 4) | hexValue(at(src, p + 3, end));
                        p += 3;
                    }
                    else if (c == '\\' && at(src, p + 1, end) != END)
                    {
                        p++;
                        emit = unescape(at(src, p, end));
                    }
                    else if (c == '"')
                    {
                        final int next = at(src, p + 1, end);
                        if (next != END && !isSpace((byte)next))
                        {
                            return error(ERR_UNBALANCED_QUOTES);
                        }
                        done = true;
                    }
                    else if (c == END)
                    {
                        return error(ERR_UNBALANCED_QUOTES);
                    }
                    else
                    {
                        emit = c;
                    }
                }
                else if (inSingleQuotes)
                {
                    if (c == '\\' && at(src, p + 1, end) == '\'')
                    {
                        p++;
                        emit = '\'';
                    }
                    else if (c == '\'')
                    {
                        final int next = at(src, p + 1, end);
                        if (next != END && !isSpace((byte)next))
                        {
                            return error(ERR_UNBALANCED_QUOTES);
                        }
                        done = true;
                    }
                    else if (c == END)
                    {
                        return error(ERR_UNBALANCED_QUOTES);
                    }
                    else
                    {
                        emit = c;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case ' ':
                        case '\n':
                        case '\r':
                        case '\t':
                        case END:
                            done = true;
                            break;
                        case '"':
                            inDoubleQuotes = true;
                            break;
                        case '\'':
                            inSingleQuotes = true;
                            break;
                        default:
                            emit = c;
                            break;
                    }
                }

                if (emit != END)
                {
                    // The output never gets ahead of the input: w <= p always.
                    if (w != p)
                    {
                        out.putByte(w, (byte)emit);
                    }
                    w++;
                }
                if (c != END)
                {
                    p++;
                }
            }
            addArg(start - base, w - start);
        }

        final int consumed = newline + 1;
        args.reset(src);
        final int argsBase = src == buffer ? offset : 0;
        for (int i = 0; i < argCount; i++)
        {
            args.add(argsBase + argOffsets[i], argLengths[i]);
        }
        reset();
        return consumed;
    }

    private static boolean containsQuote(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == '"' || b == '\'')
            {
                return true;
            }
        }
        return false;
    }

    private static int at(final DirectBuffer buffer, final int index, final int end)
    {
        return index < end ? buffer.getByte(index) & 0xFF : END;
    }

    /**
     * C's {@code isspace} in the "C" locale.
     */
    private static boolean isSpace(final byte b)
    {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isHexDigit(final int c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(final int c)
    {
        if (c <= '9')
        {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    private static int unescape(final int c)
    {
        switch (c)
        {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'a':
                return 0x07;
            default:
                return c;
        }
    }

    private void addArg(final int relativeOffset, final int length)
    {
        if (argCount == argOffsets.length)
        {
            final int newCapacity = argOffsets.length << 1;
            argOffsets = Arrays.copyOf(argOffsets, newCapacity);
            argLengths = Arrays.copyOf(argLengths, newCapacity);
        }
        argOffsets[argCount] = relativeOffset;
        argLengths[argCount] = length;
        argCount++;
    }

    private int complete(final DirectBuffer buffer, final int offset, final int consumed, final CommandArgs args)
    {
        args.reset(buffer);
        for (int i = 0; i < argCount; i++)
        {
            args.add(offset + argOffsets[i], argLengths[i]);
        }
        reset();
        return consumed;
    }

    private int error(final String message)
    {
        errorMessage = message;
        reset();
        return PROTOCOL_ERROR;
    }

    private static String expectedDollar(final byte found)
    {
        // Redis formats the byte with %c and then maps CR and LF to spaces.
        final char c = found == '\r' || found == '\n' ? ' ' : (char)(found & 0xFF);
        return "ERR Protocol error: expected '$', got '" + c + "'";
    }
}
