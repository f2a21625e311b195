package dev.anax.engine.shard;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;

/**
 * One shard's transaction queue and intent locks, after the VLL idea (Ren, Thomson, Abadi: "VLL:
 * a lock manager redesign for main memory database systems") as Dragonfly applies it to a
 * thread-per-core store. Shard thread only.
 * <p>
 * A transaction that spans shards takes a global id, then is <em>scheduled</em> on each of its
 * shards: it enters the queue and adds its intent on each key (a shared or an exclusive count;
 * or on the whole shard). It is <em>free</em> when no other entry held a conflicting intent at
 * that moment: a free entry may run whenever its events arrive. Any other entry runs only once it
 * is first in the queue. The queue refuses a global transaction whose id is not above every
 * global transaction that already ran here ({@link #committed}), and a transaction that is not
 * free whose id is not above every global transaction queued here; the coordinator then cancels
 * it everywhere and schedules it again under a new id. With these two rules, wherever two
 * transactions conflict, the one with the lower id runs first, on every shard: the order of ids
 * is a serial order, and since an entry waits only for entries with lower ids (or for local
 * entries of its own shard, which wait for nothing remote), nothing can wait in a cycle.
 * <p>
 * Local entries never take a global id: a transaction of this shard alone (MULTI/EXEC whose keys
 * are all here) and a single command that found one of its keys locked (<em>deferred</em>).
 * They join the tail and are never refused. A connection with a deferred command has its later
 * commands deferred behind it, so one connection's commands keep their order on a shard.
 * <p>
 * When the queue is empty a command runs at once with no check at all: locks cost nothing
 * unless transactions are running.
 */
final class TxQueue
{
    private static final int SHARED = 0;
    private static final int EXCLUSIVE = 1;

    /** An entry of the queue. */
    static final class Entry
    {
        final long txId;
        final boolean global;
        final boolean free;
        final long connectionId;
        final LockKey[] keys;
        final boolean exclusive;
        final boolean shardLock;
        /** A single deferred command: the entry ends once its event ran. */
        final boolean single;
        final ArrayDeque<Deferred> pending = new ArrayDeque<>(2);
        boolean started;

        Entry(
            final long txId,
            final boolean global,
            final boolean free,
            final long connectionId,
            final LockKey[] keys,
            final boolean exclusive,
            final boolean shardLock,
            final boolean single)
        {
            this.txId = txId;
            this.global = global;
            this.free = free;
            this.connectionId = connectionId;
            this.keys = keys;
            this.exclusive = exclusive;
            this.shardLock = shardLock;
            this.single = single;
        }

        @Override
        public String toString()
        {
            return (global ? "tx " : single ? "cmd " : "local ") + txId + (free ? " free" : "") +
                " keys=" + Arrays.toString(keys) + (shardLock ? " shard" : "") + (exclusive ? " x" : " s");
        }
    }

    /** An event kept for later: the encoded event and its attachment. */
    record Deferred(byte[] event, Object attachment)
    {
    }

    private final ArrayList<Entry> queue = new ArrayList<>();
    private final Long2ObjectHashMap<Entry> byTx = new Long2ObjectHashMap<>();
    private final HashMap<LockKey, int[]> locks = new HashMap<>();
    private final Long2LongHashMap deferredByConnection = new Long2LongHashMap(0);
    private int shardShared;
    private int shardExclusive;
    private int exclusiveKeys;
    private long committed;
    private long nextLocalId = -1;
    private long refused;
    private long deferred;

    /** @return true when no entry is queued: commands need no check. */
    boolean isEmpty()
    {
        return queue.isEmpty();
    }

    int size()
    {
        return queue.size();
    }

    /** @return how many schedules were refused (the coordinator retried them). */
    long refused()
    {
        return refused;
    }

    /** @return how many single commands had to wait for a lock. */
    long deferredCount()
    {
        return deferred;
    }

    /**
     * Schedule a transaction here.
     *
     * @param txId         its id (global, or local when {@code global} is false).
     * @param global       whether it spans shards (ordering rules apply) or is local.
     * @param connectionId its client.
     * @param keys         the keys it locks (ignored with {@code shardLock}).
     * @param exclusive    exclusive or shared locks.
     * @param shardLock    lock the whole shard.
     * @return the entry, or null when refused.
     */
    Entry schedule(
        final long txId,
        final boolean global,
        final long connectionId,
        final LockKey[] keys,
        final boolean exclusive,
        final boolean shardLock)
    {
        final boolean free = compatible(keys, exclusive, shardLock);
        if (global)
        {
            if (txId <= committed || (!free && txId < maxGlobalQueued()))
            {
                refused++;
                return null;
            }
        }
        final Entry entry = new Entry(txId, global, free, connectionId, keys, exclusive, shardLock, false);
        add(entry);
        return entry;
    }

    /**
     * Whether a command outside any transaction must wait: one of its keys (or the shard) is
     * locked against it, or an earlier command of its connection is waiting here.
     *
     * @param connectionId the client.
     * @param keys         the command's keys.
     * @param exclusive    whether it writes.
     * @param shardLock    whether it touches the whole shard (a command with no keys).
     * @return true if it must be deferred.
     */
    boolean mustDefer(final long connectionId, final LockKey[] keys, final boolean exclusive, final boolean shardLock)
    {
        return deferredByConnection.get(connectionId) > 0 || !compatible(keys, exclusive, shardLock);
    }

