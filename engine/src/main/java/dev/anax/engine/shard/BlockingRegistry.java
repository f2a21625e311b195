package dev.anax.engine.shard;

import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyAddedListener;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.KeyHash;
import dev.anax.engine.keyspace.Keyspace;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.UnsafeApi;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;

/**
 * The clients blocked on keys of one shard, and the keys that became ready for them. Shard
 * thread only.
 * <pre>
 *   keys:   (db, key bytes) -> BlockedKey { waiters in the order they blocked (FIFO) }
 *   ready:  BlockedKeys added since the last serve, in the order they were added, each once
 * </pre>
 * A key becomes ready when it is added to its database (a {@link KeyAddedListener} set on a
 * database only while some client waits for one of its keys) or when SWAPDB brings a whole
 * database in. After each event the shard calls {@link #serve}: for every ready key that holds a
 * value of the type its waiters want, the waiters are taken in FIFO order while the key lasts;
 * a direct waiter is served (popped for, replied to), any other is woken. Serving a move pushes
 * onto its destination, which may make that key ready in turn (served in the same loop).
 */
public final class BlockingRegistry
{
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private final Shard shard;
    private final Database[] databases;
    private final Keyspace keyspace;
    private final ExecContext ctx = new ExecContext();
    private final HashMap<BlockedKey, BlockedKey> keys = new HashMap<>();
    private final Long2ObjectHashMap<Waiter> byConnection = new Long2ObjectHashMap<>();
    private final ArrayDeque<BlockedKey> ready = new ArrayDeque<>();
    private final ArrayDeque<BlockedKey> later = new ArrayDeque<>();
    private final int[] keysPerDb;
    private final KeyAddedListener[] listeners;
    private final BlockedKey probe = new BlockedKey(null);
    private Waiter[] snapshot = new Waiter[8];

    /**
     * @param shard     the owner.
     * @param databases its databases.
     */
    BlockingRegistry(final Shard shard, final Database[] databases)
    {
        this.shard = shard;
        this.databases = databases;
        this.keyspace = shard.keyspace();
        this.keysPerDb = new int[databases.length];
        this.listeners = new KeyAddedListener[databases.length];
        for (int i = 0; i < databases.length; i++)
        {
            final int db = i;
            listeners[i] = entry -> keyAdded(db, entry);
        }
        probe.bytes = new byte[64];
        ctx.shard = shard;
    }

    /** @return how many clients wait on this shard. */
    public int waiters()
    {
        return byConnection.size();
    }

    /** @return how many distinct keys clients wait for on this shard. */
    public int blockedKeys()
    {
        return keys.size();
    }

