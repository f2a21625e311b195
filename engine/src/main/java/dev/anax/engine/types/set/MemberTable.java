package dev.anax.engine.types.set;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hash set of byte strings by open addressing with linear probing, kept compact: one
 * reference and one tag byte per slot, every member in an array of its exact length, and no
 * entry objects at all.
 * <pre>
 *   slot        0      1      2      3      ...    capacity - 1     capacity = 2^k >= 4
 *   members  | null | m1   | m2   | null | ...  | m3   |           byte[] of each member
 *   tags     |  0   | t1   | t2   |  0   | ...  | t3   |           0 = empty,
 *                                                                  else 0x80 | top 7 hash bits
 * </pre>
 * A member's <em>home</em> is its hash's low k bits; it sits in the first free slot from its
 * home on, so every slot between its home and its place is occupied. Deletion shifts later
 * members of the run back (no tombstones), which keeps that invariant. The table doubles above
 * 3/4 full and shrinks below 1/10 full, as Redis resizes its dict.
 * <p>
 * Member arrays are never modified once added, so several tables (and threads) may share them.
 * <ul>
 *   <li>A random member: uniform random slots until one is occupied, which picks every member
 *       with the same probability (at most about 10 tries, the table being at least 1/10 full).
 *   <li>Scanning: a cursor names home slots in reverse-binary order, as Redis's dictScan does,
 *       and each step returns the members whose home is that slot. A member present during a
 *       whole scan is returned at least once even when the table grows or shrinks in between.
 * </ul>
 */
public final class MemberTable
{
    /** The smallest table, as Redis's dict starts with 4 buckets. */
    public static final int MIN_CAPACITY = 4;

    private byte[][] members;
    private byte[] tags;
    private int size;
    private int mask;

    /**
     * A table sized for a number of members.
     *
     * @param expected members about to be added.
     */
    public MemberTable(final int expected)
    {
        allocate(capacityFor(expected));
    }

    private MemberTable(final MemberTable other)
    {
        members = other.members.clone();
        tags = other.tags.clone();
        size = other.size;
        mask = other.mask;
    }

    /**
     * The capacity a table of {@code count} members gets.
     *
     * @param count members.
     * @return a power of two holding them at most 3/4 full.
     */
    static int capacityFor(final int count)
    {
        int capacity = MIN_CAPACITY;
        while (capacity - (capacity >>> 2) < count)
        {
            capacity <<= 1;
        }
        return capacity;
    }

    private void allocate(final int capacity)
    {
        members = new byte[capacity][];
        tags = new byte[capacity];
        mask = capacity - 1;
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

    /**
     * The member in a slot, for iteration in slot order.
     *
     * @param slot from 0 to capacity - 1.
     * @return the member, or null for an empty slot.
     */
    public byte[] slot(final int slot)
    {
        return members[slot];
    }

    /** @return an independent table with the same members (the member arrays are shared). */
    public MemberTable copy()
    {
        return new MemberTable(this);
    }

    private static byte tag(final long hash)
    {
        return (byte)((hash >>> 57) | 0x80);
    }

    private int home(final byte[] member)
    {
        return (int)MemberHash.hash(member) & mask;
    }

    // ---------------------------------------------------------------- lookups

    private int find(final byte[] bytes, final int offset, final int length, final long hash)
    {
        final byte tag = tag(hash);
        final byte[] tags = this.tags;
        final byte[][] members = this.members;
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            final byte t = tags[i];
            if (t == 0)
            {
                return -i - 1;
            }
            if (t == tag)
            {
                final byte[] member = members[i];
                if (member.length == length && Arrays.equals(member, 0, length, bytes, offset, offset + length))
                {
                    return i;
                }
            }
        }
    }

