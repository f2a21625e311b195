package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;

import java.util.SplittableRandom;

/**
 * A Dash-style extendible hash table of record references (see docs/ARCHITECTURE.md, "Keyspace
 * memory"): a directory of fixed-size segments, each of 56 regular buckets and 4 stash buckets
 * of 12 slots, all in one off-heap block. A slot is a 4-byte reference into the {@link Slab};
 * each bucket keeps one fingerprint byte per slot, so a probe touches the records of matching
 * fingerprints only, and a bucket is one 64-byte cache line.
 * <p>
 * A key lives in its home bucket, in the next bucket (marked displaced), or in a stash bucket
 * (counted on its home bucket, so that a miss looks at the stash only when something of its home
 * bucket overflowed there). When all three are full, entries are shifted between neighbours to
 * make room; when that fails the segment splits in two, doubling the directory if it must. Only
 * that one segment's entries are touched: the table never rehashes as a whole, so growing from
 * nothing to millions of keys has no stall beyond one split (720 slots).
 * <p>
 * A split copies each moving entry to the very same bucket and slot of the new segment, which is
 * empty, so it always succeeds. The cursor of {@link #scan} walks segments in directory order and
 * within a segment its logical buckets (the entries whose home is that bucket, wherever they
 * sit): a split sends entries only to segments later in that order and a shift keeps an entry in
 * its logical bucket, so every key present for a whole scan is returned at least once.
 * <p>
 * Each bucket has a version, set from a table-wide clock whenever the bucket changes, for a
 * future point-in-time snapshot; the versions sit after the buckets, out of the lines lookups read.
 * <p>
 * Bucket layout (64 bytes, aligned): meta i32 @0 (busy bits 0-11, displaced bits 12-23, stash
 * overflow count 24-31), 12 fingerprints @4, 12 references i32 @16.
 * <p>
 * Single owner thread.
 */
final class DashTable
{
    static final int SLOTS = 12;
    static final int REGULAR = 56;
    static final int STASH = 4;
    static final int BUCKETS = REGULAR + STASH;
    static final int BUCKET_BYTES = 64;
    static final int VERSION_BYTES = 4;
    static final int SEGMENT_BYTES = BUCKETS * (BUCKET_BYTES + VERSION_BYTES);
    static final int CAPACITY = BUCKETS * SLOTS;
    static final int MAX_DEPTH = 24;

    private static final int FINGERPRINTS = 4;
    private static final int REFS = 16;
    private static final int VERSIONS = BUCKETS * BUCKET_BYTES;
    private static final int FULL = (1 << SLOTS) - 1;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final Segment[] EMPTY = new Segment[0];

    /** One segment: its memory and its local depth. */
    static final class Segment
    {
        final long block;
        final long address;
        int depth;
        int size;

        Segment(final long block, final int depth)
        {
            this.block = block;
            this.address = (block + BUCKET_BYTES - 1) & -BUCKET_BYTES;
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
        return (long)segments * (SEGMENT_BYTES + BUCKET_BYTES);
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
        return UnsafeApi.getInt(bucket) & FULL;
    }

    private static int displaced(final long bucket)
    {
        return (UnsafeApi.getInt(bucket) >>> SLOTS) & FULL;
    }

    private static int overflow(final long bucket)
    {
        return UnsafeApi.getInt(bucket) >>> 24;
    }

    private static void meta(final long bucket, final int busy, final int displaced, final int overflow)
    {
        UnsafeApi.putInt(bucket, busy | (displaced << SLOTS) | (overflow << 24));
    }

    private static void addOverflow(final long bucket, final int delta)
    {
        meta(bucket, busy(bucket), displaced(bucket), overflow(bucket) + delta);
    }

