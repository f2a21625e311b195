package dev.anax.engine.types.zset;

import dev.anax.engine.keyspace.Encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small sorted set packed in one byte array, in rank order (OBJECT ENCODING "listpack").
 * <pre>
 *   data: | entry 0 | entry 1 | ... | entry n-1 |        (exactly as long as its entries)
 *
 *   entry: +---------+----------------+------------------+---------+
 *          | len (v) | member (len)   | score (8, BE)    | len (r) |
 *          +---------+----------------+------------------+---------+
 *   len (v): the member length as a varint, 7 bits a byte, low bits first, high bit = more
 *   len (r): the same length written backwards (last byte holds the low bits) so that the
 *            previous entry can be found from the start of the next one
 * </pre>
 * A 10-byte member costs 20 bytes. Every change allocates a new array of the exact size (as
 * Redis reallocates its listpack), so all operations are O(n), which the thresholds keep small;
 * the array is never written after it was built. A score of -0 is kept as 0, as Redis's listpack
 * (which stores scores as text) reads it back.
 */
public final class ZListpack extends ZSetValue
{
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private byte[] data;
    private int count;

    /** An empty set. */
    public ZListpack()
    {
        this(EMPTY, 0);
    }

    private ZListpack(final byte[] data, final int count)
    {
        this.data = data;
        this.count = count;
    }

    /**
     * A listpack over elements already in order.
     *
     * @param entries {@link ZEntry} arrays in rank order, distinct members.
     * @param n       how many of them.
     * @return the set.
     */
    public static ZListpack of(final byte[][] entries, final int n)
    {
        int bytes = 0;
        for (int i = 0; i < n; i++)
        {
            bytes += entrySize(ZEntry.memberLength(entries[i]));
        }
        final byte[] data = new byte[bytes];
        int p = 0;
        for (int i = 0; i < n; i++)
        {
            final byte[] e = entries[i];
            p = write(data, p, e, 0, ZEntry.memberLength(e), ZEntry.score(e));
        }
        return new ZListpack(data, n);
    }

    @Override
    public int size()
    {
        return count;
    }

    @Override
    public byte encoding()
    {
        return Encoding.LISTPACK;
    }

    /** @return bytes used by the packed elements. */
    public int bytes()
    {
        return data.length;
    }

    // ------------------------------------------------------------------ layout

    private static int varintSize(final int v)
    {
        return v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : v < (1 << 21) ? 3 : v < (1 << 28) ? 4 : 5;
    }

    private static int entrySize(final int memberLength)
    {
        return 2 * varintSize(memberLength) + memberLength + ZEntry.SCORE_BYTES;
    }

    /** Member length of the entry at p. */
    private int memberLength(final int p)
    {
        int v = 0;
        int shift = 0;
        int i = p;
        int b;
        do
        {
            b = data[i++];
            v |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return v;
    }

    /** Offset of the member of the entry at p whose member length is len. */
    private static int memberOffset(final int p, final int len)
    {
        return p + varintSize(len);
    }

    private double scoreAt(final int memberOffset, final int len)
    {
        return Double.longBitsToDouble((long)LONG_BE.get(data, memberOffset + len));
    }

    /** Offset of the entry before the one at p (p &gt; 0). */
    private int previous(final int p)
    {
        int v = 0;
        int shift = 0;
        int i = p - 1;
        int b;
        do
        {
            b = data[i--];
            v |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return p - entrySize(v);
    }

    private static int write(
        final byte[] dst, final int at, final byte[] member, final int offset, final int length, final double score)
    {
        int p = at;
        int v = length;
        while (v >= 0x80)
        {
            dst[p++] = (byte)(v | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte)v;
        System.arraycopy(member, offset, dst, p, length);
        p += length;
        // Redis's listpack keeps a score as text, where -0 reads back as 0.
        LONG_BE.set(dst, p, Double.doubleToRawLongBits(score == 0 ? 0.0 : score));
        p += ZEntry.SCORE_BYTES;
        final int size = varintSize(length);
        for (int k = 0; k < size; k++)
        {
            // Backwards: the last byte holds the low 7 bits; every byte but the first has "more".
            final int shift = 7 * (size - 1 - k);
            final int bits = (length >>> shift) & 0x7F;
            dst[p++] = (byte)(k == size - 1 ? bits | (size > 1 ? 0x80 : 0) : (k == 0 ? bits : bits | 0x80));
        }
        return p;
    }

    /** Offset of the entry of a member, or -1. */
    private int find(final byte[] member, final int offset, final int length)
    {
        final byte[] data = this.data;
        int p = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            if (len == length && Arrays.equals(data, m, m + len, member, offset, offset + length))
            {
                return p;
            }
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
        }
        return -1;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public double score(final byte[] member, final int offset, final int length)
    {
        final int p = find(member, offset, length);
        return p < 0 ? Double.NaN : scoreAt(memberOffset(p, length), length);
    }

    @Override
    public int rank(final byte[] member, final int offset, final int length)
    {
        final byte[] data = this.data;
        int p = 0;
        int rank = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            if (len == length && Arrays.equals(data, m, m + len, member, offset, offset + length))
            {
                return rank;
            }
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
            rank++;
        }
        return -1;
    }

    @Override
    public int countScoreBelow(final double bound, final boolean inclusive)
    {
        int p = 0;
        int n = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            final double s = scoreAt(m, len);
            if (inclusive ? s > bound : s >= bound)
            {
                break;
            }
            n++;
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
        }
        return n;
    }

    @Override
    public int countLexBelow(final byte[] member, final int offset, final int length, final boolean inclusive)
    {
        int p = 0;
        int n = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            final int c = Arrays.compareUnsigned(data, m, m + len, member, offset, offset + length);
            if (inclusive ? c > 0 : c >= 0)
            {
                break;
            }
            n++;
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
        }
        return n;
    }

