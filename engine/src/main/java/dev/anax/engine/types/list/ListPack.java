package dev.anax.engine.types.list;

import org.agrona.DirectBuffer;

/**
 * The byte layout of the entries of one list node: a run of self-delimiting entries that can be
 * walked in both directions, with canonical integers packed in binary.
 * <pre>
 *   node bytes:   ... | entry | entry | entry | ...
 *
 *   entry:        +--------+-----------+---------+
 *                 | header |  payload  | backlen |
 *                 +--------+-----------+---------+
 *                 \____ body ________/
 *
 *   header (first byte, then the bytes it announces):
 *     0xxxxxxx                    string of 0..127 bytes; payload = the bytes
 *     10xxxxxx xxxxxxxx           string of up to 16383 bytes (14-bit length, big endian)
 *     110xxxxx xxxxxxxx           integer -4096..4095 (13 bits, biased by 4096), no payload
 *     1110xxxx                    integer 0..15, no payload
 *     11110000 + 2 bytes          integer of 16 bits  (payload, big endian, two's complement)
 *     11110001 + 3 bytes          integer of 24 bits
 *     11110010 + 4 bytes          integer of 32 bits
 *     11110011 + 8 bytes          integer of 64 bits
 *     11110100 + 4 bytes          string with a 32-bit length
 *
 *   backlen: the body's length (header + payload) written backwards in 7-bit groups, so that it
 *   can be read from the entry's last byte towards its first:
 *     last byte      = low 7 bits | 0x80 if more groups precede it
 *     byte before it = next 7 bits | 0x80 if more groups precede it ...
 *     1 byte for bodies under 128 bytes, 2 under 16384, up to 5.
 * </pre>
 * A string is stored as an integer only when it is the canonical decimal form of a 64-bit
 * integer (no sign but '-', no leading zero, not "-0"), so decoding gives back the same bytes and
 * byte equality is value equality. A 16-byte string costs 18 bytes; the integer 7 costs 2.
 */
public final class ListPack
{
    static final int STRING_SHORT_MAX = 127;
    static final int STRING_MEDIUM_MAX = 16383;
    static final int INT13_MIN = -4096;
    static final int INT13_MAX = 4095;
    static final int UINT4_MAX = 15;

    private static final int MEDIUM_STRING = 0x80;
    private static final int INT13 = 0xC0;
    private static final int UINT4 = 0xE0;
    private static final int INT16 = 0xF0;
    private static final int INT24 = 0xF1;
    private static final int INT32 = 0xF2;
    private static final int INT64 = 0xF3;
    private static final int LONG_STRING = 0xF4;

    private ListPack()
    {
    }

    // ---------------------------------------------------------------- sizes

    /**
     * @param bodyLength header plus payload.
     * @return bytes of the backlen of such a body.
     */
    static int backlenSize(final int bodyLength)
    {
        if (bodyLength < (1 << 7))
        {
            return 1;
        }
        if (bodyLength < (1 << 14))
        {
            return 2;
        }
        if (bodyLength < (1 << 21))
        {
            return 3;
        }
        return bodyLength < (1 << 28) ? 4 : 5;
    }

    private static int stringBodySize(final int length)
    {
        if (length <= STRING_SHORT_MAX)
        {
            return 1 + length;
        }
        return length <= STRING_MEDIUM_MAX ? 2 + length : 5 + length;
    }

    private static int intBodySize(final long value)
    {
        if (value >= 0 && value <= UINT4_MAX)
        {
            return 1;
        }
        if (value >= INT13_MIN && value <= INT13_MAX)
        {
            return 2;
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE)
        {
            return 3;
        }
        if (value >= -(1 << 23) && value < (1 << 23))
        {
            return 4;
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE)
        {
            return 5;
        }
        return 9;
    }

    /**
     * @param length of a string.
     * @return bytes of the entry that stores it as a string.
     */
    public static int stringEntrySize(final int length)
    {
        final int body = stringBodySize(length);
        return body + backlenSize(body);
    }

    /**
     * @param value an integer.
     * @return bytes of the entry that stores it.
     */
    public static int intEntrySize(final long value)
    {
        return intBodySize(value) + 1;
    }

    // ---------------------------------------------------------------- canonical integers