    /**
     * Register a client on its keys of this shard. The caller found them all empty in this same
     * event, so no key can become ready unnoticed in between.
     *
     * @param waiter     handed over by the client's I/O thread.
     * @param spec       the command.
     * @param kind       how to serve it.
     * @param direct     whether every key of the command (and its destination) is on this shard.
     * @param keyIndexes argument indexes of the keys to wait for (repeats are waited for once).
     * @param count      how many of keyIndexes are used.
     * @return false when the client's side has already given up the attempt (nothing registered).
     */
    public boolean register(
        final Waiter waiter,
        final dev.anax.engine.command.CommandSpec spec,
        final WaiterKind kind,
        final boolean direct,
        final int[] keyIndexes,
        final int count)
    {
        if (!waiter.token.isWaiting())
        {
            return false;
        }
        final Waiter old = byConnection.get(waiter.connectionId);
        if (old != null)
        {
            unregister(old);
        }
        waiter.spec = spec;
        waiter.kind = kind;
        waiter.direct = direct;
        waiter.keys = new BlockedKey[count];
        waiter.keyIndexes = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            final int index = keyIndexes[i];
            final BlockedKey key = findOrAdd(waiter.db, waiter.args.bytes(index));
            if (key.waiters.add(waiter))
            {
                waiter.keys[n] = key;
                waiter.keyIndexes[n] = index;
                n++;
            }
        }
        waiter.keyCount = n;
        waiter.registered = true;
        byConnection.put(waiter.connectionId, waiter);
        return true;
    }

    /**
     * Remove a client's registration of one attempt (timeout, CLIENT UNBLOCK, disconnect, or a
     * retry after another shard woke it). Does nothing if that attempt is no longer registered.
     *
     * @param connectionId the client.
     * @param token        the attempt.
     */
    public void withdraw(final long connectionId, final BlockToken token)
    {
        final Waiter waiter = byConnection.get(connectionId);
        if (waiter != null && waiter.token == token)
        {
            unregister(waiter);
        }
    }

    /**
     * Make every key clients wait for in a database ready (SWAPDB brought other keys in);
     * serving skips those that are missing or of another type.
     *
     * @param db the database index.
     */
    public void signalDatabase(final int db)
    {
        if (keysPerDb[db] == 0)
        {
            return;
        }
        for (final BlockedKey key : keys.values())
        {
            if (key.db == db)
            {
                markReady(key);
            }
        }
    }

    /** @return whether keys became ready since the last {@link #serve}. */
    public boolean hasReadyKeys()
    {
        return !ready.isEmpty();
    }

    /** Which keys may not be written now. */
    @FunctionalInterface
    interface KeyLocks
    {
        /**
         * @param db  the database.
         * @param key the key.
         * @return true while a transaction holds the key.
         */
        boolean locked(int db, byte[] key);
    }

    /**
     * Serve the clients waiting on every ready key, in the order the keys became ready, until
     * no key is ready (a move served may make its destination ready). A key that a transaction
     * holds (or the destination of the move to serve next) stays ready for a later call.
     *
     * @param nowMs the shard's clock.
     * @param locks the keys transactions hold, or null when none is running.
     * @return whether the keyspace may have changed (published stats need refreshing).
     */
    boolean serve(final long nowMs, final KeyLocks locks)
    {
        boolean changed = false;
        BlockedKey key;
        while ((key = ready.poll()) != null)
        {
            key.ready = false;
            if (key.waiters.isEmpty())
            {
                continue;
            }
            if (locks != null && locks.locked(key.db, key.bytes))
            {
                later.add(key);
                continue;
            }
            changed |= serveKey(key, nowMs, locks);
        }
        while ((key = later.poll()) != null)
        {
            markReady(key);
        }
        return changed;
    }

    private boolean serveKey(final BlockedKey key, final long nowMs, final KeyLocks locks)
    {
        byte type = typeOf(key, nowMs);
        if (type < 0)
        {
            return true;
        }
        final int n = key.waiters.size();
        if (snapshot.length < n)
        {
            snapshot = new Waiter[Math.max(n, snapshot.length * 2)];
        }
        final Waiter[] waiters = key.waiters.toArray(snapshot);
        boolean changed = false;
        try
        {
            for (int i = 0; i < n; i++)
            {
                final Waiter waiter = waiters[i];
                if (!waiter.registered || waiter.kind.type() != type)
                {
                    continue;
                }
                if (locks != null && waiter.direct)
                {
                    final int destination = waiter.kind.destination(waiter.args);
                    if (destination >= 0 && locks.locked(waiter.db, waiter.args.bytes(destination)))
                    {
                        // Its destination is held: this key waits, so that FIFO order holds.
                        later.add(key);
                        break;
                    }
                }
                final int keyIndex = keyIndexOf(waiter, key);
                unregister(waiter);
                if (!waiter.token.claim())
                {
                    continue;
                }
                if (!waiter.direct)
                {
                    ctx.out.clear().protocol(waiter.protocol);
                    shard.publish(waiter.ioThread, waiter.connectionId, waiter.seq, waiter.part, ctx.out,
                        Waiter.Reply.WOKEN);
                    continue;
                }
                serveOne(waiter, keyIndex, nowMs);
                changed = true;
                type = typeOf(key, nowMs);
                if (type < 0)
                {
                    break;
                }
            }
        }
        finally
        {
            Arrays.fill(waiters, 0, n, null);
        }
        return changed;
    }

    /** The type of the key's value now (expiring it if due), or -1 when it is missing. */
    private byte typeOf(final BlockedKey key, final long nowMs)
    {
        final KeyEntry entry = databases[key.db].get(key.bytes, nowMs);
        final byte type = entry == null ? -1 : entry.type();
        keyspace.endCommand();
        return type;
    }

    private void serveOne(final Waiter waiter, final int keyIndex, final long nowMs)
    {
        final ExecContext c = ctx;
        c.args.reset(waiter.args.buffer());
        for (int i = 0; i < waiter.args.count(); i++)
        {
            c.args.add(waiter.args.offset(i), waiter.args.length(i));
        }
        c.db = databases[waiter.db];
        c.dbIndex = waiter.db;
        c.nowMs = nowMs;
        c.spec = waiter.spec;
        c.subOp = 0;
        c.part = waiter.part;
        c.isPart = true;
        c.connectionId = waiter.connectionId;
        c.attachment = null;
        c.replyAttachment = null;
        c.keysChanged = false;
        c.out.clear().protocol(waiter.protocol);
        try
        {
            waiter.kind.serve(c, keyIndex);
        }
        catch (final Throwable t)
        {
            c.out.clear();
            c.out.error("ERR internal error in '" + waiter.spec.fullName() + "': " + t);
            shard.stats().increment(ThreadStats.INTERNAL_ERRORS);
        }
        keyspace.endCommand();
        shard.publish(waiter.ioThread, waiter.connectionId, waiter.seq, waiter.part, c.out, Waiter.Reply.SERVED);
    }

    private static int keyIndexOf(final Waiter waiter, final BlockedKey key)
    {
        for (int i = 0; i < waiter.keyCount; i++)
        {
            if (waiter.keys[i] == key)
            {
                return waiter.keyIndexes[i];
            }
        }
        throw new IllegalStateException("waiter not registered on its key");
    }

    private void unregister(final Waiter waiter)
    {
        if (!waiter.registered)
        {
            return;
        }
        waiter.registered = false;
        byConnection.remove(waiter.connectionId, waiter);
        for (int i = 0; i < waiter.keyCount; i++)
        {
            final BlockedKey key = waiter.keys[i];
            key.waiters.remove(waiter);
            if (key.waiters.isEmpty())
            {
                keys.remove(key);
                if (--keysPerDb[key.db] == 0)
                {
                    databases[key.db].keyAddedListener(null);
                }
            }
        }
    }

    private BlockedKey findOrAdd(final int db, final byte[] bytes)
    {
        probe.db = db;
        probe.bytes = bytes;
        probe.length = bytes.length;
        probe.hash = hash(bytes, bytes.length);
        BlockedKey key = keys.get(probe);
        if (key == null)
        {
            key = new BlockedKey(new LinkedHashSet<>());
            key.db = db;
            key.bytes = bytes;
            key.length = bytes.length;
            key.hash = probe.hash;
            keys.put(key, key);
            if (keysPerDb[db]++ == 0)
            {
                databases[db].keyAddedListener(listeners[db]);
            }
        }
        probe.bytes = null;
        return key;
    }

    private void keyAdded(final int db, final KeyEntry entry)
    {
        final int length = entry.keyLength();
        byte[] scratch = probe.scratch;
        if (scratch == null || scratch.length < length)
        {
            scratch = new byte[Math.max(length, 64)];
            probe.scratch = scratch;
        }
        entry.keyBuffer().getBytes(entry.keyOffset(), scratch, 0, length);
        probe.db = db;
        probe.bytes = scratch;
        probe.length = length;
        probe.hash = hash(scratch, length);
        final BlockedKey key = keys.get(probe);
        probe.bytes = null;
        if (key != null)
        {
            markReady(key);
        }
    }

    private void markReady(final BlockedKey key)
    {
        if (!key.ready)
        {
            key.ready = true;
            ready.add(key);
        }
    }

    private static int hash(final byte[] bytes, final int length)
    {
        return (int)KeyHash.hash(bytes, ARRAY_BASE, length);
    }

    /**
     * A key clients wait for: database index and bytes, and its waiters in FIFO order. The
     * registry's lookup probe is one too (its bytes a scratch array used up to {@code length}).
     */
    static final class BlockedKey
    {
        final LinkedHashSet<Waiter> waiters;
        int db;
        byte[] bytes;
        int length;
        int hash;
        boolean ready;
        byte[] scratch;

        BlockedKey(final LinkedHashSet<Waiter> waiters)
        {
            this.waiters = waiters;
        }

        @Override
        public int hashCode()
        {
            return hash;
        }

        @Override
        public boolean equals(final Object o)
        {
            if (!(o instanceof BlockedKey other))
            {
                return false;
            }
            return db == other.db && length == other.length && hash == other.hash &&
                Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
        }
    }
}
