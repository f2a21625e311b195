package dev.anax.engine.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One key of a {@link Database}: the key bytes, its value, its expiry and access metadata.
 * Owned by one shard thread.
 */
public final class KeyEntry
{
    /** No expiry. */
    public static final long NO_EXPIRY = 0;

    /** The frequency counter of a new key (Redis's LFU_INIT_VAL). */
    static final int LFU_INIT = 5;
    /** Redis's default lfu-log-factor. */
    private static final int LFU_LOG_FACTOR = 10;
    /** Redis's default lfu-decay-time, in minutes. */
    private static final int LFU_DECAY_MINUTES = 1;

    final byte[] key;
    final int hash;
    KeyEntry next;
    int expiryIndex = -1;

    byte type;
    byte encoding;
    Object value;
    long expireAtMs = NO_EXPIRY;
    long lastAccessMs;
    int accessCount;

    KeyEntry(final byte[] key, final int hash)
    {
        this.key = key;
        this.hash = hash;
    }

    public byte[] key()
    {
        return key;
    }

    public int hash()
    {
        return hash;
    }

    public byte type()
    {
        return type;
    }

    public byte encoding()
    {
        return encoding;
    }

    public Object value()
    {
        return value;
    }

    /**
     * For strings, the value bytes.
     *
     * @return the bytes of a string value.
     */
    public byte[] bytes()
    {
        return (byte[])value;
    }

    /**
     * Replace the value; the expiry is kept.
     *
     * @param type     new type.
     * @param encoding new encoding.
     * @param value    new value.
     */
    public void set(final byte type, final byte encoding, final Object value)
    {
        this.type = type;
        this.encoding = encoding;
        this.value = value;
    }

    public long expireAtMs()
    {
        return expireAtMs;
    }

    public boolean hasExpiry()
    {
        return expireAtMs != NO_EXPIRY;
    }

    /** @return unix ms of the last access (OBJECT IDLETIME), 0 if never accessed. */
    public long lastAccessMs()
    {
        return lastAccessMs;
    }

    /**
     * The logarithmic access counter as last stored, without decay (Redis's LFU counter: 5 for a
     * new key, at most 255).
     *
     * @return the stored counter.
     */
    public int accessCount()
    {
        return accessCount;
    }

    /**
     * The access frequency OBJECT FREQ reports: the stored counter decayed by one for every
     * minute since the last access.
     *
     * @param nowMs the shard clock.
     * @return the counter, 0 to 255.
     */
    public int frequency(final long nowMs)
    {
        final long periods = (nowMs / 60_000L - lastAccessMs / 60_000L) / LFU_DECAY_MINUTES;
        return periods <= 0 ? accessCount : (periods >= accessCount ? 0 : accessCount - (int)periods);
    }

    /**
     * Whole seconds since the last access, as OBJECT IDLETIME counts them (on a clock of
     * one-second resolution).
     *
     * @param nowMs the shard clock.
     * @return idle seconds, never negative; 0 for an entry never accessed.
     */
    public long idleSeconds(final long nowMs)
    {
        return lastAccessMs == 0 ? 0 : Math.max(0, nowMs / 1000 - lastAccessMs / 1000);
    }

    /**
     * Record an access (OBJECT IDLETIME, FREQ). The first access of a new entry starts its
     * frequency counter at Redis's initial value; later ones decay it by the time elapsed and
     * then increment it with a probability that falls as it grows, as Redis's LFU does.
     *
     * @param nowMs the shard clock.
     */
    public void touch(final long nowMs)
    {
        if (lastAccessMs == 0)
        {
            accessCount = LFU_INIT;
        }
        else
        {
            int counter = frequency(nowMs);
            if (counter < 255)
            {
                final int base = Math.max(0, counter - LFU_INIT);
                if (base == 0 || ThreadLocalRandom.current().nextDouble() * (base * LFU_LOG_FACTOR + 1) < 1.0)
                {
                    counter++;
                }
            }
            accessCount = counter;
        }
        lastAccessMs = nowMs;
    }

    /**
     * Carry access metadata over from another entry (RENAME and MOVE keep the value and with it
     * its idle time and frequency).
     *
     * @param other the entry the value comes from.
     */
    public void copyAccess(final KeyEntry other)
    {
        restoreAccess(other.lastAccessMs, other.accessCount);
    }

    /**
     * Set access metadata saved from another entry (a value that moved between shards).
     *
     * @param lastAccessMs unix ms of the last access.
     * @param accessCount  the stored frequency counter.
     */
    public void restoreAccess(final long lastAccessMs, final int accessCount)
    {
        this.lastAccessMs = lastAccessMs;
        this.accessCount = accessCount;
    }
}
