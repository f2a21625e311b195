package dev.anax.engine.types.list;

import dev.anax.engine.family.DeepCopyable;
import dev.anax.engine.types.ElementSink;
import dev.anax.engine.types.ElementSource;
import dev.anax.engine.types.set.MemberBytes;
import org.agrona.DirectBuffer;

/**
 * A list value: a doubly linked deque of nodes, each node one byte array of packed entries
 * ({@link ListPack}) of bounded size, as Redis's quicklist.
 * <pre>
 *   head                                                       tail
 *    |                                                           |
 *    v                                                           v
 *  +------+    +------+    +------+           +------+    +------+
 *  | Node |<-->| Node |<-->| Node |<--> ... <-->| Node |<-->| Node |
 *  +------+    +------+    +------+           +------+    +------+
 *    |
 *    v  data (byte[]):  [ free | entry entry ... entry | free ]
 *                               ^start                ^end      count = entries
 * </pre>
 * A node's entries occupy {@code data[start, end)}; the free room on either side lets the end
 * nodes take pushes at both ends without moving bytes, and grows by a quarter at a time. Interior
 * nodes are kept exact ("sealed") when a push moves on to a new node.
 * <p>
 * How big a node may grow is the list's fill, taken from {@code list-max-listpack-size} when the
 * list was created: a negative fill -1..-5 bounds the node's bytes at 4, 8, 16, 32 or 64 KiB
 * (lower values count as -5); a positive fill bounds its entries (and its bytes at 8 KiB). An
 * element too big for any node gets a node of its own, as does any element from the packed
 * threshold on (Redis's "plain" nodes, 1 GB unless DEBUG QUICKLIST-PACKED-THRESHOLD says less).
 * <p>
 * Push and pop at either end are O(1); reaching the i-th element walks the node counts from the
 * nearer end and then the entries of one node. Owned by one thread; no empty node is ever kept.
 */
