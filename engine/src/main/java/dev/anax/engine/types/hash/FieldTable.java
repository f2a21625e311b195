package dev.anax.engine.types.hash;

import dev.anax.engine.family.DeepCopyable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A large hash: a chained hash table kept in parallel arrays, one {@code byte[]} per pair.
 * OBJECT ENCODING calls it "hashtable".
 * <pre>
 *   heads[bucket] ---> index + 1 of the first pair of the bucket's chain (0: empty bucket)
 *
 *   index:     0        1        2              size-1
 *   entries: [pair 0] [pair 1] [pair 2]  ...  [pair n-1]     dense, no holes
 *   next:    [  0   ] [  1   ] [  0   ]  ...  [   3    ]     index + 1 of the next pair in
 *                                                           the same chain (0: end of chain)
 *
 *   pair:    +--------+--------+-------------------------+
 *            | flen   | field  | value (to the end)      |
 *            | varint | bytes  | bytes                   |
 *            +--------+--------+-------------------------+
 * </pre>
 * Per pair this costs one array (field and value together) plus two ints and a bucket slot,
 * where a {@code HashMap<Key, Value>} would cost an entry object, two wrapper objects and two
 * arrays. Removing a pair moves the last one into its index, so the pairs stay dense: a random
 * pair is one random index away (HRANDFIELD). The bucket array doubles when the table holds more
 * pairs than buckets and halves when it is less than an eighth full, and HSCAN walks buckets in
 * reverse-binary cursor order, so every pair present for a whole scan is returned at least once
 * across resizes, as Redis guarantees.
 * <p>
 * Bucket hashes are seeded per process, so the layout cannot be attacked with chosen fields.
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long SEED = ThreadLocalRandom.current().nextLong();
    private static final int MIN_BUCKETS = 4;
    private static final int MIN_CAPACITY = 4;

    private byte[][] entries;
    private int[] next;
    private int[] heads;
    private int mask;
    private int size;

    /**
     * An empty table.
     *
     * @param expected pairs it should hold without growing.
     */
    public FieldTable(final int expected)
    {
        final int capacity = Math.max(MIN_CAPACITY, expected);
        entries = new byte[capacity][];
        next = new int[capacity];
        int buckets = MIN_BUCKETS;
        while (buckets < expected)
        {
            buckets <<= 1;
        }
        heads = new int[buckets];
        mask = buckets - 1;
    }

    private FieldTable(final FieldTable other)
    {
        entries = new byte[other.entries.length][];
        for (int i = 0; i < other.size; i++)
        {
            entries[i] = other.entries[i].clone();
        }
        next = other.next.clone();
        heads = other.heads.clone();
        mask = other.mask;
        size = other.size;
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

    /**
     * @param index of a pair, from 0 to {@link #size} - 1.
     * @return the pair's array; read it with {@link #fieldOffset} and friends.
     */
    public byte[] entry(final int index)
    {
        return entries[index];
    }

    /**
     * @param entry a pair's array.
     * @return where the field starts.
     */
    public static int fieldOffset(final byte[] entry)
    {
        return HashListpack.offset(entry, 0);
    }

    /**
     * @param entry a pair's array.
     * @return the length of the field.
     */
    public static int fieldLength(final byte[] entry)
    {
        return HashListpack.readVarint(entry, 0);
    }

    /**
     * @param entry a pair's array.
     * @return where the value starts.
     */
    public static int valueOffset(final byte[] entry)
    {
        return HashListpack.offset(entry, 0) + HashListpack.readVarint(entry, 0);
    }

    /**
     * @param entry a pair's array.
     * @return the length of the value.
     */
    public static int valueLength(final byte[] entry)
    {
        return entry.length - valueOffset(entry);
    }

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
            if (fieldEquals(entries[i], field, offset, length))
            {
                return i;
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
        final int header = HashListpack.varintSize(flen);
        final byte[] entry = new byte[header + flen + vlen];
        HashListpack.writeVarint(entry, 0, flen);
        System.arraycopy(field, foff, entry, header, flen);
        System.arraycopy(value, voff, entry, header + flen, vlen);
        if (size == entries.length)
        {
            final int capacity = size + (size >> 1);
            entries = Arrays.copyOf(entries, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        final int index = size++;
        entries[index] = entry;
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
        final byte[] old = entries[index];
        final int valueOffset = valueOffset(old);
        if (old.length - valueOffset == vlen)
        {
            System.arraycopy(value, voff, old, valueOffset, vlen);
            return;
        }
        final byte[] entry = Arrays.copyOf(old, valueOffset + vlen);
        System.arraycopy(value, voff, entry, valueOffset, vlen);
        entries[index] = entry;
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
        unlink(index);
        final int last = size - 1;
        if (index != last)
        {
            final byte[] moved = entries[last];
            // Point whatever referred to the last pair at its new index.
            final int bucket = hash(moved, fieldOffset(moved), fieldLength(moved)) & mask;
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
            entries[index] = moved;
            next[index] = next[last];
        }
        entries[last] = null;
        next[last] = 0;
        size = last;
        if (heads.length > MIN_BUCKETS && size < heads.length >> 3)
        {
            int buckets = MIN_BUCKETS;
            while (buckets < size)
            {
                buckets <<= 1;
            }
            rehash(buckets);
        }
        if (entries.length > 64 && size < entries.length >> 2)
        {
            final int capacity = Math.max(MIN_CAPACITY, size + (size >> 1));
            entries = Arrays.copyOf(entries, capacity);
            next = Arrays.copyOf(next, capacity);
        }
    }

    private void unlink(final int index)
    {
        final byte[] entry = entries[index];
        final int bucket = hash(entry, fieldOffset(entry), fieldLength(entry)) & mask;
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

    private void rehash(final int buckets)
    {
        heads = new int[buckets];
        mask = buckets - 1;
        for (int i = 0; i < size; i++)
        {
            final byte[] entry = entries[i];
            final int bucket = hash(entry, fieldOffset(entry), fieldLength(entry)) & mask;
            next[i] = heads[bucket];
            heads[bucket] = i + 1;
        }
    }

    private static boolean fieldEquals(final byte[] entry, final byte[] field, final int offset, final int length)
    {
        if (HashListpack.readVarint(entry, 0) != length)
        {
            return false;
        }
        final int from = HashListpack.offset(entry, 0);
        return Arrays.equals(entry, from, from + length, field, offset, offset + length);
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
