package dev.anax.engine.types.hash;

import dev.anax.engine.family.DeepCopyable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A large hash: a chained hash table kept in parallel {@code int} arrays, the pairs' bytes packed
 * in shared pages. OBJECT ENCODING calls it "hashtable".
 * <pre>
 *   heads[bucket] --> index + 1 of the first pair of the bucket's chain (0: empty bucket)
 *
 *   index:   0        1        2             size-1       dense, no holes
 *   next:  [ 0    ] [ 1    ] [ 0    ]  ...  [ 3    ]      index + 1 of the next pair in the
 *                                                         same chain (0: end of chain)
 *   loc:   [p0|o0 ] [p0|o1 ] [~b0   ]  ...  [p7|o9 ]      where the pair's bytes are:
 *            |                  |                           &gt;= 0: page (high 15 bits) and
 *            v                  v                                  offset (low 16 bits)
 *   pages: [ pair | pair | pair | ... ]   bigs: [ pair ]     &lt;  0: ~index into bigs
 *          one byte[] of up to 64 KiB           one byte[] per pair too big for a page
 *
 *   pair:  +--------+--------+--------+--------+
 *          | flen   | vlen   | field  | value  |
 *          | varint | varint | bytes  | bytes  |
 *          +--------+--------+--------+--------+
 * </pre>
 * A pair costs its bytes plus three ints (loc, next, a bucket slot): no object per pair, so no
 * per-pair header, alignment or reference. New pairs are appended to the last page (which grows
 * by doubling up to 64 KiB, then a new page starts); a value replaced by one of the same length
 * is written in place, otherwise the pair is appended anew and the old bytes become garbage, as
 * do the bytes of a removed pair. When garbage passes half the live bytes the pages are rewritten
 * compactly, which costs less than the writes that made the garbage (amortised O(1)). Pairs of
 * more than {@link #BIG_PAIR} bytes get an array of their own, reused through a free list.
 * <p>
 * Removing a pair moves the last one into its index, so the indexes stay dense: a random pair is
 * one random index away (HRANDFIELD). The bucket array doubles when the table holds more pairs
 * than buckets and shrinks when it is less than an eighth full, and HSCAN walks buckets in
 * reverse-binary cursor order, so every pair present for a whole scan is returned at least once
 * across resizes, as Redis guarantees. Bucket hashes are seeded per process.
 */
public final class FieldTable implements DeepCopyable
{
    /** Receives the indexes of the pairs a scan step visits. */
    public interface Visitor
    {
        /**
         * @param index of a pair.
         */
        void visit(int index);
    }

    /** Pairs longer than this (in bytes, with their length prefixes) get an array of their own. */
    static final int BIG_PAIR = 2048;
    private static final int OFFSET_BITS = 16;
    private static final int PAGE_MAX = 1 << OFFSET_BITS;
    private static final int OFFSET_MASK = PAGE_MAX - 1;
    /** Page indexes must keep loc non-negative. */
    private static final int MAX_PAGES = 1 << (31 - OFFSET_BITS);
    private static final int FIRST_PAGE = 256;
    private static final int MIN_GARBAGE = 4096;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long SEED = ThreadLocalRandom.current().nextLong();
    private static final int MIN_BUCKETS = 4;
    private static final int MIN_CAPACITY = 4;

    private int[] loc;
    private int[] next;
    private int[] heads;
    private int mask;
    private int size;

    private byte[][] pages;
    private int pageCount;
    /** Bytes used in the last page. */
    private int tail;
    private long liveBytes;
    private long garbageBytes;

    private byte[][] bigs;
    private int bigCount;
    private int[] freeBigs;
    private int freeBigCount;

    /**
     * An empty table.
     *
     * @param expected pairs it should hold without growing its index arrays.
     */
    public FieldTable(final int expected)
    {
        final int capacity = Math.max(MIN_CAPACITY, expected);
        loc = new int[capacity];
        next = new int[capacity];
        int buckets = MIN_BUCKETS;
        while (buckets < expected)
        {
            buckets <<= 1;
        }
        heads = new int[buckets];
        mask = buckets - 1;
        pages = new byte[4][];
        bigs = new byte[0][];
        freeBigs = new int[0];
    }

    private FieldTable(final FieldTable other)
    {
        loc = other.loc.clone();
        next = other.next.clone();
        heads = other.heads.clone();
        mask = other.mask;
        size = other.size;
        pages = new byte[other.pages.length][];
        for (int i = 0; i < other.pageCount; i++)
        {
            pages[i] = other.pages[i].clone();
        }
        pageCount = other.pageCount;
        tail = other.tail;
        liveBytes = other.liveBytes;
        garbageBytes = other.garbageBytes;
        bigs = new byte[other.bigs.length][];
        for (int i = 0; i < other.bigCount; i++)
        {
            bigs[i] = other.bigs[i] == null ? null : other.bigs[i].clone();
        }
        bigCount = other.bigCount;
        freeBigs = other.freeBigs.clone();
        freeBigCount = other.freeBigCount;
    }

    /** @return how many pairs the table holds. */
    public int size()
    {
        return size;
    }

    /** @return how many buckets the table has (a power of two). */
    public int buckets()
    {
        return heads.length;
    }

    // ---------------------------------------------------------------- reading a pair

    /**
     * @param index of a pair, from 0 to {@link #size} - 1.
     * @return the array holding the pair's bytes (shared with other pairs: read it only through
     *         the offsets below, and only until the table changes).
     */
    public byte[] array(final int index)
    {
        final int l = loc[index];
        return l >= 0 ? pages[l >>> OFFSET_BITS] : bigs[~l];
    }

    private int start(final int index)
    {
        final int l = loc[index];
        return l >= 0 ? l & OFFSET_MASK : 0;
    }

    /**
     * @param index of a pair.
     * @return the length of its field.
     */
    public int fieldLength(final int index)
    {
        return HashListpack.readVarint(array(index), start(index));
    }

    /**
     * @param index of a pair.
     * @return where its field starts in {@link #array}.
     */
    public int fieldOffset(final int index)
    {
        final byte[] a = array(index);
        final int s = start(index);
        return HashListpack.offset(a, HashListpack.offset(a, s));
    }

    /**
     * @param index of a pair.
     * @return the length of its value.
     */
    public int valueLength(final int index)
    {
        final byte[] a = array(index);
        return HashListpack.readVarint(a, HashListpack.offset(a, start(index)));
    }

    /**
     * @param index of a pair.
     * @return where its value starts in {@link #array}.
     */
    public int valueOffset(final int index)
    {
        final byte[] a = array(index);
        final int s = start(index);
        return HashListpack.offset(a, HashListpack.offset(a, s)) + HashListpack.readVarint(a, s);
    }

    // ---------------------------------------------------------------- lookups and writes

    /**
     * Find a field.
     *
     * @param field  array holding the field.
     * @param offset of the field.
     * @param length of the field.
     * @return the pair's index, or -1.
     */
    public int find(final byte[] field, final int offset, final int length)
    {
        int i = heads[hash(field, offset, length) & mask] - 1;
        while (i >= 0)
        {
            final byte[] a = array(i);
            final int s = start(i);
            if (HashListpack.readVarint(a, s) == length)
            {
                final int from = HashListpack.offset(a, HashListpack.offset(a, s));
                if (Arrays.equals(a, from, from + length, field, offset, offset + length))
                {
                    return i;
                }
            }
            i = next[i] - 1;
        }
        return -1;
    }

    /**
     * Set a field's value, adding the field if it is absent.
     *
     * @param field array holding the field.
     * @param foff  offset of the field.
     * @param flen  length of the field.
     * @param value array holding the value.
     * @param voff  offset of the value.
     * @param vlen  length of the value.
     * @return true if the field was added.
     */
    public boolean put(
        final byte[] field, final int foff, final int flen, final byte[] value, final int voff, final int vlen)
    {
        final int index = find(field, foff, flen);
        if (index >= 0)
        {
            setValue(index, value, voff, vlen);
            return false;
        }
        add(field, foff, flen, value, voff, vlen);
        return true;
    }

    /**
     * Add a field known to be absent.
     *
     * @param field array holding the field.
     * @param foff  offset of the field.
     * @param flen  length of the field.
     * @param value array holding the value.
     * @param voff  offset of the value.
     * @param vlen  length of the value.
     */
    public void add(
        final byte[] field, final int foff, final int flen, final byte[] value, final int voff, final int vlen)
    {
        if (size == loc.length)
        {
            final int capacity = size + (size >> 1);
            loc = Arrays.copyOf(loc, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        final int index = size++;
        loc[index] = store(field, foff, flen, value, voff, vlen);
        final int bucket = hash(field, foff, flen) & mask;
        next[index] = heads[bucket];
        heads[bucket] = index + 1;
        if (size > heads.length)
        {
            rehash(heads.length << 1);
        }
    }

    /**
     * Replace the value of a pair.
     *
     * @param index of the pair.
     * @param value array holding the value.
     * @param voff  offset of the value.
     * @param vlen  length of the value.
     */
    public void setValue(final int index, final byte[] value, final int voff, final int vlen)
    {
        final byte[] a = array(index);
        final int s = start(index);
        final int flen = HashListpack.readVarint(a, s);
        final int vpos = HashListpack.offset(a, s);
        final int fieldFrom = HashListpack.offset(a, vpos);
        if (HashListpack.readVarint(a, vpos) == vlen)
        {
            System.arraycopy(value, voff, a, fieldFrom + flen, vlen);
            return;
        }
        // The pair moves: its old bytes stay readable in a while the new ones are written (a
        // page only grows into a copy, and a new pair never overwrites an old one).
        release(loc[index]);
        loc[index] = store(a, fieldFrom, flen, value, voff, vlen);
        maybeCompact();
    }

    /**
     * Remove a field.
     *
     * @param field  array holding the field.
     * @param offset of the field.
     * @param length of the field.
     * @return true if it was present.
     */
    public boolean remove(final byte[] field, final int offset, final int length)
    {
        final int index = find(field, offset, length);
        if (index < 0)
        {
            return false;
        }
        removeAt(index);
        return true;
    }

    /**
     * Remove a pair. The last pair takes its index.
     *
     * @param index of the pair.
     */
    public void removeAt(final int index)
    {
        unlink(index, bucketOf(index));
        release(loc[index]);
        final int last = size - 1;
        if (index != last)
        {
            // Point whatever referred to the last pair at its new index.
            final int bucket = bucketOf(last);
            if (heads[bucket] == last + 1)
            {
                heads[bucket] = index + 1;
            }
            else
            {
                int i = heads[bucket] - 1;
                while (next[i] != last + 1)
                {
                    i = next[i] - 1;
                }
                next[i] = index + 1;
            }
            loc[index] = loc[last];
            next[index] = next[last];
        }
        next[last] = 0;
        size = last;
        if (size == 0)
        {
            clearStorage();
        }
        if (heads.length > MIN_BUCKETS && size < heads.length >> 3)
        {
            int buckets = MIN_BUCKETS;
            while (buckets < size)
            {
                buckets <<= 1;
            }
            rehash(buckets);
        }
        if (loc.length > 64 && size < loc.length >> 2)
        {
            final int capacity = Math.max(MIN_CAPACITY, size + (size >> 1));
            loc = Arrays.copyOf(loc, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        maybeCompact();
    }

    private void unlink(final int index, final int bucket)
    {
        if (heads[bucket] == index + 1)
        {
            heads[bucket] = next[index];
            return;
        }
        int i = heads[bucket] - 1;
        while (next[i] != index + 1)
        {
            i = next[i] - 1;
        }
        next[i] = next[index];
    }

    private int bucketOf(final int index)
    {
        final byte[] a = array(index);
        final int s = start(index);
        final int flen = HashListpack.readVarint(a, s);
        return hash(a, HashListpack.offset(a, HashListpack.offset(a, s)), flen) & mask;
    }

    /**
     * @param random the source.
     * @return the index of a pair chosen uniformly; the table must not be empty.
     */
    public int randomIndex(final SplittableRandom random)
    {
        return random.nextInt(size);
    }

    /**
     * One SCAN call, as Redis's HSCAN makes it: visit buckets in reverse-binary order from the
     * cursor until twice the pairs visited reach {@code count} (Redis counts fields and values),
     * the walk wraps to 0, or {@code count * 10} more buckets were visited.
     *
     * @param cursor  0 to start; any value is accepted.
     * @param count   the COUNT option, at least 1.
     * @param visitor receives the index of each pair of each bucket visited.
     * @return the next cursor, 0 when the walk is complete.
     */
    public long scan(final long cursor, final long count, final Visitor visitor)
    {
        if (size == 0)
        {
            return 0;
        }
        long v = cursor;
        long visited = 0;
        long budget = count * 10;
        do
        {
            int i = heads[(int)(v & mask)] - 1;
            while (i >= 0)
            {
                visitor.visit(i);
                visited++;
                i = next[i] - 1;
            }
            v |= ~(long)mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        }
        while (v != 0 && budget-- != 0 && visited * 2 < count);
        return v;
    }

    @Override
    public FieldTable deepCopy()
    {
        return new FieldTable(this);
    }

    /**
     * An estimate of the heap this table occupies: its arrays, pages and big pairs, with their
     * headers (MEMORY USAGE).
     *
     * @return bytes.
     */
    public long memoryUsage()
    {
        long bytes = 64 + arrayBytes(loc.length * 4L) + arrayBytes(next.length * 4L) + arrayBytes(heads.length * 4L) +
            arrayBytes(pages.length * 8L) + arrayBytes(bigs.length * 8L) + arrayBytes(freeBigs.length * 4L);
        for (int i = 0; i < pageCount; i++)
        {
            bytes += arrayBytes(pages[i].length);
        }
        for (int i = 0; i < bigCount; i++)
        {
            if (bigs[i] != null)
            {
                bytes += arrayBytes(bigs[i].length);
            }
        }
        return bytes;
    }

    private static long arrayBytes(final long payload)
    {
        return (16 + payload + 7) & ~7L;
    }

    /** @return bytes of the pages and big arrays that no pair uses any more (for tests). */
    long garbageBytes()
    {
        return garbageBytes;
    }

    /** @return pages in use (for tests). */
    int pageCount()
    {
        return pageCount;
    }

    // ---------------------------------------------------------------- storage

    private static int pairLength(final int flen, final int vlen)
    {
        return HashListpack.varintSize(flen) + HashListpack.varintSize(vlen) + flen + vlen;
    }

    /** Write a pair into the pages (or an array of its own) and return its loc. */
    private int store(
        final byte[] field, final int foff, final int flen, final byte[] value, final int voff, final int vlen)
    {
        final int length = pairLength(flen, vlen);
        final byte[] target;
        final int at;
        final int result;
        if (length > BIG_PAIR || !reserve(length))
        {
            target = new byte[length];
            at = 0;
            result = ~addBig(target);
        }
        else
        {
            target = pages[pageCount - 1];
            at = tail;
            result = ((pageCount - 1) << OFFSET_BITS) | tail;
            tail += length;
            liveBytes += length;
        }
        int p = HashListpack.writeVarint(target, at, flen);
        p = HashListpack.writeVarint(target, p, vlen);
        System.arraycopy(field, foff, target, p, flen);
        System.arraycopy(value, voff, target, p + flen, vlen);
        return result;
    }

    /** Make room for {@code length} bytes at the tail of the last page; false if no page can. */
    private boolean reserve(final int length)
    {
        if (pageCount > 0)
        {
            final byte[] last = pages[pageCount - 1];
            final int need = tail + length;
            if (need <= last.length)
            {
                return true;
            }
            if (need <= PAGE_MAX)
            {
                int grown = last.length;
                while (grown < need)
                {
                    grown <<= 1;
                }
                pages[pageCount - 1] = Arrays.copyOf(last, Math.min(PAGE_MAX, grown));
                return true;
            }
            if (pageCount == MAX_PAGES)
            {
                return false;
            }
            // The rest of the full page is never used.
            garbageBytes += last.length - tail;
        }
        if (pageCount == pages.length)
        {
            pages = Arrays.copyOf(pages, pageCount << 1);
        }
        int capacity = PAGE_MAX;
        if (pageCount == 0)
        {
            // A table's first page grows from small; once it filled a page it starts them whole.
            capacity = FIRST_PAGE;
            while (capacity < length)
            {
                capacity <<= 1;
            }
        }
        pages[pageCount] = new byte[capacity];
        pageCount++;
        tail = 0;
        return true;
    }

    private int addBig(final byte[] pair)
    {
        final int index;
        if (freeBigCount > 0)
        {
            index = freeBigs[--freeBigCount];
        }
        else
        {
            if (bigCount == bigs.length)
            {
                bigs = Arrays.copyOf(bigs, Math.max(4, bigCount << 1));
            }
            index = bigCount++;
        }
        bigs[index] = pair;
        return index;
    }

    /** The bytes at loc are no longer used. */
    private void release(final int l)
    {
        if (l < 0)
        {
            bigs[~l] = null;
            if (freeBigCount == freeBigs.length)
            {
                freeBigs = Arrays.copyOf(freeBigs, Math.max(4, freeBigCount << 1));
            }
            freeBigs[freeBigCount++] = ~l;
            return;
        }
        final byte[] page = pages[l >>> OFFSET_BITS];
        final int s = l & OFFSET_MASK;
        final int length = pairLength(HashListpack.readVarint(page, s), HashListpack.readVarint(page, HashListpack.offset(page, s)));
        liveBytes -= length;
        garbageBytes += length;
    }

    private void clearStorage()
    {
        pages = new byte[4][];
        pageCount = 0;
        tail = 0;
        liveBytes = 0;
        garbageBytes = 0;
        bigs = new byte[0][];
        bigCount = 0;
        freeBigs = new int[0];
        freeBigCount = 0;
    }

    private void maybeCompact()
    {
        if (garbageBytes > MIN_GARBAGE && garbageBytes > liveBytes >> 1)
        {
            compact();
        }
    }

    /** Rewrite the pairs kept in pages into fresh pages, in index order, without garbage. */
    private void compact()
    {
        final byte[][] old = pages;
        final int oldCount = pageCount;
        final long live = liveBytes;
        pages = new byte[Math.max(4, (int)(live / PAGE_MAX) + 2)][];
        pageCount = 0;
        tail = 0;
        liveBytes = 0;
        garbageBytes = 0;
        for (int i = 0; i < size; i++)
        {
            final int l = loc[i];
            if (l < 0)
            {
                continue;
            }
            final byte[] page = old[l >>> OFFSET_BITS];
            final int s = l & OFFSET_MASK;
            final int length = pairLength(HashListpack.readVarint(page, s), HashListpack.readVarint(page, HashListpack.offset(page, s)));
            if (pageCount == 0 || tail + length > pages[pageCount - 1].length)
            {
                if (pageCount > 0)
                {
                    garbageBytes += pages[pageCount - 1].length - tail;
                }
                final long remaining = live - liveBytes;
                pages[pageCount++] = new byte[(int)Math.min(PAGE_MAX, Math.max(remaining, length))];
                tail = 0;
            }
            System.arraycopy(page, s, pages[pageCount - 1], tail, length);
            loc[i] = ((pageCount - 1) << OFFSET_BITS) | tail;
            tail += length;
            liveBytes += length;
        }
        Arrays.fill(old, 0, oldCount, null);
    }

    private void rehash(final int buckets)
    {
        heads = new int[buckets];
        mask = buckets - 1;
        for (int i = 0; i < size; i++)
        {
            final int bucket = bucketOf(i);
            next[i] = heads[bucket];
            heads[bucket] = i + 1;
        }
    }

    /**
     * The seeded bucket hash of a field (64-bit multiply-rotate rounds over 8-byte words, then a
     * murmur3 finaliser).
     */
    static int hash(final byte[] bytes, final int offset, final int length)
    {
        long h = SEED + length * PRIME1;
        int i = offset;
        final int end = offset + length;
        while (end - i >= 8)
        {
            h = Long.rotateLeft(h ^ ((long)LONGS.get(bytes, i) * PRIME2), 31) * PRIME1;
            i += 8;
        }
        long tail = 0;
        int shift = 0;
        while (i < end)
        {
            tail |= (bytes[i++] & 0xFFL) << shift;
            shift += 8;
        }
        h = Long.rotateLeft(h ^ (tail * PRIME2), 31) * PRIME1;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int)h;
    }
}