    /**
     * The slots of a bucket whose fingerprint is {@code fp}, as bits (a few false matches above a
     * true one are possible; the caller compares keys anyway).
     */
    private static int matches(final long bucket, final byte fp)
    {
        final long pattern = (fp & 0xFFL) * ONES;
        final long low = UnsafeApi.getLong(bucket + FINGERPRINTS) ^ pattern;
        final long high = (UnsafeApi.getInt(bucket + FINGERPRINTS + 8) & 0xFFFF_FFFFL) ^ (pattern & 0xFFFF_FFFFL);
        final long lowZero = (low - ONES) & ~low & HIGHS;
        final long highZero = (high - ONES) & ~high & HIGHS & 0x8080_8080L;
        return gather(lowZero) | (gather(highZero) << 8);
    }

    /** Bit 7 of each byte to one bit per byte. */
    private static int gather(final long bytes)
    {
        return (int)(((bytes >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
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
        final long homeBucket = bucketAddress(segment, home);
        int slot = probe(homeBucket, fp, busy(homeBucket) & ~displaced(homeBucket), base, keyAddress, length);
        if (slot >= 0)
        {
            return found(segment, home, slot);
        }
        final int next = home + 1 == REGULAR ? 0 : home + 1;
        long bucket = bucketAddress(segment, next);
        slot = probe(bucket, fp, busy(bucket) & displaced(bucket), base, keyAddress, length);
        if (slot >= 0)
        {
            return found(segment, next, slot);
        }
        if (overflow(homeBucket) != 0)
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
        int bits = candidates & matches(bucket, fp);
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
            (overflow(bucketAddress(segment, home)) != 0 && locateStash(segment, ref));
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
                addOverflow(homeBucket, 1);
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
        final int d = displaced(bucket);
        meta(bucket, busy(bucket) | (1 << slot), displaced ? d | (1 << slot) : d & ~(1 << slot), overflow(bucket));
        touch(segment, bucketIndex);
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
        touch(segment, fromBucket);
        segment.size--;
        put(segment, toBucket, slot, fp, ref, displaced);
        epoch++;
    }

    private static void clear(final long bucket, final int slot)
    {
        meta(bucket, busy(bucket) & ~(1 << slot), displaced(bucket) & ~(1 << slot), overflow(bucket));
        UnsafeApi.putInt(bucket + REFS + 4L * slot, 0);
        UnsafeApi.putByte(bucket + FINGERPRINTS + slot, (byte)0);
    }

    private void touch(final Segment segment, final int bucketIndex)
    {
        UnsafeApi.putInt(segment.address + VERSIONS + (long)VERSION_BYTES * bucketIndex, (int)++versionClock);
    }

    /**
     * Record a change of the entry at a position (its value changed in place).
     *
     * @param segment where it sits.
     * @param slot    its position.
     */
    void touched(final Segment segment, final int slot)
    {
        touch(segment, slot / SLOTS);
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
        touch(segment, slot / SLOTS);
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
        return UnsafeApi.getInt(segment.address + VERSIONS + (long)VERSION_BYTES * (slot / SLOTS));
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
        touch(segment, bucketIndex);
        if (bucketIndex >= REGULAR)
        {
            addOverflow(bucketAddress(segment, bucketOf(Record.hash(slab.address(ref)))), -1);
        }
        segment.size--;
        size--;
    }

    private Segment newSegment(final int depth)
    {
        segments++;
        return new Segment(memory.allocate(SEGMENT_BYTES + BUCKET_BYTES), depth);
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
                meta(to, busy(to) | (1 << slot), displaced ? displaced(to) | (1 << slot) : displaced(to), overflow(to));
                clear(from, slot);
                old.size--;
                fresh.size++;
                if (b >= REGULAR)
                {
                    final int homeIndex = bucketOf(h);
                    addOverflow(bucketAddress(old, homeIndex), -1);
                    addOverflow(bucketAddress(fresh, homeIndex), 1);
                }
                changed = true;
            }
            if (changed)
            {
                touch(old, b);
                touch(fresh, b);
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
        final boolean overflow = overflow(bucket) != 0;
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
                memory.free(segment.block);
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
