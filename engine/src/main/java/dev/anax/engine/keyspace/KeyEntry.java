package dev.anax.engine.keyspace;

/**
 * One key of a {@link Database}: the key bytes, its value, its expiry and access metadata.
 * Owned by one shard thread.
 */
public final class KeyEntry
{
    /** No expiry. */
    public static final long NO_EXPIRY = 0;

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

    public long lastAccessMs()
    {
        return lastAccessMs;
    }

    public int accessCount()
    {
        return accessCount;
    }

    /**
     * Record an access (OBJECT IDLETIME, FREQ).
     *
     * @param nowMs the shard clock.
     */
    public void touch(final long nowMs)
    {
        lastAccessMs = nowMs;
        if (accessCount < 255)
        {
            accessCount++;
        }
    }
}
