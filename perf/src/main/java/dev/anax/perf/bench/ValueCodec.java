package dev.anax.perf.bench;

/**
 * The values anax-bench writes: deterministic bytes derived from (run seed, key, version), so a
 * reply can be checked without storing values. Values of 9 bytes or more start with the version
 * as 8 lower-case hex digits; the rest is a pseudo-random letter pattern. A value from another
 * run (another seed), another key or another version does not match.
 */
public final class ValueCodec
{
    /** Values at least this long carry their version in the first 8 bytes. */
    public static final int HEADER = 8;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final long seed;
    private final int size;

    /**
     * @param seed the run's seed.
     * @param size value length in bytes (at least 1).
     */
    public ValueCodec(final long seed, final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("value size must be at least 1: " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    /**
     * @return the value length.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return whether values carry their version in a header.
     */
    public boolean hasHeader()
    {
        return size > HEADER;
    }

    /**
     * Writes the value of {@code key} at {@code version}.
     *
     * @param key     key index (or -1 for values not tied to a key).
     * @param version version (1 for the first SET of a key).
     * @param dst     destination.
     * @param offset  where to write {@link #size()} bytes.
     */
    public void write(final int key, final int version, final byte[] dst, final int offset)
    {
        int i = 0;
        if (hasHeader())
        {
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                dst[offset + i++] = HEX[(version >>> shift) & 0xF];
            }
        }
        long h = mix(seed ^ (key * 0x9E3779B97F4A7C15L) ^ ((long)version << 32));
        int j = 0;
        for (; i < size; i++, j++)
        {
            if ((j & 7) == 0)
            {
                h = mix(h + 0x9E3779B97F4A7C15L);
            }
            dst[offset + i] = (byte)('a' + (int)(((h >>> ((j & 7) << 3)) & 0xFF) % 26));
        }
    }

    /**
     * @param src    bytes of a value.
     * @param offset where it starts.
     * @return the version in the header, or -1 when the header is not 8 hex digits.
     */
    public int versionOf(final byte[] src, final int offset)
    {
        int v = 0;
        for (int i = 0; i < HEADER; i++)
        {
            final int c = src[offset + i];
            final int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
            {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /**
     * @param key     key index.
     * @param version version.
     * @param src     received bytes.
     * @param offset  start of the value.
     * @param length  its length.
     * @return whether the bytes are exactly the value of {@code key} at {@code version}.
     */
    public boolean matches(final int key, final int version, final byte[] src, final int offset, final int length)
    {
        if (length != size)
        {
            return false;
        }
        int i = 0;
        if (hasHeader())
        {
            if (versionOf(src, offset) != version)
            {
                return false;
            }
            i = HEADER;
        }
        long h = mix(seed ^ (key * 0x9E3779B97F4A7C15L) ^ ((long)version << 32));
        int j = 0;
        for (; i < size; i++, j++)
        {
            if ((j & 7) == 0)
            {
                h = mix(h + 0x9E3779B97F4A7C15L);
            }
            if (src[offset + i] != (byte)('a' + (int)(((h >>> ((j & 7) << 3)) & 0xFF) % 26)))
            {
                return false;
            }
        }
        return true;
    }

    private static long mix(final long z0)
    {
        long z = z0;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
