package dev.anax.engine.keyspace;

import org.agrona.UnsafeApi;
import org.agrona.collections.Int2IntHashMap;

import java.util.Arrays;

/**
 * Everything one shard's databases share: the off-heap memory and {@link Slab} holding every
 * record, the table of heap objects (the values of lists, hashes, sets, sorted sets, streams),
 * and the {@link KeyEntry} handles given out while a command runs.
 * <p>
 * Handles: a record is not a Java object, so a lookup returns a handle from a pool. Within one
 * command the same record always gets the same handle (found among the few given out, or by a
 * map when a command holds many), so two lookups of one key see each other's changes. {@link #endCommand()} recycles every handle
 * and frees the records deleted during the command (deleting only unlinks them, so a handle may
 * still be read after {@code delete}). A handle must not be kept past the end of its command.
 * <p>
 * Single owner thread.
 */
public final class Keyspace
{
    private static final int LINEAR_SEARCH_MAX = 32;

    final NativeMemory memory;
    final Slab slab;
    /** Scratch for integer parsing on the owner thread. */
    final long[] number = new long[1];

    private Object[] objects = new Object[16];
    private int[] freeObjects = new int[16];
    private int freeObjectCount;
    private int nextObject;
    private int liveObjects;

    private KeyEntry[] pool = new KeyEntry[16];
    private int used;
    private Int2IntHashMap byRef;
    private int mapped;

    /** A keyspace with its own off-heap memory, freed when it becomes unreachable or on {@link #close()}. */
    public Keyspace()
    {
        this.memory = new NativeMemory(this);
        this.slab = new Slab(memory);
    }

    /** @return off-heap bytes held: record pages and table segments. */
    public long offHeapBytes()
    {
        return memory.reserved();
    }

    /** @return bytes of the record blocks in use (each counted at its block size). */
    public long recordBytes()
    {
        return slab.allocatedBytes();
    }

    /** @return bytes of the record pages, used or not. */
    public long pageBytes()
    {
        return slab.pageBytes();
    }

    /** @return number of values kept as heap objects. */
    public int objectCount()
    {
        return liveObjects;
    }

    /**
     * End of a command: recycle every handle given out and free the records deleted meanwhile.
     * Called by the shard after each command (and by tests that drive a {@link Database}).
     */
    public void endCommand()
    {
        for (int i = 0; i < used; i++)
        {
            final KeyEntry entry = pool[i];
            if (entry.detached)
            {
                freeRecord(entry.ref, entry.address);
            }
            entry.unbind();
        }
        used = 0;
        if (byRef != null)
        {
            byRef = byRef.capacity() > 1024 ? null : byRef;
            if (byRef != null)
            {
                byRef.clear();
            }
        }
        mapped = 0;
    }

    /** Free all memory now; the keyspace must not be used afterwards. */
    public void close()
    {
        memory.freeAll();
    }

    /**
     * The handle of a record found in a database: the one already given out in this command, or
     * a new one.
     */
    KeyEntry handle(final Database db, final int ref, final long address, final DashTable.Segment segment, final int slot)
    {
        if (used > 0)
        {
            final KeyEntry existing = findHandle(ref);
            if (existing != null)
            {
                existing.position(segment, slot, db.table.epoch());
                return existing;
            }
        }
        if (used == pool.length)
        {
            pool = Arrays.copyOf(pool, used * 2);
        }
        KeyEntry entry = pool[used];
        if (entry == null)
        {
            entry = new KeyEntry(this);
            pool[used] = entry;
        }
        entry.bind(db, ref, address, segment, slot, db.table.epoch());
        used++;
        return entry;
    }

    /**
     * @param ref a record.
     * @return the handle given out for it in this command, or null.
     */
    KeyEntry handleOf(final int ref)
    {
        return used == 0 ? null : findHandle(ref);
    }

    private KeyEntry findHandle(final int ref)
    {
        if (used <= LINEAR_SEARCH_MAX)
        {
            for (int i = used - 1; i >= 0; i--)
            {
                if (pool[i].ref == ref && !pool[i].detached)
                {
                    return pool[i];
                }
            }
            return null;
        }
        if (byRef == null)
        {
            byRef = new Int2IntHashMap(-1);
            mapped = 0;
        }
        for (; mapped < used; mapped++)
        {
            byRef.put(pool[mapped].ref, mapped);
        }
        final int index = byRef.get(ref);
        return index < 0 || pool[index].ref != ref || pool[index].detached ? null : pool[index];
    }

    /** A pooled handle moved to another record. */
    void moved(final KeyEntry entry, final int oldRef)
    {
        if (byRef != null)
        {
            final int index = byRef.remove(oldRef);
            if (index >= 0)
            {
                byRef.put(entry.ref, index);
            }
        }
    }

    /**
     * Free a record's block and its heap object, if any.
     *
     * @param ref     the record.
     * @param address its address.
     */
    void freeRecord(final int ref, final long address)
    {
        if (Record.isObject(address))
        {
            releaseObject(UnsafeApi.getInt(address + Record.valueOffset(address)));
        }
        slab.free(ref);
    }

    int addObject(final Object value)
    {
        final int index;
        if (freeObjectCount > 0)
        {
            index = freeObjects[--freeObjectCount];
        }
        else
        {
            if (nextObject == objects.length)
            {
                objects = Arrays.copyOf(objects, nextObject * 2);
            }
            index = nextObject++;
        }
        objects[index] = value;
        liveObjects++;
        return index;
    }

    Object object(final int index)
    {
        return objects[index];
    }

    void object(final int index, final Object value)
    {
        objects[index] = value;
    }

    void releaseObject(final int index)
    {
        objects[index] = null;
        if (freeObjectCount == freeObjects.length)
        {
            freeObjects = Arrays.copyOf(freeObjects, freeObjectCount * 2);
        }
        freeObjects[freeObjectCount++] = index;
        liveObjects--;
    }

    /**
     * Drop every record and object of every database at once (FLUSHALL): much faster than
     * deleting key by key.
     *
     * @param databases all databases of this keyspace.
     */
    public void clearAll(final Database... databases)
    {
        for (final Database db : databases)
        {
            db.forget();
        }
        for (int i = 0; i < used; i++)
        {
            pool[i].unbind();
        }
        used = 0;
        byRef = null;
        mapped = 0;
        slab.clear();
        objects = new Object[16];
        freeObjects = new int[16];
        freeObjectCount = 0;
        nextObject = 0;
        liveObjects = 0;
    }
}
