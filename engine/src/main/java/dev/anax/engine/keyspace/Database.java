package dev.anax.engine.keyspace;

import dev.anax.codecs.Bytes;
import org.agrona.DirectBuffer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The keys of one logical database within one shard: a chained hash table with a power-of-two
 * bucket array, and a dense index of the keys that have an expiry for the active expire cycle.
 * <p>
 * SCAN walks buckets in reverse-binary cursor order, which visits every key present for the whole
 * scan at least once even when the table grows or shrinks between calls.
 * <p>
 * Single writer: only the owning shard's thread calls any method.
 */
public final class Database
{
    private static final int MIN_BUCKETS = 16;

    private KeyEntry[] buckets = new KeyEntry[MIN_BUCKETS];
    private int mask = MIN_BUCKETS - 1;
    private int size;

    private KeyEntry[] expiring = new KeyEntry[16];
    private int expiringCount;

    private long expiredKeys;

    public int size()
    {
        return size;
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
        final KeyEntry entry = find(buffer, offset, length, Bytes.hash(buffer, offset, length));
        if (entry != null && entry.expireAtMs != KeyEntry.NO_EXPIRY && entry.expireAtMs <= nowMs)
        {
            remove(entry);
            expiredKeys++;
            return null;
        }
        return entry;
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
        final int hash = Bytes.hash(key);
        KeyEntry entry = buckets[hash & mask];
        while (entry != null && (entry.hash != hash || !Arrays.equals(entry.key, key)))
        {
            entry = entry.next;
        }
        if (entry != null && entry.expireAtMs != KeyEntry.NO_EXPIRY && entry.expireAtMs <= nowMs)
        {
            remove(entry);
            expiredKeys++;
            return null;
        }
        return entry;
    }

    /**
     * Delete an entry met by {@link #scan} because it has expired: as
     * {@link #remove} and counted in {@link #expiredKeys}.
     *
     * @param entry present in this database, with an expiry in the past.
     */
    public void expire(final KeyEntry entry)
    {
        remove(entry);
        expiredKeys++;
    }

    private KeyEntry find(final DirectBuffer buffer, final int offset, final int length, final int hash)
    {
        KeyEntry e = buckets[hash & mask];
        while (e != null)
        {
            if (e.hash == hash && Bytes.equals(buffer, offset, length, e.key))
            {
                return e;
            }
            e = e.next;
        }
        return null;
    }

