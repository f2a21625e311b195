package dev.anax.engine.shard;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated slot of a shard's command ring: an SBE {@code CommandEvent} written in place.
 * <pre>
 *   0                                         SLOT_BYTES
 *   +----------------+--------------------+-----------------------------+
 *   | message header | fixed block        | args group: n x (len, bytes) |
 *   +----------------+--------------------+-----------------------------+
 * </pre>
 * When the encoded event is larger than the slot, the whole message is encoded into a separate
 * array held by {@link #overflow} and only the header fields are meaningful in the slot
 * (flags.argsByReference). {@link #attachment} carries an object the coordinator hands to the
 * shard (a value moved between shards by RENAME, say).
 */
public final class CommandSlot
{
    /** Bytes of SBE a slot holds inline. */
    public static final int SLOT_BYTES = 512;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SLOT_BYTES]);
    byte[] overflow;
    Object attachment;

    public UnsafeBuffer buffer()
    {
        return buffer;
    }
}