public final class QuickList implements DeepCopyable, ElementSource
{
    /** Node byte bounds for fills -1 to -5. */
    private static final int[] SIZE_LEVELS = {4096, 8192, 16384, 32768, 65536};
    /** Node byte bound when the fill counts entries. */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** Bytes a node is counted with beyond its entries (Redis's listpack header and end). */
    private static final int NODE_OVERHEAD = 7;
    /** Nodes below this capacity are never shrunk. */
    private static final int SHRINK_MIN = 256;
    /** The default size from which an element gets a node of its own (Redis's 1 GB). */
    private static final long DEFAULT_PACKED_THRESHOLD = 1L << 30;
    /** The largest threshold DEBUG QUICKLIST-PACKED-THRESHOLD accepts. */
    private static final long MAX_PACKED_THRESHOLD = (1L << 32) - (1L << 20);

    /** Entries of at least this many bytes are kept alone in a node; one value for the process. */
    private static volatile long packedThreshold = DEFAULT_PACKED_THRESHOLD;

    /**
     * One node of packed entries.
     */
    static final class Node
    {
        byte[] data;
        int start;
        int end;
        int count;
        Node prev;
        Node next;

        Node(final byte[] data, final int start, final int end, final int count)
        {
            this.data = data;
            this.start = start;
            this.end = end;
            this.count = count;
        }

        int used()
        {
            return end - start;
        }
    }

    private final int fill;
    Node head;
    Node tail;
    private long size;
    private int nodeCount;

    /**
     * An empty list.
     *
     * @param fill the node bound, as {@code list-max-listpack-size}.
     */
    public QuickList(final int fill)
    {
        this.fill = fill;
    }

    /**
     * Set the size from which an element is kept in a node of its own (DEBUG
     * QUICKLIST-PACKED-THRESHOLD); applies to every list from now on.
     *
     * @param bytes the size; 0 restores the default of 1 GB.
     * @return false if the size is negative or above 4 GB less 1 MB.
     */
    public static boolean packedThreshold(final long bytes)
    {
        if (bytes < 0 || bytes > MAX_PACKED_THRESHOLD)
        {
            return false;
        }
        packedThreshold = bytes == 0 ? DEFAULT_PACKED_THRESHOLD : bytes;
        return true;
    }

    /** @return the node bound this list was created with. */
    public int fill()
    {
        return fill;
    }

    /** @return the number of elements. */
    public long size()
    {
        return size;
    }

    /** @return true when the list holds no element. */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /** @return the number of nodes. */
    public int nodeCount()
    {
        return nodeCount;
    }

    /** @return the bytes the nodes' arrays hold, free room included (for memory accounting). */
    public long allocatedBytes()
    {
        long total = 0;
        for (Node n = head; n != null; n = n.next)
        {
            total += n.data.length;
        }
        return total;
    }

    // ---------------------------------------------------------------- node bounds

    private int maxBytes()
    {
        if (fill >= 0)
        {
            return SIZE_SAFETY_LIMIT;
        }
        return SIZE_LEVELS[(int)Math.min(-(long)fill, SIZE_LEVELS.length) - 1];
    }

    private boolean allows(final Node n, final int entryBytes)
    {
        if (n.count == 0)
        {
            return true;
        }
        final long threshold = packedThreshold;
        if (entryBytes >= threshold || (n.count == 1 && n.used() >= threshold))
        {
            return false;
        }
        if (fill >= 0 && n.count >= Math.max(fill, 1))
        {
            return false;
        }
        return (long)n.used() + entryBytes + NODE_OVERHEAD <= maxBytes();
    }

    // ---------------------------------------------------------------- node storage

    private void ensureFront(final Node n, final int need)
    {
        if (n.start < need)
        {
            regrow(n, need, true);
        }
    }

    private void ensureBack(final Node n, final int need)
    {
        if (n.data.length - n.end < need)
        {
            regrow(n, need, false);
        }
    }

    /** Make room for {@code need} bytes at one end of a node: shift in place or reallocate. */
    private void regrow(final Node n, final int need, final boolean front)
    {
        final int used = n.used();
        final byte[] old = n.data;
        if (old.length >= used + need && old.length - used - need <= (used >> 1) + 16)
        {
            // Enough room overall and not much spare: move the entries to the other end.
            final int newStart = front ? old.length - used : 0;
            System.arraycopy(old, n.start, old, newStart, used);
            n.start = newStart;
            n.end = newStart + used;
            return;
        }
        final int extra = Math.max(0, Math.min(used >> 2, maxBytes() - used - need));
        final byte[] data = new byte[used + need + extra];
        final int newStart = front ? need + extra : 0;
        System.arraycopy(old, n.start, data, newStart, used);
        n.data = data;
        n.start = newStart;
        n.end = newStart + used;
    }

    /** Drop a node's free room. */
    private static void seal(final Node n)
    {
        final int used = n.used();
        if (n.data.length != used)
        {
            final byte[] data = new byte[used];
            System.arraycopy(n.data, n.start, data, 0, used);
            n.data = data;
            n.start = 0;
            n.end = used;
        }
    }

    /** Give back the room of a node that lost most of its entries. */
    private static void maybeShrink(final Node n)
    {
        if (n.data.length >= SHRINK_MIN && n.used() < (n.data.length >> 2))
        {
            seal(n);
        }
    }

    private void linkFirst(final Node n)
    {
        n.next = head;
        if (head != null)
        {
            head.prev = n;
        }
        else
        {
            tail = n;
        }
        head = n;
        nodeCount++;
    }

    private void linkLast(final Node n)
    {
        n.prev = tail;
        if (tail != null)
        {
            tail.next = n;
        }
        else
        {
            head = n;
        }
        tail = n;
        nodeCount++;
    }

    private void linkAfter(final Node at, final Node n)
    {
        if (at == tail)
        {
            linkLast(n);
            return;
        }
        n.prev = at;
        n.next = at.next;
        at.next.prev = n;
        at.next = n;
        nodeCount++;
    }

    private void linkBefore(final Node at, final Node n)
    {
        if (at == head)
        {
            linkFirst(n);
            return;
        }
        linkAfter(at.prev, n);
    }

    private void unlink(final Node n)
    {
        if (n.prev != null)
        {
            n.prev.next = n.next;
        }
        else
        {
            head = n.next;
        }
        if (n.next != null)
        {
            n.next.prev = n.prev;
        }
        else
        {
            tail = n.prev;
        }
        n.prev = null;
        n.next = null;
        nodeCount--;
    }

    /** The head node with room for {@code need} bytes at its front, new if needed. */
    private Node frontFor(final int need)
    {
        final Node n = head;
        if (n != null && allows(n, need))
        {
            ensureFront(n, need);
            return n;
        }
        if (n != null)
        {
            seal(n);
        }
        final Node fresh = new Node(new byte[need], need, need, 0);
        linkFirst(fresh);
        return fresh;
    }

    /** The tail node with room for {@code need} bytes at its back, new if needed. */
    private Node backFor(final int need)
    {
        final Node n = tail;
        if (n != null && allows(n, need))
        {
            ensureBack(n, need);
            return n;
        }
        if (n != null)
        {
            seal(n);
        }
        final Node fresh = new Node(new byte[need], 0, 0, 0);
        linkLast(fresh);
        return fresh;
    }

    // ---------------------------------------------------------------- push and pop

    /**
     * Add an element at the head.
     *
     * @param src    the element's text.
     * @param offset of the text.
     * @param length of the text.
     */
    public void pushFront(final DirectBuffer src, final int offset, final int length)
    {
        final int need = ListPack.entrySize(src, offset, length);
        final Node n = frontFor(need);
        n.start -= need;
        ListPack.write(n.data, n.start, src, offset, length);
        n.count++;
        size++;
    }

    /**
     * Add an element at the tail.
     *
     * @param src    the element's text.
     * @param offset of the text.
     * @param length of the text.
     */
    public void pushBack(final DirectBuffer src, final int offset, final int length)
    {
        final int need = ListPack.entrySize(src, offset, length);
        final Node n = backFor(need);
        n.end = ListPack.write(n.data, n.end, src, offset, length);
        n.count++;
        size++;
    }

    /**
     * Add an element given in its encoded form (moved from another list) at one end.
     *
     * @param front  true for the head, false for the tail.
     * @param raw    bytes holding one entry.
     * @param offset of the entry.
     * @param length of the entry.
     */
    public void pushEntry(final boolean front, final byte[] raw, final int offset, final int length)
    {
        final Node n;
        if (front)
        {
            n = frontFor(length);
            n.start -= length;
            System.arraycopy(raw, offset, n.data, n.start, length);
        }
        else
        {
            n = backFor(length);
            System.arraycopy(raw, offset, n.data, n.end, length);
            n.end += length;
        }
        n.count++;
        size++;
    }

    /**
     * Remove the head element.
     *
     * @param into views the removed element, valid until this list changes again.
     * @return false if the list is empty.
     */
    public boolean popFront(final ListCursor into)
    {
        final Node n = head;
        if (n == null)
        {
            return false;
        }
        final int length = ListPack.entryLength(n.data, n.start);
        into.view(n.data, n.start, length);
        n.start += length;
        removedFrom(n, 1);
        return true;
    }

    /**
     * Remove the tail element.
     *
     * @param into views the removed element, valid until this list changes again.
     * @return false if the list is empty.
     */
    public boolean popBack(final ListCursor into)
    {
        final Node n = tail;
        if (n == null)
        {
            return false;
        }
        final int start = ListPack.entryStartBefore(n.data, n.end);
        into.view(n.data, start, n.end - start);
        n.end = start;
        removedFrom(n, 1);
        return true;
    }

    /**
     * Pop an element from one end of this list and push it at one end of another (or the same)
     * list: LMOVE.
     *
     * @param destination the list that receives the element; may be this list.
     * @param fromFront   pop the head (true) or the tail.
     * @param toFront     push at the destination's head (true) or tail.
     * @param into        views the moved element afterwards.
     * @return false if this list is empty.
     */
    public boolean moveTo(
        final QuickList destination, final boolean fromFront, final boolean toFront, final ListCursor into)
    {
        if (!(fromFront ? popFront(into) : popBack(into)))
        {
            return false;
        }
        if (destination == this)
        {
            into.detach();
        }
        destination.pushEntry(toFront, into.array(), into.entryOffset(), into.entryLength());
        return true;
    }

    private void removedFrom(final Node n, final int removed)
    {
        n.count -= removed;
        size -= removed;
        if (n.count == 0)
        {
            unlink(n);
        }
        else
        {
            maybeShrink(n);
        }
    }

    // ---------------------------------------------------------------- access by index

    /**
     * Position a cursor on the element at an index, for {@link ListCursor#next()} to read it and
     * go on towards the tail.
     *
     * @param cursor the cursor.
     * @param index  0 to size-1.
     */
    public void seek(final ListCursor cursor, final long index)
    {
        locate(cursor, index);
    }

    /**
     * Position a cursor just after the element at an index, for {@link ListCursor#prev()} to read
     * it and go on towards the head.
     *
     * @param cursor the cursor.
     * @param index  0 to size-1.
     */
    public void seekBack(final ListCursor cursor, final long index)
    {
        locate(cursor, index);
        cursor.pos += ListPack.entryLength(cursor.node.data, cursor.pos);
    }

    /** Set the cursor's node and position to the start of entry {@code index}. */
    private void locate(final ListCursor cursor, final long index)
    {
        Node n;
        int inNode;
        if (index < (size >> 1))
        {
            n = head;
            long i = index;
            while (i >= n.count)
            {
                i -= n.count;
                n = n.next;
            }
            inNode = (int)i;
        }
        else
        {
            n = tail;
            long j = size - 1 - index;
            while (j >= n.count)
            {
                j -= n.count;
                n = n.prev;
            }
            inNode = n.count - 1 - (int)j;
        }
        int pos;
        if (inNode < (n.count >> 1))
        {
            pos = n.start;
            for (int k = 0; k < inNode; k++)
            {
                pos += ListPack.entryLength(n.data, pos);
            }
        }
        else
        {
            pos = n.end;
            for (int k = n.count; k > inNode; k--)
            {
                pos = ListPack.entryStartBefore(n.data, pos);
            }
        }
        cursor.node = n;
        cursor.pos = pos;
    }

    /**
     * Read the element at an index.
     *
     * @param cursor views the element.
     * @param index  0 to size-1.
     */
    public void get(final ListCursor cursor, final long index)
    {
        locate(cursor, index);
        cursor.next();
    }

    /**
     * Replace the element at an index: LSET.
     *
     * @param cursor scratch.
     * @param index  0 to size-1.
     * @param src    the new element's text.
     * @param offset of the text.
     * @param length of the text.
     */
    public void set(final ListCursor cursor, final long index, final DirectBuffer src, final int offset, final int length)
    {
        locate(cursor, index);
        final Node n = cursor.node;
        final int oldLength = ListPack.entryLength(n.data, cursor.pos);
        final int need = ListPack.entrySize(src, offset, length);
        final int at = openGap(n, cursor.pos, oldLength, need);
        ListPack.write(n.data, at, src, offset, length);
        if (n.count > 1 && ((long)n.used() + NODE_OVERHEAD > maxBytes() || need >= packedThreshold))
        {
            splitAround(n, at, need);
        }
    }

    /**
     * Replace {@code removeLength} bytes at {@code pos} of a node by a gap of {@code insertLength}
     * bytes, moving the shorter side of the node or reallocating it exactly.
     *
     * @return the position of the gap in the node's (possibly new) array.
     */
    private static int openGap(final Node n, final int pos, final int removeLength, final int insertLength)
    {
        final int delta = insertLength - removeLength;
        final byte[] data = n.data;
        final int afterRemoved = pos + removeLength;
        if (delta <= 0)
        {
            System.arraycopy(data, afterRemoved, data, pos + insertLength, n.end - afterRemoved);
            n.end += delta;
            return pos;
        }
        final int tailBytes = n.end - afterRemoved;
        final int headBytes = pos - n.start;
        final boolean roomBack = data.length - n.end >= delta;
        final boolean roomFront = n.start >= delta;
        if (roomBack && (!roomFront || tailBytes <= headBytes))
        {
            System.arraycopy(data, afterRemoved, data, afterRemoved + delta, tailBytes);
            n.end += delta;
            return pos;
        }
        if (roomFront)
        {
            System.arraycopy(data, n.start, data, n.start - delta, headBytes);
            n.start -= delta;
            return pos - delta;
        }
        final byte[] grown = new byte[n.used() + delta];
        System.arraycopy(data, n.start, grown, 0, headBytes);
        System.arraycopy(data, afterRemoved, grown, headBytes + insertLength, tailBytes);
        n.data = grown;
        n.start = 0;
        n.end = grown.length;
        return headBytes;
    }

    /**
     * Split a node that grew past its bound so that the entry at {@code at} ends one part: the
     * entries before it, it, and those after it go to at most three nodes, each within bounds
     * unless it holds a single oversized entry.
     */
    private void splitAround(final Node n, final int at, final int length)
    {
        Node holder = n;
        int pos = at;
        if (at > n.start)
        {
            splitAt(n, at);
            holder = n.next;
            pos = holder.start;
        }
        if (pos + length < holder.end)
        {
            splitAt(holder, pos + length);
        }
    }

    /**
     * Move the entries of a node from byte {@code pos} on into a new node right after it.
     */
    private void splitAt(final Node n, final int pos)
    {
        int moved = 0;
        for (int p = pos; p < n.end; p += ListPack.entryLength(n.data, p))
        {
            moved++;
        }
        final int bytes = n.end - pos;
        final byte[] data = new byte[bytes];
        System.arraycopy(n.data, pos, data, 0, bytes);
        final Node second = new Node(data, 0, bytes, moved);
        n.end = pos;
        n.count -= moved;
        seal(n);
        linkAfter(n, second);
    }

    // ---------------------------------------------------------------- search and edit

    /**
     * Insert an element before or after the first occurrence of a pivot: LINSERT.
     *
     * @param cursor scratch.
     * @param pivot  the element searched for from the head.
     * @param after  insert after the pivot (true) or before it.
     * @param src    the new element's text.
     * @param offset of the text.
     * @param length of the text.
     * @return false if the pivot is not in the list.
     */
    public boolean insert(
        final ListCursor cursor,
        final ListCursor.Needle pivot,
        final boolean after,
        final DirectBuffer src,
        final int offset,
        final int length)
    {
        cursor.first(this);
        boolean found = false;
        while (cursor.next())
        {
            if (cursor.matches(pivot))
            {
                found = true;
                break;
            }
        }
        if (!found)
        {
            return false;
        }
        final Node n = cursor.node;
        final int at = after ? cursor.pos : cursor.pos - cursor.entryLength();
        final int need = ListPack.entrySize(src, offset, length);
        if (allows(n, need))
        {
            final int gap = openGap(n, at, 0, need);
            ListPack.write(n.data, gap, src, offset, length);
            n.count++;
            size++;
            return true;
        }
        if (at == n.end && n.next != null && allows(n.next, need))
        {
            final Node next = n.next;
            ensureFront(next, need);
            next.start -= need;
            ListPack.write(next.data, next.start, src, offset, length);
            next.count++;
        }
        else if (at == n.start && n.prev != null && allows(n.prev, need))
        {
            final Node prev = n.prev;
            ensureBack(prev, need);
            prev.end = ListPack.write(prev.data, prev.end, src, offset, length);
            prev.count++;
        }
        else if (at > n.start && at < n.end)
        {
            // Split the full node at the insertion point and add to whichever half has room.
            splitAt(n, at);
            final Node second = n.next;
            if (allows(n, need))
            {
                ensureBack(n, need);
                n.end = ListPack.write(n.data, n.end, src, offset, length);
                n.count++;
            }
            else if (allows(second, need))
            {
                ensureFront(second, need);
                second.start -= need;
                ListPack.write(second.data, second.start, src, offset, length);
                second.count++;
            }
            else
            {
                linkAfter(n, single(src, offset, length, need));
            }
        }
        else if (at == n.start)
        {
            linkBefore(n, single(src, offset, length, need));
        }
        else
        {
            linkAfter(n, single(src, offset, length, need));
        }
        size++;
        return true;
    }

    private static Node single(final DirectBuffer src, final int offset, final int length, final int need)
    {
        final byte[] data = new byte[need];
        ListPack.write(data, 0, src, offset, length);
        return new Node(data, 0, need, 1);
    }

    /**
     * Remove occurrences of an element: LREM.
     *
     * @param needle the element.
     * @param count  at most this many from the head when positive, from the tail when negative,
     *               all of them when 0.
     * @return how many were removed.
     */
    public long remove(final ListCursor.Needle needle, final long count)
    {
        final long limit = count == 0 ? Long.MAX_VALUE : (count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count));
        long removed = 0;
        if (count >= 0)
        {
            Node n = head;
            while (n != null && removed < limit)
            {
                final Node next = n.next;
                removed += removeForward(n, needle, limit - removed);
                n = next;
            }
        }
        else
        {
            Node n = tail;
            while (n != null && removed < limit)
            {
                final Node prev = n.prev;
                removed += removeBackward(n, needle, limit - removed);
                n = prev;
            }
        }
        return removed;
    }

