package dev.anax.engine.types.set;

import dev.anax.codecs.Bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Members as bytes: the canonical integer test that decides between an intset and a hash table
 * (Redis's string2ll: optional '-', no leading zeros or '+', at most 20 characters, 64-bit range),
 * and integers written back as their decimal text.
 */
public final class MemberBytes
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Longest decimal text of a 64-bit integer. */
    public static final int MAX_DIGITS = 20;

    private MemberBytes()
    {
    }

    static long longAt(final byte[] bytes, final int offset)
    {
        return (long)LONGS.get(bytes, offset);
    }

    /**
     * Parse a member as a canonical 64-bit integer.
     *
     * @param bytes  holding the member.
     * @param offset of its first byte.
     * @param length of the member.
     * @param result receives the value on success.
     * @return true when the member is the canonical text of an integer.
     */
    public static boolean parseLong(final byte[] bytes, final int offset, final int length, final long[] result)
    {
        if (length == 0 || length > MAX_DIGITS)
        {
            return false;
        }
        int i = offset;
        final int end = offset + length;
        if (length == 1 && bytes[i] == '0')
        {
            result[0] = 0;
            return true;
        }
        final boolean negative = bytes[i] == '-';
        if (negative && ++i == end)
        {
            return false;
        }
        if (bytes[i] < '1' || bytes[i] > '9')
        {
            return false;
        }
        // Accumulate negatively so that the most negative value parses.
        long value = 0;
        for (; i < end; i++)
        {
            final int d = bytes[i] - '0';
            if (d < 0 || d > 9 || value < Long.MIN_VALUE / 10)
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
        if (!negative)
        {
            if (value == Long.MIN_VALUE)
            {
                return false;
            }
            value = -value;
        }
        result[0] = value;
        return true;
    }

    /**
     * @param member the member.
     * @param result receives the value on success.
     * @return true when the member is the canonical text of an integer.
     */
    public static boolean parseLong(final byte[] member, final long[] result)
    {
        return parseLong(member, 0, member.length, result);
    }

    /**
     * Write the decimal text of an integer.
     *
     * @param value  the integer.
     * @param target at least {@link #MAX_DIGITS} bytes.
     * @return the number of bytes written from index 0.
     */
    public static int format(final long value, final byte[] target)
    {
        final int length = Bytes.digits(value);
        long v = value;
        int i = length - 1;
        if (v == Long.MIN_VALUE)
        {
            // Its absolute value does not fit: write the last digit first.
            target[i--] = '8';
            v /= 10;
        }
        final boolean negative = v < 0;
        if (negative)
        {
            v = -v;
        }
        do
        {
            target[i--] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (negative)
        {
            target[0] = '-';
        }
        return length;
    }

    /**
     * @param value the integer.
     * @return its decimal text in a new array.
     */
    public static byte[] toBytes(final long value)
    {
        final byte[] text = new byte[Bytes.digits(value)];
        format(value, text);
        return text;
    }
}
