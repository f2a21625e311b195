package dev.anax.engine.shard;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated slot of an I/O thread's reply ring: RESP bytes for one request (or one part of
 * a coordinated request) of one connection, or a squashed {@link CommandGroup} coming back with
 * the replies of its commands (part {@link #GROUP}). Replies larger than the slot travel by
 * reference in {@link #overflow}.
 */
public final class ReplySlot
{
    /** Bytes of reply a slot holds inline. */
    public static final int SLOT_BYTES = 1024;
    /** Part number of a whole reply (not a coordinator part). */
    public static final int WHOLE = -1;
    /**
     * Part number of a squashed group handed back: {@link #attachment()} is the
     * {@link CommandGroup}, which holds the replies.
     */
    public static final int GROUP = -2;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SLOT_BYTES]);
    long connectionId;
    long requestSeq;
    int part;
    int length;
    byte[] overflow;
    Object attachment;

    public long connectionId()
    {
        return connectionId;
    }

    public long requestSeq()
    {
        return requestSeq;
    }

    public int part()
    {
        return part;
    }

    public int length()
    {
        return length;
    }

    /** @return the buffer holding the reply bytes, from offset 0. */
    public DirectBuffer payload()
    {
        if (overflow != null)
        {
            return new UnsafeBuffer(overflow);
        }
        return buffer;
    }

    public Object attachment()
    {
        return attachment;
    }

    void clearReferences()
    {
        overflow = null;
        attachment = null;
    }

    /** Drop references after the consumer is done, so the slot does not keep garbage alive. */
    public void release()
    {
        clearReferences();
    }

    void set(final long connectionId, final long requestSeq, final int part)
    {
        this.connectionId = connectionId;
        this.requestSeq = requestSeq;
        this.part = part;
    }
}
