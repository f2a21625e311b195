package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;
import org.agrona.collections.Long2LongHashMap;

import java.lang.ref.Cleaner;

/**
 * The off-heap blocks of one shard's keyspace (slab pages and table segments): allocated zeroed
 * with {@code malloc}, counted, and freed explicitly. Whatever is still allocated when the owner
 * becomes unreachable (a test engine that is simply dropped) is freed by a {@link Cleaner}, so
 * nothing leaks even without {@link #freeAll()}.
 * <p>
 * Single owner thread, except the cleaner, which runs only once the owner is unreachable.
 */
final class NativeMemory implements Runnable
{
    private static final Cleaner CLEANER = Cleaner.create();

    private final Long2LongHashMap blocks = new Long2LongHashMap(0);
    private long reserved;

    /**
     * @param owner the object whose unreachability frees every block still allocated.
     */
    NativeMemory(final Object owner)
    {
        CLEANER.register(owner, this);
    }

    /**
     * Allocate a zeroed block.
     *
     * @param bytes size.
     * @return its address.
     */
    long allocate(final long bytes)
    {
        final long address = allocateUninitialized(bytes);
        UnsafeApi.setMemory(address, bytes, (byte)0);
        return address;
    }

    /**
     * Allocate a block whose contents are unspecified (its pages are touched only when written,
     * so a large block costs no time up front).
     *
     * @param bytes size.
     * @return its address.
     */
    long allocateUninitialized(final long bytes)
    {
        final long address = UnsafeApi.allocateMemory(bytes);
        synchronized (this)
        {
            blocks.put(address, bytes);
            reserved += bytes;
        }
        return address;
    }

    /**
     * Free a block.
     *
     * @param address as {@link #allocate} returned it.
     */
    void free(final long address)
    {
        synchronized (this)
        {
            final long bytes = blocks.remove(address);
            reserved -= bytes;
        }
        UnsafeApi.freeMemory(address);
    }

    /** @return bytes currently allocated. */
    long reserved()
    {
        return reserved;
    }

    /** Free every block. */
    synchronized void freeAll()
    {
        final Long2LongHashMap.KeyIterator it = blocks.keySet().iterator();
        while (it.hasNext())
        {
            UnsafeApi.freeMemory(it.nextValue());
        }
        blocks.clear();
        reserved = 0;
    }

    @Override
    public void run()
    {
        freeAll();
    }
}