    /** Offset of the entry of a rank, walking from the nearer end. */
    private int seek(final int rank)
    {
        if (rank <= count / 2)
        {
            int p = 0;
            for (int r = 0; r < rank; r++)
            {
                final int len = memberLength(p);
                p += entrySize(len);
            }
            return p;
        }
        int p = data.length;
        for (int r = count; r > rank; r--)
        {
            p = previous(p);
        }
        return p;
    }

    @Override
    public void visit(final int from, final int count, final boolean reverse, final ZVisitor visitor)
    {
        if (count <= 0)
        {
            return;
        }
        int p = seek(from);
        for (int k = 0; k < count; k++)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            visitor.element(data, m, len, scoreAt(m, len));
            if (reverse)
            {
                if (p == 0)
                {
                    break;
                }
                p = previous(p);
            }
            else
            {
                p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
            }
        }
    }

    @Override
    public int run(final int from, final boolean reverse, final int max, final ZPredicate predicate)
    {
        if (from < 0 || from >= count || max <= 0)
        {
            return 0;
        }
        int p = seek(from);
        int passed = 0;
        while (passed < max)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            if (!predicate.test(data, m, len, scoreAt(m, len)))
            {
                break;
            }
            passed++;
            if (reverse)
            {
                if (p == 0)
                {
                    break;
                }
                p = previous(p);
            }
            else
            {
                p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
                if (p >= data.length)
                {
                    break;
                }
            }
        }
        return passed;
    }

    @Override
    public int maxMemberLength()
    {
        int max = 0;
        int p = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            max = Math.max(max, len);
            p += entrySize(len);
        }
        return max;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void insert(final byte[] member, final int offset, final int length, final double score)
    {
        // The first entry that sorts after the new one.
        int p = 0;
        while (p < data.length)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            final double s = scoreAt(m, len);
            if (s > score || (s == score && Arrays.compareUnsigned(data, m, m + len, member, offset, offset + length) > 0))
            {
                break;
            }
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
        }
        final int size = entrySize(length);
        final byte[] fresh = new byte[data.length + size];
        System.arraycopy(data, 0, fresh, 0, p);
        write(fresh, p, member, offset, length, score);
        System.arraycopy(data, p, fresh, p + size, data.length - p);
        data = fresh;
        count++;
    }

    @Override
    public void update(
        final byte[] member, final int offset, final int length, final double current, final double score)
    {
        remove(member, offset, length);
        insert(member, offset, length, score);
    }

    @Override
    public boolean remove(final byte[] member, final int offset, final int length)
    {
        final int p = find(member, offset, length);
        if (p < 0)
        {
            return false;
        }
        cut(p, p + entrySize(length), 1);
        return true;
    }

    private void cut(final int from, final int to, final int entries)
    {
        final byte[] fresh = new byte[data.length - (to - from)];
        System.arraycopy(data, 0, fresh, 0, from);
        System.arraycopy(data, to, fresh, from, data.length - to);
        data = fresh.length == 0 ? EMPTY : fresh;
        count -= entries;
    }

    @Override
    public void removeRange(final int from, final int count)
    {
        if (count <= 0)
        {
            return;
        }
        final int start = seek(from);
        int end = start;
        for (int k = 0; k < count; k++)
        {
            end += entrySize(memberLength(end));
        }
        cut(start, end, count);
    }

    @Override
    public ZListpack deepCopy()
    {
        return new ZListpack(data.clone(), count);
    }

    /**
     * The elements as {@link ZEntry} arrays, in rank order (to convert to the tree encoding).
     *
     * @return new entries.
     */
    public byte[][] toEntries()
    {
        final byte[][] entries = new byte[count][];
        int p = 0;
        for (int i = 0; i < count; i++)
        {
            final int len = memberLength(p);
            final int m = memberOffset(p, len);
            entries[i] = ZEntry.of(data, m, len, scoreAt(m, len));
            p = m + len + ZEntry.SCORE_BYTES + varintSize(len);
        }
        return entries;
    }
}
