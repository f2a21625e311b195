package dev.anax.engine.shard;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Several commands for one shard that travel as one ring event, and their replies that travel
 * back as one reply event (pipeline squashing). A dispatcher fills it, hands it to the shard by
 * reference through a {@code CommandGroup} event; the shard runs the commands in order, appends
 * the replies it produced and hands it back through the I/O thread's reply ring (part
 * {@link ReplySlot#GROUP}), where the dispatcher delivers the replies and reuses the group. Only
 * one thread touches it at a time; the rings' sequences order the hand-overs.
 * <pre>
 *   requests: | length (i32) | CommandEvent | length (i32) | CommandEvent | ...   count events
 *   replies:  | connectionId (i64) | requestSeq (i64) | length (i32) | RESP bytes | ...
 * </pre>
 * A command the shard does not answer at once (deferred) has no entry in the replies; its reply
 * travels later on its own. Arguments in {@link #requests()} are valid only while the shard
 * runs the group.
 */
public final class CommandGroup
{
    /** Bytes before each CommandEvent in the requests: its length. */
    public static final int LENGTH_PREFIX = 4;
    /** Bytes before the RESP bytes of one reply entry. */
    public static final int REPLY_HEADER = 20;
    private static final int INITIAL_CAPACITY = 4096;
    /** A group whose buffers grew beyond this is not kept for reuse. */
    public static final int MAX_KEPT_CAPACITY = 1024 * 1024;

    private final UnsafeBuffer requests = new UnsafeBuffer(new byte[INITIAL_CAPACITY]);
    private final UnsafeBuffer replies = new UnsafeBuffer(new byte[INITIAL_CAPACITY]);
    private int requestLength;
    private int count;
    private int replyLength;
    private int replyCount;

    /** @return the encoded commands, from offset 0. */
    public UnsafeBuffer requests()
    {
        return requests;
    }

    /** @return bytes of encoded commands. */
    public int requestLength()
    {
        return requestLength;
    }

    /** @return how many commands the group holds. */
    public int count()
    {
        return count;
    }

    /**
     * Make room for one more encoded command after those already there, and write its length.
     *
     * @param length bytes the command will take.
     * @return the buffer to encode into at {@link #requestLength()} + {@link #LENGTH_PREFIX}.
     */
    public MutableDirectBuffer reserve(final int length)
    {
        ensure(requests, requestLength + LENGTH_PREFIX + length);
        requests.putInt(requestLength, length);
        return requests;
    }

    /**
     * Count the command just encoded after its length at {@link #requestLength()}.
     *
     * @param length bytes it took (as given to {@link #reserve}).
     */
    public void appended(final int length)
    {
        requestLength += LENGTH_PREFIX + length;
        count++;
    }

    /**
     * Shard side: append the reply of one command.
     *
     * @param connectionId the client.
     * @param requestSeq   its request.
     * @param src          the reply bytes, from offset 0.
     * @param length       of the reply.
     */
    public void addReply(final long connectionId, final long requestSeq, final DirectBuffer src, final int length)
    {
        final int at = replyLength;
        ensure(replies, at + REPLY_HEADER + length);
        replies.putLong(at, connectionId);
        replies.putLong(at + 8, requestSeq);
        replies.putInt(at + 16, length);
        replies.putBytes(at + REPLY_HEADER, src, 0, length);
        replyLength = at + REPLY_HEADER + length;
        replyCount++;
    }

    /** @return the replies, from offset 0, in the layout above. */
    public UnsafeBuffer replies()
    {
        return replies;
    }

    /** @return how many replies the shard appended. */
    public int replyCount()
    {
        return replyCount;
    }

    /** Shard side: forget replies of an earlier use before appending. */
    public void clearReplies()
    {
        replyLength = 0;
        replyCount = 0;
    }

    /**
     * Empty the group for reuse.
     *
     * @return false if its buffers grew too large to keep.
     */
    public boolean reset()
    {
        requestLength = 0;
        count = 0;
        replyLength = 0;
        replyCount = 0;
        return requests.capacity() <= MAX_KEPT_CAPACITY && replies.capacity() <= MAX_KEPT_CAPACITY;
    }

    private static void ensure(final UnsafeBuffer buffer, final int needed)
    {
        final int capacity = buffer.capacity();
        if (needed <= capacity)
        {
            return;
        }
        if (needed < 0 || needed > Integer.MAX_VALUE - 64)
        {
            throw new IllegalStateException("command group too large: " + needed);
        }
        final byte[] bigger = new byte[(int)Math.min(Integer.MAX_VALUE - 64, Math.max((long)capacity * 2, needed))];
        buffer.getBytes(0, bigger, 0, capacity);
        buffer.wrap(bigger);
    }
}
