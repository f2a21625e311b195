package dev.anax.engine.keyspace;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The keys of one logical database within one shard: a {@link DashTable} of compact off-heap
 * {@link Record}s, and a dense index of the records that carry an expiry for the active expire
 * cycle. Lookups return {@link KeyEntry} handles (valid until the end of the command, see
 * {@link Keyspace}).
 * <p>
 * SCAN walks the table's segments and logical buckets in cursor order, which visits every key
 * present for the whole scan at least once even when segments split between calls.
 * <p>
 * Single writer: only the owning shard's thread calls any method.
 */
public final class Database
{
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    final Keyspace keyspace;
    final DashTable table;
    private final Slab slab;
    private final KeyEntry cursor;
    private final Visit visit = new Visit();

    private int[] expiring = new int[16];
    private int expiringCount;
    private long expiredKeys;

    /** A database with a keyspace of its own (tests, tools). */
    public Database()
    {
        this(new Keyspace());
    }

    /**
     * A database of a shard.
     *
     * @param keyspace the shard's keyspace, shared by all its databases.
     */
    public Database(final Keyspace keyspace)
    {
        this.keyspace = keyspace;
        this.slab = keyspace.slab;
        this.table = new DashTable(slab, keyspace.memory);
        this.cursor = new KeyEntry(keyspace, false);
    }

    /** @return the keyspace this database belongs to. */
    public Keyspace keyspace()
    {
        return keyspace;
    }

    public int size()
    {
        return table.size();
    }

    /** @return how many keys have an expiry. */
    public int expiresCount()
    {
        return expiringCount;
    }

    /** @return keys deleted because they had expired, since creation. */
    public long expiredKeys()
    {
        return expiredKeys;
    }

    /** @return off-heap bytes of the table's segments. */
    public long tableBytes()
    {
        return table.bytes();
    }

    /** @return heap bytes of the expiry index. */
    public long expiryIndexBytes()
    {
        return 16L + 4L * expiring.length;
    }

    /**
     * Find a live key: an expired one is deleted and not returned.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @param nowMs  the shard clock.
     * @return the entry or null.
     */
    public KeyEntry get(final DirectBuffer buffer, final int offset, final int length, final long nowMs)
    {
        return get(buffer.byteArray(), buffer.addressOffset() + offset, length, nowMs);
    }

    /**
     * Find a live key given as an array.
     *
     * @param key   bytes.
     * @param nowMs the shard clock.
     * @return the entry or null.
     */
    public KeyEntry get(final byte[] key, final long nowMs)
    {
        return get(key, ARRAY_BASE, key.length, nowMs);
    }

    private KeyEntry get(final Object base, final long from, final int length, final long nowMs)
    {
        final long hash = KeyHash.hash(base, from, length);
        final int ref = table.find(hash, base, from, length);
        if (ref == 0)
        {
            return null;
        }
        final long address = slab.address(ref);
        final DashTable.Segment segment = table.foundSegment();
        final int slot = table.foundSlot();
        if (Record.hasExpiry(address) && Record.expireAt(address) <= nowMs)
        {
            table.remove(segment, slot);
            discard(ref, address);
            expiredKeys++;
            return null;
        }
        return keyspace.handle(this, ref, address, segment, slot);
    }

    /** {@link #presence}: the key is not in the table. */
    public static final int ABSENT = 0;
    /** {@link #presence}: the key is in the table and live. */
    public static final int LIVE = 1;
    /** {@link #presence}: the key is in the table but its expiry has passed (not yet deleted). */
    public static final int STALE = 2;

    /**
     * Whether a key is physically present and whether it has expired, without deleting it or
     * counting anything (WATCH's bookkeeping).
     *
     * @param key   bytes.
     * @param nowMs the shard clock.
     * @return {@link #ABSENT}, {@link #LIVE} or {@link #STALE}.
     */
    public int presence(final byte[] key, final long nowMs)
    {
        final long hash = KeyHash.hash(key, ARRAY_BASE, key.length);
        final int ref = table.find(hash, key, ARRAY_BASE, key.length);
        if (ref == 0)
        {
            return ABSENT;
        }
        final long address = slab.address(ref);
        return Record.hasExpiry(address) && Record.expireAt(address) <= nowMs ? STALE : LIVE;
    }