    /**
     * Whether text is the canonical decimal form of a 64-bit integer, as Redis's string2ll
     * accepts it: optional '-', digits, no leading zero unless the text is "0", no "-0", no
     * overflow.
     *
     * @param src    the text.
     * @param offset of the text.
     * @param length of the text.
     * @return true if it is.
     */
    public static boolean isCanonicalInt(final DirectBuffer src, final int offset, final int length)
    {
        if (length == 0 || length > 20)
        {
            return false;
        }
        int i = offset;
        final int end = offset + length;
        final boolean negative = src.getByte(i) == '-';
        if (negative)
        {
            i++;
            if (i == end)
            {
                return false;
            }
        }
        final byte first = src.getByte(i);
        if (first == '0')
        {
            return length == 1;
        }
        if (first < '1' || first > '9')
        {
            return false;
        }
        long value = 0;
        for (; i < end; i++)
        {
            final int d = src.getByte(i) - '0';
            if (d < 0 || d > 9)
            {
                return false;
            }
            if (value < Long.MIN_VALUE / 10)
            {
                return false;
            }
            value *= 10;
            if (value < Long.MIN_VALUE + d)
            {
                return false;
            }
            value -= d;
        }
        return negative || value != Long.MIN_VALUE;
    }

    /**
     * The value of text that {@link #isCanonicalInt} accepted.
     *
     * @param src    the text.
     * @param offset of the text.
     * @param length of the text.
     * @return the value.
     */
    public static long parseCanonicalInt(final DirectBuffer src, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        final boolean negative = src.getByte(i) == '-';
        if (negative)
        {
            i++;
        }
        long value = 0;
        for (; i < end; i++)
        {
            value = value * 10 - (src.getByte(i) - '0');
        }
        return negative ? value : -value;
    }

