package dev.anax.engine.types.zset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One element of a large sorted set as a single array: the member's bytes followed by the score's
 * eight IEEE 754 bytes (big endian).
 * <pre>
 *   0                      length - 8        length
 *   +----------------------+------------------+
 *   | member bytes ...     | score (8 bytes)  |
 *   +----------------------+------------------+
 * </pre>
 * An entry is never modified once created: a new score means a new entry. The tree, the member
 * table and snapshots handed to other threads may therefore all share one entry.
 * <p>
 * Elements are ordered as Redis orders them: by score ({@code -0.0} equal to {@code 0.0}), then
 * by member bytes compared unsigned, a prefix first.
 */
public final class ZEntry
{
    /** Bytes of the score at the end of an entry. */
    public static final int SCORE_BYTES = 8;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ZEntry()
    {
    }

    /**
     * A new entry.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @param score  the score, never NaN.
     * @return the entry.
     */
    public static byte[] of(final byte[] member, final int offset, final int length, final double score)
    {
        final byte[] entry = new byte[length + SCORE_BYTES];
        System.arraycopy(member, offset, entry, 0, length);
        LONG_BE.set(entry, length, Double.doubleToRawLongBits(score));
        return entry;
    }

    /**
     * The same member with another score.
     *
     * @param entry an entry.
     * @param score the new score.
     * @return a new entry.
     */
    public static byte[] withScore(final byte[] entry, final double score)
    {
        final byte[] fresh = entry.clone();
        LONG_BE.set(fresh, fresh.length - SCORE_BYTES, Double.doubleToRawLongBits(score));
        return fresh;
    }

    /**
     * Overwrite the score of an entry nobody else references yet (an accumulator being built).
     *
     * @param entry an entry owned by the caller alone.
     * @param score the new score.
     */
    public static void setScore(final byte[] entry, final double score)
    {
        LONG_BE.set(entry, entry.length - SCORE_BYTES, Double.doubleToRawLongBits(score));
    }

    /**
     * @param entry an entry.
     * @return its score.
     */
    public static double score(final byte[] entry)
    {
        return Double.longBitsToDouble((long)LONG_BE.get(entry, entry.length - SCORE_BYTES));
    }

    /**
     * @param entry an entry.
     * @return the length of its member.
     */
    public static int memberLength(final byte[] entry)
    {
        return entry.length - SCORE_BYTES;
    }

    /**
     * Compare two entries in sorted-set order.
     *
     * @param a an entry.
     * @param b an entry.
     * @return negative, zero or positive.
     */
    public static int compare(final byte[] a, final byte[] b)
    {
        final double sa = score(a);
        final double sb = score(b);
        if (sa < sb)
        {
            return -1;
        }
        if (sa > sb)
        {
            return 1;
        }
        return Arrays.compareUnsigned(a, 0, a.length - SCORE_BYTES, b, 0, b.length - SCORE_BYTES);
    }

    /**
     * Compare an entry with a (score, member) pair in sorted-set order.
     *
     * @param entry  an entry.
     * @param score  the pair's score.
     * @param member array holding the pair's member.
     * @param offset of the member.
     * @param length of the member.
     * @return negative if the entry sorts first, zero if equal, positive if after.
     */
    public static int compare(
        final byte[] entry, final double score, final byte[] member, final int offset, final int length)
    {
        final double s = score(entry);
        if (s < score)
        {
            return -1;
        }
        if (s > score)
        {
            return 1;
        }
        return Arrays.compareUnsigned(entry, 0, entry.length - SCORE_BYTES, member, offset, offset + length);
    }

    /**
     * Compare the member of an entry with other bytes, unsigned, a prefix first.
     *
     * @param entry  an entry.
     * @param member array holding the other bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return negative, zero or positive.
     */
    public static int compareMember(final byte[] entry, final byte[] member, final int offset, final int length)
    {
        return Arrays.compareUnsigned(entry, 0, entry.length - SCORE_BYTES, member, offset, offset + length);
    }

    /**
     * Whether the member of an entry equals other bytes.
     *
     * @param entry  an entry.
     * @param member array holding the other bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return true if equal.
     */
    public static boolean memberEquals(final byte[] entry, final byte[] member, final int offset, final int length)
    {
        return entry.length - SCORE_BYTES == length &&
            Arrays.equals(entry, 0, length, member, offset, offset + length);
    }

    /**
     * A 32-bit hash of a byte range, eight bytes at a time (for the member table; not stable
     * across versions).
     *
     * @param bytes  the array.
     * @param offset of the range.
     * @param length of the range.
     * @return the hash.
     */
    public static int hash(final byte[] bytes, final int offset, final int length)
    {
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            long k = (long)LONG_LE.get(bytes, offset + i);
            k *= 0x87C37B91114253D5L;
            k = Long.rotateLeft(k, 31);
            k *= 0x4CF5AD432745937FL;
            h ^= k;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        if (i + 4 <= length)
        {
            h ^= ((int)INT_LE.get(bytes, offset + i) & 0xFFFF_FFFFL) * 0x87C37B91114253D5L;
            h = Long.rotateLeft(h, 23) * 0x4CF5AD432745937FL;
            i += 4;
        }
        for (; i < length; i++)
        {
            h ^= (bytes[offset + i] & 0xFFL) * 0x9E3779B97F4A7C15L;
            h = Long.rotateLeft(h, 11) * 0x87C37B91114253D5L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int)h;
    }

    /**
     * The hash of an entry's member.
     *
     * @param entry an entry.
     * @return {@link #hash(byte[], int, int)} of its member.
     */
    public static int memberHash(final byte[] entry)
    {
        return hash(entry, 0, entry.length - SCORE_BYTES);
    }
}