    private int removeForward(final Node n, final ListCursor.Needle needle, final long limit)
    {
        final byte[] data = n.data;
        int read = n.start;
        int write = n.start;
        int removed = 0;
        while (read < n.end && removed < limit)
        {
            final int length = ListPack.entryLength(data, read);
            if (needle.matches(data, read))
            {
                removed++;
            }
            else
            {
                if (write != read)
                {
                    System.arraycopy(data, read, data, write, length);
                }
                write += length;
            }
            read += length;
        }
        if (removed > 0)
        {
            System.arraycopy(data, read, data, write, n.end - read);
            n.end = write + (n.end - read);
            removedFrom(n, removed);
        }
        return removed;
    }

    private int removeBackward(final Node n, final ListCursor.Needle needle, final long limit)
    {
        final byte[] data = n.data;
        int read = n.end;
        int write = n.end;
        int removed = 0;
        while (read > n.start && removed < limit)
        {
            final int start = ListPack.entryStartBefore(data, read);
            final int length = read - start;
            if (needle.matches(data, start))
            {
                removed++;
            }
            else
            {
                write -= length;
                if (write != start)
                {
                    System.arraycopy(data, start, data, write, length);
                }
            }
            read = start;
        }
        if (removed > 0)
        {
            final int rest = read - n.start;
            System.arraycopy(data, n.start, data, write - rest, rest);
            n.start = write - rest;
            removedFrom(n, removed);
        }
        return removed;
    }

