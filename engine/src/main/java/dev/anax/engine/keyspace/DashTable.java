package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;

import java.util.SplittableRandom;

/**
 * A Dash-style extendible hash table of record references (see docs/ARCHITECTURE.md, "Keyspace
 * memory"): a directory of fixed-size segments, each of 56 regular buckets and 4 stash buckets
 * of 14 slots, all in one off-heap block. A slot is a 4-byte reference into the {@link Slab};
 * each bucket keeps one fingerprint byte per slot, so a probe touches the records of matching
 * fingerprints only.
 * <p>
 * A key lives in its home bucket, in the next bucket (marked displaced), or in a stash bucket
 * (counted on its home bucket, so that a miss looks at the stash only when something of its home
 * bucket overflowed there). When all three are full, entries are shifted between neighbours to
 * make room; when that fails the segment splits in two, doubling the directory if it must. Only
 * that one segment's entries are touched: the table never rehashes as a whole, so growing from
 * nothing to millions of keys has no stall beyond one split (about 840 slots).
 * <p>
 * A split copies each moving entry to the very same bucket and slot of the new segment, which is
 * empty, so it always succeeds. The cursor of {@link #scan} walks segments in directory order and
 * within a segment its logical buckets (the entries whose home is that bucket, wherever they
 * sit): a split sends entries only to segments later in that order and a shift keeps an entry in
 * its logical bucket, so every key present for a whole scan is returned at least once.
 * <p>
 * Each bucket has a version, set from a table-wide clock whenever the bucket changes, for a
 * future point-in-time snapshot.
 * <p>
 * Bucket layout (80 bytes): version i32 @0, busy bits u16 @4, displaced bits u16 @6, stash
 * overflow count u8 @8, 14 fingerprints @9, 14 references i32 @24.
 * <p>
 * Single owner thread.
 */
final class DashTable
{
    static final int SLOTS = 14;
    static final int REGULAR = 56;
    static final int STASH = 4;
    static final int BUCKETS = REGULAR + STASH;
    static final int BUCKET_BYTES = 80;
    static final int SEGMENT_BYTES = BUCKETS * BUCKET_BYTES;
    static final int CAPACITY = BUCKETS * SLOTS;
    static final int MAX_DEPTH = 24;

    private static final int VERSION = 0;
    private static final int BUSY = 4;
    private static final int DISPLACED = 6;
    private static final int OVERFLOW = 8;
    private static final int FINGERPRINTS = 9;
    private static final int REFS = 24;
    private static final int FULL = (1 << SLOTS) - 1;
    private static final Segment[] EMPTY = new Segment[0];

    /** One segment: its memory and its local depth. */
    static final class Segment
    {
        final long address;
        int depth;
        int size;

        Segment(final long address, final int depth)
        {
            this.address = address;
            this.depth = depth;
        }
    }

    /** Receives entries met by {@link #scan} and {@link #forEach}. */
    interface Visitor
    {
        /**
         * @param ref     the record.
         * @param segment where it sits.
         * @param slot    its position in the segment.
         */
        void visit(int ref, Segment segment, int slot);
    }

    private final Slab slab;
    private final NativeMemory memory;

    private Segment[] directory = EMPTY;
    private int globalDepth;
    private int segments;
    private int size;
    private long versionClock;
    private int epoch;

    private Segment found;
    private int foundSlot;

    /**
     * @param slab   where the records are.
     * @param memory where segments come from.
     */
    DashTable(final Slab slab, final NativeMemory memory)
    {
        this.slab = slab;
        this.memory = memory;
    }

    int size()
    {
        return size;
    }

    int segments()
    {
        return segments;
    }

    int globalDepth()
    {
        return globalDepth;
    }

    /** @return off-heap bytes of the segments. */
    long bytes()
    {
        return (long)segments * SEGMENT_BYTES;
    }

