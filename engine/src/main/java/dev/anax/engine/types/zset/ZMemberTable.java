package dev.anax.engine.types.zset;

import java.util.function.Consumer;

/**
 * The member index of a large sorted set: an open-addressing hash table of {@link ZEntry}
 * references with linear probing, so that ZSCORE, ZADD and ZREM find a member in O(1).
 * <pre>
 *   slots: [ e | . | e | e | . | ... ]   one reference per slot (4 bytes with compressed oops),
 *                                        power-of-two length, at most 3/4 full
 * </pre>
 * Hashes are not stored: they are computed from the member bytes when needed (lookups, resizes,
 * scans). Deletion shifts later entries of the run back, so no tombstones exist and every entry
 * lies between its home slot ({@code hash & mask}) and the first empty slot after it.
 * <p>
 * {@link #scan} walks home slots in Redis's reverse-binary cursor order, which returns every
 * member present for a whole scan at least once, even when the table grows or shrinks between
 * calls (the same argument as for a chained table whose buckets are the home slots).
 */
final class ZMemberTable
{
    private static final int MIN_CAPACITY = 16;

    private byte[][] slots;
    private int mask;
    private int size;

    /**
     * An empty table sized for a number of members.
     *
     * @param expected members it will hold.
     */
    ZMemberTable(final int expected)
    {
        int capacity = MIN_CAPACITY;
        while (capacity * 3L / 4 < expected)
        {
            capacity <<= 1;
        }
        slots = new byte[capacity][];
        mask = capacity - 1;
    }

    private ZMemberTable(final byte[][] slots, final int size)
    {
        this.slots = slots;
        this.mask = slots.length - 1;
        this.size = size;
    }

    int size()
    {
        return size;
    }

    /**
     * A copy sharing the (immutable) entries.
     *
     * @return the copy.
     */
    ZMemberTable copy()
    {
        return new ZMemberTable(slots.clone(), size);
    }

    /**
     * Find the entry of a member.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return the entry, or null.
     */
    byte[] get(final byte[] member, final int offset, final int length)
    {
        final byte[][] slots = this.slots;
        int i = ZEntry.hash(member, offset, length) & mask;
        byte[] e;
        while ((e = slots[i]) != null)
        {
            if (ZEntry.memberEquals(e, member, offset, length))
            {
                return e;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * Add an entry whose member is not present.
     *
     * @param entry the entry.
     */
    void add(final byte[] entry)
    {
        if ((size + 1) > (slots.length >> 2) * 3)
        {
            resize(slots.length << 1);
        }
        place(slots, mask, entry);
        size++;
    }

    private static void place(final byte[][] slots, final int mask, final byte[] entry)
    {
        int i = ZEntry.memberHash(entry) & mask;
        while (slots[i] != null)
        {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
    }

    /**
     * Replace the entry of a member by another entry of the same member.
     *
     * @param old   the entry in the table.
     * @param fresh the entry taking its slot.
     */
    void replace(final byte[] old, final byte[] fresh)
    {
        slots[indexOf(old)] = fresh;
    }

    private int indexOf(final byte[] entry)
    {
        int i = ZEntry.memberHash(entry) & mask;
        while (slots[i] != entry)
        {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * Remove the entry of a member.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return the removed entry, or null.
     */
    byte[] remove(final byte[] member, final int offset, final int length)
    {
        int i = ZEntry.hash(member, offset, length) & mask;
        byte[] e;
        while ((e = slots[i]) != null)
        {
            if (ZEntry.memberEquals(e, member, offset, length))
            {
                deleteAt(i);
                return e;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * Remove an entry known to be in the table.
     *
     * @param entry the entry itself.
     */
    void removeEntry(final byte[] entry)
    {
        deleteAt(indexOf(entry));
    }

    private void deleteAt(final int index)
    {
        final byte[][] slots = this.slots;
        final int mask = this.mask;
        int hole = index;
        int i = (index + 1) & mask;
        byte[] e;
        // Backward-shift: move back every entry of the run whose home does not lie in (hole, i].
        while ((e = slots[i]) != null)
        {
            final int home = ZEntry.memberHash(e) & mask;
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                slots[hole] = e;
                hole = i;
            }
            i = (i + 1) & mask;
        }
        slots[hole] = null;
        size--;
        if (slots.length > MIN_CAPACITY && size < slots.length >> 3)
        {
            resize(slots.length >> 1);
        }
    }

    private void resize(final int capacity)
    {
        final byte[][] fresh = new byte[capacity][];
        final int freshMask = capacity - 1;
        for (final byte[] e : slots)
        {
            if (e != null)
            {
                place(fresh, freshMask, e);
            }
        }
        slots = fresh;
        mask = freshMask;
    }

    /**
     * Visit every entry, in slot order.
     *
     * @param visitor receives each entry.
     */
    void forEach(final Consumer<byte[]> visitor)
    {
        for (final byte[] e : slots)
        {
            if (e != null)
            {
                visitor.accept(e);
            }
        }
    }

    /**
     * One SCAN step: visit the entries of some home slots.
     *
     * @param cursor   0 to start.
     * @param count    stop after at least this many entries were visited.
     * @param visitor  receives each entry.
     * @return the next cursor, 0 when the scan is complete.
     */
    long scan(final long cursor, final long count, final Consumer<byte[]> visitor)
    {
        if (size == 0)
        {
            return 0;
        }
        long v = cursor;
        long seen = 0;
        long steps = count * 10;
        do
        {
            final int home = (int)(v & mask);
            int i = home;
            byte[] e;
            while ((e = slots[i]) != null)
            {
                if ((ZEntry.memberHash(e) & mask) == home)
                {
                    visitor.accept(e);
                    seen++;
                }
                i = (i + 1) & mask;
            }
            v |= ~(long)mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        }
        while (v != 0 && seen < count && --steps > 0);
        return v;
    }
}
