package dev.anax.engine.types.list;

import org.agrona.DirectBuffer;

/**
 * A position in a {@link QuickList} and a view of the entry last read, popped or fetched there.
 * One cursor serves any number of lists, one at a time; reuse it (one per thread) instead of
 * allocating one per command.
 * <p>
 * The view points into the list's own bytes (or the cursor's scratch after {@link #detach()}):
 * it stays valid until the list is next changed. A position is valid until the list is changed.
 */
public final class ListCursor
{
    QuickList.Node node;
    int pos;

    private byte[] data;
    private int entry;
    private int entryLength;
    private byte[] scratch = new byte[64];

    /**
     * Position the cursor before the first entry of a list, for {@link #next()}.
     *
     * @param list the list.
     * @return this.
     */
    public ListCursor first(final QuickList list)
    {
        node = list.head;
        pos = node == null ? 0 : node.start;
        return this;
    }

    /**
     * Position the cursor after the last entry of a list, for {@link #prev()}.
     *
     * @param list the list.
     * @return this.
     */
    public ListCursor last(final QuickList list)
    {
        node = list.tail;
        pos = node == null ? 0 : node.end;
        return this;
    }

    /**
     * Forget the list and entry last seen, so that a cursor kept between commands holds no
     * deleted list in memory.
     */
    public void release()
    {
        node = null;
        data = null;
        if (scratch.length > 4096)
        {
            scratch = new byte[64];
        }
    }

    /**
     * Read the entry after the position and move past it.
     *
     * @return false at the end of the list.
     */
    public boolean next()
    {
        QuickList.Node n = node;
        while (n != null && pos >= n.end)
        {
            n = n.next;
            if (n != null)
            {
                pos = n.start;
            }
        }
        node = n;
        if (n == null)
        {
            return false;
        }
        view(n.data, pos, ListPack.entryLength(n.data, pos));
        pos += entryLength;
        return true;
    }

    /**
     * Read the entry before the position and move before it.
     *
     * @return false at the start of the list.
     */
    public boolean prev()
    {
        QuickList.Node n = node;
        while (n != null && pos <= n.start)
        {
            n = n.prev;
            if (n != null)
            {
                pos = n.end;
            }
        }
        node = n;
        if (n == null)
        {
            return false;
        }
        final int start = ListPack.entryStartBefore(n.data, pos);
        view(n.data, start, pos - start);
        pos = start;
        return true;
    }

    void view(final byte[] bytes, final int start, final int length)
    {
        data = bytes;
        entry = start;
        entryLength = length;
    }

    /**
     * Copy the viewed entry into the cursor's own scratch so that the view survives changes to
     * the list it came from.
     */
    public void detach()
    {
        if (data == scratch)
        {
            return;
        }
        if (scratch.length < entryLength)
        {
            scratch = new byte[Math.max(entryLength, scratch.length * 2)];
        }
        System.arraycopy(data, entry, scratch, 0, entryLength);
        data = scratch;
        entry = 0;
    }

    /**
     * View an encoded entry held elsewhere (one that travelled between shards).
     *
     * @param raw    bytes of exactly one entry, as {@link #copyEntry()} made them.
     * @return this.
     */
    public ListCursor viewEntry(final byte[] raw)
    {
        view(raw, 0, raw.length);
        return this;
    }

    /** @return whether the viewed entry is an integer. */
    public boolean isInt()
    {
        return ListPack.isInt(data, entry);
    }

    /** @return the viewed integer; only when {@link #isInt()}. */
    public long intValue()
    {
        return ListPack.intValue(data, entry);
    }

    /** @return the array holding the viewed string; only when not {@link #isInt()}. */
    public byte[] array()
    {
        return data;
    }

    /** @return where the viewed string starts in {@link #array()}. */
    public int offset()
    {
        return ListPack.stringOffset(data, entry);
    }

    /** @return the length of the viewed string. */
    public int length()
    {
        return ListPack.stringLength(data, entry);
    }

    /** @return the encoded length of the viewed entry. */
    public int entryLength()
    {
        return entryLength;
    }

    /** @return where the encoded entry starts in {@link #array()}. */
    public int entryOffset()
    {
        return entry;
    }

    /**
     * A copy of the viewed entry in its encoded form, for handing it to another shard.
     *
     * @return a new array of exactly the entry.
     */
    public byte[] copyEntry()
    {
        final byte[] copy = new byte[entryLength];
        System.arraycopy(data, entry, copy, 0, entryLength);
        return copy;
    }

    /**
     * The viewed element as text (tests and diagnostics; allocates).
     *
     * @return the element's bytes.
     */
    public byte[] toBytes()
    {
        if (isInt())
        {
            return Long.toString(intValue()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        final byte[] bytes = new byte[length()];
        System.arraycopy(data, offset(), bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * Whether the viewed entry is the given element.
     *
     * @param needle the element to compare with.
     * @return true if equal.
     */
    public boolean matches(final Needle needle)
    {
        return needle.matches(data, entry);
    }

    /**
     * An element to search for, with its integer form worked out once.
     */
    public static final class Needle
    {
        private DirectBuffer buffer;
        private int offset;
        private int length;
        private boolean isInt;
        private long intValue;

        /**
         * Set the element searched for.
         *
         * @param src    its text.
         * @param offset of the text.
         * @param length of the text.
         * @return this.
         */
        public Needle set(final DirectBuffer src, final int offset, final int length)
        {
            this.buffer = src;
            this.offset = offset;
            this.length = length;
            this.isInt = ListPack.isCanonicalInt(src, offset, length);
            this.intValue = isInt ? ListPack.parseCanonicalInt(src, offset, length) : 0;
            return this;
        }

        /** Forget the request buffer the element was read from. */
        public void release()
        {
            buffer = null;
        }

        boolean matches(final byte[] data, final int pos)
        {
            return ListPack.matches(data, pos, buffer, offset, length, isInt, intValue);
        }
    }
}