    /**
     * Defer a single command: it joins the tail holding its locks and runs when first.
     *
     * @param connectionId the client.
     * @param keys         its keys.
     * @param exclusive    whether it writes.
     * @param shardLock    whether it locks the shard.
     * @param event        the encoded event.
     * @param attachment   the event's attachment.
     */
    void defer(
        final long connectionId,
        final LockKey[] keys,
        final boolean exclusive,
        final boolean shardLock,
        final byte[] event,
        final Object attachment)
    {
        final Entry entry = new Entry(nextLocalId--, false, false, connectionId, keys, exclusive, shardLock, true);
        entry.pending.add(new Deferred(event, attachment));
        deferredByConnection.put(connectionId, deferredByConnection.get(connectionId) + 1);
        deferred++;
        add(entry);
    }

    /**
     * @param txId a transaction id.
     * @return its entry here, or null.
     */
    Entry entry(final long txId)
    {
        return byTx.get(txId);
    }

    /**
     * Whether an entry may run now: it was free when scheduled, or it is first in the queue.
     *
     * @param entry queued.
     * @return true if it may run.
     */
    boolean runnable(final Entry entry)
    {
        return entry.free || (!queue.isEmpty() && queue.get(0) == entry);
    }

    /**
     * Note that an entry runs an event now (a global one fixes the order from here on).
     *
     * @param entry queued.
     */
    void started(final Entry entry)
    {
        entry.started = true;
        if (entry.global && entry.txId > committed)
        {
            committed = entry.txId;
        }
    }

    /**
     * End a transaction here (done, or cancelled after a refusal elsewhere).
     *
     * @param txId its id.
     * @return the entry removed, or null if it was not queued.
     */
    Entry conclude(final long txId)
    {
        final Entry entry = byTx.get(txId);
        if (entry != null)
        {
            remove(entry);
        }
        return entry;
    }

    /**
     * The first entry that may run now and has an event waiting, or null.
     *
     * @return the entry.
     */
    Entry nextReady()
    {
        for (int i = 0, n = queue.size(); i < n; i++)
        {
            final Entry entry = queue.get(i);
            if (!entry.pending.isEmpty() && (entry.free || i == 0))
            {
                return entry;
            }
        }
        return null;
    }

    /**
     * A single deferred command ran: it leaves the queue.
     *
     * @param entry its entry.
     */
    void finishSingle(final Entry entry)
    {
        remove(entry);
        final long left = deferredByConnection.get(entry.connectionId) - 1;
        if (left <= 0)
        {
            deferredByConnection.remove(entry.connectionId);
        }
        else
        {
            deferredByConnection.put(entry.connectionId, left);
        }
    }

    /**
     * The queue, for tests and diagnostics.
     *
     * @return a description of each entry, first first.
     */
    java.util.List<String> describe()
    {
        final java.util.List<String> lines = new ArrayList<>();
        for (final Entry entry : queue)
        {
            lines.add(entry.toString());
        }
        return lines;
    }

    private void add(final Entry entry)
    {
        queue.add(entry);
        if (entry.txId != 0)
        {
            byTx.put(entry.txId, entry);
        }
        if (entry.shardLock)
        {
            if (entry.exclusive)
            {
                shardExclusive++;
            }
            else
            {
                shardShared++;
            }
        }
        else
        {
            for (final LockKey key : entry.keys)
            {
                final int[] counts = locks.computeIfAbsent(key, k -> new int[2]);
                counts[entry.exclusive ? EXCLUSIVE : SHARED]++;
                if (entry.exclusive)
                {
                    exclusiveKeys++;
                }
            }
        }
    }

    private void remove(final Entry entry)
    {
        queue.remove(entry);
        byTx.remove(entry.txId);
        if (entry.shardLock)
        {
            if (entry.exclusive)
            {
                shardExclusive--;
            }
            else
            {
                shardShared--;
            }
        }
        else
        {
            for (final LockKey key : entry.keys)
            {
                final int[] counts = locks.get(key);
                counts[entry.exclusive ? EXCLUSIVE : SHARED]--;
                if (entry.exclusive)
                {
                    exclusiveKeys--;
                }
                if (counts[SHARED] == 0 && counts[EXCLUSIVE] == 0)
                {
                    locks.remove(key);
                }
            }
        }
    }

    private long maxGlobalQueued()
    {
        long max = 0;
        for (int i = 0, n = queue.size(); i < n; i++)
        {
            final Entry entry = queue.get(i);
            if (entry.global && entry.txId > max)
            {
                max = entry.txId;
            }
        }
        return max;
    }

    /**
     * Whether locks of this kind could be granted with no conflict against any queued entry.
     */
    private boolean compatible(final LockKey[] keys, final boolean exclusive, final boolean shardLock)
    {
        if (shardExclusive > 0)
        {
            return false;
        }
        if (shardLock)
        {
            return exclusive ? locks.isEmpty() && shardShared == 0 : exclusiveKeys == 0;
        }
        if (exclusive && shardShared > 0)
        {
            return false;
        }
        for (final LockKey key : keys)
        {
            final int[] counts = locks.get(key);
            if (counts != null && (counts[EXCLUSIVE] > 0 || (exclusive && counts[SHARED] > 0)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A key of one database, as locks and watches know it.
     */
    static final class LockKey
    {
        final int db;
        final byte[] key;
        private final int hash;

        LockKey(final int db, final byte[] key)
        {
            this.db = db;
            this.key = key;
            this.hash = 31 * Arrays.hashCode(key) + db;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof LockKey that && that.db == db && Arrays.equals(that.key, key);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }

        @Override
        public String toString()
        {
            return db + ":" + new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
