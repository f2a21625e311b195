package dev.anax.engine.shard;

import dev.anax.engine.keyspace.Database;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The keys WATCHed on one shard and by whom. Shard thread only.
 * <p>
 * A watch turns dirty when a write command names its key (Redis touches a watched key when a
 * command modifies it; Anax counts any write command that names the key and did not fail),
 * when FLUSHDB/FLUSHALL/SWAPDB change what the key holds, and, checked at EXEC, when a key that
 * was live at WATCH has expired or gone since. A key that had already expired when it was
 * watched ("stale") does not turn the watch dirty by being deleted, as in Redis.
 */
final class Watches
{
    /** One client's watch of one key. */
    static final class Watch
    {
        final long connectionId;
        final TxQueue.LockKey key;
        boolean dirty;
        boolean liveAtWatch;
        boolean staleAtWatch;

        Watch(final long connectionId, final TxQueue.LockKey key)
        {
            this.connectionId = connectionId;
            this.key = key;
        }
    }

    private final HashMap<TxQueue.LockKey, ArrayList<Watch>> byKey = new HashMap<>();
    private final Long2ObjectHashMap<ArrayList<Watch>> byConnection = new Long2ObjectHashMap<>();

    boolean isEmpty()
    {
        return byKey.isEmpty();
    }

    /** @return how many keys are watched here, by anyone. */
    int keyCount()
    {
        return byKey.size();
    }

    /**
     * Watch a key (again: no change).
     *
     * @param connectionId the client.
     * @param key          the key.
     * @param presence     {@link Database#presence} of the key now.
     */
    void watch(final long connectionId, final TxQueue.LockKey key, final int presence)
    {
        ArrayList<Watch> mine = byConnection.get(connectionId);
        if (mine == null)
        {
            mine = new ArrayList<>(4);
            byConnection.put(connectionId, mine);
        }
        for (final Watch watch : mine)
        {
            if (watch.key.equals(key))
            {
                return;
            }
        }
        final Watch watch = new Watch(connectionId, key);
        watch.liveAtWatch = presence == Database.LIVE;
        watch.staleAtWatch = presence == Database.STALE;
        mine.add(watch);
        byKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(watch);
    }

    /**
     * Forget a client's watches here.
     *
     * @param connectionId the client.
     */
    void unwatch(final long connectionId)
    {
        final ArrayList<Watch> mine = byConnection.remove(connectionId);
        if (mine == null)
        {
            return;
        }
        for (final Watch watch : mine)
        {
            final ArrayList<Watch> list = byKey.get(watch.key);
            if (list != null)
            {
                list.remove(watch);
                if (list.isEmpty())
                {
                    byKey.remove(watch.key);
                }
            }
        }
    }

    /**
     * A write command named this key.
     *
     * @param key      the key.
     * @param database where it lives.
     * @param nowMs    the shard clock.
     */
    void touch(final TxQueue.LockKey key, final Database database, final long nowMs)
    {
        final ArrayList<Watch> list = byKey.get(key);
        if (list == null)
        {
            return;
        }
        final int presence = database.presence(key.key, nowMs);
        for (final Watch watch : list)
        {
            if (watch.staleAtWatch && presence == Database.ABSENT)
            {
                // The expired key was deleted: logically nothing changed.
                watch.staleAtWatch = false;
                continue;
            }
            watch.dirty = true;
        }
    }

    /**
     * Before a database is emptied (FLUSHDB, FLUSHALL) or swapped with another (SWAPDB): touch
     * the watched keys whose content this changes.
     *
     * @param dbIndex      the database emptied.
     * @param emptied      its slice in this shard.
     * @param replacedWith the database whose content replaces it, or null.
     * @param nowMs        the shard clock.
     */
    void beforeReplace(final int dbIndex, final Database emptied, final Database replacedWith, final long nowMs)
    {
        for (final Map.Entry<TxQueue.LockKey, ArrayList<Watch>> e : byKey.entrySet())
        {
            final TxQueue.LockKey key = e.getKey();
            if (key.db != dbIndex)
            {
                continue;
            }
            final boolean inEmptied = emptied.presence(key.key, nowMs) != Database.ABSENT;
            final int replacement = replacedWith == null ? Database.ABSENT : replacedWith.presence(key.key, nowMs);
            if (!inEmptied && replacement == Database.ABSENT)
            {
                continue;
            }
            for (final Watch watch : e.getValue())
            {
                if (watch.staleAtWatch)
                {
                    if (replacement == Database.ABSENT)
                    {
                        watch.staleAtWatch = false;
                        continue;
                    }
                    if (replacement == Database.STALE)
                    {
                        continue;
                    }
                }
                else if (!inEmptied && replacement == Database.STALE)
                {
                    // Nothing was there and an expired key comes: still nothing, logically.
                    watch.staleAtWatch = true;
                    continue;
                }
                watch.dirty = true;
            }
        }
    }