    /**
     * Delete an entry met by {@link #scan} because it has expired: as {@link #remove} and
     * counted in {@link #expiredKeys}.
     *
     * @param entry present in this database, with an expiry in the past.
     */
    public void expire(final KeyEntry entry)
    {
        remove(entry);
        expiredKeys++;
    }

    /**
     * Add a key that is not present (callers check with {@link #get} first). The key bytes are
     * copied. The new entry holds an empty string and has no expiry: set its value.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @return the new entry.
     */
    public KeyEntry insert(final DirectBuffer buffer, final int offset, final int length)
    {
        return insert(buffer.byteArray(), buffer.addressOffset() + offset, length, 0);
    }

    /**
     * Add a key that is not present, with room for a string value of a known length: storing a
     * value of that length (or an integer, for 8) then writes in place.
     *
     * @param buffer      holding the key.
     * @param offset      of the key.
     * @param length      of the key.
     * @param valueLength bytes of the value about to be stored.
     * @return the new entry, holding a string of that length with unspecified bytes.
     */
    public KeyEntry insert(final DirectBuffer buffer, final int offset, final int length, final int valueLength)
    {
        return insert(buffer.byteArray(), buffer.addressOffset() + offset, length, valueLength);
    }

    /**
     * Add a key that is not present.
     *
     * @param key bytes, copied.
     * @return the new entry.
     */
    public KeyEntry insert(final byte[] key)
    {
        return insert(key, ARRAY_BASE, key.length, 0);
    }

    private KeyEntry insert(final Object base, final long from, final int length, final int valueLength)
    {
        final int ref = slab.allocate(Record.size(length, valueLength, false));
        final long address = slab.address(ref);
        Record.init(address, slab.blockBytes(ref), typeByte(ValueType.STRING, Encoding.EMBSTR), length, valueLength, false);
        UnsafeApi.putByte(address + 2, (byte)0);
        UnsafeApi.putInt(address + 4, 0);
        UnsafeApi.copyMemory(base, from, null, address + Record.keyOffset(address), length);
        table.insert(KeyHash.hash(base, from, length), ref);
        return keyspace.handle(this, ref, address, table.foundSegment(), table.foundSlot());
    }

    /**
     * Delete an entry. Its handle stays readable until the end of the command.
     *
     * @param entry present in this database.
     */
    public void remove(final KeyEntry entry)
    {
        if (entry.detached)
        {
            return;
        }
        locate(entry);
        table.remove(entry.segment, entry.slot);
        unindexExpiry(entry.address);
        if (entry.pooled())
        {
            entry.detached = true;
        }
        else
        {
            keyspace.freeRecord(entry.ref, entry.address);
        }
    }

    /** Free a record that is no longer in the table, unless a handle still reads it. */
    private void discard(final int ref, final long address)
    {
        unindexExpiry(address);
        final KeyEntry holder = keyspace.handleOf(ref);
        if (holder != null)
        {
            holder.detached = true;
            return;
        }
        keyspace.freeRecord(ref, address);
    }

    private void locate(final KeyEntry entry)
    {
        if (entry.epoch != table.epoch() || entry.segment == null)
        {
            if (!table.locate(Record.hash(entry.address), entry.ref))
            {
                throw new IllegalStateException("entry not in its table");
            }
            entry.position(table.foundSegment(), table.foundSlot(), table.epoch());
        }
    }