    /**
     * @param src    the text of an element.
     * @param offset of the text.
     * @param length of the text.
     * @return bytes of the entry that stores it.
     */
    public static int entrySize(final DirectBuffer src, final int offset, final int length)
    {
        return isCanonicalInt(src, offset, length)
            ? intEntrySize(parseCanonicalInt(src, offset, length))
            : stringEntrySize(length);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Write an element as an entry, as an integer when it is a canonical one.
     *
     * @param dst    node bytes with room for {@link #entrySize} bytes at {@code pos}.
     * @param pos    where the entry starts.
     * @param src    the element's text.
     * @param offset of the text.
     * @param length of the text.
     * @return the position after the entry.
     */
    public static int write(final byte[] dst, final int pos, final DirectBuffer src, final int offset, final int length)
    {
        if (isCanonicalInt(src, offset, length))
        {
            return writeInt(dst, pos, parseCanonicalInt(src, offset, length));
        }
        return writeString(dst, pos, src, offset, length);
    }

    /**
     * Write an element as a string entry, whatever its text.
     *
     * @param dst    node bytes with room for {@link #stringEntrySize} bytes at {@code pos}.
     * @param pos    where the entry starts.
     * @param src    the element's text.
     * @param offset of the text.
     * @param length of the text.
     * @return the position after the entry.
     */
    public static int writeString(
        final byte[] dst, final int pos, final DirectBuffer src, final int offset, final int length)
    {
        int p = writeStringHeader(dst, pos, length);
        src.getBytes(offset, dst, p, length);
        p += length;
        return writeBacklen(dst, p, p - pos);
    }

    private static int writeStringHeader(final byte[] dst, final int pos, final int length)
    {
        if (length <= STRING_SHORT_MAX)
        {
            dst[pos] = (byte)length;
            return pos + 1;
        }
        if (length <= STRING_MEDIUM_MAX)
        {
            dst[pos] = (byte)(MEDIUM_STRING | (length >>> 8));
            dst[pos + 1] = (byte)length;
            return pos + 2;
        }
        dst[pos] = (byte)LONG_STRING;
        putBigEndian(dst, pos + 1, length, 4);
        return pos + 5;
    }

    /**
     * Write an integer entry.
     *
     * @param dst   node bytes with room for {@link #intEntrySize} bytes at {@code pos}.
     * @param pos   where the entry starts.
     * @param value the integer.
     * @return the position after the entry.
     */
    public static int writeInt(final byte[] dst, final int pos, final long value)
    {
        int p = pos;
        if (value >= 0 && value <= UINT4_MAX)
        {
            dst[p++] = (byte)(UINT4 | value);
        }
        else if (value >= INT13_MIN && value <= INT13_MAX)
        {
            final int biased = (int)value - INT13_MIN;
            dst[p++] = (byte)(INT13 | (biased >>> 8));
            dst[p++] = (byte)biased;
        }
        else
        {
            final int size = intBodySize(value) - 1;
            dst[p++] = (byte)(size == 2 ? INT16 : size == 3 ? INT24 : size == 4 ? INT32 : INT64);
            putBigEndian(dst, p, value, size);
            p += size;
        }
        return writeBacklen(dst, p, p - pos);
    }

    private static void putBigEndian(final byte[] dst, final int pos, final long value, final int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            dst[pos + i] = (byte)(value >>> ((bytes - 1 - i) * 8));
        }
    }

    private static int writeBacklen(final byte[] dst, final int pos, final int bodyLength)
    {
        final int size = backlenSize(bodyLength);
        int value = bodyLength;
        // The last byte holds the low bits; each earlier byte the next group.
        for (int i = 0; i < size; i++)
        {
            final int group = value & 0x7F;
            value >>>= 7;
            dst[pos + size - 1 - i] = (byte)(group | (i < size - 1 ? 0x80 : 0));
        }
        return pos + size;
    }

    // ---------------------------------------------------------------- reading

    /**
     * @param data node bytes.
     * @param pos  start of an entry.
     * @return the length of its body (header and payload).
     */
    static int bodyLength(final byte[] data, final int pos)
    {
        final int b = data[pos] & 0xFF;
        if (b < MEDIUM_STRING)
        {
            return 1 + b;
        }
        if (b < INT13)
        {
            return 2 + (((b & 0x3F) << 8) | (data[pos + 1] & 0xFF));
        }
        if (b < UINT4)
        {
            return 2;
        }
        if (b < INT16)
        {
            return 1;
        }
        switch (b)
        {
            case INT16:
                return 3;
            case INT24:
                return 4;
            case INT32:
                return 5;
            case INT64:
                return 9;
            default:
                return 5 + (int)getBigEndian(data, pos + 1, 4);
        }
    }

    /**
     * @param data node bytes.
     * @param pos  start of an entry.
     * @return the whole entry's length.
     */
    static int entryLength(final byte[] data, final int pos)
    {
        final int body = bodyLength(data, pos);
        return body + backlenSize(body);
    }

    /**
     * @param data node bytes.
     * @param end  the position just after an entry.
     * @return the start of that entry.
     */
    static int entryStartBefore(final byte[] data, final int end)
    {
        int p = end - 1;
        int b = data[p] & 0xFF;
        int body = b & 0x7F;
        int shift = 7;
        while ((b & 0x80) != 0)
        {
            p--;
            b = data[p] & 0xFF;
            body |= (b & 0x7F) << shift;
            shift += 7;
        }
        return p - body;
    }

    /**
     * @param data node bytes.
     * @param pos  start of an entry.
     * @return whether the entry holds an integer.
     */
    static boolean isInt(final byte[] data, final int pos)
    {
        final int b = data[pos] & 0xFF;
        return b >= INT13 && b != LONG_STRING;
    }

    /**
     * @param data node bytes.
     * @param pos  start of an integer entry.
     * @return its value.
     */
    static long intValue(final byte[] data, final int pos)
    {
        final int b = data[pos] & 0xFF;
        if (b < UINT4)
        {
            return (((b & 0x1F) << 8) | (data[pos + 1] & 0xFF)) + INT13_MIN;
        }
        if (b < INT16)
        {
            return b & 0x0F;
        }
        final int size = b == INT16 ? 2 : b == INT24 ? 3 : b == INT32 ? 4 : 8;
        final long raw = getBigEndian(data, pos + 1, size);
        final int unused = 64 - size * 8;
        return unused == 0 ? raw : (raw << unused) >> unused;
    }

    /**
     * @param data node bytes.
     * @param pos  start of a string entry.
     * @return where its bytes start.
     */
    static int stringOffset(final byte[] data, final int pos)
    {
        final int b = data[pos] & 0xFF;
        return pos + (b < MEDIUM_STRING ? 1 : b < INT13 ? 2 : 5);
    }

    /**
     * @param data node bytes.
     * @param pos  start of a string entry.
     * @return its length.
     */
    static int stringLength(final byte[] data, final int pos)
    {
        final int b = data[pos] & 0xFF;
        if (b < MEDIUM_STRING)
        {
            return b;
        }
        if (b < INT13)
        {
            return ((b & 0x3F) << 8) | (data[pos + 1] & 0xFF);
        }
        return (int)getBigEndian(data, pos + 1, 4);
    }

    private static long getBigEndian(final byte[] data, final int pos, final int bytes)
    {
        long value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value = (value << 8) | (data[pos + i] & 0xFF);
        }
        return value;
    }

    /**
     * Whether the entry at {@code pos} holds the given element.
     *
     * @param data      node bytes.
     * @param pos       start of an entry.
     * @param src       the element's text.
     * @param offset    of the text.
     * @param length    of the text.
     * @param isInt     whether the text is a canonical integer ({@link #isCanonicalInt}).
     * @param intValue  its value if it is.
     * @return true if equal.
     */
    static boolean matches(
        final byte[] data,
        final int pos,
        final DirectBuffer src,
        final int offset,
        final int length,
        final boolean isInt,
        final long intValue)
    {
        if (isInt(data, pos))
        {
            return isInt && intValue(data, pos) == intValue;
        }
        if (isInt || stringLength(data, pos) != length)
        {
            return false;
        }
        final int start = stringOffset(data, pos);
        for (int i = 0; i < length; i++)
        {
            if (data[start + i] != src.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