    /**
     * EXEC's check: whether any of the client's watches here is dirty, or its key was live
     * when watched and is not now.
     *
     * @param connectionId the client.
     * @param databases    this shard's databases by index.
     * @param nowMs        the shard clock.
     * @return true if the transaction must not run.
     */
    boolean isDirty(final long connectionId, final Shard databases, final long nowMs)
    {
        final ArrayList<Watch> mine = byConnection.get(connectionId);
        if (mine == null)
        {
            return false;
        }
        for (final Watch watch : mine)
        {
            if (watch.dirty)
            {
                return true;
            }
            if (watch.liveAtWatch &&
                databases.database(watch.key.db).presence(watch.key.key, nowMs) != Database.LIVE)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a write command's reply says it changed nothing, so it touches no watched key
     * (Redis touches only on a change). Covers the commands whose reply tells: a count of 0
     * removed or added, a refused conditional write, nothing popped.
     *
     * @param command the command's full name.
     * @param reply   its reply.
     * @param length  of the reply.
     * @return true when the command was a no-op.
     */
    static boolean isNoOp(final String command, final org.agrona.DirectBuffer reply, final int length)
    {
        if (length < 3)
        {
            return false;
        }
        final byte type = reply.getByte(0);
        final boolean zero = type == ':' && length == 4 && reply.getByte(1) == '0';
        final boolean none = (type == '$' || type == '*') && reply.getByte(1) == '-' ||
            type == '_' || (type == '*' && length == 4 && reply.getByte(1) == '0');
        switch (command)
        {
            case "del":
            case "unlink":
            case "hdel":
            case "srem":
            case "zrem":
            case "lrem":
            case "expire":
            case "pexpire":
            case "expireat":
            case "pexpireat":
            case "persist":
            case "setnx":
            case "hsetnx":
            case "renamenx":
            case "msetnx":
            case "smove":
            case "lpushx":
            case "rpushx":
            case "sadd":
            case "zremrangebyscore":
            case "zremrangebyrank":
            case "zremrangebylex":
            case "move":
            case "copy":
            case "setrange":
                return zero;
            case "linsert":
                return zero || (type == ':' && reply.getByte(1) == '-');
            case "set":
            case "getdel":
            case "getex":
            case "lpop":
            case "rpop":
            case "spop":
            case "lmove":
            case "rpoplpush":
            case "lmpop":
            case "zmpop":
            case "zpopmin":
            case "zpopmax":
                return none;
            default:
                return false;
        }
    }

    /**
     * @param command a command's full name.
     * @return whether it stores a computed result (an empty result deletes the destination), or
     *         like LTRIM changes nothing when its key is missing: with nothing there before and
     *         a reply of :0 or +OK, it touched nothing.
     */
    static boolean isStore(final String command)
    {
        switch (command)
        {
            case "sinterstore":
            case "sunionstore":
            case "sdiffstore":
            case "zunionstore":
            case "zinterstore":
            case "zdiffstore":
            case "zrangestore":
            case "sort":
            case "ltrim":
                return true;
            default:
                return false;
        }
    }

    /**
     * @param key a key.
     * @return whether anyone watches it here.
     */
    boolean isWatched(final TxQueue.LockKey key)
    {
        return byKey.containsKey(key);
    }

    /** @return an iterator over every watched key (tests). */
    Iterator<TxQueue.LockKey> keys()
    {
        return byKey.keySet().iterator();
    }
}
