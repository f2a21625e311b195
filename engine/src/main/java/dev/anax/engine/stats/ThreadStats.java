package dev.anax.engine.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters written by exactly one thread (a shard or an I/O agent) and read by any: the owner
 * updates with ordered stores ({@code lazySet}), readers (INFO) take a racy but never torn
 * snapshot. No lock and no CAS on the owner's path.
 * <pre>
 *   index                          counter
 *   0 .. FIXED-1                   the named counters below
 *   FIXED + 2*db, FIXED + 2*db + 1 keys and keys-with-expiry of database db (shards only)
 *   cmdBase + 3*id + {0,1,2}       calls, microseconds, failed calls of command id
 * </pre>
 */
public final class ThreadStats
{
    public static final int COMMANDS = 0;
    public static final int EXPIRED_KEYS = 1;
    public static final int KEYSPACE_HITS = 2;
    public static final int KEYSPACE_MISSES = 3;
    public static final int REJECTED_CALLS = 4;
    public static final int NET_INPUT_BYTES = 5;
    public static final int NET_OUTPUT_BYTES = 6;
    public static final int ERROR_REPLIES = 7;
    public static final int EXPIRE_CYCLE_CPU_MS = 8;
    public static final int INTERNAL_ERRORS = 9;
    public static final int CONNECTIONS_RECEIVED = 10;
    public static final int REJECTED_CONNECTIONS = 11;
    private static final int FIXED = 12;

    private final AtomicLongArray values;
    private final int databases;
    private final int cmdBase;

    /**
     * @param databases number of logical databases.
     * @param commands  number of commands in the table.
     */
    public ThreadStats(final int databases, final int commands)
    {
        this.databases = databases;
        this.cmdBase = FIXED + 2 * databases;
        this.values = new AtomicLongArray(cmdBase + 3 * commands);
    }

    /**
     * Owner only: add to a counter.
     *
     * @param index counter.
     * @param delta amount.
     */
    public void add(final int index, final long delta)
    {
        values.lazySet(index, values.get(index) + delta);
    }

    public void increment(final int index)
    {
        add(index, 1);
    }

    /**
     * Owner only: publish the size of one database.
     *
     * @param db      index.
     * @param keys    number of keys.
     * @param expires number of keys with an expiry.
     */
    public void keyspace(final int db, final long keys, final long expires)
    {
        values.lazySet(FIXED + 2 * db, keys);
        values.lazySet(FIXED + 2 * db + 1, expires);
    }

    /**
     * Owner only: count one call of a command.
     *
     * @param commandId id in the table.
     * @param micros    time it took.
     * @param failed    whether it replied with an error.
     */
    public void command(final int commandId, final long micros, final boolean failed)
    {
        final int base = cmdBase + 3 * commandId;
        add(base, 1);
        add(base + 1, micros);
        if (failed)
        {
            add(base + 2, 1);
        }
    }

    /**
     * Owner only: count a call rejected before it ran (arity, auth...).
     *
     * @param commandId id in the table, or -1 when unknown.
     */
    public void rejected(final int commandId)
    {
        add(REJECTED_CALLS, 1);
    }

    public long get(final int index)
    {
        return values.get(index);
    }

    public long keys(final int db)
    {
        return values.get(FIXED + 2 * db);
    }

    public long expires(final int db)
    {
        return values.get(FIXED + 2 * db + 1);
    }

    public long calls(final int commandId)
    {
        return values.get(cmdBase + 3 * commandId);
    }

    public long micros(final int commandId)
    {
        return values.get(cmdBase + 3 * commandId + 1);
    }

    public long failed(final int commandId)
    {
        return values.get(cmdBase + 3 * commandId + 2);
    }

    public int databases()
    {
        return databases;
    }

    /**
     * Owner only (or while the owner is quiescent): zero the counters CONFIG RESETSTAT resets.
     */
    public void reset()
    {
        for (int i = 0; i < values.length(); i++)
        {
            if (i >= FIXED && i < cmdBase)
            {
                continue;
            }
            values.lazySet(i, 0);
        }
    }
}
