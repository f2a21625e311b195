package dev.anax.engine.keyspace;

import dev.anax.codecs.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One key of a {@link Database}, seen through a handle: the key lives in a compact off-heap
 * {@link Record} (key, small value, expiry, access metadata in one block), and this object reads
 * and writes it.
 * <p>
 * A handle is valid until the end of the command that obtained it (see {@link Keyspace}); within
 * that command, every lookup of the same key returns the same handle, and the handle stays
 * readable after the key was deleted. String values are read without copying through
 * {@link #valueBuffer()}, {@link #valueOffset()} and {@link #valueLength()} (or
 * {@link #longValue()} for encoding INT); {@link #bytes()} returns a copy. Values of every other
 * type are heap objects, returned as stored by {@link #value()}.
 * <p>
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
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);
    /** The table-slot share of one key: a bucket of 64 bytes and its version hold 12. */
    private static final int SLOT_BYTES =
        (DashTable.BUCKET_BYTES + DashTable.VERSION_BYTES + DashTable.SLOTS - 1) / DashTable.SLOTS;

    final Keyspace keyspace;
    Database db;
    int ref;
    long address;
    DashTable.Segment segment;
    int slot;
    int epoch;
    boolean detached;
    private final boolean pooled;
    private UnsafeBuffer scratch;
    private byte[] digits;

    KeyEntry(final Keyspace keyspace)
    {
        this(keyspace, true);
    }

    KeyEntry(final Keyspace keyspace, final boolean pooled)
    {
        this.keyspace = keyspace;
        this.pooled = pooled;
    }

    void bind(
        final Database db, final int ref, final long address, final DashTable.Segment segment, final int slot, final int epoch)
    {
        this.db = db;
        this.ref = ref;
        this.address = address;
        this.segment = segment;
        this.slot = slot;
        this.epoch = epoch;
        this.detached = false;
    }

    void position(final DashTable.Segment segment, final int slot, final int epoch)
    {
        this.segment = segment;
        this.slot = slot;
        this.epoch = epoch;
    }

    void unbind()
    {
        db = null;
        ref = 0;
        address = 0;
        segment = null;
        detached = false;
    }

    /** Point the handle at another record of the same key (the record was rewritten). */
    void rebind(final int newRef, final long newAddress)
    {
        final int oldRef = ref;
        ref = newRef;
        address = newAddress;
        if (pooled)
        {
            keyspace.moved(this, oldRef);
        }
    }

    boolean pooled()
    {
        return pooled;
    }

    /** @return a copy of the key. */
    public byte[] key()
    {
        final int length = Record.keyLength(address);
        final byte[] key = new byte[length];
        UnsafeApi.copyMemory(null, address + Record.keyOffset(address), key, ARRAY_BASE, length);
        return key;
    }

    /** @return a buffer holding the key at {@link #keyOffset()}, valid until the entry changes. */
    public DirectBuffer keyBuffer()
    {
        return keyspace.slab.pageView(ref);
    }

    /** @return where the key starts in {@link #keyBuffer()}. */
    public int keyOffset()
    {
        return Slab.offsetInPage(ref) + Record.keyOffset(address);
    }

    /** @return the key's length. */
    public int keyLength()
    {
        return Record.keyLength(address);
    }

    /** @return a hash of the key (stable within the process). */
    public int hash()
    {
        return (int)Record.hash(address);
    }

    public byte type()
    {
        return Record.type(address);
    }

    public byte encoding()
    {
        return Record.encoding(address);
    }

    /**
     * The value: the stored object for every type but strings; a string is returned as a new
     * array (prefer {@link #valueBuffer()}).
     *
     * @return the value.
     */
    public Object value()
    {
        if (Record.isObject(address))
        {
            return keyspace.object(objectIndex());
        }
        return bytes();
    }

    private int objectIndex()
    {
        return UnsafeApi.getInt(address + Record.valueOffset(address));
    }

    /**
     * For strings, a copy of the value's bytes (an INT is written out in decimal).
     *
     * @return the bytes of a string value.
     */
    public byte[] bytes()
    {
        if (Record.encoding(address) == Encoding.INT && !Record.isObject(address))
        {
            return longBytes(longValue());
        }
        final int length = valueLength();
        final byte[] bytes = new byte[length];
        UnsafeApi.copyMemory(null, address + Record.valueOffset(address), bytes, ARRAY_BASE, length);
        return bytes;
    }

    /**
     * A buffer holding a string value at {@link #valueOffset()}, without copying; an INT is
     * written out in decimal into a buffer of this handle. Valid until the entry changes.
     *
     * @return the buffer.
     */
    public DirectBuffer valueBuffer()
    {
        if (Record.encoding(address) == Encoding.INT)
        {
            return digits();
        }
        return keyspace.slab.pageView(ref);
    }

    /** @return where a string value starts in {@link #valueBuffer()}. */
    public int valueOffset()
    {
        if (Record.encoding(address) == Encoding.INT)
        {
            return 0;
        }
        return Slab.offsetInPage(ref) + Record.valueOffset(address);
    }

    /** @return the length of a string value (in decimal characters for an INT). */
    public int valueLength()
    {
        if (Record.encoding(address) == Encoding.INT)
        {
            return Bytes.digits(longValue());
        }
        return Record.valueLength(address, keyspace.slab.blockBytes(ref));
    }

    /** @return the number of a string of encoding INT. */
    public long longValue()
    {
        return UnsafeApi.getLong(address + Record.valueOffset(address));
    }

    private UnsafeBuffer digits()
    {
        if (scratch == null)
        {
            digits = new byte[20];
            scratch = new UnsafeBuffer(digits);
        }
        writeDigits(longValue(), digits);
        return scratch;
    }

    private static byte[] longBytes(final long value)
    {
        final byte[] text = new byte[Bytes.digits(value)];
        writeDigits(value, text);
        return text;
    }

    /** Write a number in decimal at the start of an array long enough for it. */
    private static void writeDigits(final long value, final byte[] into)
    {
        int i = Bytes.digits(value);
        long v = value;
        if (v == Long.MIN_VALUE)
        {
            into[--i] = '8';
            v = -(v / 10);
        }
        else if (v < 0)
        {
            v = -v;
        }
        do
        {
            into[--i] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (value < 0)
        {
            into[0] = '-';
        }
    }

    /**
     * Replace the value; the expiry is kept. A string value is a {@code byte[]} (copied into the
     * record; for encoding INT it must be a canonical integer, else it is stored as text); any
     * other value is kept by reference.
     *
     * @param type     new type.
     * @param encoding new encoding.
     * @param value    new value.
     */
    public void set(final byte type, final byte encoding, final Object value)
    {
        if (type == ValueType.STRING)
        {
            final byte[] bytes = (byte[])value;
            if (encoding == Encoding.INT)
            {
                final long[] number = keyspace.number;
                if (Bytes.parseLong(bytes, number))
                {
                    setLong(number[0]);
                    return;
                }
                setString(bytes.length <= Encoding.EMBSTR_MAX ? Encoding.EMBSTR : Encoding.RAW, bytes, ARRAY_BASE, bytes.length);
                return;
            }
            setString(encoding, bytes, ARRAY_BASE, bytes.length);
            return;
        }
        db.storeObject(this, type, encoding, value);
    }

    /**
     * Store a string value copied from a buffer, without any intermediate array.
     *
     * @param encoding EMBSTR or RAW (use {@link #setLong} for INT).
     * @param buffer   holding the value.
     * @param offset   of the value.
     * @param length   of the value.
     */
    public void setString(final byte encoding, final DirectBuffer buffer, final int offset, final int length)
    {
        setString(encoding, buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    private void setString(final byte encoding, final Object base, final long from, final int length)
    {
        db.storeBytes(this, encoding, base, from, length);
    }

    /**
     * Store an integer as a string of encoding INT.
     *
     * @param value the number.
     */
    public void setLong(final long value)
    {
        db.storeLong(this, value);
    }

    public long expireAtMs()
    {
        return Record.expireAt(address);
    }

    public boolean hasExpiry()
    {
        return Record.expireAt(address) != NO_EXPIRY;
    }

    /** @return unix ms of the last access, to the second (OBJECT IDLETIME), 0 if never accessed. */
    public long lastAccessMs()
    {
        return Record.accessSeconds(address) * 1000;
    }

    /**
     * The logarithmic access counter as last stored, without decay (Redis's LFU counter: 5 for a
     * new key, at most 255).
     *
     * @return the stored counter.
     */
    public int accessCount()
    {
        return Record.lfu(address);
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
        final int counter = accessCount();
        final long periods = (nowMs / 60_000L - lastAccessMs() / 60_000L) / LFU_DECAY_MINUTES;
        return periods <= 0 ? counter : (periods >= counter ? 0 : counter - (int)periods);
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
        final long last = Record.accessSeconds(address);
        return last == 0 ? 0 : Math.max(0, nowMs / 1000 - last);
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
        if (Record.accessSeconds(address) == 0)
        {
            Record.lfu(address, LFU_INIT);
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
            Record.lfu(address, counter);
        }
        Record.accessSeconds(address, Math.max(1, nowMs / 1000));
    }

    /**
     * Carry access metadata over from another entry (RENAME and MOVE keep the value and with it
     * its idle time and frequency).
     *
     * @param other the entry the value comes from.
     */
    public void copyAccess(final KeyEntry other)
    {
        restoreAccess(other.lastAccessMs(), other.accessCount());
    }

    /**
     * Set access metadata saved from another entry (a value that moved between shards).
     *
     * @param lastAccessMs unix ms of the last access.
     * @param accessCount  the stored frequency counter.
     */
    public void restoreAccess(final long lastAccessMs, final int accessCount)
    {
        Record.accessSeconds(address, lastAccessMs / 1000);
        Record.lfu(address, accessCount);
    }

    /**
     * The bytes this key costs in the keyspace: its record block, its share of a table bucket,
     * its slot in the expiry index, and for a heap value the value's own estimate (see
     * {@link SizedValue}).
     *
     * @param samples for a {@link SizedValue}: how many elements to sample, 0 for all.
     * @return bytes.
     */
    public long memoryUsage(final int samples)
    {
        long bytes = keyspace.slab.blockBytes(ref) + SLOT_BYTES + (hasExpiry() ? 4 : 0);
        if (Record.isObject(address))
        {
            final Object value = keyspace.object(objectIndex());
            bytes += value instanceof SizedValue ? ((SizedValue)value).memoryUsage(samples) : SizedValue.UNKNOWN_OBJECT;
        }
        return bytes;
    }

    /** @return the address of the record (DEBUG OBJECT shows it). */
    public long address()
    {
        return address;
    }
}
