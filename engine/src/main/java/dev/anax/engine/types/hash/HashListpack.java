package dev.anax.engine.types.hash;

import java.util.Arrays;

/**
 * A small hash packed in one {@code byte[]}: the field/value pairs one after the other in
 * insertion order, each string prefixed by its length. OBJECT ENCODING calls it "listpack".
 * <pre>
 *   +---------+--------+--------+--------+--------+-----+--------+--------+--------+--------+
 *   | count   | flen 1 | field1 | vlen 1 | value1 | ... | flen n | fieldn | vlen n | valuen |
 *   | varint  | varint | bytes  | varint | bytes  |     | varint | bytes  | varint | bytes  |
 *   +---------+--------+--------+--------+--------+-----+--------+--------+--------+--------+
 *
 *   varint: unsigned LEB128, 7 bits a byte, low bits first, high bit set when more follow
 *           (lengths below 128 take one byte)
 * </pre>
 * The array is exactly as long as its content: an insert or a delete makes a new array (the
 * lists are short, so it costs as much as Redis's realloc and memmove), a value replaced by one
 * of the same length is written in place.
 * <p>
 * A <em>position</em> is the index of a string's length prefix: a field's position names its
 * pair, {@link #next} steps from a field to its value and from a value to the next field.
 * Every operation is a linear scan; the hash family converts to {@link FieldTable} before the
 * lists get long.
 */
public final class HashListpack
{
    /** The empty hash: a count of zero. */
    private static final byte[] EMPTY = {0};

    private HashListpack()
    {
    }

    /** @return a new empty hash. */
    public static byte[] empty()
    {
        return EMPTY.clone();
    }

    /**
     * @param lp the hash.
     * @return how many fields it holds.
     */
    public static int count(final byte[] lp)
    {
        return readVarint(lp, 0);
    }

    /**
     * @param lp the hash.
     * @return the position of the first field, equal to {@code lp.length} when empty.
     */
    public static int first(final byte[] lp)
    {
        return varintSize(readVarint(lp, 0));
    }

    /**
     * @param lp  the hash.
     * @param pos position of a string.
     * @return the length of the string.
     */
    public static int length(final byte[] lp, final int pos)
    {
        return readVarint(lp, pos);
    }

    /**
     * @param lp  the hash.
     * @param pos position of a string.
     * @return the index of the string's first byte.
     */
    public static int offset(final byte[] lp, final int pos)
    {
        int p = pos;
        while (lp[p] < 0)
        {
            p++;
        }
        return p + 1;
    }

    /**
     * @param lp  the hash.
     * @param pos position of a string.
     * @return the position of the string after it; {@code lp.length} after the last value.
     */
    public static int next(final byte[] lp, final int pos)
    {
        return offset(lp, pos) + readVarint(lp, pos);
    }

    /**
     * Find a field.
     *
     * @param lp     the hash.
     * @param field  array holding the field.
     * @param offset of the field.
     * @param length of the field.
     * @return the field's position, or -1.
     */
    public static int find(final byte[] lp, final byte[] field, final int offset, final int length)
    {
        int pos = first(lp);
        final int end = lp.length;
        while (pos < end)
        {
            final int flen = readVarint(lp, pos);
            final int foff = offset(lp, pos);
            if (flen == length && Arrays.equals(lp, foff, foff + flen, field, offset, offset + length))
            {
                return pos;
            }
            pos = next(lp, foff + flen);
        }
        return -1;
    }

    /**
     * Append a field that is not present.
     *
     * @param lp     the hash.
     * @param field  array holding the field.
     * @param foff   offset of the field.
     * @param flen   length of the field.
     * @param value  array holding the value.
     * @param voff   offset of the value.
     * @param vlen   length of the value.
     * @return the new hash.
     */
    public static byte[] append(
        final byte[] lp,
        final byte[] field,
        final int foff,
        final int flen,
        final byte[] value,
        final int voff,
        final int vlen)
    {
        final int count = readVarint(lp, 0);
        final int oldHeader = varintSize(count);
        final int newHeader = varintSize(count + 1);
        final int body = lp.length - oldHeader;
        final int pair = varintSize(flen) + flen + varintSize(vlen) + vlen;
        final byte[] out = new byte[newHeader + body + pair];
        writeVarint(out, 0, count + 1);
        System.arraycopy(lp, oldHeader, out, newHeader, body);
        int p = newHeader + body;
        p = writeVarint(out, p, flen);
        System.arraycopy(field, foff, out, p, flen);
        p += flen;
        p = writeVarint(out, p, vlen);
        System.arraycopy(value, voff, out, p, vlen);
        return out;
    }

