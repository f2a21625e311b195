package dev.anax.engine.types.set;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hash set of byte strings by open addressing with linear probing, kept compact: the members
 * are packed one after another in a few large pages, and each slot holds a 4-byte reference to
 * its member plus a 1-byte tag. There is no object per member.
 * <pre>
 *   slot       0      1      2      3      ...    capacity - 1       capacity = 2^k >= 4
 *   refs    |  0   | r1   | r2   |  0   | ...  | r3   |              0 = empty
 *   tags    |  0   | t1   | t2   |  0   | ...  | t3   |              0x80 | top 7 hash bits
 *
 *   r > 0: (page << 16 | offset) + 1       r < 0: -(index into bigs) - 1
 *
 *   pages[p]  +-----+---------+-----+---------+-----+---------+--------------+
 *             | len | member  | len | member  | len | member  | free ...     |   len: 1 or 2 bytes
 *             +-----+---------+-----+---------+-----+---------+--------------+   (7 bits a byte)
 *   bigs[i]   one array per member of {@value #BIG} bytes or more, exactly its bytes
 * </pre>
 * Pages hold at most 64 KiB; the first grows from a few bytes as members arrive, so that a small
 * set takes little room. A removed member's bytes stay in its page as garbage until garbage
 * outweighs live bytes, when the members are packed again into fresh pages (amortised O(1) per
 * removal).
 * <p>
 * A member's <em>home</em> is its hash's low k bits; it sits in the first free slot from its
 * home on, so every slot between its home and its place is occupied. Deletion shifts later
 * members of the run back (no tombstones), which keeps that invariant. The slots double above 3/4
 * full and shrink below 1/10 full, as Redis resizes its dict.
 * <ul>
 *   <li>A random member: uniform random slots until one is occupied, which picks every member
 *       with the same probability (at most about 10 tries, the table being at least 1/10 full).
 *   <li>Scanning: a cursor names home slots in reverse-binary order, as Redis's dictScan does,
 *       and each step returns the members whose home is that slot. A member present during a
 *       whole scan is returned at least once even when the table grows or shrinks in between.
 * </ul>
 * Only the owner thread changes a table; once handed to other threads for reading (see
 * {@link SetValue#share()}) it is never changed again.
 */
public final class MemberTable
{
    /** The smallest table, as Redis's dict starts with 4 buckets. */
    public static final int MIN_CAPACITY = 4;
    /** Members this long or longer get an array of their own. */
    public static final int BIG = 8192;

    private static final int PAGE_BITS = 16;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int OFFSET_MASK = PAGE_SIZE - 1;
    /** Page numbers must keep references positive: (page << 16 | offset) + 1 <= Integer.MAX_VALUE. */
    private static final int MAX_PAGES = (1 << (31 - PAGE_BITS)) - 1;
    private static final int FIRST_PAGE = 32;
    private static final byte[][] NO_PAGES = new byte[0][];
    private static final byte[][] NO_BIGS = new byte[0][];
    private static final int[] NO_FREE = new int[0];

    private int[] refs;
    private byte[] tags;
    private int size;
    private int mask;

    private byte[][] pages = NO_PAGES;
    private int pageCount;
    private int lastPageUsed;
    private long liveBytes;
    private long garbageBytes;
    private long firstPageHint;

    private byte[][] bigs = NO_BIGS;
    private int bigCount;
    private int[] freeBigs = NO_FREE;
    private int freeBigCount;

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
        refs = other.refs.clone();
        tags = other.tags.clone();
        size = other.size;
        mask = other.mask;
        pages = other.pages.clone();
        for (int p = 0; p < other.pageCount; p++)
        {
            pages[p] = other.pages[p].clone();
        }
        pageCount = other.pageCount;
        lastPageUsed = other.lastPageUsed;
        liveBytes = other.liveBytes;
        garbageBytes = other.garbageBytes;
        // Big members are never modified: the copy shares them.
        bigs = other.bigs.clone();
        bigCount = other.bigCount;
        freeBigs = other.freeBigs.clone();
        freeBigCount = other.freeBigCount;
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
        refs = new int[capacity];
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

    /** @return an independent table with the same members. */
    public MemberTable copy()
    {
        return new MemberTable(this);
    }

    // ---------------------------------------------------------------- member access

    /**
     * @param slot from 0 to capacity - 1.
     * @return true when a member is there.
     */
    public boolean occupied(final int slot)
    {
        return refs[slot] != 0;
    }

    /**
     * @param slot an occupied slot.
     * @return the array holding its member (not to be modified).
     */
    public byte[] array(final int slot)
    {
        return arrayOf(refs[slot]);
    }

    /**
     * @param slot an occupied slot.
     * @return the offset of its member in {@link #array}.
     */
    public int offset(final int slot)
    {
        return offsetOf(refs[slot]);
    }

    /**
     * @param slot an occupied slot.
     * @return the length of its member.
     */
    public int length(final int slot)
    {
        return lengthOf(refs[slot]);
    }

    /**
     * @param slot an occupied slot.
     * @return a copy of its member.
     */
    public byte[] copyOf(final int slot)
    {
        final int ref = refs[slot];
        final int offset = offsetOf(ref);
        return Arrays.copyOfRange(arrayOf(ref), offset, offset + lengthOf(ref));
    }

    private byte[] arrayOf(final int ref)
    {
        return ref < 0 ? bigs[-ref - 1] : pages[(ref - 1) >>> PAGE_BITS];
    }

    private int offsetOf(final int ref)
    {
        if (ref < 0)
        {
            return 0;
        }
        final int at = (ref - 1) & OFFSET_MASK;
        return at + (pages[(ref - 1) >>> PAGE_BITS][at] < 0 ? 2 : 1);
    }

    private int lengthOf(final int ref)
    {
        if (ref < 0)
        {
            return bigs[-ref - 1].length;
        }
        final byte[] page = pages[(ref - 1) >>> PAGE_BITS];
        final int at = (ref - 1) & OFFSET_MASK;
        final int first = page[at];
        return first >= 0 ? first : (first & 0x7F) | (page[at + 1] << 7);
    }

    private static int headerSize(final int length)
    {
        return length < 0x80 ? 1 : 2;
    }

    private static byte tag(final long hash)
    {
        return (byte)((hash >>> 57) | 0x80);
    }

    private int home(final int ref)
    {
        return (int)MemberHash.hash(arrayOf(ref), offsetOf(ref), lengthOf(ref)) & mask;
    }

    // ---------------------------------------------------------------- lookups

    private int find(final byte[] bytes, final int offset, final int length, final long hash)
    {
        final byte tag = tag(hash);
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            final byte t = tags[i];
            if (t == 0)
            {
                return -i - 1;
            }
            if (t == tag)
            {
                final int ref = refs[i];
                if (lengthOf(ref) == length)
                {
                    final int at = offsetOf(ref);
                    if (Arrays.equals(arrayOf(ref), at, at + length, bytes, offset, offset + length))
                    {
                        return i;
                    }
                }
            }
        }
    }

    private int find(final DirectBuffer buffer, final int offset, final int length, final long hash)
    {
        final byte tag = tag(hash);
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            final byte t = tags[i];
            if (t == 0)
            {
                return -i - 1;
            }
            if (t == tag)
            {
                final int ref = refs[i];
                if (lengthOf(ref) == length && equals(arrayOf(ref), offsetOf(ref), length, buffer, offset))
                {
                    return i;
                }
            }
        }
    }

    private static boolean equals(
        final byte[] member, final int at, final int length, final DirectBuffer buffer, final int offset)
    {
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN) != MemberBytes.longAt(member, at + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (buffer.getByte(offset + i) != member[at + i])
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

    // ---------------------------------------------------------------- adding

    /**
     * Add a member, copying its bytes.
     *
     * @param bytes  holding the member.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was added, false if it was a member already.
     */
    public boolean add(final byte[] bytes, final int offset, final int length)
    {
        ensureRoomForOne();
        final long hash = MemberHash.hash(bytes, offset, length);
        final int found = find(bytes, offset, length, hash);
        if (found >= 0)
        {
            return false;
        }
        final int ref = store(length);
        if (ref < 0)
        {
            System.arraycopy(bytes, offset, bigs[-ref - 1], 0, length);
        }
        else
        {
            System.arraycopy(bytes, offset, arrayOf(ref), offsetOf(ref), length);
        }
        place(-found - 1, ref, hash);
        return true;
    }

    /**
     * @param member the member, copied.
     * @return true if it was added.
     */
    public boolean add(final byte[] member)
    {
        return add(member, 0, member.length);
    }

    /**
     * Add a member given as a range of a buffer, copying it when it is new.
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
        final int ref = store(length);
        buffer.getBytes(offset, arrayOf(ref), offsetOf(ref), length);
        place(-found - 1, ref, hash);
        return true;
    }

    private void place(final int slot, final int ref, final long hash)
    {
        refs[slot] = ref;
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
     * Make room for a member of {@code length} bytes and write its length header.
     *
     * @return the reference of the room, whose bytes the caller fills.
     */
    private int store(final int length)
    {
        if (length >= BIG)
        {
            return storeBig(new byte[length]);
        }
        final int entry = headerSize(length) + length;
        if (pageCount == 0 || lastPageUsed + entry > pages[pageCount - 1].length)
        {
            if (!makeRoom(entry))
            {
                // No page number left: the member lives on its own.
                return storeBig(new byte[length]);
            }
        }
        final int page = pageCount - 1;
        final int at = lastPageUsed;
        final byte[] bytes = pages[page];
        if (length < 0x80)
        {
            bytes[at] = (byte)length;
        }
        else
        {
            bytes[at] = (byte)(0x80 | (length & 0x7F));
            bytes[at + 1] = (byte)(length >>> 7);
        }
        lastPageUsed += entry;
        liveBytes += entry;
        return ((page << PAGE_BITS) | at) + 1;
    }

    /** Grow the last page or start a new one so that {@code entry} bytes fit. */
    private boolean makeRoom(final int entry)
    {
        if (pageCount > 0)
        {
            final byte[] last = pages[pageCount - 1];
            if (last.length < PAGE_SIZE && lastPageUsed + entry <= PAGE_SIZE)
            {
                final int grown = (int)Math.min(PAGE_SIZE, Math.max(lastPageUsed + entry, last.length * 3L / 2));
                pages[pageCount - 1] = Arrays.copyOf(last, grown);
                return true;
            }
            if (pageCount == MAX_PAGES)
            {
                return false;
            }
        }
        if (pageCount == pages.length)
        {
            pages = Arrays.copyOf(pages, Math.max(1, pageCount * 2));
        }
        // The first page starts small (or as large as a repacking needs); later ones are whole
        // pages, the set being large already.
        final int pageSize = pageCount == 0 ?
            (int)Math.min(PAGE_SIZE, Math.max(Math.max(FIRST_PAGE, entry), firstPageHint)) : PAGE_SIZE;
        pages[pageCount] = new byte[pageSize];
        pageCount++;
        lastPageUsed = 0;
        return true;
    }

    private int storeBig(final byte[] member)
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
                bigs = Arrays.copyOf(bigs, Math.max(4, bigCount * 2));
            }
            index = bigCount++;
        }
        bigs[index] = member;
        return -index - 1;
    }

    // ---------------------------------------------------------------- removing

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
     * Remove the member of an occupied slot; the table may shrink or repack, so slots and member
     * arrays seen before are void afterwards.
     *
     * @param slot an occupied slot.
     */
    public void removeSlot(final int slot)
    {
        release(refs[slot]);
        final int[] refs = this.refs;
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
            final int home = home(refs[i]);
            // The member at i may fill the hole unless its home lies cyclically in (hole, i].
            final boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays)
            {
                refs[hole] = refs[i];
                tags[hole] = tags[i];
                hole = i;
            }
        }
        refs[hole] = 0;
        tags[hole] = 0;
        size--;
        final int capacity = mask + 1;
        if (capacity > MIN_CAPACITY && size * 10L < capacity)
        {
            rehash(capacityFor(size));
        }
        if (garbageBytes > liveBytes && garbageBytes >= FIRST_PAGE)
        {
            repack();
        }
    }

    private void release(final int ref)
    {
        if (ref < 0)
        {
            final int index = -ref - 1;
            bigs[index] = null;
            if (freeBigCount == freeBigs.length)
            {
                freeBigs = Arrays.copyOf(freeBigs, Math.max(4, freeBigCount * 2));
            }
            freeBigs[freeBigCount++] = index;
            if (freeBigCount == bigCount)
            {
                bigs = NO_BIGS;
                bigCount = 0;
                freeBigs = NO_FREE;
                freeBigCount = 0;
            }
            return;
        }
        final int entry = lengthOf(ref);
        final int bytes = headerSize(entry) + entry;
        liveBytes -= bytes;
        garbageBytes += bytes;
    }

    /** Copy the live members into fresh pages, dropping the garbage. */
    private void repack()
    {
        final byte[][] oldPages = pages;
        final int[] refs = this.refs;
        firstPageHint = liveBytes;
        pages = NO_PAGES;
        pageCount = 0;
        lastPageUsed = 0;
        liveBytes = 0;
        garbageBytes = 0;
        for (int slot = 0; slot < refs.length; slot++)
        {
            final int ref = refs[slot];
            if (ref > 0)
            {
                final byte[] page = oldPages[(ref - 1) >>> PAGE_BITS];
                final int at = (ref - 1) & OFFSET_MASK;
                final int length = page[at] >= 0 ? page[at] : (page[at] & 0x7F) | (page[at + 1] << 7);
                final int moved = store(length);
                final int from = at + headerSize(length);
                if (moved < 0)
                {
                    System.arraycopy(page, from, bigs[-moved - 1], 0, length);
                }
                else
                {
                    System.arraycopy(page, from, arrayOf(moved), offsetOf(moved), length);
                }
                refs[slot] = moved;
            }
        }
        firstPageHint = 0;
    }

    private void rehash(final int capacity)
    {
        final int[] oldRefs = refs;
        final byte[] oldTags = tags;
        allocate(capacity);
        final int[] refs = this.refs;
        final byte[] tags = this.tags;
        final int mask = this.mask;
        for (int slot = 0; slot < oldRefs.length; slot++)
        {
            final int ref = oldRefs[slot];
            if (ref != 0)
            {
                int i = (int)MemberHash.hash(arrayOf(ref), offsetOf(ref), lengthOf(ref)) & mask;
                while (tags[i] != 0)
                {
                    i = (i + 1) & mask;
                }
                refs[i] = ref;
                tags[i] = oldTags[slot];
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
         * @param array  holding the member; not to be modified or kept.
         * @param offset of the member.
         * @param length of the member.
         */
        void accept(byte[] array, int offset, int length);
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
            final int ref = refs[i];
            if (home(ref) == bucket)
            {
                visitor.accept(arrayOf(ref), offsetOf(ref), lengthOf(ref));
            }
        }
        long next = cursor | ~(long)mask;
        next = Long.reverse(next);
        next++;
        return Long.reverse(next);
    }
}
