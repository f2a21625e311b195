package dev.anax.engine.shard;

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
 * that moment: a free entry may run whenever its events arrive. Any other entry runs once every
 * entry queued before it that conflicts with it has left (each entry counts its blockers, as
 * VLL's selective contention analysis finds the blocked transactions that may run). The queue refuses a global transaction whose id is not above every
 * global transaction that already ran here ({@link #committed}), and a transaction that is not
 * free whose id is not above every global transaction queued here; the coordinator then cancels
 * it everywhere and schedules it again under a new id. With these two rules, wherever two
 * transactions conflict, the one with the lower id runs first, on every shard: the order of ids
 * is a serial order, and since an entry waits only for entries queued before it, which have lower
 * ids (or are local entries of its own shard, which wait for nothing remote), nothing can wait in
 * a cycle.
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
        /** Entries queued before this one that conflict with it and are still queued. */
        int blockers;
        /** Entries queued after this one that wait for it. */
        ArrayList<Entry> dependents;

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
    private final HashMap<LockKey, ArrayList<Entry>> holders = new HashMap<>();
    private final ArrayList<Entry> shardHolders = new ArrayList<>();
    private final Long2ObjectHashMap<Entry> lastDeferred = new Long2ObjectHashMap<>();
    private final java.util.IdentityHashMap<Entry, Boolean> seen = new java.util.IdentityHashMap<>();
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
        add(entry, null);
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
        return lastDeferred.containsKey(connectionId) || !compatible(keys, exclusive, shardLock);
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
        deferred++;
        // A connection's deferred commands keep their order: each waits for the one before.
        add(entry, lastDeferred.get(connectionId));
        lastDeferred.put(connectionId, entry);
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
        return entry.blockers == 0;
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
            if (!entry.pending.isEmpty() && entry.blockers == 0)
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
        if (lastDeferred.get(entry.connectionId) == entry)
        {
            lastDeferred.remove(entry.connectionId);
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

    private void add(final Entry entry, final Entry predecessor)
    {
        // Count the queued entries this one must wait for: conflicting holders, and the
        // connection's previous deferred command.
        seen.clear();
        if (predecessor != null)
        {
            block(entry, predecessor);
        }
        if (entry.shardLock)
        {
            for (final Entry other : queue)
            {
                if (entry.exclusive || other.exclusive)
                {
                    block(entry, other);
                }
            }
        }
        else
        {
            for (final Entry other : shardHolders)
            {
                if (entry.exclusive || other.exclusive)
                {
                    block(entry, other);
                }
            }
            for (final LockKey key : entry.keys)
            {
                final ArrayList<Entry> list = holders.get(key);
                if (list != null)
                {
                    for (final Entry other : list)
                    {
                        if (entry.exclusive || other.exclusive)
                        {
                            block(entry, other);
                        }
                    }
                }
            }
        }
        seen.clear();
        queue.add(entry);
        if (entry.txId != 0)
        {
            byTx.put(entry.txId, entry);
        }
        if (entry.shardLock)
        {
            shardHolders.add(entry);
        }
        else
        {
            for (final LockKey key : entry.keys)
            {
                holders.computeIfAbsent(key, k -> new ArrayList<>(2)).add(entry);
            }
        }
    }

    private void block(final Entry entry, final Entry blocker)
    {
        if (blocker != entry && seen.put(blocker, Boolean.TRUE) == null)
        {
            entry.blockers++;
            if (blocker.dependents == null)
            {
                blocker.dependents = new ArrayList<>(2);
            }
            blocker.dependents.add(entry);
        }
    }

    private void remove(final Entry entry)
    {
        queue.remove(entry);
        byTx.remove(entry.txId);
        if (entry.shardLock)
        {
            shardHolders.remove(entry);
        }
        else
        {
            for (final LockKey key : entry.keys)
            {
                final ArrayList<Entry> list = holders.get(key);
                if (list != null)
                {
                    list.remove(entry);
                    if (list.isEmpty())
                    {
                        holders.remove(key);
                    }
                }
            }
        }
        if (entry.dependents != null)
        {
            for (final Entry dependent : entry.dependents)
            {
                dependent.blockers--;
            }
            entry.dependents = null;
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
        if (queue.isEmpty())
        {
            return true;
        }
        if (shardLock)
        {
            if (exclusive)
            {
                return false;
            }
            for (final Entry other : queue)
            {
                if (other.exclusive)
                {
                    return false;
                }
            }
            return true;
        }
        for (final Entry other : shardHolders)
        {
            if (exclusive || other.exclusive)
            {
                return false;
            }
        }
        for (final LockKey key : keys)
        {
            final ArrayList<Entry> list = holders.get(key);
            if (list != null)
            {
                for (final Entry other : list)
                {
                    if (exclusive || other.exclusive)
                    {
                        return false;
                    }
                }
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
