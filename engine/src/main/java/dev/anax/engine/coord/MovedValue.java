package dev.anax.engine.coord;

import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;

/**
 * A value in transit between two shards (cross-shard RENAME and COPY): everything a key carries
 * except its name. It travels as the attachment of ring events; whoever holds it owns it, and the
 * sender never touches it after handing it over.
 */
public final class MovedValue
{
    /** The value's type. */
    public byte type;
    /** The value's encoding. */
    public byte encoding;
    /** The value itself; owned by this object while in transit. */
    public Object value;
    /** Absolute expiry in unix ms, or {@link KeyEntry#NO_EXPIRY}. */
    public long expireAtMs;
    /** Last access, for OBJECT IDLETIME; 0 to start afresh at the destination. */
    public long lastAccessMs;
    /** The frequency counter, for OBJECT FREQ. */
    public int accessCount;
    /** Database index where the value is to be installed. */
    public int targetDb;

    /**
     * Install this value under a key that is not present in a database.
     *
     * @param db     the destination database.
     * @param key    the key, owned by the database from now on.
     * @param nowMs  the destination shard's clock, for a fresh access time.
     * @return the new entry.
     */
    public KeyEntry installInto(final Database db, final byte[] key, final long nowMs)
    {
        final KeyEntry entry = db.insert(key);
        entry.set(type, encoding, value);
        if (lastAccessMs == 0)
        {
            entry.touch(nowMs);
        }
        else
        {
            entry.restoreAccess(lastAccessMs, accessCount);
        }
        if (expireAtMs != KeyEntry.NO_EXPIRY)
        {
            db.setExpiry(entry, expireAtMs);
        }
        value = null;
        return entry;
    }
}
