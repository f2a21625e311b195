package dev.anax.codecs.resp;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 or RESP3 replies into a growable buffer. The protocol is chosen per reply stream
 * (per connection, by HELLO); RESP3-only types fall back to their RESP2 form as Redis does:
 * maps become flat arrays, sets arrays, doubles bulk strings, booleans integers, nulls
 * {@code $-1} or {@code *-1}.
 * <pre>
 *   RESP3 type   RESP3 form          RESP2 form
 *   null         _\r\n               $-1\r\n  (or *-1\r\n for a null array)
 *   map          %n\r\n k v ...      *2n\r\n k v ...
 *   set          ~n\r\n              *n\r\n
 *   double       ,1.5\r\n            $3\r\n1.5\r\n
 *   boolean      #t\r\n              :1\r\n
 *   big number   (123\r\n            $3\r\n123\r\n
 *   verbatim     =n\r\ntxt:...\r\n   $n-4\r\n...\r\n
 *   push         >n\r\n              *n\r\n
 * </pre>
 * Not thread safe.
 */
public final class RespWriter
{
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_ARRAY = "*0\r\n".getBytes(StandardCharsets.US_ASCII);

    private MutableDirectBuffer buffer;
    private int position;
    private int protocol = 2;

    /**
     * A writer with its own growable buffer.
     */
    public RespWriter()
    {
        this(new ExpandableArrayBuffer(4096));
    }

    /**
     * A writer over a given buffer (which should be expandable if replies can be large).
     *
     * @param buffer to write into from offset 0.
     */
    public RespWriter(final MutableDirectBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * Point the writer at a buffer and position.
     *
     * @param buffer   to write into.
     * @param position to start at.
     * @return this.
     */
    public RespWriter wrap(final MutableDirectBuffer buffer, final int position)
    {
        this.buffer = buffer;
        this.position = position;
        return this;
    }

    /**
     * Choose the protocol for the replies that follow.
     *
     * @param protocol 2 or 3.
     * @return this.
     */
    public RespWriter protocol(final int protocol)
    {
        this.protocol = protocol;
        return this;
    }

    public int protocol()
    {
        return protocol;
    }

    public boolean isResp3()
    {
        return protocol >= 3;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int position()
    {
        return position;
    }

    /**
     * Move the write position, e.g. to discard what was written after a mark.
     *
     * @param position new position.
     */
    public void position(final int position)
    {
        this.position = position;
    }

    /**
     * Discard everything written.
     *
     * @return this.
     */
    public RespWriter clear()
    {
        position = 0;
        return this;
    }

    public RespWriter ok()
    {
        return raw(OK);
    }

    /**
     * {@code +text\r\n}. The text must not contain CR or LF.
     *
     * @param text status text.
     * @return this.
     */
    public RespWriter simpleString(final String text)
    {
        putByte('+');
        putAscii(text);
        return crlf();
    }

    /**
     * An error reply {@code -MESSAGE\r\n}. The message carries its own prefix ("ERR ...",
     * "WRONGTYPE ..."); trailing CR and LF are trimmed and others replaced by spaces as Redis does.
     *
     * @param message with its error code prefix.
     * @return this.
     */
    public RespWriter error(final String message)
    {
        putByte('-');
        // As Redis formats errors: CR and LF at the end are trimmed, any others become spaces.
        int length = message.length();
        while (length > 0 && (message.charAt(length - 1) == '\r' || message.charAt(length - 1) == '\n'))
        {
            length--;
        }
        ensure(length);
        for (int i = 0; i < length; i++)
        {
            final char c = message.charAt(i);
            buffer.putByte(position++, (byte)(c == '\r' || c == '\n' ? ' ' : c));
        }
        return crlf();
    }

    public RespWriter integer(final long value)
    {
        if (value == 0)
        {
            return raw(ZERO);
        }
        if (value == 1)
        {
            return raw(ONE);
        }
        putByte(':');
        putLong(value);
        return crlf();
    }

    public RespWriter bulk(final DirectBuffer src, final int offset, final int length)
    {
        putByte('$');
        putLong(length);
        crlf();
        ensure(length + 2);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return crlf();
    }

    public RespWriter bulk(final byte[] src)
    {
        return bulk(src, 0, src.length);
    }

    public RespWriter bulk(final byte[] src, final int offset, final int length)
    {
        putByte('$');
        putLong(length);
        crlf();
        ensure(length + 2);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return crlf();
    }

    /**
     * A bulk string of ASCII/Latin-1 text (each char one byte).
     *
     * @param text the text.
     * @return this.
     */
    public RespWriter bulk(final String text)
    {
        putByte('$');
        putLong(text.length());
        crlf();
        putAscii(text);
        return crlf();
    }

    /**
     * A bulk string holding a UTF-8 encoded text.
     *
     * @param text the text.
     * @return this.
     */
    public RespWriter bulkUtf8(final String text)
    {
        return bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A bulk string holding the decimal form of a number (e.g. a GET of an integer-encoded value).
     *
     * @param value the number.
     * @return this.
     */
    public RespWriter bulkLong(final long value)
    {
        putByte('$');
        putLong(dev.anax.codecs.Bytes.digits(value));
        crlf();
        putLong(value);
        return crlf();
    }

    /**
     * The null of a missing bulk string: {@code $-1} in RESP2, {@code _} in RESP3.
     *
     * @return this.
     */
    public RespWriter nullBulk()
    {
        return raw(protocol >= 3 ? NULL3 : NULL_BULK);
    }

    /**
     * The null of a missing array: {@code *-1} in RESP2, {@code _} in RESP3.
     *
     * @return this.
     */
    public RespWriter nullArray()
    {
        return raw(protocol >= 3 ? NULL3 : NULL_ARRAY);
    }

    public RespWriter arrayHeader(final long count)
    {
        if (count == 0)
        {
            return raw(EMPTY_ARRAY);
        }
        putByte('*');
        putLong(count);
        return crlf();
    }

    public RespWriter emptyArray()
    {
        return raw(EMPTY_ARRAY);
    }

    /**
     * A map of {@code pairs} key/value pairs: {@code %n} in RESP3, an array of 2n in RESP2.
     *
     * @param pairs number of entries.
     * @return this.
     */
    public RespWriter mapHeader(final long pairs)
    {
        if (protocol >= 3)
        {
            putByte('%');
            putLong(pairs);
            return crlf();
        }
        return arrayHeader(pairs * 2);
    }

    public RespWriter setHeader(final long count)
    {
        if (protocol >= 3)
        {
            putByte('~');
            putLong(count);
            return crlf();
        }
        return arrayHeader(count);
    }

    public RespWriter pushHeader(final long count)
    {
        if (protocol >= 3)
        {
            putByte('>');
            putLong(count);
            return crlf();
        }
        return arrayHeader(count);
    }

    /**
     * A double: RESP3 {@code ,value}, RESP2 a bulk string. The text is the caller's, already in
     * Redis's format (see {@link RespDoubles}).
     *
     * @param text the formatted double.
     * @return this.
     */
    public RespWriter doubleText(final String text)
    {
        if (protocol >= 3)
        {
            putByte(',');
            putAscii(text);
            return crlf();
        }
        return bulk(text);
    }

    /**
     * A double in Redis's reply format.
     *
     * @param value the number.
     * @return this.
     */
    public RespWriter doubleValue(final double value)
    {
        return doubleText(RespDoubles.format(value));
    }

    public RespWriter bool(final boolean value)
    {
        if (protocol >= 3)
        {
            putByte('#');
            putByte(value ? 't' : 'f');
            return crlf();
        }
        return integer(value ? 1 : 0);
    }

    public RespWriter bigNumber(final String digits)
    {
        if (protocol >= 3)
        {
            putByte('(');
            putAscii(digits);
            return crlf();
        }
        return bulk(digits);
    }

    /**
     * Verbatim text: RESP3 {@code =len\r\nfmt:text}, RESP2 a bulk string of the text.
     *
     * @param format three-letter format, "txt" or "mkd".
     * @param text   the text (UTF-8).
     * @return this.
     */
    public RespWriter verbatim(final String format, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 3)
        {
            putByte('=');
            putLong(bytes.length + 4L);
            crlf();
            putAscii(format);
            putByte(':');
            ensure(bytes.length);
            buffer.putBytes(position, bytes);
            position += bytes.length;
            return crlf();
        }
        return bulk(bytes);
    }

    /**
     * Append bytes that are already RESP.
     *
     * @param bytes encoded RESP.
     * @return this.
     */
    public RespWriter raw(final byte[] bytes)
    {
        ensure(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
        return this;
    }

    /**
     * Append a range that is already RESP.
     *
     * @param src    holding encoded RESP.
     * @param offset of the range.
     * @param length of the range.
     * @return this.
     */
    public RespWriter raw(final DirectBuffer src, final int offset, final int length)
    {
        ensure(length);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    private RespWriter crlf()
    {
        ensure(2);
        buffer.putBytes(position, CRLF);
        position += 2;
        return this;
    }

    private void putByte(final int b)
    {
        ensure(1);
        buffer.putByte(position++, (byte)b);
    }

    private void putLong(final long value)
    {
        ensure(20);
        position += buffer.putLongAscii(position, value);
    }

    private void putAscii(final String text)
    {
        final int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(position++, (byte)text.charAt(i));
        }
    }

    private void ensure(final int extra)
    {
        final long required = (long)position + extra;
        if (required > buffer.capacity())
        {
            if (!buffer.isExpandable())
            {
                throw new IllegalStateException("reply buffer full: " + required + " > " + buffer.capacity());
            }
            if (required > Integer.MAX_VALUE - 16)
            {
                throw new IllegalStateException("reply too large: " + required);
            }
            buffer.checkLimit((int)required);
        }
    }
}
