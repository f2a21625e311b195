package dev.anax.engine.shard;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.DirectBuffer;

/**
 * Everything a shard handler needs for one command, reused for every event of one shard.
 * Handlers read {@link #args}, use {@link #db} and write the reply into {@link #out}.
 */
public final class ExecContext
{
    /** The arguments; argument 0 is the command name. */
    public final CommandArgs args = new CommandArgs();
    /** Where the reply goes; its protocol is the client's. */
    public final RespWriter out = new RespWriter();
    /** Scratch for integer parsing. */
    public final long[] number = new long[1];

    Shard shard;
    Database db;
    int dbIndex;
    long nowMs;
    CommandSpec spec;
    int subOp;
    int part;
    boolean isPart;
    long connectionId;
    Object attachment;
    Object replyAttachment;
    boolean keysChanged;
    boolean multi;

    public Shard shard()
    {
        return shard;
    }

    /** @return the client's selected database in this shard. */
    public Database db()
    {
        return db;
    }

    public int dbIndex()
    {
        return dbIndex;
    }

    /**
     * Another database of this shard (MOVE, SWAPDB, COPY ... DB).
     *
     * @param index database index, already validated.
     * @return the database.
     */
    public Database db(final int index)
    {
        return shard.database(index);
    }

    /** @return the shard clock, unix ms, read once per cycle. */
    public long nowMs()
    {
        return nowMs;
    }

    public CommandSpec spec()
    {
        return spec;
    }

    /** @return coordinator sub-operation (0 unless this is a part with a special role). */
    public int subOp()
    {
        return subOp;
    }

    /** @return true when the command runs inside MULTI/EXEC (a blocking command must not block). */
    public boolean inMulti()
    {
        return multi;
    }

    /** @return true when this is one part of a command spread over shards. */
    public boolean isPart()
    {
        return isPart;
    }

    public int part()
    {
        return part;
    }

    public long connectionId()
    {
        return connectionId;
    }

    /** @return the object the coordinator handed over with this event, or null. */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * Hand an object back to the coordinator with the reply (a value moving between shards).
     *
     * @param value object whose ownership passes to the coordinator.
     */
    public void replyAttachment(final Object value)
    {
        replyAttachment = value;
    }

    /**
     * Look up a key given as argument {@code index}, deleting it if expired, counting hits and
     * misses.
     *
     * @param index argument index of the key.
     * @return the live entry or null.
     */
    public KeyEntry lookup(final int index)
    {
        final KeyEntry entry = db.get(args.buffer(), args.offset(index), args.length(index), nowMs);
        return entry;
    }

    /**
     * Look up a key for reading: as {@link #lookup} and counts a keyspace hit or miss.
     *
     * @param index argument index of the key.
     * @return the live entry or null.
     */
    public KeyEntry lookupRead(final int index)
    {
        final KeyEntry entry = lookup(index);
        final ThreadStats stats = shard.stats();
        stats.increment(entry == null ? ThreadStats.KEYSPACE_MISSES : ThreadStats.KEYSPACE_HITS);
        if (entry != null)
        {
            entry.touch(nowMs);
        }
        return entry;
    }

    /**
     * Insert a key given as argument {@code index} that {@link #lookup} did not find.
     *
     * @param index argument index of the key.
     * @return the new entry, with no value yet.
     */
    public KeyEntry insert(final int index)
    {
        keysChanged = true;
        final KeyEntry entry = db.insert(args.buffer(), args.offset(index), args.length(index));
        entry.touch(nowMs);
        return entry;
    }

    /**
     * Insert a key given as argument {@code index} that {@link #lookup} did not find, with room
     * for a string value of a known length, so that storing that value does not move the entry.
     *
     * @param index       argument index of the key.
     * @param valueLength bytes of the string value about to be stored (8 for an integer).
     * @return the new entry, holding a string of that length whose bytes are to be set.
     */
    public KeyEntry insert(final int index, final int valueLength)
    {
        keysChanged = true;
        final KeyEntry entry = db.insert(args.buffer(), args.offset(index), args.length(index), valueLength);
        entry.touch(nowMs);
        return entry;
    }

    /**
     * Delete a key.
     *
     * @param entry present in the current database.
     */
    public void delete(final KeyEntry entry)
    {
        keysChanged = true;
        db.remove(entry);
    }

    /**
     * Record that the keyspace changed size or expiry set (for published stats).
     */
    public void keysChanged()
    {
        keysChanged = true;
    }

    /**
     * Parse argument {@code index} as a Redis integer into {@link #number}.
     *
     * @param index argument index.
     * @return true on success.
     */
    public boolean parseLong(final int index)
    {
        return args.parseLong(index, number);
    }

    /**
     * A view of one argument, valid until the next call.
     *
     * @param index argument index.
     * @return the bytes.
     */
    public DirectBuffer arg(final int index)
    {
        return args.view(index);
    }
}
