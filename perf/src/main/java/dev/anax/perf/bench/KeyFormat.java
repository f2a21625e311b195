package dev.anax.perf.bench;

import java.nio.charset.StandardCharsets;

/**
 * Key names of a fixed length: a prefix (normally {@code key:}) and the key index in zero-padded
 * decimal, e.g. {@code key:000000000042} for 16-byte keys.
 */
public final class KeyFormat
{
    private final byte[] prefix;
    private final int digits;

    /**
     * @param keySize the length of every key.
     * @param keys    the key space size (its largest index must fit).
     */
    public KeyFormat(final int keySize, final int keys)
    {
        final int needed = Math.max(1, String.valueOf(Math.max(0, keys - 1)).length());
        if (keySize < needed)
        {
            throw new IllegalArgumentException("key size " + keySize + " cannot hold " + keys + " distinct keys");
        }
        final String p = "key:".substring(0, Math.min(4, keySize - needed));
        this.prefix = p.getBytes(StandardCharsets.US_ASCII);
        this.digits = keySize - prefix.length;
    }

    /**
     * @return the length of every key.
     */
    public int size()
    {
        return prefix.length + digits;
    }

    /**
     * @param index key index.
     * @param dst   destination.
     * @param pos   where to write {@link #size()} bytes.
     */
    public void write(final int index, final byte[] dst, final int pos)
    {
        System.arraycopy(prefix, 0, dst, pos, prefix.length);
        int v = index;
        for (int i = pos + prefix.length + digits - 1; i >= pos + prefix.length; i--)
        {
            dst[i] = (byte)('0' + v % 10);
            v /= 10;
        }
    }

    /**
     * @param index key index.
     * @return the key as a string (for reports and tests).
     */
    public String name(final int index)
    {
        final byte[] b = new byte[size()];
        write(index, b, 0);
        return new String(b, StandardCharsets.US_ASCII);
    }
}