    /**
     * Add a key that is not present (callers check with {@link #get} first). The key bytes are
     * copied. The new entry has no value and no expiry: set them.
     *
     * @param buffer holding the key.
     * @param offset of the key.
     * @param length of the key.
     * @return the new entry.
     */
    public KeyEntry insert(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] key = new byte[length];
        buffer.getBytes(offset, key);
        return insert(key);
    }

    /**
     * Add a key that is not present, taking ownership of the array.
     *
     * @param key bytes, not copied.
     * @return the new entry.
     */
    public KeyEntry insert(final byte[] key)
    {
        final KeyEntry entry = new KeyEntry(key, Bytes.hash(key));
        final int index = entry.hash & mask;
        entry.next = buckets[index];
        buckets[index] = entry;
        size++;
        if (size > buckets.length)
        {
            resize(buckets.length << 1);
        }
        return entry;
    }

    /**
     * Delete an entry.
     *
     * @param entry present in this database.
     */
    public void remove(final KeyEntry entry)
    {
        final int index = entry.hash & mask;
        KeyEntry e = buckets[index];
        KeyEntry prev = null;
        while (e != null)
        {
            if (e == entry)
            {
                if (prev == null)
                {
                    buckets[index] = e.next;
                }
                else
                {
                    prev.next = e.next;
                }
                e.next = null;
                size--;
                clearExpiry(entry);
                if (buckets.length > MIN_BUCKETS && size < buckets.length >> 3)
                {
                    resize(buckets.length >> 1);
                }
                return;
            }
            prev = e;
            e = e.next;
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
        if (entry.expiryIndex < 0)
        {
            if (expiringCount == expiring.length)
            {
                expiring = Arrays.copyOf(expiring, expiring.length << 1);
            }
            entry.expiryIndex = expiringCount;
            expiring[expiringCount++] = entry;
        }
        entry.expireAtMs = expireAtMs;
    }

    /**
     * Remove the expiry of an entry, if any.
     *
     * @param entry present in this database.
     * @return true if it had one.
     */
    public boolean clearExpiry(final KeyEntry entry)
    {
        final int index = entry.expiryIndex;
        if (index < 0)
        {
            return false;
        }
        final KeyEntry last = expiring[--expiringCount];
        expiring[index] = last;
        last.expiryIndex = index;
        expiring[expiringCount] = null;
        entry.expiryIndex = -1;
        entry.expireAtMs = KeyEntry.NO_EXPIRY;
        if (expiring.length > 64 && expiringCount < expiring.length >> 2)
        {
            expiring = Arrays.copyOf(expiring, expiring.length >> 1);
        }
        return true;
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
            final KeyEntry entry = expiring[index];
            if (entry.expireAtMs <= nowMs)
            {
                remove(entry);
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
     * Visit the keys of some buckets, from a SCAN cursor.
     *
     * @param cursor  0 to start.
     * @param minKeys visit buckets until at least this many keys were seen or the table ends.
     * @param visitor receives each entry, including expired ones not yet deleted.
     * @return the next cursor, 0 when the scan is complete.
     */
    public long scan(final long cursor, final int minKeys, final Consumer<KeyEntry> visitor)
    {
        if (size == 0)
        {
            return 0;
        }
        long v = cursor;
        int seen = 0;
        long steps = 0;
        final long maxSteps = minKeys * 10L;
        do
        {
            KeyEntry e = buckets[(int)(v & mask)];
            while (e != null)
            {
                final KeyEntry next = e.next;
                visitor.accept(e);
                seen++;
                e = next;
            }
            // Increment the reversed cursor: set the bits above the mask, reverse, +1, reverse.
            v |= ~(long)mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
            steps++;
        }
        while (v != 0 && seen < minKeys && steps < maxSteps);
        return v;
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
        // Each round returns a live key or deletes an expired one, so this ends.
        while (size > 0)
        {
            int index = random.nextInt(buckets.length);
            KeyEntry e = buckets[index];
            int probes = 0;
            while (e == null && probes++ < buckets.length)
            {
                index = (index + 1) & mask;
                e = buckets[index];
            }
            if (e == null)
            {
                return null;
            }
            int chain = 0;
            for (KeyEntry c = e; c != null; c = c.next)
            {
                chain++;
            }
            KeyEntry pick = e;
            for (int skip = random.nextInt(chain); skip > 0; skip--)
            {
                pick = pick.next;
            }
            if (pick.expireAtMs != KeyEntry.NO_EXPIRY && pick.expireAtMs <= nowMs)
            {
                remove(pick);
                expiredKeys++;
                continue;
            }
            return pick;
        }
        return null;
    }

    /** Delete every key. */
    public void clear()
    {
        buckets = new KeyEntry[MIN_BUCKETS];
        mask = MIN_BUCKETS - 1;
        size = 0;
        expiring = new KeyEntry[16];
        expiringCount = 0;
    }

    /**
     * Exchange all contents with another database (SWAPDB).
     *
     * @param other database of the same shard.
     */
    public void swap(final Database other)
    {
        final KeyEntry[] b = buckets;
        buckets = other.buckets;
        other.buckets = b;
        final int m = mask;
        mask = other.mask;
        other.mask = m;
        final int s = size;
        size = other.size;
        other.size = s;
        final KeyEntry[] x = expiring;
        expiring = other.expiring;
        other.expiring = x;
        final int xc = expiringCount;
        expiringCount = other.expiringCount;
        other.expiringCount = xc;
    }

    /**
     * Visit every entry (for KEYS, FLUSH accounting); the visitor must not modify the table.
     *
     * @param visitor receives each entry.
     */
    public void forEach(final Consumer<KeyEntry> visitor)
    {
        for (final KeyEntry head : buckets)
        {
            for (KeyEntry e = head; e != null; e = e.next)
            {
                visitor.accept(e);
            }
        }
    }

    /** For tests: the entry at a position of the expiry index. */
    KeyEntry expiringAt(final int index)
    {
        return expiring[index];
    }

    private void resize(final int newLength)
    {
        final KeyEntry[] old = buckets;
        final KeyEntry[] fresh = new KeyEntry[newLength];
        final int newMask = newLength - 1;
        for (final KeyEntry head : old)
        {
            KeyEntry e = head;
            while (e != null)
            {
                final KeyEntry next = e.next;
                final int index = e.hash & newMask;
                e.next = fresh[index];
                fresh[index] = e;
                e = next;
            }
        }
        buckets = fresh;
        mask = newMask;
    }
}