    /**
     * A counter that changes whenever an entry moves to another slot (a split or a shift), so
     * that a remembered position can be trusted only while it is unchanged.
     *
     * @return the current value.
     */
    int epoch()
    {
        return epoch;
    }

    /** @return the segment of the last successful {@link #find} or {@link #insert}. */
    Segment foundSegment()
    {
        return found;
    }

    /** @return the slot of the last successful {@link #find} or {@link #insert}. */
    int foundSlot()
    {
        return foundSlot;
    }

    private static int bucketOf(final long hash)
    {
        return (int)((((hash >>> 8) & 0xFFFF_FFFFL) * REGULAR) >>> 32);
    }

    private Segment segmentOf(final long hash)
    {
        return directory[globalDepth == 0 ? 0 : (int)(hash >>> (64 - globalDepth))];
    }

    private static long bucketAddress(final Segment segment, final int bucket)
    {
        return segment.address + (long)bucket * BUCKET_BYTES;
    }

    private static int busy(final long bucket)
    {
        return UnsafeApi.getShort(bucket + BUSY) & FULL;
    }

    private static int displaced(final long bucket)
    {
        return UnsafeApi.getShort(bucket + DISPLACED) & FULL;
    }

    private static int ref(final long bucket, final int slot)
    {
        return UnsafeApi.getInt(bucket + REFS + 4L * slot);
    }

    /**
     * Find a key.
     *
     * @param hash       its {@link KeyHash}.
     * @param base       array holding it, or null for off-heap.
     * @param keyAddress its offset or address.
     * @param length     its length.
     * @return its record, or 0; on success {@link #foundSegment()} and {@link #foundSlot()}.
     */
    int find(final long hash, final Object base, final long keyAddress, final int length)
    {
        if (size == 0)
        {
            return 0;
        }
        final Segment segment = segmentOf(hash);
        final int home = bucketOf(hash);
        final byte fp = (byte)hash;
        long bucket = bucketAddress(segment, home);
        int slot = probe(bucket, fp, busy(bucket) & ~displaced(bucket), base, keyAddress, length);
        if (slot >= 0)
        {
            return found(segment, home, slot);
        }
        final int next = home + 1 == REGULAR ? 0 : home + 1;
        bucket = bucketAddress(segment, next);
        slot = probe(bucket, fp, busy(bucket) & displaced(bucket), base, keyAddress, length);
        if (slot >= 0)
        {
            return found(segment, next, slot);
        }
        if (UnsafeApi.getByte(bucketAddress(segment, home) + OVERFLOW) != 0)
        {
            for (int s = REGULAR; s < BUCKETS; s++)
            {
                bucket = bucketAddress(segment, s);
                slot = probe(bucket, fp, busy(bucket), base, keyAddress, length);
                if (slot >= 0)
                {
                    return found(segment, s, slot);
                }
            }
        }
        return 0;
    }

    private int found(final Segment segment, final int bucket, final int slot)
    {
        found = segment;
        foundSlot = bucket * SLOTS + slot;
        return ref(bucketAddress(segment, bucket), slot);
    }