    /**
     * Keep only the elements from index {@code start} to {@code stop} inclusive: LTRIM.
     *
     * @param start first index kept, 0 to size-1.
     * @param stop  last index kept, start to size-1.
     */
    public void trim(final long start, final long stop)
    {
        removeFirst(start);
        removeLast(size - (stop - start + 1));
    }

    /**
     * Remove the first {@code n} elements.
     *
     * @param n at most the size.
     */
    public void removeFirst(final long n)
    {
        long left = n;
        while (left > 0 && head != null && head.count <= left)
        {
            left -= head.count;
            size -= head.count;
            unlink(head);
        }
        if (left > 0)
        {
            final Node node = head;
            int pos = node.start;
            for (long k = 0; k < left; k++)
            {
                pos += ListPack.entryLength(node.data, pos);
            }
            node.start = pos;
            removedFrom(node, (int)left);
        }
    }

    @Override
    public long elementCount()
    {
        return size;
    }

    /**
     * Visit a run of elements (SORT); integers are written as their decimal text. Allocates one
     * cursor and a digits buffer per call.
     *
     * @param from    index of the first element visited.
     * @param count   how many.
     * @param reverse true to go towards the head.
     * @param sink    receives each element.
     */
    @Override
    public void visitElements(final long from, final long count, final boolean reverse, final ElementSink sink)
    {
        if (count <= 0 || from < 0 || from >= size)
        {
            return;
        }
        final ListCursor cursor = new ListCursor();
        final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
        if (reverse)
        {
            seekBack(cursor, from);
        }
        else
        {
            seek(cursor, from);
        }
        for (long i = 0; i < count && (reverse ? cursor.prev() : cursor.next()); i++)
        {
            if (cursor.isInt())
            {
                sink.element(digits, 0, MemberBytes.format(cursor.intValue(), digits));
            }
            else
            {
                sink.element(cursor.array(), cursor.offset(), cursor.length());
            }
        }
    }