    /**
     * Append several fields that are not present, with one new array.
     *
     * @param lp     the hash.
     * @param source array holding the fields and values.
     * @param pairs  four ints a pair: field offset, field length, value offset, value length.
     * @param count  how many pairs of {@code pairs} to append.
     * @return the new hash.
     */
    public static byte[] appendAll(final byte[] lp, final byte[] source, final int[] pairs, final int count)
    {
        final int oldCount = readVarint(lp, 0);
        final int oldHeader = varintSize(oldCount);
        final int newHeader = varintSize(oldCount + count);
        final int body = lp.length - oldHeader;
        long added = 0;
        for (int i = 0; i < count * 4; i += 4)
        {
            added += varintSize(pairs[i + 1]) + pairs[i + 1] + varintSize(pairs[i + 3]) + pairs[i + 3];
        }
        final byte[] out = new byte[Math.toIntExact(newHeader + body + added)];
        writeVarint(out, 0, oldCount + count);
        System.arraycopy(lp, oldHeader, out, newHeader, body);
        int p = newHeader + body;
        for (int i = 0; i < count * 4; i += 4)
        {
            p = writeVarint(out, p, pairs[i + 1]);
            System.arraycopy(source, pairs[i], out, p, pairs[i + 1]);
            p += pairs[i + 1];
            p = writeVarint(out, p, pairs[i + 3]);
            System.arraycopy(source, pairs[i + 2], out, p, pairs[i + 3]);
            p += pairs[i + 3];
        }
        return out;
    }

    /**
     * Replace the value of a field.
     *
     * @param lp       the hash.
     * @param fieldPos position of the field.
     * @param value    array holding the new value.
     * @param voff     offset of the value.
     * @param vlen     length of the value.
     * @return the hash: the same array when the value kept its length, else a new one.
     */
    public static byte[] replaceValue(
        final byte[] lp, final int fieldPos, final byte[] value, final int voff, final int vlen)
    {
        final int valuePos = next(lp, fieldPos);
        final int oldLength = readVarint(lp, valuePos);
        final int oldOffset = offset(lp, valuePos);
        if (oldLength == vlen)
        {
            System.arraycopy(value, voff, lp, oldOffset, vlen);
            return lp;
        }
        final int tail = oldOffset + oldLength;
        final byte[] out = new byte[valuePos + varintSize(vlen) + vlen + lp.length - tail];
        System.arraycopy(lp, 0, out, 0, valuePos);
        int p = writeVarint(out, valuePos, vlen);
        System.arraycopy(value, voff, out, p, vlen);
        p += vlen;
        System.arraycopy(lp, tail, out, p, lp.length - tail);
        return out;
    }

    /**
     * Remove a field and its value.
     *
     * @param lp       the hash.
     * @param fieldPos position of the field.
     * @return the new hash.
     */
    public static byte[] delete(final byte[] lp, final int fieldPos)
    {
        final int count = readVarint(lp, 0);
        final int oldHeader = varintSize(count);
        final int newHeader = varintSize(count - 1);
        final int end = next(lp, next(lp, fieldPos));
        final byte[] out = new byte[lp.length - (end - fieldPos) - (oldHeader - newHeader)];
        writeVarint(out, 0, count - 1);
        System.arraycopy(lp, oldHeader, out, newHeader, fieldPos - oldHeader);
        System.arraycopy(lp, end, out, newHeader + fieldPos - oldHeader, lp.length - end);
        return out;
    }

    /**
     * The positions of every field, in order (for random access by index).
     *
     * @param lp        the hash.
     * @param positions receives {@link #count} positions; must be large enough.
     */
    public static void positions(final byte[] lp, final int[] positions)
    {
        int pos = first(lp);
        int i = 0;
        while (pos < lp.length)
        {
            positions[i++] = pos;
            pos = next(lp, next(lp, pos));
        }
    }

    /**
     * Move every pair into a new table.
     *
     * @param lp the hash.
     * @return the table, same pairs.
     */
    public static FieldTable toTable(final byte[] lp)
    {
        final int count = count(lp);
        final FieldTable table = new FieldTable(count + 1);
        int pos = first(lp);
        while (pos < lp.length)
        {
            final int valuePos = next(lp, pos);
            table.add(lp, offset(lp, pos), length(lp, pos), lp, offset(lp, valuePos), length(lp, valuePos));
            pos = next(lp, valuePos);
        }
        return table;
    }

    // ---------------------------------------------------------------- varints

    static int readVarint(final byte[] a, final int pos)
    {
        int b = a[pos];
        if (b >= 0)
        {
            return b;
        }
        int value = b & 0x7F;
        int shift = 7;
        int p = pos + 1;
        do
        {
            b = a[p++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b < 0);
        return value;
    }

    static int varintSize(final int value)
    {
        if (value < 0x80)
        {
            return 1;
        }
        if (value < 0x4000)
        {
            return 2;
        }
        if (value < 0x20_0000)
        {
            return 3;
        }
        return value < 0x1000_0000 ? 4 : 5;
    }

    static int writeVarint(final byte[] a, final int pos, final int value)
    {
        int v = value;
        int p = pos;
        while ((v & ~0x7F) != 0)
        {
            a[p++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte)v;
        return p;
    }
}
