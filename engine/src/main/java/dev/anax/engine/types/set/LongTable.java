package dev.anax.engine.types.set;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hash set of 64-bit integers by open addressing with linear probing: the form a set encoded
 * as "hashtable" takes while all its members are integers (an intset that grew past
 * {@code set-max-intset-entries}). Eight bytes per slot and no object per member.
 * <pre>
 *   slot      0        1        2        ...  capacity - 1      capacity = 2^k >= 4
 *   values | EMPTY  | v1     | v2     | ... | v3     |         EMPTY = Long.MIN_VALUE
 *   hasEmptyValue: whether Long.MIN_VALUE itself is a member (kept outside the slots, at the
 *                  virtual position {@code capacity})
 * </pre>
 * The probing, the resizing (double above 3/4, shrink below 1/10), the back-shifting deletion,
 * the uniform random picks and the reverse-binary scan by home slot are those of
 * {@link MemberTable}; positions run from 0 to {@link #positionLimit()} - 1.
 */
public final class LongTable
{
    /** Marks a free slot. */
    static final long EMPTY = Long.MIN_VALUE;

    private static final long SEED = MemberHash.hash(new byte[] {'l'});

    private long[] values;
    private int size;
    private int mask;
    private boolean hasEmptyValue;

    /**
     * @param expected members about to be added.
     */
    public LongTable(final int expected)
    {
        allocate(MemberTable.capacityFor(expected));
    }

    private LongTable(final LongTable other)
    {
        values = other.values.clone();
        size = other.size;
        mask = other.mask;
        hasEmptyValue = other.hasEmptyValue;
    }

    private void allocate(final int capacity)
    {
        values = new long[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    private static int hash(final long value)
    {
        long h = value ^ SEED;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int)h;
    }

    /** @return the number of members. */
    public int size()
    {
        return size;
    }

    /** @return the number of slots. */
    public int capacity()
    {
        return mask + 1;
    }

    /** @return one past the last position: the slots, then the virtual one of Long.MIN_VALUE. */
    public int positionLimit()
    {
        return mask + 2;
    }

    /**
     * @param position from 0 to {@link #positionLimit()} - 1.
     * @return true when a member is there.
     */
    public boolean occupied(final int position)
    {
        return position <= mask ? values[position] != EMPTY : hasEmptyValue;
    }

    /**
     * @param position an occupied position.
     * @return the member there.
     */
    public long valueAt(final int position)
    {
        return position <= mask ? values[position] : EMPTY;
    }

    /** @return an independent copy. */
    public LongTable copy()
    {
        return new LongTable(this);
    }

    private int find(final long value)
    {
        final long[] values = this.values;
        for (int i = hash(value) & mask; ; i = (i + 1) & mask)
        {
            final long v = values[i];
            if (v == value)
            {
                return i;
            }
            if (v == EMPTY)
            {
                return -i - 1;
            }
        }
    }

    /**
     * @param value a candidate.
     * @return true when it is a member.
     */
    public boolean contains(final long value)
    {
        return value == EMPTY ? hasEmptyValue : find(value) >= 0;
    }

    /**
     * @param value the member.
     * @return true if it was added.
     */
    public boolean add(final long value)
    {
        if (value == EMPTY)
        {
            if (hasEmptyValue)
            {
                return false;
            }
            hasEmptyValue = true;
            size++;
            return true;
        }
        final int capacity = mask + 1;
        if (size + 1 > capacity - (capacity >>> 2))
        {
            rehash(capacity << 1);
        }
        final int found = find(value);
        if (found >= 0)
        {
            return false;
        }
        values[-found - 1] = value;
        size++;
        return true;
    }

    /**
     * @param value the member.
     * @return true if it was a member.
     */
    public boolean remove(final long value)
    {
        if (value == EMPTY)
        {
            if (!hasEmptyValue)
            {
                return false;
            }
            removeAt(mask + 1);
            return true;
        }
        final int found = find(value);
        if (found < 0)
        {
            return false;
        }
        removeAt(found);
        return true;
    }

    /**
     * Remove the member at an occupied position; positions seen before are void afterwards.
     *
     * @param position the position.
     */
    public void removeAt(final int position)
    {
        if (position > mask)
        {
            hasEmptyValue = false;
        }
        else
        {
            final long[] values = this.values;
            int hole = position;
            int i = position;
            while (true)
            {
                i = (i + 1) & mask;
                final long v = values[i];
                if (v == EMPTY)
                {
                    break;
                }
                final int home = hash(v) & mask;
                final boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
                if (!stays)
                {
                    values[hole] = v;
                    hole = i;
                }
            }
            values[hole] = EMPTY;
        }
        size--;
        final int capacity = mask + 1;
        if (capacity > MemberTable.MIN_CAPACITY && size * 10L < capacity)
        {
            rehash(MemberTable.capacityFor(size));
        }
    }

    private void rehash(final int capacity)
    {
        final long[] old = values;
        allocate(capacity);
        final long[] values = this.values;
        final int mask = this.mask;
        for (final long v : old)
        {
            if (v != EMPTY)
            {
                int i = hash(v) & mask;
                while (values[i] != EMPTY)
                {
                    i = (i + 1) & mask;
                }
                values[i] = v;
            }
        }
    }

    /**
     * A uniformly random occupied position.
     *
     * @param random the calling thread's source.
     * @return the position; the table must not be empty.
     */
    public int randomPosition(final ThreadLocalRandom random)
    {
        final int limit = hasEmptyValue ? mask + 2 : mask + 1;
        while (true)
        {
            final int position = random.nextInt(limit);
            if (occupied(position))
            {
                return position;
            }
        }
    }

    /**
     * Receives the members a scan step finds.
     */
    @FunctionalInterface
    public interface Visitor
    {
        /**
         * @param value a member.
         */
        void accept(long value);
    }

    /**
     * One scan step, as {@link MemberTable#scan}: the members whose home is the slot the cursor
     * names (and Long.MIN_VALUE with home slot 0).
     *
     * @param cursor  0 to start.
     * @param visitor receives the members.
     * @return the next cursor, 0 when done.
     */
    public long scan(final long cursor, final Visitor visitor)
    {
        final int bucket = (int)cursor & mask;
        if (bucket == 0 && hasEmptyValue)
        {
            visitor.accept(EMPTY);
        }
        for (int i = bucket; values[i] != EMPTY; i = (i + 1) & mask)
        {
            final long v = values[i];
            if ((hash(v) & mask) == bucket)
            {
                visitor.accept(v);
            }
        }
        long next = cursor | ~(long)mask;
        next = Long.reverse(next);
        next++;
        return Long.reverse(next);
    }
}