    /**
     * Set or replace the expiry of an entry.
     *
     * @param entry      present in this database.
     * @param expireAtMs absolute unix time in ms; {@link KeyEntry#NO_EXPIRY} removes it.
     */
    public void setExpiry(final KeyEntry entry, final long expireAtMs)
    {
        if (expireAtMs == KeyEntry.NO_EXPIRY)
        {
            clearExpiry(entry);
            return;
        }
        if (entry.detached)
        {
            return;
        }
        long address = entry.address;
        if (!Record.hasExpiry(address))
        {
            final boolean object = Record.isObject(address);
            final int length = object ? Record.OBJECT_BYTES : Record.valueLength(address, slab.blockBytes(entry.ref));
            rewrite(entry, Record.typeByte(address) | Record.HAS_EXPIRY, object, null, address + Record.valueOffset(address),
                length, true);
            address = entry.address;
            if (expiringCount == expiring.length)
            {
                expiring = Arrays.copyOf(expiring, expiring.length << 1);
            }
            Record.expiryIndex(address, expiringCount);
            expiring[expiringCount++] = entry.ref;
        }
        Record.expireAt(address, expireAtMs);
    }

    /**
     * Remove the expiry of an entry, if any.
     *
     * @param entry present in this database.
     * @return true if it had one.
     */
    public boolean clearExpiry(final KeyEntry entry)
    {
        final long address = entry.address;
        if (entry.detached || !Record.hasExpiry(address) || Record.expireAt(address) == KeyEntry.NO_EXPIRY)
        {
            return false;
        }
        unindexExpiry(address);
        final boolean object = Record.isObject(address);
        final int length = object ? Record.OBJECT_BYTES : Record.valueLength(address, slab.blockBytes(entry.ref));
        rewrite(entry, Record.typeByte(address) & ~Record.HAS_EXPIRY, object, null, address + Record.valueOffset(address),
            length, true);
        return true;
    }

    private void unindexExpiry(final long address)
    {
        if (!Record.hasExpiry(address) || Record.expireAt(address) == KeyEntry.NO_EXPIRY)
        {
            return;
        }
        final int index = Record.expiryIndex(address);
        final int last = expiring[--expiringCount];
        expiring[index] = last;
        Record.expiryIndex(slab.address(last), index);
        expiring[expiringCount] = 0;
        Record.expireAt(address, KeyEntry.NO_EXPIRY);
        Record.expiryIndex(address, -1);
        if (expiring.length > 64 && expiringCount < expiring.length >> 2)
        {
            expiring = Arrays.copyOf(expiring, expiring.length >> 1);
        }
    }

    static int typeByte(final byte type, final byte encoding)
    {
        return (type & 0x07) | ((encoding & 0x0F) << 3);
    }

    /** Store a string value (EMBSTR or RAW) from bytes at {@code base + from}. */
    void storeBytes(final KeyEntry entry, final byte encoding, final Object base, final long from, final int length)
    {
        final int flags = typeByte(ValueType.STRING, encoding) | (Record.typeByte(entry.address) & Record.HAS_EXPIRY);
        rewrite(entry, flags, false, base, from, length, true);
    }

    /** Store an integer as a string of encoding INT. */
    void storeLong(final KeyEntry entry, final long value)
    {
        final int flags = typeByte(ValueType.STRING, Encoding.INT) | (Record.typeByte(entry.address) & Record.HAS_EXPIRY);
        rewrite(entry, flags, false, null, 0, 8, false);
        UnsafeApi.putLong(entry.address + Record.valueOffset(entry.address), value);
    }

    /** Store a heap value. */
    void storeObject(final KeyEntry entry, final byte type, final byte encoding, final Object value)
    {
        final long address = entry.address;
        if (Record.isObject(address))
        {
            keyspace.object(UnsafeApi.getInt(address + Record.valueOffset(address)), value);
            Record.typeAndEncoding(address, type, encoding);
            touched(entry);
            return;
        }
        final int flags = typeByte(type, encoding) | (Record.typeByte(address) & Record.HAS_EXPIRY);
        rewrite(entry, flags, true, null, 0, Record.OBJECT_BYTES, false);
        UnsafeApi.putInt(entry.address + Record.valueOffset(entry.address), keyspace.addObject(value));
    }

