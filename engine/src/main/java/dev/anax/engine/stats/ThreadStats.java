package dev.anax.engine.stats;

import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters written by exactly one thread (a shard or an I/O agent) and read by any: the owner
 * updates with ordered stores ({@code lazySet}), readers (INFO) take a racy but never torn
 * snapshot. No lock and no CAS on the owner's path.
 * <pre>
 *   index                          counter
 *   0 .. FIXED-1                   the named counters below
 *   FIXED + 3*db + {0,1,2}         keys, keys-with-expiry and table bytes of database db (shards only)
 *   errBase + code                 error replies by error code (see {@link ErrorCodes})
 *   cmdBase + 4*id + {0,1,2,3}     calls, microseconds, failed and rejected calls of command id
 * </pre>
 * CONFIG RESETSTAT never writes the owner's counters: it records a baseline (a second array the
 * owner never touches) and every reader sees {@code counter - baseline}. Database sizes and the
 * keyspace memory gauges ({@code KEYSPACE_*}, read with {@link #gauge}) are not statistics and
 * are never reset.
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
    public static final int EVICTED_KEYS = 12;
    /** Gauge: off-heap bytes the shard's keyspace holds (record pages and table segments). */
    public static final int KEYSPACE_OFFHEAP = 13;
    /** Gauge: bytes of the record blocks in use. */
    public static final int KEYSPACE_RECORDS = 14;
    /** Gauge: bytes of the hash table segments. */
    public static final int KEYSPACE_TABLE = 15;
    /** Gauge: values kept as heap objects (collections). */
    public static final int KEYSPACE_OBJECTS = 16;
    /** Transactions queued on a shard (each shard of a multi-shard transaction counts). */
    public static final int TX_SCHEDULED = 17;
    /** Schedules a shard refused (out of id order); the coordinator retried them. */
    public static final int TX_REFUSED = 18;
    /** Commands that waited on a shard for a transaction's lock. */
    public static final int TX_DEFERRED = 19;
    /** Squashed groups an I/O thread published (groups of one travel as lone events, not counted). */
    public static final int SQUASH_GROUPS = 20;
    /** Commands an I/O thread published inside squashed groups. */
    public static final int SQUASH_COMMANDS = 21;
    private static final int FIXED = 22;
    private static final int PER_DB = 3;

    private final AtomicLongArray values;
    private final AtomicLongArray baseline;
    private final int databases;
    private final int errBase;
    private final int cmdBase;

    /**
     * @param databases number of logical databases.
     * @param commands  number of commands in the table.
     */
    public ThreadStats(final int databases, final int commands)
    {
        this.databases = databases;
        this.errBase = FIXED + PER_DB * databases;
        this.cmdBase = errBase + ErrorCodes.count();
        this.values = new AtomicLongArray(cmdBase + 4 * commands);
        this.baseline = new AtomicLongArray(values.length());
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

    /**
     * Owner only: add one to a counter.
     *
     * @param index counter.
     */
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
        values.lazySet(FIXED + PER_DB * db, keys);
        values.lazySet(FIXED + PER_DB * db + 1, expires);
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
        final int base = cmdBase + 4 * commandId;
        add(base, 1);
        add(base + 1, micros);
        if (failed)
        {
            add(base + 2, 1);
        }
    }

    /**
     * Owner only: add the time a shard spent on (a part of) a command whose call the coordinator
     * already counted.
     *
     * @param commandId id in the table.
     * @param micros    time it took.
     * @param failed    whether the client will see this error (false for a part's error).
     */
    public void commandTime(final int commandId, final long micros, final boolean failed)
    {
        final int base = cmdBase + 4 * commandId;
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
        if (commandId >= 0)
        {
            add(cmdBase + 4 * commandId + 3, 1);
        }
    }

    /**
     * Owner only: count an error reply sent to a client, by its code (the first word).
     *
     * @param reply  holding the reply, which starts with '-'.
     * @param offset of the '-'.
     * @param length of the reply.
     */
    public void errorReply(final DirectBuffer reply, final int offset, final int length)
    {
        add(ERROR_REPLIES, 1);
        add(errBase + ErrorCodes.classify(reply, offset + 1, length - 1), 1);
    }

    /**
     * @param index counter.
     * @return its value since the last CONFIG RESETSTAT.
     */
    public long get(final int index)
    {
        return values.get(index) - baseline.get(index);
    }

    /**
     * Owner only: publish a gauge.
     *
     * @param index one of the {@code KEYSPACE_} gauges.
     * @param value its current value.
     */
    public void gauge(final int index, final long value)
    {
        values.lazySet(index, value);
    }

    /**
     * @param index one of the {@code KEYSPACE_} gauges.
     * @return its last published value (never reset).
     */
    public long gauge(final int index)
    {
        return values.get(index);
    }

    public long keys(final int db)
    {
        return values.get(FIXED + PER_DB * db);
    }

    public long expires(final int db)
    {
        return values.get(FIXED + PER_DB * db + 1);
    }

    /**
     * Owner only: publish the bytes of one database's hash table.
     *
     * @param db    index.
     * @param bytes of its segments.
     */
    public void tableBytes(final int db, final long bytes)
    {
        values.lazySet(FIXED + PER_DB * db + 2, bytes);
    }

    /**
     * @param db index.
     * @return the bytes of that database's hash table.
     */
    public long tableBytes(final int db)
    {
        return values.get(FIXED + PER_DB * db + 2);
    }

    public long calls(final int commandId)
    {
        return get(cmdBase + 4 * commandId);
    }

    public long micros(final int commandId)
    {
        return get(cmdBase + 4 * commandId + 1);
    }

    public long failed(final int commandId)
    {
        return get(cmdBase + 4 * commandId + 2);
    }

    /**
     * @param commandId id in the table.
     * @return calls of the command refused before it ran.
     */
    public long rejectedCalls(final int commandId)
    {
        return get(cmdBase + 4 * commandId + 3);
    }

    /**
     * @param code index in {@link ErrorCodes}.
     * @return error replies with that code.
     */
    public long errors(final int code)
    {
        return get(errBase + code);
    }

    public int databases()
    {
        return databases;
    }

    /**
     * Any thread (CONFIG RESETSTAT): make every statistic read as zero from now on, without
     * writing the owner's counters. Database sizes are left alone.
     */
    public void resetBaseline()
    {
        for (int i = 0; i < values.length(); i++)
        {
            if (i >= FIXED && i < errBase)
            {
                continue;
            }
            baseline.set(i, values.get(i));
        }
    }
}