    private int find(final DirectBuffer buffer, final int offset, final int length, final long hash)
    {
        final byte tag = tag(hash);
        final byte[] tags = this.tags;
        final byte[][] members = this.members;
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            final byte t = tags[i];
            if (t == 0)
            {
                return -i - 1;
            }
            if (t == tag)
            {
                final byte[] member = members[i];
                if (member.length == length && equals(member, buffer, offset))
                {
                    return i;
                }
            }
        }
    }

    private static boolean equals(final byte[] member, final DirectBuffer buffer, final int offset)
    {
        final int length = member.length;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN) != MemberBytes.longAt(member, i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (buffer.getByte(offset + i) != member[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bytes  holding the candidate.
     * @param offset of its first byte.
     * @param length of the candidate.
     * @return true when it is a member.
     */
    public boolean contains(final byte[] bytes, final int offset, final int length)
    {
        return find(bytes, offset, length, MemberHash.hash(bytes, offset, length)) >= 0;
    }

    /**
     * @param member the candidate.
     * @return true when it is a member.
     */
    public boolean contains(final byte[] member)
    {
        return contains(member, 0, member.length);
    }

    /**
     * @param buffer holding the candidate.
     * @param offset of its first byte.
     * @param length of the candidate.
     * @return true when it is a member.
     */
    public boolean contains(final DirectBuffer buffer, final int offset, final int length)
    {
        return find(buffer, offset, length, MemberHash.hash(buffer, offset, length)) >= 0;
    }

    // ---------------------------------------------------------------- changes

    /**
     * Add a member by reference: the table keeps the array, which nobody may modify afterwards.
     *
     * @param member the member.
     * @return true if it was added, false if it was a member already.
     */
    public boolean add(final byte[] member)
    {
        ensureRoomForOne();
        final long hash = MemberHash.hash(member);
        final int found = find(member, 0, member.length, hash);
        if (found >= 0)
        {
            return false;
        }
        place(-found - 1, member, hash);
        return true;
    }

    /**
     * Add a member given as a range of a buffer, copying it only when it is new.
     *
     * @param buffer holding the member.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was added.
     */
    public boolean add(final DirectBuffer buffer, final int offset, final int length)
    {
        ensureRoomForOne();
        final long hash = MemberHash.hash(buffer, offset, length);
        final int found = find(buffer, offset, length, hash);
        if (found >= 0)
        {
            return false;
        }
        final byte[] member = new byte[length];
        buffer.getBytes(offset, member);
        place(-found - 1, member, hash);
        return true;
    }

    private void place(final int slot, final byte[] member, final long hash)
    {
        members[slot] = member;
        tags[slot] = tag(hash);
        size++;
    }

    private void ensureRoomForOne()
    {
        final int capacity = mask + 1;
        if (size + 1 > capacity - (capacity >>> 2))
        {
            rehash(capacity << 1);
        }
    }

    /**
     * Remove a member.
     *
     * @param bytes  holding the member.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was a member.
     */
    public boolean remove(final byte[] bytes, final int offset, final int length)
    {
        final int found = find(bytes, offset, length, MemberHash.hash(bytes, offset, length));
        if (found < 0)
        {
            return false;
        }
        removeSlot(found);
        return true;
    }

    /**
     * @param member the member.
     * @return true if it was a member.
     */
    public boolean remove(final byte[] member)
    {
        return remove(member, 0, member.length);
    }

    /**
     * Remove a member given as a range of a buffer.
     *
     * @param buffer holding the member.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was a member.
     */
    public boolean remove(final DirectBuffer buffer, final int offset, final int length)
    {
        final int found = find(buffer, offset, length, MemberHash.hash(buffer, offset, length));
        if (found < 0)
        {
            return false;
        }
        removeSlot(found);
        return true;
    }

    /**
     * Remove the member of an occupied slot; the table may shrink, so slot numbers seen before
     * are void afterwards.
     *
     * @param slot an occupied slot.
     * @return the member removed.
     */
    public byte[] removeSlot(final int slot)
    {
        final byte[] removed = members[slot];
        final byte[][] members = this.members;
        final byte[] tags = this.tags;
        int hole = slot;
        int i = slot;
        while (true)
        {
            i = (i + 1) & mask;
            if (tags[i] == 0)
            {
                break;
            }
            final int home = home(members[i]);
            // The member at i may fill the hole unless its home lies cyclically in (hole, i].
            final boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays)
            {
                members[hole] = members[i];
                tags[hole] = tags[i];
                hole = i;
            }
        }
        members[hole] = null;
        tags[hole] = 0;
        size--;
        final int capacity = mask + 1;
        if (capacity > MIN_CAPACITY && size * 10L < capacity)
        {
            rehash(capacityFor(size));
        }
        return removed;
    }

    private void rehash(final int capacity)
    {
        final byte[][] old = members;
        allocate(capacity);
        final byte[][] members = this.members;
        final byte[] tags = this.tags;
        final int mask = this.mask;
        for (final byte[] member : old)
        {
            if (member != null)
            {
                final long hash = MemberHash.hash(member);
                int i = (int)hash & mask;
                while (tags[i] != 0)
                {
                    i = (i + 1) & mask;
                }
                members[i] = member;
                tags[i] = tag(hash);
            }
        }
    }

    // ---------------------------------------------------------------- random and scan

    /**
     * A uniformly random occupied slot.
     *
     * @param random the source, the calling thread's.
     * @return a slot holding a member; the table must not be empty.
     */
    public int randomSlot(final ThreadLocalRandom random)
    {
        final int capacity = mask + 1;
        while (true)
        {
            final int slot = random.nextInt(capacity);
            if (tags[slot] != 0)
            {
                return slot;
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
         * @param member a member; not to be modified.
         */
        void accept(byte[] member);
    }

    /**
     * One scan step: visit the members whose home is the slot the cursor names and return the
     * next cursor (0 when the scan is complete). Cursors are unsigned 64-bit, reverse-binary
     * counters over the home slots, as Redis's.
     *
     * @param cursor  0 to start.
     * @param visitor receives the members.
     * @return the next cursor.
     */
    public long scan(final long cursor, final Visitor visitor)
    {
        final int bucket = (int)cursor & mask;
        for (int i = bucket; tags[i] != 0; i = (i + 1) & mask)
        {
            final byte[] member = members[i];
            if (home(member) == bucket)
            {
                visitor.accept(member);
            }
        }
        long next = cursor | ~(long)mask;
        next = Long.reverse(next);
        next++;
        return Long.reverse(next);
    }
}
