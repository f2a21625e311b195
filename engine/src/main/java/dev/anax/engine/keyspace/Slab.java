package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The off-heap allocator of one shard's records: pages of native memory, each cut into blocks of
 * one size class, with a free list per page. A block is named by a 32-bit reference, the page id
 * in the high 15 bits and the offset within the page, in 8-byte units, in the low 17, so a table
 * slot needs four bytes and a shard can address 32 GiB.
 * <p>
 * Size classes are 8 bytes apart up to 1 KiB (a record wastes at most 7 bytes), then eight per
 * doubling up to {@link #MAX_BLOCK} (at most 12.5%). A class's first page is 4 KiB and each
 * further one doubles, up to 1 MiB, so a small keyspace holds little and a large one few pages.
 * A page whose last block is freed goes back to the operating system unless it is the only
 * page of its class with room. A block larger than {@link #MAX_BLOCK} (a huge string) gets a page
 * of its own (class 0), freed with it.
 * <p>
 * Single owner thread.
 */
final class Slab
{
    /** Largest block of a shared page; a larger one gets a page of its own. */
    static final int MAX_BLOCK = 256 * 1024;
    /** Largest block of the 8-byte-spaced classes. */
    static final int SMALL_MAX = 1024;

    private static final int OFFSET_BITS = 17;
    private static final int OFFSET_MASK = (1 << OFFSET_BITS) - 1;
    private static final int MAX_PAGE_BYTES = 1 << 20;
    private static final int MIN_PAGE_BYTES = 4096;
    private static final int MAX_PAGES = 1 << 15;
    private static final int SMALL_CLASSES = SMALL_MAX / 8;
    private static final int CLASSES = SMALL_CLASSES + 8 * 8 + 1;
    private static final int NO_FREE = -1;

    private final NativeMemory memory;

    private long[] pageAddress = new long[64];
    private int[] pageBytes = new int[64];
    private short[] pageClass = new short[64];
    private int[] pageUsed = new int[64];
    private int[] pageCapacity = new int[64];
    private int[] pageFree = new int[64];
    private int[] pageBump = new int[64];
    private int[] pageNext = new int[64];
    private int[] pagePrev = new int[64];
    private boolean[] pageListed = new boolean[64];
    private UnsafeBuffer[] pageView = new UnsafeBuffer[64];
    private int[] freeIds = new int[64];
    private int freeIdCount;
    private int nextId = 1;

    private final int[] classHead = new int[CLASSES];
    private final int[] classPages = new int[CLASSES];

    private long allocatedBytes;
    private long pageTotalBytes;

    /**
     * @param memory where pages come from.
     */
    Slab(final NativeMemory memory)
    {
        this.memory = memory;
    }

    /**
     * The size class of a block size.
     *
     * @param size bytes wanted, 1 to {@link #MAX_BLOCK}.
     * @return the class.
     */
    static int classOf(final int size)
    {
        if (size <= SMALL_MAX)
        {
            return (size + 7) >>> 3;
        }
        final int p = 31 - Integer.numberOfLeadingZeros(size - 1);
        final int step = 1 << (p - 3);
        final int k = (size - (1 << p) + step - 1) >>> (p - 3);
        return SMALL_CLASSES + (p - 10) * 8 + k;
    }

    /**
     * @param sizeClass a class.
     * @return the bytes of its blocks.
     */
    static int classSize(final int sizeClass)
    {
        if (sizeClass <= SMALL_CLASSES)
        {
            return sizeClass << 3;
        }
        final int j = sizeClass - SMALL_CLASSES - 1;
        final int p = 10 + j / 8;
        return (1 << p) + ((j % 8) + 1) * (1 << (p - 3));
    }

    /**
     * The block size a request gets.
     *
     * @param size bytes wanted.
     * @return the size of the block that would hold them.
     */
    static int blockSize(final int size)
    {
        return size > MAX_BLOCK ? (size + 7) & ~7 : classSize(classOf(size));
    }

    /**
     * Allocate a block (its contents are whatever was there).
     *
     * @param size bytes wanted, at least 1.
     * @return the block's reference, never 0.
     */
    int allocate(final int size)
    {
        if (size > MAX_BLOCK)
        {
            final int id = newId();
            final int bytes = (size + 7) & ~7;
            pageAddress[id] = memory.allocateUninitialized(bytes);
            pageBytes[id] = bytes;
            pageClass[id] = 0;
            pageUsed[id] = 1;
            pageCapacity[id] = 1;
            pageView[id] = null;
            pageTotalBytes += bytes;
            allocatedBytes += bytes;
            return id << OFFSET_BITS;
        }
        final int sizeClass = classOf(size);
        int id = classHead[sizeClass];
        if (id == 0)
        {
            id = newPage(sizeClass);
        }
        final int unit;
        final int free = pageFree[id];
        if (free != NO_FREE)
        {
            unit = free;
            pageFree[id] = UnsafeApi.getInt(pageAddress[id] + ((long)unit << 3));
        }
        else
        {
            unit = pageBump[id];
            pageBump[id] = unit + (classSize(sizeClass) >>> 3);
        }
        if (++pageUsed[id] == pageCapacity[id])
        {
            unlink(id);
        }
        allocatedBytes += classSize(sizeClass);
        return (id << OFFSET_BITS) | unit;
    }

    /**
     * Free a block.
     *
     * @param ref as {@link #allocate} returned it.
     */
    void free(final int ref)
    {
        final int id = ref >>> OFFSET_BITS;
        final int unit = ref & OFFSET_MASK;
        final int sizeClass = pageClass[id];
        if (sizeClass == 0)
        {
            allocatedBytes -= pageBytes[id];
            release(id);
            return;
        }
        UnsafeApi.putInt(pageAddress[id] + ((long)unit << 3), pageFree[id]);
        pageFree[id] = unit;
        allocatedBytes -= classSize(sizeClass);
        final boolean wasFull = pageUsed[id] == pageCapacity[id];
        pageUsed[id]--;
        if (wasFull)
        {
            link(id);
        }
        if (pageUsed[id] == 0 && (classHead[sizeClass] != id || pageNext[id] != 0))
        {
            release(id);
        }
    }

    /**
     * @param ref a block.
     * @return its address.
     */
    long address(final int ref)
    {
        return pageAddress[ref >>> OFFSET_BITS] + ((long)(ref & OFFSET_MASK) << 3);
    }

    /**
     * @param ref a block.
     * @return its size in bytes.
     */
    int blockBytes(final int ref)
    {
        final int id = ref >>> OFFSET_BITS;
        final int sizeClass = pageClass[id];
        return sizeClass == 0 ? pageBytes[id] : classSize(sizeClass);
    }

    /**
     * A buffer over the page of a block, for zero-copy reads; with {@link #offsetInPage} it
     * locates bytes of the block.
     *
     * @param ref a block.
     * @return a view of its whole page, valid while the block lives.
     */
    UnsafeBuffer pageView(final int ref)
    {
        final int id = ref >>> OFFSET_BITS;
        UnsafeBuffer view = pageView[id];
        if (view == null)
        {
            view = new UnsafeBuffer(pageAddress[id], pageBytes[id]);
            pageView[id] = view;
        }
        return view;
    }

    /**
     * @param ref a block.
     * @return the offset of the block within {@link #pageView}.
     */
    static int offsetInPage(final int ref)
    {
        return (ref & OFFSET_MASK) << 3;
    }

    /** @return bytes in blocks given out (their class sizes). */
    long allocatedBytes()
    {
        return allocatedBytes;
    }

    /** @return bytes of all pages held. */
    long pageBytes()
    {
        return pageTotalBytes;
    }

    /** @return number of pages held. */
    int pages()
    {
        return nextId - 1 - freeIdCount;
    }

    /** Free every page: every reference given out becomes invalid. */
    void clear()
    {
        for (int id = 1; id < nextId; id++)
        {
            if (pageAddress[id] != 0)
            {
                memory.free(pageAddress[id]);
            }
        }
        Arrays.fill(pageAddress, 0);
        Arrays.fill(pageView, null);
        Arrays.fill(pageListed, false);
        Arrays.fill(classHead, 0);
        Arrays.fill(classPages, 0);
        freeIdCount = 0;
        nextId = 1;
        allocatedBytes = 0;
        pageTotalBytes = 0;
    }

    private int newId()
    {
        if (freeIdCount > 0)
        {
            return freeIds[--freeIdCount];
        }
        if (nextId == MAX_PAGES)
        {
            throw new OutOfMemoryError("shard keyspace exhausted its record pages");
        }
        final int id = nextId++;
        if (id == pageAddress.length)
        {
            grow(id * 2);
        }
        return id;
    }

    private int newPage(final int sizeClass)
    {
        final int id = newId();
        final int size = classSize(sizeClass);
        final int shift = Math.min(classPages[sizeClass], 8);
        final int bytes = (int)Math.min(MAX_PAGE_BYTES, (long)Math.max(MIN_PAGE_BYTES, size) << shift);
        pageAddress[id] = memory.allocateUninitialized(bytes);
        pageBytes[id] = bytes;
        pageClass[id] = (short)sizeClass;
        pageUsed[id] = 0;
        pageCapacity[id] = bytes / size;
        pageFree[id] = NO_FREE;
        pageBump[id] = 0;
        pageView[id] = null;
        classPages[sizeClass]++;
        pageTotalBytes += bytes;
        link(id);
        return id;
    }

    private void release(final int id)
    {
        unlink(id);
        if (pageClass[id] != 0)
        {
            classPages[pageClass[id]]--;
        }
        memory.free(pageAddress[id]);
        pageTotalBytes -= pageBytes[id];
        pageAddress[id] = 0;
        pageView[id] = null;
        if (freeIdCount == freeIds.length)
        {
            freeIds = Arrays.copyOf(freeIds, freeIds.length * 2);
        }
        freeIds[freeIdCount++] = id;
    }

    private void link(final int id)
    {
        final int sizeClass = pageClass[id];
        final int head = classHead[sizeClass];
        pageNext[id] = head;
        pagePrev[id] = 0;
        if (head != 0)
        {
            pagePrev[head] = id;
        }
        classHead[sizeClass] = id;
        pageListed[id] = true;
    }

    private void unlink(final int id)
    {
        if (!pageListed[id])
        {
            return;
        }
        final int next = pageNext[id];
        final int prev = pagePrev[id];
        if (prev != 0)
        {
            pageNext[prev] = next;
        }
        else
        {
            classHead[pageClass[id]] = next;
        }
        if (next != 0)
        {
            pagePrev[next] = prev;
        }
        pageNext[id] = 0;
        pagePrev[id] = 0;
        pageListed[id] = false;
    }

    private void grow(final int length)
    {
        pageAddress = Arrays.copyOf(pageAddress, length);
        pageBytes = Arrays.copyOf(pageBytes, length);
        pageClass = Arrays.copyOf(pageClass, length);
        pageUsed = Arrays.copyOf(pageUsed, length);
        pageCapacity = Arrays.copyOf(pageCapacity, length);
        pageFree = Arrays.copyOf(pageFree, length);
        pageBump = Arrays.copyOf(pageBump, length);
        pageNext = Arrays.copyOf(pageNext, length);
        pagePrev = Arrays.copyOf(pagePrev, length);
        pageListed = Arrays.copyOf(pageListed, length);
        pageView = Arrays.copyOf(pageView, length);
    }
}