    private void touched(final KeyEntry entry)
    {
        if (!entry.detached)
        {
            locate(entry);
            table.touched(entry.segment, entry.slot);
        }
    }

    /**
     * Give an entry's record a new layout and value: in place when the block size, the expiry
     * flag and the form stay the same, else in a new block that takes over the key, the access
     * metadata, the expiry and the table slot.
     *
     * @param typeByte the new type, encoding and expiry flag.
     * @param object   whether the value will be a heap object index.
     * @param base     where the value comes from (null for off-heap)...
     * @param from     ...and its offset or address.
     * @param length   bytes of the value.
     * @param copy     whether to copy the value (else the caller writes it).
     */
    private void rewrite(
        final KeyEntry entry,
        final int typeByte,
        final boolean object,
        final Object base,
        final long from,
        final int length,
        final boolean copy)
    {
        final long old = entry.address;
        final int oldRef = entry.ref;
        final int oldBlock = slab.blockBytes(oldRef);
        final int oldFlags = Record.flags(old);
        final boolean oldObject = (oldFlags & Record.OBJECT) != 0;
        final boolean hadExpiry = Record.hasExpiry(old);
        final boolean expiry = (typeByte & Record.HAS_EXPIRY) != 0;
        final int keyLength = Record.keyLength(old);
        final int need = Record.size(keyLength, length, expiry);
        final boolean longForm = need != Record.HEADER + (expiry ? Record.EXPIRY_BYTES : 0) + keyLength + length;
        if (oldObject && !object)
        {
            keyspace.releaseObject(UnsafeApi.getInt(old + Record.valueOffset(old)));
        }
        if (Slab.blockSize(need) == oldBlock && hadExpiry == expiry && longForm == ((oldFlags & Record.LONG_FORM) != 0))
        {
            Record.init(old, oldBlock, typeByte, keyLength, length, object);
            if (copy)
            {
                UnsafeApi.copyMemory(base, from, null, old + Record.valueOffset(old), length);
            }
            touched(entry);
            return;
        }
        final int ref = slab.allocate(need);
        final long address = slab.address(ref);
        Record.init(address, slab.blockBytes(ref), typeByte, keyLength, length, object);
        UnsafeApi.putByte(address + 2, UnsafeApi.getByte(old + 2));
        UnsafeApi.putInt(address + 4, UnsafeApi.getInt(old + 4));
        if (expiry && hadExpiry)
        {
            UnsafeApi.copyMemory(old + Record.HEADER, address + Record.HEADER, Record.EXPIRY_BYTES);
        }
        UnsafeApi.copyMemory(old + Record.keyOffset(old), address + Record.keyOffset(address), keyLength);
        if (copy)
        {
            UnsafeApi.copyMemory(base, from, null, address + Record.valueOffset(address), length);
        }
        if (!entry.detached)
        {
            locate(entry);
            table.replace(entry.segment, entry.slot, ref);
            if (expiry && hadExpiry && Record.expireAt(address) != KeyEntry.NO_EXPIRY)
            {
                expiring[Record.expiryIndex(address)] = ref;
            }
        }
        slab.free(oldRef);
        entry.rebind(ref, address);
    }

    /**
     * One step of the active expire cycle: sample keys that have an expiry and delete the
     * expired ones.
     *
     * @param nowMs   the shard clock.
     * @param samples how many keys to look at.
     * @param random  a 64-bit random number to pick the sample.
     * @return how many keys expired.
     */
    public int expireSample(final long nowMs, final int samples, final long random)
    {
        int expired = 0;
        if (expiringCount == 0)
        {
            return 0;
        }
        int index = (int)Long.remainderUnsigned(random, expiringCount);
        for (int i = 0; i < samples && expiringCount > 0; i++)
        {
            if (index >= expiringCount)
            {
                index = 0;
            }
            final int ref = expiring[index];
            final long address = slab.address(ref);
            if (Record.expireAt(address) <= nowMs)
            {
                if (!table.locate(Record.hash(address), ref))
                {
                    throw new IllegalStateException("expiring record not in its table");
                }
                table.remove(table.foundSegment(), table.foundSlot());
                discard(ref, address);
                expiredKeys++;
                expired++;
                // The last entry moved into this index: look at it next.
            }
            else
            {
                index++;
            }
        }
        return expired;
    }

