package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;

/**
 * The layout of one key in slab memory: the key, its value (or the index of a heap object), its
 * expiry and its access metadata in one block.
 * <pre>
 *   0  type (bits 0-2) | encoding (bits 3-6) | has-expiry (bit 7)
 *   1  padding (bits 0-2) | long form (bit 3) | object value (bit 4)
 *   2  LFU counter
 *   3  key length (short form)
 *   4  last access, unix seconds (u32)
 *   8  [has-expiry] expiry, unix ms (i64); expiry index (i32)          12 bytes
 *   .. [long form] key length (i32); value length (i32)                  8 bytes
 *   .. key bytes
 *   .. value bytes, or the object index (i32) of a value kept on the heap
 * </pre>
 * A short-form record (key of at most 255 bytes, block of at most 1 KiB, 8-byte size classes)
 * stores no value length: it is the block size minus the rest minus the padding (0 to 7) kept in
 * byte 1. A string of encoding INT stores its number as 8 bytes. So a 16-byte key with a 32-byte
 * value takes one 56-byte block.
 */
final class Record
{
    static final int HEADER = 8;
    static final int EXPIRY_BYTES = 12;
    static final int LONG_BYTES = 8;
    static final int OBJECT_BYTES = 4;
    static final int SHORT_KEY_MAX = 255;

    static final int HAS_EXPIRY = 0x80;
    static final int LONG_FORM = 0x08;
    static final int OBJECT = 0x10;
    static final int PAD_MASK = 0x07;

    private Record()
    {
    }

    /**
     * The bytes a record needs.
     *
     * @param keyLength   of the key.
     * @param valueLength of the inline value (or {@link #OBJECT_BYTES} for an object value).
     * @param expiry      whether it carries an expiry.
     * @return bytes before rounding to a block.
     */
    static int size(final int keyLength, final int valueLength, final boolean expiry)
    {
        final int base = HEADER + (expiry ? EXPIRY_BYTES : 0) + keyLength + valueLength;
        return isShort(keyLength, base) ? base : base + LONG_BYTES;
    }

    static boolean isShort(final int keyLength, final int shortSize)
    {
        return keyLength <= SHORT_KEY_MAX && shortSize <= Slab.SMALL_MAX;
    }

    /**
     * Write the header of a fresh record.
     *
     * @param address     of the block.
     * @param blockBytes  its size.
     * @param flags       {@link #HAS_EXPIRY} and the type/encoding byte.
     * @param keyLength   key bytes.
     * @param valueLength value bytes (4 for an object value).
     * @param object      whether the value is a heap object.
     */
    static void init(
        final long address,
        final int blockBytes,
        final int typeByte,
        final int keyLength,
        final int valueLength,
        final boolean object)
    {
        final boolean expiry = (typeByte & HAS_EXPIRY) != 0;
        final int shortSize = HEADER + (expiry ? EXPIRY_BYTES : 0) + keyLength + valueLength;
        int flags = object ? OBJECT : 0;
        if (isShort(keyLength, shortSize))
        {
            flags |= blockBytes - shortSize;
            UnsafeApi.putByte(address + 3, (byte)keyLength);
        }
        else
        {
            flags |= LONG_FORM;
            final long at = address + HEADER + (expiry ? EXPIRY_BYTES : 0);
            UnsafeApi.putInt(at, keyLength);
            UnsafeApi.putInt(at + 4, valueLength);
            UnsafeApi.putByte(address + 3, (byte)0);
        }
        UnsafeApi.putByte(address, (byte)typeByte);
        UnsafeApi.putByte(address + 1, (byte)flags);
    }

    static int typeByte(final long address)
    {
        return UnsafeApi.getByte(address) & 0xFF;
    }

    static byte type(final long address)
    {
        return (byte)(UnsafeApi.getByte(address) & 0x07);
    }

    static byte encoding(final long address)
    {
        return (byte)((UnsafeApi.getByte(address) >>> 3) & 0x0F);
    }

    static void typeAndEncoding(final long address, final byte type, final byte encoding)
    {
        final int old = UnsafeApi.getByte(address) & HAS_EXPIRY;
        UnsafeApi.putByte(address, (byte)(old | (type & 0x07) | ((encoding & 0x0F) << 3)));
    }

    static int flags(final long address)
    {
        return UnsafeApi.getByte(address + 1) & 0xFF;
    }

    static boolean hasExpiry(final long address)
    {
        return (UnsafeApi.getByte(address) & HAS_EXPIRY) != 0;
    }

    static boolean isObject(final long address)
    {
        return (UnsafeApi.getByte(address + 1) & OBJECT) != 0;
    }

    static int lfu(final long address)
    {
        return UnsafeApi.getByte(address + 2) & 0xFF;
    }

    static void lfu(final long address, final int counter)
    {
        UnsafeApi.putByte(address + 2, (byte)counter);
    }

    static long accessSeconds(final long address)
    {
        return UnsafeApi.getInt(address + 4) & 0xFFFF_FFFFL;
    }

    static void accessSeconds(final long address, final long seconds)
    {
        UnsafeApi.putInt(address + 4, (int)seconds);
    }

    static long expireAt(final long address)
    {
        return hasExpiry(address) ? UnsafeApi.getLong(address + HEADER) : KeyEntry.NO_EXPIRY;
    }

    static void expireAt(final long address, final long expireAtMs)
    {
        UnsafeApi.putLong(address + HEADER, expireAtMs);
    }

    static int expiryIndex(final long address)
    {
        return UnsafeApi.getInt(address + HEADER + 8);
    }

    static void expiryIndex(final long address, final int index)
    {
        UnsafeApi.putInt(address + HEADER + 8, index);
    }

    private static int lengthsOffset(final long address)
    {
        return HEADER + (hasExpiry(address) ? EXPIRY_BYTES : 0);
    }

    static int keyOffset(final long address)
    {
        final int at = lengthsOffset(address);
        return (flags(address) & LONG_FORM) != 0 ? at + LONG_BYTES : at;
    }

    static int keyLength(final long address)
    {
        if ((flags(address) & LONG_FORM) != 0)
        {
            return UnsafeApi.getInt(address + lengthsOffset(address));
        }
        return UnsafeApi.getByte(address + 3) & 0xFF;
    }

    static int valueOffset(final long address)
    {
        return keyOffset(address) + keyLength(address);
    }

    /**
     * @param address    of the record.
     * @param blockBytes its block size.
     * @return bytes of the inline value (4 for an object value).
     */
    static int valueLength(final long address, final int blockBytes)
    {
        final int flags = flags(address);
        if ((flags & LONG_FORM) != 0)
        {
            return UnsafeApi.getInt(address + lengthsOffset(address) + 4);
        }
        return blockBytes - valueOffset(address) - (flags & PAD_MASK);
    }

    /**
     * Compare the record's key with bytes at {@code base + keyAddress}.
     *
     * @param address    of the record.
     * @param base       array holding the other key, or null for off-heap.
     * @param keyAddress its offset or address.
     * @param length     its length.
     * @return true if equal.
     */
    static boolean keyEquals(final long address, final Object base, final long keyAddress, final int length)
    {
        if (keyLength(address) != length)
        {
            return false;
        }
        final long at = address + keyOffset(address);
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (UnsafeApi.getLong(at + i) != UnsafeApi.getLong(base, keyAddress + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (UnsafeApi.getByte(at + i) != UnsafeApi.getByte(base, keyAddress + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param address of the record.
     * @return the hash of its key.
     */
    static long hash(final long address)
    {
        return KeyHash.hash(null, address + keyOffset(address), keyLength(address));
    }
}
