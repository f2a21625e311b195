package dev.anax.engine.keyspace;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The 64-bit hash of a key inside a shard's tables. It is independent of the routing hash that
 * picks the shard (which would otherwise leave every shard's keys clustered in some buckets), it
 * reads eight bytes at a time from a heap array, a direct buffer or off-heap memory alike, and it
 * lives only inside one process (nothing stores or sends it), so it may depend on byte order.
 * <p>
 * Bits are used as: the low 8 as the fingerprint, the next 32 for the bucket, the top bits for
 * the directory of {@link DashTable}.
 */
public final class KeyHash
{
    private static final long SEED = 0x2545F4914F6CDD1DL;
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;
    private static final long M3 = 0x165667B19E3779F9L;

    private KeyHash()
    {
    }

    /**
     * Hash a key held in a buffer.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @return the hash.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        return hash(buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    /**
     * Hash a key held in an array.
     *
     * @param key the bytes.
     * @return the hash.
     */
    public static long hash(final byte[] key)
    {
        return hash(key, UnsafeApi.arrayBaseOffset(byte[].class), key.length);
    }

    /**
     * Hash bytes at {@code base + address}: a heap array with its base offset, or off-heap memory
     * with a null base.
     *
     * @param base    the array, or null for off-heap memory.
     * @param address offset within the array, or the absolute address.
     * @param length  number of bytes.
     * @return the hash.
     */
    public static long hash(final Object base, final long address, final int length)
    {
        long h = SEED ^ (length * M3);
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = round(h, UnsafeApi.getLong(base, address + i));
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (UnsafeApi.getByte(base, address + i) & 0xFFL) << shift;
            }
            h = round(h, tail);
        }
        return finish(h);
    }

    private static long round(final long h, final long word)
    {
        final long k = Long.rotateLeft(word * M1, 31) * M2;
        return Long.rotateLeft(h ^ k, 27) * M1 + M3;
    }

    private static long finish(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