    /**
     * Remove the last {@code n} elements.
     *
     * @param n at most the size.
     */
    public void removeLast(final long n)
    {
        long left = n;
        while (left > 0 && tail != null && tail.count <= left)
        {
            left -= tail.count;
            size -= tail.count;
            unlink(tail);
        }
        if (left > 0)
        {
            final Node node = tail;
            int pos = node.end;
            for (long k = 0; k < left; k++)
            {
                pos = ListPack.entryStartBefore(node.data, pos);
            }
            node.end = pos;
            removedFrom(node, (int)left);
        }
    }

    // ---------------------------------------------------------------- copies and checks

    @Override
    public QuickList deepCopy()
    {
        final QuickList copy = new QuickList(fill);
        for (Node n = head; n != null; n = n.next)
        {
            final byte[] data = new byte[n.used()];
            System.arraycopy(n.data, n.start, data, 0, data.length);
            copy.linkLast(new Node(data, 0, data.length, n.count));
        }
        copy.size = size;
        return copy;
    }

    /**
     * Check the structure's invariants (tests): links, counts, entry boundaries, no empty node.
     *
     * @throws IllegalStateException when one does not hold.
     */
    public void validate()
    {
        long total = 0;
        int nodes = 0;
        Node prev = null;
        for (Node n = head; n != null; n = n.next)
        {
            if (n.prev != prev)
            {
                throw new IllegalStateException("broken prev link at node " + nodes);
            }
            if (n.count == 0)
            {
                throw new IllegalStateException("empty node " + nodes);
            }
            if (n.start < 0 || n.end > n.data.length || n.start > n.end)
            {
                throw new IllegalStateException("bad bounds at node " + nodes);
            }
            int entries = 0;
            int pos = n.start;
            while (pos < n.end)
            {
                final int length = ListPack.entryLength(n.data, pos);
                if (ListPack.entryStartBefore(n.data, pos + length) != pos)
                {
                    throw new IllegalStateException("bad backlen at node " + nodes);
                }
                pos += length;
                entries++;
            }
            if (pos != n.end || entries != n.count)
            {
                throw new IllegalStateException("bad count at node " + nodes + ": " + entries + " != " + n.count);
            }
            total += n.count;
            nodes++;
            prev = n;
        }
        if (prev != tail || total != size || nodes != nodeCount)
        {
            throw new IllegalStateException("size " + size + " nodes " + nodeCount + " but found " + total + "/" + nodes);
        }
    }
}