    /**
     * Visit the keys of some logical buckets, from a SCAN cursor.
     *
     * @param cursor  0 to start.
     * @param minKeys visit buckets until at least this many keys were seen or the table ends.
     * @param visitor receives each entry, including expired ones not yet deleted; the entry is
     *                valid only during the call and must not be changed.
     * @return the next cursor, 0 when the scan is complete.
     */
    public long scan(final long cursor, final int minKeys, final Consumer<KeyEntry> visitor)
    {
        visit.consumer = visitor;
        try
        {
            return table.scan(cursor, minKeys, minKeys * 10L, visit);
        }
        finally
        {
            visit.consumer = null;
        }
    }

    /**
     * A random live key, or null if the database is empty. Expired keys met on the way are deleted.
     *
     * @param nowMs  the shard clock.
     * @param random source of randomness.
     * @return an entry or null.
     */
    public KeyEntry randomEntry(final long nowMs, final java.util.SplittableRandom random)
    {
        while (table.size() > 0)
        {
            final int ref = table.random(random);
            if (ref == 0)
            {
                return null;
            }
            final DashTable.Segment segment = table.foundSegment();
            final int slot = table.foundSlot();
            final long address = slab.address(ref);
            if (Record.hasExpiry(address) && Record.expireAt(address) <= nowMs)
            {
                table.remove(segment, slot);
                discard(ref, address);
                expiredKeys++;
                continue;
            }
            return keyspace.handle(this, ref, address, segment, slot);
        }
        return null;
    }

    /** Delete every key. */
    public void clear()
    {
        table.forEach((ref, segment, slot) ->
        {
            final KeyEntry holder = keyspace.handleOf(ref);
            if (holder != null)
            {
                holder.detached = true;
            }
            else
            {
                keyspace.freeRecord(ref, slab.address(ref));
            }
        });
        forget();
    }

    /** Drop the table and the expiry index without freeing records (the keyspace frees them all). */
    void forget()
    {
        table.clear();
        expiring = new int[16];
        expiringCount = 0;
    }

    /**
     * Exchange all contents with another database (SWAPDB).
     *
     * @param other database of the same shard.
     */
    public void swap(final Database other)
    {
        table.swap(other.table);
        final int[] x = expiring;
        expiring = other.expiring;
        other.expiring = x;
        final int xc = expiringCount;
        expiringCount = other.expiringCount;
        other.expiringCount = xc;
    }

    /**
     * Visit every entry (KEYS); the visitor must not modify the table, and the entry is valid
     * only during the call.
     *
     * @param visitor receives each entry.
     */
    public void forEach(final Consumer<KeyEntry> visitor)
    {
        visit.consumer = visitor;
        try
        {
            table.forEach(visit);
        }
        finally
        {
            visit.consumer = null;
        }
    }

    /** For tests: the record at a position of the expiry index. */
    int expiringAt(final int index)
    {
        return expiring[index];
    }

    /** For tests: the position of an entry in the expiry index, -1 if none. */
    int expiryIndexOf(final KeyEntry entry)
    {
        return Record.hasExpiry(entry.address) ? Record.expiryIndex(entry.address) : -1;
    }

    /** Adapts table visits to a consumer of (flyweight) entries. */
    private final class Visit implements DashTable.Visitor
    {
        Consumer<KeyEntry> consumer;

        @Override
        public void visit(final int ref, final DashTable.Segment segment, final int slot)
        {
            cursor.bind(Database.this, ref, slab.address(ref), segment, slot, table.epoch());
            consumer.accept(cursor);
        }
    }
}