    private int probe(
        final long bucket, final byte fp, final int candidates, final Object base, final long keyAddress, final int length)
    {
        int bits = candidates;
        while (bits != 0)
        {
            final int slot = Integer.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (UnsafeApi.getByte(bucket + FINGERPRINTS + slot) == fp &&
                Record.keyEquals(slab.address(ref(bucket, slot)), base, keyAddress, length))
            {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Find the slot holding a record, given its hash.
     *
     * @param hash of its key.
     * @param ref  the record.
     * @return true if present; then {@link #foundSegment()} and {@link #foundSlot()}.
     */
    boolean locate(final long hash, final int ref)
    {
        if (size == 0)
        {
            return false;
        }
        final Segment segment = segmentOf(hash);
        final int home = bucketOf(hash);
        final int next = home + 1 == REGULAR ? 0 : home + 1;
        return locateIn(segment, home, ref) || locateIn(segment, next, ref) ||
            (UnsafeApi.getByte(bucketAddress(segment, home) + OVERFLOW) != 0 && locateStash(segment, ref));
    }

    private boolean locateStash(final Segment segment, final int ref)
    {
        for (int s = REGULAR; s < BUCKETS; s++)
        {
            if (locateIn(segment, s, ref))
            {
                return true;
            }
        }
        return false;
    }

    private boolean locateIn(final Segment segment, final int bucketIndex, final int ref)
    {
        final long bucket = bucketAddress(segment, bucketIndex);
        int bits = busy(bucket);
        while (bits != 0)
        {
            final int slot = Integer.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (ref(bucket, slot) == ref)
            {
                found = segment;
                foundSlot = bucketIndex * SLOTS + slot;
                return true;
            }
        }
        return false;
    }

    /**
     * Add a record whose key is not present.
     *
     * @param hash of its key.
     * @param ref  the record.
     */
    void insert(final long hash, final int ref)
    {
        if (directory.length == 0)
        {
            directory = new Segment[] {newSegment(0)};
        }
        while (!tryInsert(segmentOf(hash), hash, ref))
        {
            split(hash);
        }
        size++;
    }

    private boolean tryInsert(final Segment segment, final long hash, final int ref)
    {
        final int home = bucketOf(hash);
        final int next = home + 1 == REGULAR ? 0 : home + 1;
        final byte fp = (byte)hash;
        final long homeBucket = bucketAddress(segment, home);
        if (busy(homeBucket) != FULL)
        {
            put(segment, home, freeSlot(homeBucket), fp, ref, false);
            return true;
        }
        final long nextBucket = bucketAddress(segment, next);
        if (busy(nextBucket) != FULL)
        {
            put(segment, next, freeSlot(nextBucket), fp, ref, true);
            return true;
        }
        // Shift: send an entry of the home bucket that belongs to the bucket before back there,
        // or an entry of the next bucket that belongs there on to the bucket after it.
        final int previous = home == 0 ? REGULAR - 1 : home - 1;
        final long previousBucket = bucketAddress(segment, previous);
        if (displaced(homeBucket) != 0 && busy(previousBucket) != FULL)
        {
            final int from = Integer.numberOfTrailingZeros(displaced(homeBucket));
            move(segment, home, from, previous, false);
            put(segment, home, from, fp, ref, false);
            return true;
        }
        final int after = next + 1 == REGULAR ? 0 : next + 1;
        final long afterBucket = bucketAddress(segment, after);
        final int natives = busy(nextBucket) & ~displaced(nextBucket);
        if (natives != 0 && busy(afterBucket) != FULL)
        {
            final int from = Integer.numberOfTrailingZeros(natives);
            move(segment, next, from, after, true);
            put(segment, next, from, fp, ref, true);
            return true;
        }
        for (int s = REGULAR; s < BUCKETS; s++)
        {
            final long stash = bucketAddress(segment, s);
            if (busy(stash) != FULL)
            {
                put(segment, s, freeSlot(stash), fp, ref, false);
                UnsafeApi.putByte(homeBucket + OVERFLOW, (byte)(UnsafeApi.getByte(homeBucket + OVERFLOW) + 1));
                return true;
            }
        }
        return false;
    }

    private static int freeSlot(final long bucket)
    {
        return Integer.numberOfTrailingZeros(~busy(bucket));
    }

    private void put(
        final Segment segment, final int bucketIndex, final int slot, final byte fp, final int ref, final boolean displaced)
    {
        final long bucket = bucketAddress(segment, bucketIndex);
        UnsafeApi.putByte(bucket + FINGERPRINTS + slot, fp);
        UnsafeApi.putInt(bucket + REFS + 4L * slot, ref);
        UnsafeApi.putShort(bucket + BUSY, (short)(busy(bucket) | (1 << slot)));
        final int d = displaced(bucket);
        UnsafeApi.putShort(bucket + DISPLACED, (short)(displaced ? d | (1 << slot) : d & ~(1 << slot)));
        touch(bucket);
        segment.size++;
        found = segment;
        foundSlot = bucketIndex * SLOTS + slot;
    }

    private void move(final Segment segment, final int fromBucket, final int fromSlot, final int toBucket, final boolean displaced)
    {
        final long from = bucketAddress(segment, fromBucket);
        final long to = bucketAddress(segment, toBucket);
        final int slot = freeSlot(to);
        final byte fp = UnsafeApi.getByte(from + FINGERPRINTS + fromSlot);
        final int ref = ref(from, fromSlot);
        clear(from, fromSlot);
        segment.size--;
        put(segment, toBucket, slot, fp, ref, displaced);
        epoch++;
    }

    private static void clear(final long bucket, final int slot)
    {
        UnsafeApi.putShort(bucket + BUSY, (short)(busy(bucket) & ~(1 << slot)));
        UnsafeApi.putShort(bucket + DISPLACED, (short)(displaced(bucket) & ~(1 << slot)));
        UnsafeApi.putInt(bucket + REFS + 4L * slot, 0);
    }

    private void touch(final long bucket)
    {
        UnsafeApi.putInt(bucket + VERSION, (int)++versionClock);
    }

    /**
     * Record a change of the entry at a position (its value changed in place).
     *
     * @param segment where it sits.
     * @param slot    its position.
     */
    void touched(final Segment segment, final int slot)
    {
        touch(bucketAddress(segment, slot / SLOTS));
    }

    /**
     * Put another record in a slot (the same key's record moved).
     *
     * @param segment where it sits.
     * @param slot    its position.
     * @param ref     the new record.
     */
    void replace(final Segment segment, final int slot, final int ref)
    {
        final long bucket = bucketAddress(segment, slot / SLOTS);
        UnsafeApi.putInt(bucket + REFS + 4L * (slot % SLOTS), ref);
        touch(bucket);
    }

    /**
     * @param segment a segment.
     * @param slot    a position in it.
     * @return the record there.
     */
    static int refAt(final Segment segment, final int slot)
    {
        return ref(bucketAddress(segment, slot / SLOTS), slot % SLOTS);
    }

    /**
     * @param segment a segment.
     * @param slot    a position in it.
     * @return the version of the bucket holding that position.
     */
    static int versionAt(final Segment segment, final int slot)
    {
        return UnsafeApi.getInt(bucketAddress(segment, slot / SLOTS) + VERSION);
    }

    /**
     * Remove the entry at a position.
     *
     * @param segment where it sits.
     * @param slot    its position.
     */
    void remove(final Segment segment, final int slot)
    {
        final int bucketIndex = slot / SLOTS;
        final long bucket = bucketAddress(segment, bucketIndex);
        final int ref = ref(bucket, slot % SLOTS);
        clear(bucket, slot % SLOTS);
        touch(bucket);
        if (bucketIndex >= REGULAR)
        {
            final long home = bucketAddress(segment, bucketOf(Record.hash(slab.address(ref))));
            UnsafeApi.putByte(home + OVERFLOW, (byte)(UnsafeApi.getByte(home + OVERFLOW) - 1));
        }
        segment.size--;
        size--;
    }

    private Segment newSegment(final int depth)
    {
        segments++;
        return new Segment(memory.allocate(SEGMENT_BYTES), depth);
    }

    private void split(final long hash)
    {
        final Segment old = segmentOf(hash);
        if (old.depth == MAX_DEPTH)
        {
            throw new IllegalStateException("hash table segment cannot split further");
        }
        if (old.depth == globalDepth)
        {
            final Segment[] doubled = new Segment[directory.length * 2];
            for (int i = 0; i < directory.length; i++)
            {
                doubled[2 * i] = directory[i];
                doubled[2 * i + 1] = directory[i];
            }
            directory = doubled;
            globalDepth++;
        }
        final int oldDepth = old.depth;
        final Segment fresh = newSegment(oldDepth + 1);
        old.depth = oldDepth + 1;
        final int span = 1 << (globalDepth - oldDepth);
        final int start = (int)(hash >>> (64 - globalDepth)) & ~(span - 1);
        for (int i = start + span / 2; i < start + span; i++)
        {
            directory[i] = fresh;
        }
        final int bit = 63 - oldDepth;
        for (int b = 0; b < BUCKETS; b++)
        {
            final long from = bucketAddress(old, b);
            final long to = bucketAddress(fresh, b);
            int bits = busy(from);
            boolean changed = false;
            while (bits != 0)
            {
                final int slot = Integer.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                final int ref = ref(from, slot);
                final long h = Record.hash(slab.address(ref));
                if (((h >>> bit) & 1) == 0)
                {
                    continue;
                }
                final boolean displaced = (displaced(from) & (1 << slot)) != 0;
                UnsafeApi.putByte(to + FINGERPRINTS + slot, UnsafeApi.getByte(from + FINGERPRINTS + slot));
                UnsafeApi.putInt(to + REFS + 4L * slot, ref);
                UnsafeApi.putShort(to + BUSY, (short)(busy(to) | (1 << slot)));
                if (displaced)
                {
                    UnsafeApi.putShort(to + DISPLACED, (short)(displaced(to) | (1 << slot)));
                }
                clear(from, slot);
                old.size--;
                fresh.size++;
                if (b >= REGULAR)
                {
                    final int homeIndex = bucketOf(h);
                    final long oldHome = bucketAddress(old, homeIndex);
                    final long newHome = bucketAddress(fresh, homeIndex);
                    UnsafeApi.putByte(oldHome + OVERFLOW, (byte)(UnsafeApi.getByte(oldHome + OVERFLOW) - 1));
                    UnsafeApi.putByte(newHome + OVERFLOW, (byte)(UnsafeApi.getByte(newHome + OVERFLOW) + 1));
                }
                changed = true;
            }
            if (changed)
            {
                touch(from);
                touch(to);
            }
        }
        epoch++;
    }

    /**
     * Visit the logical buckets from a cursor on: the entries whose home is each bucket, in
     * segment order.
     *
     * @param cursor  0 to start; else a value returned before.
     * @param minKeys stop once at least this many entries were visited...
     * @param maxSteps ...or this many logical buckets were looked at.
     * @param visitor receives each entry.
     * @return the next cursor, 0 when the whole table was visited.
     */
    long scan(final long cursor, final int minKeys, final long maxSteps, final Visitor visitor)
    {
        if (size == 0)
        {
            return 0;
        }
        long position = cursor >>> 6;
        int bucket = (int)(cursor & 63);
        if (position >= 1L << 32 || bucket >= REGULAR)
        {
            return 0;
        }
        int seen = 0;
        long steps = 0;
        while (true)
        {
            final int index = globalDepth == 0 ? 0 : (int)(position >>> (32 - globalDepth));
            final Segment segment = directory[index];
            if (segment.size > 0)
            {
                seen += visitLogical(segment, bucket, visitor);
            }
            steps++;
            if (segment.size == 0 || ++bucket == REGULAR)
            {
                bucket = 0;
                final long span = 1L << (32 - segment.depth);
                position = (position & ~(span - 1)) + span;
                if (position >= 1L << 32)
                {
                    return 0;
                }
            }
            if (seen >= minKeys || steps >= maxSteps)
            {
                return (position << 6) | bucket;
            }
        }
    }

    private int visitLogical(final Segment segment, final int home, final Visitor visitor)
    {
        int seen = 0;
        long bucket = bucketAddress(segment, home);
        final boolean overflow = UnsafeApi.getByte(bucket + OVERFLOW) != 0;
        int bits = busy(bucket) & ~displaced(bucket);
        while (bits != 0)
        {
            final int slot = Integer.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            visitor.visit(ref(bucket, slot), segment, home * SLOTS + slot);
            seen++;
        }
        final int next = home + 1 == REGULAR ? 0 : home + 1;
        bucket = bucketAddress(segment, next);
        bits = busy(bucket) & displaced(bucket);
        while (bits != 0)
        {
            final int slot = Integer.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            visitor.visit(ref(bucket, slot), segment, next * SLOTS + slot);
            seen++;
        }
        if (overflow)
        {
            for (int s = REGULAR; s < BUCKETS; s++)
            {
                bucket = bucketAddress(segment, s);
                bits = busy(bucket);
                while (bits != 0)
                {
                    final int slot = Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    final int ref = ref(bucket, slot);
                    if (bucketOf(Record.hash(slab.address(ref))) == home)
                    {
                        visitor.visit(ref, segment, s * SLOTS + slot);
                        seen++;
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Visit every entry; the visitor must not change the table.
     *
     * @param visitor receives each entry.
     */
    void forEach(final Visitor visitor)
    {
        Segment last = null;
        for (final Segment segment : directory)
        {
            if (segment == last)
            {
                continue;
            }
            last = segment;
            forEachIn(segment, visitor);
        }
    }

    private static void forEachIn(final Segment segment, final Visitor visitor)
    {
        if (segment.size == 0)
        {
            return;
        }
        for (int b = 0; b < BUCKETS; b++)
        {
            final long bucket = bucketAddress(segment, b);
            int bits = busy(bucket);
            while (bits != 0)
            {
                final int slot = Integer.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                visitor.visit(ref(bucket, slot), segment, b * SLOTS + slot);
            }
        }
    }

    /**
     * Pick an entry at random.
     *
     * @param random source of randomness.
     * @return a record, 0 if the table is empty; with its position in {@link #foundSegment()}
     *         and {@link #foundSlot()}.
     */
    int random(final SplittableRandom random)
    {
        if (size == 0)
        {
            return 0;
        }
        Segment segment = null;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            final Segment candidate = directory[random.nextInt(directory.length)];
            if (candidate.size > 0)
            {
                segment = candidate;
                break;
            }
        }
        if (segment == null)
        {
            final int start = random.nextInt(directory.length);
            for (int i = 0; i < directory.length && segment == null; i++)
            {
                final Segment candidate = directory[(start + i) % directory.length];
                if (candidate.size > 0)
                {
                    segment = candidate;
                }
            }
        }
        final int start = random.nextInt(BUCKETS);
        for (int i = 0; i < BUCKETS; i++)
        {
            final int b = (start + i) % BUCKETS;
            final long bucket = bucketAddress(segment, b);
            final int bits = busy(bucket);
            if (bits != 0)
            {
                int pick = random.nextInt(Integer.bitCount(bits));
                int rest = bits;
                while (pick-- > 0)
                {
                    rest &= rest - 1;
                }
                final int slot = Integer.numberOfTrailingZeros(rest);
                found = segment;
                foundSlot = b * SLOTS + slot;
                return ref(bucket, slot);
            }
        }
        return 0;
    }

    /** Free every segment; the records are the caller's to free. */
    void clear()
    {
        Segment last = null;
        for (final Segment segment : directory)
        {
            if (segment != last)
            {
                memory.free(segment.address);
                last = segment;
            }
        }
        directory = EMPTY;
        globalDepth = 0;
        segments = 0;
        size = 0;
        epoch++;
    }

    /**
     * Exchange contents with another table of the same shard (SWAPDB).
     *
     * @param other the other table.
     */
    void swap(final DashTable other)
    {
        final Segment[] d = directory;
        directory = other.directory;
        other.directory = d;
        final int g = globalDepth;
        globalDepth = other.globalDepth;
        other.globalDepth = g;
        final int s = segments;
        segments = other.segments;
        other.segments = s;
        final int n = size;
        size = other.size;
        other.size = n;
        final long v = Math.max(versionClock, other.versionClock);
        versionClock = v;
        other.versionClock = v;
        epoch++;
        other.epoch++;
    }
}
