package dev.anax.codecs;

import org.agrona.DirectBuffer;

/**
 * Byte-range helpers shared by the decoder, the shards and the coordinator: hashing, comparing and
 * Redis-exact integer parsing without allocation.
 */
public final class Bytes
{
    private Bytes()
    {
    }

    /**
     * 32-bit hash of a byte range (FNV-1a with a murmur3 finaliser): stable across processes so
     * that shard placement is reproducible.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the range.
     * @return the hash.
     */
    public static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h ^= buffer.getByte(offset + i) & 0xFF;
            h *= 0x01000193;
        }
        return mix(h);
    }

    /**
     * The same hash as {@link #hash(DirectBuffer, int, int)} over an array.
     *
     * @param bytes the array.
     * @return the hash.
     */
    public static int hash(final byte[] bytes)
    {
        return hash(bytes, 0, bytes.length);
    }

    /**
     * The same hash as {@link #hash(DirectBuffer, int, int)} over part of an array.
     *
     * @param bytes  the array.
     * @param offset of the first byte.
     * @param length of the range.
     * @return the hash.
     */
    public static int hash(final byte[] bytes, final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h ^= bytes[offset + i] & 0xFF;
            h *= 0x01000193;
        }
        return mix(h);
    }

    private static int mix(int h)
    {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * The part of a key that decides its shard: the content of the first non-empty {@code {...}}
     * hash tag, as Redis Cluster defines it, or else the whole key. Returns the tag's bounds packed
     * as {@code (offset << 32) | length}.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @return packed offset and length of the part to hash.
     */
    public static long hashTagRange(final DirectBuffer buffer, final int offset, final int length)
    {
        int open = -1;
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) == '{')
            {
                open = i;
                break;
            }
        }
        if (open >= 0)
        {
            for (int j = open + 1; j < length; j++)
            {
                if (buffer.getByte(offset + j) == '}')
                {
                    if (j > open + 1)
                    {
                        return ((long)(offset + open + 1) << 32) | (j - open - 1);
                    }
                    break;
                }
            }
        }
        return ((long)offset << 32) | length;
    }

    /**
     * Hash of the part of a key that decides its shard (see {@link #hashTagRange}).
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @return the routing hash.
     */
    public static int routingHash(final DirectBuffer buffer, final int offset, final int length)
    {
        final long range = hashTagRange(buffer, offset, length);
        return hash(buffer, (int)(range >>> 32), (int)range);
    }

    /**
     * Compare a byte range with an array for equality.
     *
     * @param buffer holding the range.
     * @param offset of the range.
     * @param length of the range.
     * @param other  array to compare with.
     * @return true when equal.
     */
    public static boolean equals(final DirectBuffer buffer, final int offset, final int length, final byte[] other)
    {
        if (length != other.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != other[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parse a signed 64-bit integer exactly as Redis's {@code string2ll}: optional '-', then
     * digits, no '+', no spaces, no leading zeros unless the value is "0", no overflow.
     *
     * @param buffer holding the text.
     * @param offset of the text.
     * @param length of the text.
     * @param result {@code result[0]} takes the value on success.
     * @return true on success.
     */
    public static boolean parseLong(final DirectBuffer buffer, final int offset, final int length, final long[] result)
    {
        if (length == 0 || length > 20)
        {
            return false;
        }
        int i = 0;
        boolean negative = false;
        if (length == 1 && buffer.getByte(offset) == '0')
        {
            result[0] = 0;
            return true;
        }
        if (buffer.getByte(offset) == '-')
        {
            negative = true;
            i++;
            if (i == length)
            {
                return false;
            }
        }
        final byte first = buffer.getByte(offset + i);
        if (first < '1' || first > '9')
        {
            return false;
        }
        // Accumulate as a negative number so that Long.MIN_VALUE parses.
        long value = 0;
        for (; i < length; i++)
        {
            final int d = buffer.getByte(offset + i) - '0';
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
     * Parse an array as a Redis integer (see {@link #parseLong(DirectBuffer, int, int, long[])}).
     *
     * @param bytes  the text.
     * @param result {@code result[0]} takes the value on success.
     * @return true on success.
     */
    public static boolean parseLong(final byte[] bytes, final long[] result)
    {
        return parseLong(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length, result);
    }

    /**
     * Number of decimal characters {@code value} takes, with its sign.
     *
     * @param value to measure.
     * @return characters needed.
     */
    public static int digits(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            return 20;
        }
        long v = value < 0 ? -value : value;
        int n = value < 0 ? 2 : 1;
        while (v >= 10)
        {
            v /= 10;
            n++;
        }
        return n;
    }
}
