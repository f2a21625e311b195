package dev.anax.engine.types.set;

import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The 64-bit hash of a member's bytes used by {@link MemberTable}: eight bytes at a time, seeded
 * once per process so that no client can predict collisions, and the same value whether the
 * bytes are in an array or in a buffer (a request's argument).
 */
public final class MemberHash
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = new SplittableRandom().nextLong();
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private MemberHash()
    {
    }

    /**
     * @param bytes  the array.
     * @param offset of the first byte.
     * @param length of the member.
     * @return the hash.
     */
    public static long hash(final byte[] bytes, final int offset, final int length)
    {
        long h = SEED ^ (length * K1);
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = step(h, (long)LONGS.get(bytes, offset + i));
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (bytes[offset + i] & 0xFFL) << shift;
            }
            h = step(h, tail);
        }
        return finish(h);
    }

    /**
     * @param member the whole array.
     * @return the hash.
     */
    public static long hash(final byte[] member)
    {
        return hash(member, 0, member.length);
    }

    /**
     * The same hash over bytes in a buffer.
     *
     * @param buffer holding the member.
     * @param offset of the first byte.
     * @param length of the member.
     * @return the hash.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = SEED ^ (length * K1);
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = step(h, buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (buffer.getByte(offset + i) & 0xFFL) << shift;
            }
            h = step(h, tail);
        }
        return finish(h);
    }

    private static long step(final long h, final long block)
    {
        return Long.rotateLeft(h ^ Long.rotateLeft(block * K2, 31) * K1, 27) * 5 + 0x52DCE729L;
    }

    private static long finish(long h)
    {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
