package dev.anax.engine.types.zset;

import java.util.Arrays;

/**
 * The order of a large sorted set: a B+tree of {@link ZEntry} references with subtree counts, so
 * that finding by (score, member), by rank, and the rank of an element all take O(log n).
 * <pre>
 *                        Inner
 *            kids:   [  k0   |  k1   |  k2  ]
 *            counts: [  90   |  70   |  85  ]     elements under each child
 *            firsts: [ e(0)  | e(90) | e(160) ]   the smallest entry under each child
 *                 /            |            \
 *   Leaf [e0 .. e89]  <->  Leaf [e90 .. e159]  <->  Leaf [e160 .. e244]     (linked both ways)
 * </pre>
 * Leaves hold up to {@link #LEAF_MAX} entries in an array that grows in steps (no slack beyond a
 * few slots); inner nodes up to {@link #INNER_MAX} children. {@code firsts} are exact: every
 * change at the front of a subtree is propagated up, so a lookup by key binary-searches
 * {@code firsts} at each level and a lookup by rank subtracts {@code counts}. Underfull nodes
 * (below a quarter) merge with or borrow from a sibling.
 * <p>
 * Memory per element: one reference in a leaf (4 bytes with compressed oops) plus slack and the
 * amortised inner nodes, about 5 bytes.
 */
final class ZTree
{
    /** Most entries in a leaf. */
    static final int LEAF_MAX = 128;
    /** Most children of an inner node. */
    static final int INNER_MAX = 64;
    private static final int LEAF_MIN = LEAF_MAX / 4;
    private static final int INNER_MIN = INNER_MAX / 4;
    private static final int LEAF_STEP = 8;

    /** A node: a leaf or an inner node. */
    abstract static class Node
    {
        /** @return elements under this node. */
        abstract int size();

        /** @return the smallest entry under this node; the node must not be empty. */
        abstract byte[] first();
    }

    /** A leaf: sorted entries. */
    static final class Leaf extends Node
    {
        byte[][] items;
        int n;
        Leaf prev;
        Leaf next;

        Leaf(final int capacity)
        {
            items = new byte[capacity][];
        }

        @Override
        int size()
        {
            return n;
        }

        @Override
        byte[] first()
        {
            return items[0];
        }
    }

    /** An inner node: children with their sizes and first entries. */
    static final class Inner extends Node
    {
        final Node[] kids = new Node[INNER_MAX + 1];
        final int[] counts = new int[INNER_MAX + 1];
        final byte[][] firsts = new byte[INNER_MAX + 1][];
        int n;
        int total;

        @Override
        int size()
        {
            return total;
        }

        @Override
        byte[] first()
        {
            return firsts[0];
        }
    }

    private Node root;
    private Leaf head;
    private Leaf tail;

    ZTree()
    {
        final Leaf leaf = new Leaf(LEAF_STEP);
        root = leaf;
        head = leaf;
        tail = leaf;
    }

    int size()
    {
        return root.size();
    }

    Leaf head()
    {
        return head;
    }

    Leaf tail()
    {
        return tail;
    }

    // ------------------------------------------------------------------ bulk load

    /**
     * A tree over entries already in order.
     *
     * @param entries sorted, distinct members.
     * @param count   how many of them.
     * @return the tree.
     */
    static ZTree of(final byte[][] entries, final int count)
    {
        final ZTree tree = new ZTree();
        if (count == 0)
        {
            return tree;
        }
        final int fill = LEAF_MAX * 7 / 8;
        final int leafCount = (count + fill - 1) / fill;
        Node[] level = new Node[leafCount];
        Leaf previous = null;
        for (int l = 0; l < leafCount; l++)
        {
            final int from = (int)((long)count * l / leafCount);
            final int to = (int)((long)count * (l + 1) / leafCount);
            final Leaf leaf = new Leaf(roundUp(to - from));
            System.arraycopy(entries, from, leaf.items, 0, to - from);
            leaf.n = to - from;
            leaf.prev = previous;
            if (previous != null)
            {
                previous.next = leaf;
            }
            previous = leaf;
            level[l] = leaf;
        }
        tree.head = (Leaf)level[0];
        tree.tail = previous;
        final int innerFill = INNER_MAX * 7 / 8;
        while (level.length > 1)
        {
            final int parents = (level.length + innerFill - 1) / innerFill;
            final Node[] up = new Node[parents];
            for (int p = 0; p < parents; p++)
            {
                final int from = (int)((long)level.length * p / parents);
                final int to = (int)((long)level.length * (p + 1) / parents);
                final Inner inner = new Inner();
                for (int k = from; k < to; k++)
                {
                    inner.kids[inner.n] = level[k];
                    inner.counts[inner.n] = level[k].size();
                    inner.firsts[inner.n] = level[k].first();
                    inner.total += level[k].size();
                    inner.n++;
                }
                up[p] = inner;
            }
            level = up;
        }
        tree.root = level[0];
        return tree;
    }

    /**
     * A structural copy sharing the (immutable) entries.
     *
     * @return the copy.
     */
    ZTree copy()
    {
        final ZTree tree = new ZTree();
        final Leaf[] last = new Leaf[1];
        tree.root = copyNode(root, tree, last);
        tree.tail = last[0];
        return tree;
    }

    private static Node copyNode(final Node node, final ZTree tree, final Leaf[] last)
    {
        if (node instanceof Leaf leaf)
        {
            final Leaf fresh = new Leaf(leaf.items.length);
            System.arraycopy(leaf.items, 0, fresh.items, 0, leaf.n);
            fresh.n = leaf.n;
            fresh.prev = last[0];
            if (last[0] == null)
            {
                tree.head = fresh;
            }
            else
            {
                last[0].next = fresh;
            }
            last[0] = fresh;
            return fresh;
        }
        final Inner inner = (Inner)node;
        final Inner fresh = new Inner();
        for (int i = 0; i < inner.n; i++)
        {
            fresh.kids[i] = copyNode(inner.kids[i], tree, last);
        }
        System.arraycopy(inner.counts, 0, fresh.counts, 0, inner.n);
        System.arraycopy(inner.firsts, 0, fresh.firsts, 0, inner.n);
        fresh.n = inner.n;
        fresh.total = inner.total;
        return fresh;
    }

    // ------------------------------------------------------------------ search

    /** Index of the child of an inner node whose range holds the key: the last first <= key. */
    private static int childFor(final Inner inner, final byte[] key)
    {
        int lo = 1;
        int hi = inner.n - 1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (ZEntry.compare(inner.firsts[mid], key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo - 1;
    }

    /** In a leaf, the number of entries smaller than the key. */
    private static int lowerBound(final Leaf leaf, final byte[] key)
    {
        int lo = 0;
        int hi = leaf.n - 1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (ZEntry.compare(leaf.items[mid], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The rank of an entry that is in the tree.
     *
     * @param entry the entry (or an equal one).
     * @return its 0-based rank.
     */
    int rank(final byte[] entry)
    {
        int rank = 0;
        Node node = root;
        while (node instanceof Inner inner)
        {
            final int i = childFor(inner, entry);
            for (int k = 0; k < i; k++)
            {
                rank += inner.counts[k];
            }
            node = inner.kids[i];
        }
        return rank + lowerBound((Leaf)node, entry);
    }

    /**
     * How many entries sort before a score bound.
     *
     * @param bound     the score.
     * @param inclusive true to count entries equal to the bound too.
     * @return entries with score &lt; bound (or &lt;= bound).
     */
    int countScoreBelow(final double bound, final boolean inclusive)
    {
        int rank = 0;
        Node node = root;
        while (node instanceof Inner inner)
        {
            int i = 0;
            int lo = 1;
            int hi = inner.n - 1;
            while (lo <= hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (scoreBefore(ZEntry.score(inner.firsts[mid]), bound, inclusive))
                {
                    i = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            for (int k = 0; k < i; k++)
            {
                rank += inner.counts[k];
            }
            node = inner.kids[i];
        }
        final Leaf leaf = (Leaf)node;
        int lo = 0;
        int hi = leaf.n - 1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (scoreBefore(ZEntry.score(leaf.items[mid]), bound, inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return rank + lo;
    }

    private static boolean scoreBefore(final double score, final double bound, final boolean inclusive)
    {
        return inclusive ? score <= bound : score < bound;
    }

    /**
     * How many entries have a member before some bytes (meaningful when all scores are equal,
     * as for Redis's lex ranges).
     *
     * @param member    array holding the bound.
     * @param offset    of the bound.
     * @param length    of the bound.
     * @param inclusive true to count a member equal to the bound too.
     * @return entries whose member is &lt; (or &lt;=) the bound.
     */
    int countLexBelow(final byte[] member, final int offset, final int length, final boolean inclusive)
    {
        int rank = 0;
        Node node = root;
        while (node instanceof Inner inner)
        {
            int i = 0;
            int lo = 1;
            int hi = inner.n - 1;
            while (lo <= hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (lexBefore(inner.firsts[mid], member, offset, length, inclusive))
                {
                    i = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            for (int k = 0; k < i; k++)
            {
                rank += inner.counts[k];
            }
            node = inner.kids[i];
        }
        final Leaf leaf = (Leaf)node;
        int lo = 0;
        int hi = leaf.n - 1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (lexBefore(leaf.items[mid], member, offset, length, inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return rank + lo;
    }

    private static boolean lexBefore(
        final byte[] entry, final byte[] member, final int offset, final int length, final boolean inclusive)
    {
        final int c = ZEntry.compareMember(entry, member, offset, length);
        return inclusive ? c <= 0 : c < 0;
    }

    /**
     * Position a cursor on a rank.
     *
     * @param rank   0 to size - 1.
     * @param cursor receives the leaf and the index in it.
     */
    void seek(final int rank, final Cursor cursor)
    {
        int r = rank;
        Node node = root;
        while (node instanceof Inner inner)
        {
            int i = 0;
            while (r >= inner.counts[i])
            {
                r -= inner.counts[i];
                i++;
            }
            node = inner.kids[i];
        }
        cursor.leaf = (Leaf)node;
        cursor.index = r;
    }

    /** A position in the leaves. */
    static final class Cursor
    {
        Leaf leaf;
        int index;

        byte[] get()
        {
            return leaf.items[index];
        }

        void next()
        {
            if (++index == leaf.n)
            {
                leaf = leaf.next;
                index = 0;
            }
        }

        void previous()
        {
            if (--index < 0)
            {
                leaf = leaf.prev;
                index = leaf == null ? 0 : leaf.n - 1;
            }
        }
    }

    // ------------------------------------------------------------------ insert

    /**
     * Add an entry whose member is not in the tree.
     *
     * @param entry the entry.
     */
    void insert(final byte[] entry)
    {
        final Node split = insert(root, entry);
        if (split != null)
        {
            final Inner top = new Inner();
            top.kids[0] = root;
            top.counts[0] = root.size();
            top.firsts[0] = root.first();
            top.kids[1] = split;
            top.counts[1] = split.size();
            top.firsts[1] = split.first();
            top.n = 2;
            top.total = top.counts[0] + top.counts[1];
            root = top;
        }
    }

    private Node insert(final Node node, final byte[] entry)
    {
        if (node instanceof Leaf leaf)
        {
            final int pos = lowerBound(leaf, entry);
            if (leaf.n == leaf.items.length)
            {
                leaf.items = Arrays.copyOf(leaf.items, Math.min(leaf.n + LEAF_STEP, LEAF_MAX + 1));
            }
            System.arraycopy(leaf.items, pos, leaf.items, pos + 1, leaf.n - pos);
            leaf.items[pos] = entry;
            leaf.n++;
            return leaf.n > LEAF_MAX ? splitLeaf(leaf) : null;
        }
        final Inner inner = (Inner)node;
        final int i = childFor(inner, entry);
        final Node child = inner.kids[i];
        final Node split = insert(child, entry);
        inner.total++;
        inner.counts[i] = child.size();
        inner.firsts[i] = child.first();
        if (split == null)
        {
            return null;
        }
        insertKid(inner, i + 1, split);
        return inner.n > INNER_MAX ? splitInner(inner) : null;
    }

    private static void insertKid(final Inner inner, final int at, final Node kid)
    {
        final int move = inner.n - at;
        System.arraycopy(inner.kids, at, inner.kids, at + 1, move);
        System.arraycopy(inner.counts, at, inner.counts, at + 1, move);
        System.arraycopy(inner.firsts, at, inner.firsts, at + 1, move);
        inner.kids[at] = kid;
        inner.counts[at] = kid.size();
        inner.firsts[at] = kid.first();
        inner.n++;
    }

    private Leaf splitLeaf(final Leaf leaf)
    {
        // Appending at either end of the set leaves the old leaf nearly full.
        final int keep = leaf == tail ? leaf.n - LEAF_MAX / 8 : leaf == head ? LEAF_MAX / 8 : leaf.n / 2;
        final int moved = leaf.n - keep;
        final Leaf right = new Leaf(roundUp(moved));
        System.arraycopy(leaf.items, keep, right.items, 0, moved);
        right.n = moved;
        leaf.items = Arrays.copyOf(leaf.items, roundUp(keep));
        leaf.n = keep;
        right.next = leaf.next;
        right.prev = leaf;
        if (leaf.next != null)
        {
            leaf.next.prev = right;
        }
        else
        {
            tail = right;
        }
        leaf.next = right;
        return right;
    }

    private static int roundUp(final int n)
    {
        return Math.min(LEAF_MAX + 1, Math.max(LEAF_STEP, (n + LEAF_STEP - 1) / LEAF_STEP * LEAF_STEP));
    }

    private static Inner splitInner(final Inner inner)
    {
        final int keep = inner.n / 2;
        final int moved = inner.n - keep;
        final Inner right = new Inner();
        System.arraycopy(inner.kids, keep, right.kids, 0, moved);
        System.arraycopy(inner.counts, keep, right.counts, 0, moved);
        System.arraycopy(inner.firsts, keep, right.firsts, 0, moved);
        Arrays.fill(inner.kids, keep, inner.n, null);
        Arrays.fill(inner.firsts, keep, inner.n, null);
        right.n = moved;
        inner.n = keep;
        int total = 0;
        for (int k = 0; k < moved; k++)
        {
            total += right.counts[k];
        }
        right.total = total;
        inner.total -= total;
        return right;
    }

    // ------------------------------------------------------------------ delete

    /**
     * Remove an entry that is in the tree.
     *
     * @param entry the entry (or an equal one).
     */
    void delete(final byte[] entry)
    {
        delete(root, entry);
        collapseRoot();
    }

    private void delete(final Node node, final byte[] entry)
    {
        if (node instanceof Leaf leaf)
        {
            final int pos = lowerBound(leaf, entry);
            removeFromLeaf(leaf, pos, 1);
            return;
        }
        final Inner inner = (Inner)node;
        final int i = childFor(inner, entry);
        delete(inner.kids[i], entry);
        inner.total--;
        afterChildShrank(inner, i);
    }

    /**
     * Remove a run of ranks.
     *
     * @param from    the first rank removed.
     * @param count   how many, from + count &lt;= size.
     * @param removed receives each removed entry, or null.
     */
    void removeRange(final int from, final int count, final RemovedSink removed)
    {
        int left = count;
        while (left > 0)
        {
            left -= removeRange(root, from, left, removed);
            collapseRoot();
        }
    }

    /** Receives entries removed by {@link #removeRange}. */
    interface RemovedSink
    {
        /**
         * @param entry an entry no longer in the tree.
         */
        void removed(byte[] entry);
    }

    /** Remove up to {@code count} entries from the one leaf holding rank {@code from}. */
    private int removeRange(final Node node, final int from, final int count, final RemovedSink removed)
    {
        if (node instanceof Leaf leaf)
        {
            final int k = Math.min(count, leaf.n - from);
            if (removed != null)
            {
                for (int j = 0; j < k; j++)
                {
                    removed.removed(leaf.items[from + j]);
                }
            }
            removeFromLeaf(leaf, from, k);
            return k;
        }
        final Inner inner = (Inner)node;
        int r = from;
        int i = 0;
        while (r >= inner.counts[i])
        {
            r -= inner.counts[i];
            i++;
        }
        final int k = removeRange(inner.kids[i], r, count, removed);
        inner.total -= k;
        afterChildShrank(inner, i);
        return k;
    }

    private static void removeFromLeaf(final Leaf leaf, final int pos, final int k)
    {
        System.arraycopy(leaf.items, pos + k, leaf.items, pos, leaf.n - pos - k);
        Arrays.fill(leaf.items, leaf.n - k, leaf.n, null);
        leaf.n -= k;
        if (leaf.items.length - leaf.n > 2 * LEAF_STEP)
        {
            leaf.items = Arrays.copyOf(leaf.items, roundUp(leaf.n + 1));
        }
    }

    private void collapseRoot()
    {
        while (root instanceof Inner inner && inner.n == 1)
        {
            root = inner.kids[0];
        }
    }

    /** Refresh a child's summary after it lost entries, and rebalance it if it got too small. */
    private void afterChildShrank(final Inner inner, final int i)
    {
        final Node child = inner.kids[i];
        inner.counts[i] = child.size();
        if (child.size() > 0)
        {
            inner.firsts[i] = child.first();
        }
        if (inner.n < 2)
        {
            return;
        }
        final boolean small = child instanceof Leaf leaf ? leaf.n < LEAF_MIN : ((Inner)child).n < INNER_MIN;
        if (!small)
        {
            return;
        }
        final int left = i > 0 ? i - 1 : 0;
        final int right = left + 1;
        if (child instanceof Leaf)
        {
            final Leaf a = (Leaf)inner.kids[left];
            final Leaf b = (Leaf)inner.kids[right];
            if (a.n + b.n <= LEAF_MAX * 3 / 4)
            {
                mergeLeaves(a, b);
                removeKid(inner, right);
                inner.counts[left] = a.n;
                if (a.n > 0)
                {
                    inner.firsts[left] = a.first();
                }
            }
            else
            {
                balanceLeaves(a, b);
                inner.counts[left] = a.n;
                inner.firsts[left] = a.first();
                inner.counts[right] = b.n;
                inner.firsts[right] = b.first();
            }
        }
        else
        {
            final Inner a = (Inner)inner.kids[left];
            final Inner b = (Inner)inner.kids[right];
            if (a.n + b.n <= INNER_MAX * 3 / 4)
            {
                mergeInners(a, b);
                removeKid(inner, right);
                inner.counts[left] = a.total;
                inner.firsts[left] = a.first();
            }
            else
            {
                balanceInners(a, b);
                inner.counts[left] = a.total;
                inner.firsts[left] = a.first();
                inner.counts[right] = b.total;
                inner.firsts[right] = b.first();
            }
        }
    }

    private static void removeKid(final Inner inner, final int at)
    {
        final int move = inner.n - at - 1;
        System.arraycopy(inner.kids, at + 1, inner.kids, at, move);
        System.arraycopy(inner.counts, at + 1, inner.counts, at, move);
        System.arraycopy(inner.firsts, at + 1, inner.firsts, at, move);
        inner.n--;
        inner.kids[inner.n] = null;
        inner.firsts[inner.n] = null;
    }

    private void mergeLeaves(final Leaf a, final Leaf b)
    {
        if (a.items.length < a.n + b.n)
        {
            a.items = Arrays.copyOf(a.items, roundUp(a.n + b.n));
        }
        System.arraycopy(b.items, 0, a.items, a.n, b.n);
        a.n += b.n;
        a.next = b.next;
        if (b.next != null)
        {
            b.next.prev = a;
        }
        else
        {
            tail = a;
        }
    }

    private static void balanceLeaves(final Leaf a, final Leaf b)
    {
        final int total = a.n + b.n;
        final int keep = total / 2;
        final byte[][] all = new byte[total][];
        System.arraycopy(a.items, 0, all, 0, a.n);
        System.arraycopy(b.items, 0, all, a.n, b.n);
        a.items = new byte[roundUp(keep)][];
        System.arraycopy(all, 0, a.items, 0, keep);
        a.n = keep;
        b.items = new byte[roundUp(total - keep)][];
        System.arraycopy(all, keep, b.items, 0, total - keep);
        b.n = total - keep;
    }

    private static void mergeInners(final Inner a, final Inner b)
    {
        System.arraycopy(b.kids, 0, a.kids, a.n, b.n);
        System.arraycopy(b.counts, 0, a.counts, a.n, b.n);
        System.arraycopy(b.firsts, 0, a.firsts, a.n, b.n);
        a.n += b.n;
        a.total += b.total;
    }

    private static void balanceInners(final Inner a, final Inner b)
    {
        final int total = a.n + b.n;
        final int keep = total / 2;
        if (a.n > keep)
        {
            // Move a's tail to b's front.
            final int move = a.n - keep;
            System.arraycopy(b.kids, 0, b.kids, move, b.n);
            System.arraycopy(b.counts, 0, b.counts, move, b.n);
            System.arraycopy(b.firsts, 0, b.firsts, move, b.n);
            System.arraycopy(a.kids, keep, b.kids, 0, move);
            System.arraycopy(a.counts, keep, b.counts, 0, move);
            System.arraycopy(a.firsts, keep, b.firsts, 0, move);
            Arrays.fill(a.kids, keep, a.n, null);
            Arrays.fill(a.firsts, keep, a.n, null);
            a.n = keep;
            b.n += move;
        }
        else
        {
            // Move b's head to a's tail.
            final int move = keep - a.n;
            System.arraycopy(b.kids, 0, a.kids, a.n, move);
            System.arraycopy(b.counts, 0, a.counts, a.n, move);
            System.arraycopy(b.firsts, 0, a.firsts, a.n, move);
            System.arraycopy(b.kids, move, b.kids, 0, b.n - move);
            System.arraycopy(b.counts, move, b.counts, 0, b.n - move);
            System.arraycopy(b.firsts, move, b.firsts, 0, b.n - move);
            Arrays.fill(b.kids, b.n - move, b.n, null);
            Arrays.fill(b.firsts, b.n - move, b.n, null);
            a.n = keep;
            b.n -= move;
        }
        a.total = sum(a.counts, a.n);
        b.total = sum(b.counts, b.n);
    }

    private static int sum(final int[] values, final int n)
    {
        int total = 0;
        for (int k = 0; k < n; k++)
        {
            total += values[k];
        }
        return total;
    }

    // ------------------------------------------------------------------ checks

    /**
     * Verify every invariant (for tests).
     *
     * @throws IllegalStateException when one is broken.
     */
    void check()
    {
        final int total = check(root, root == this.root);
        int walked = 0;
        byte[] previous = null;
        Leaf prevLeaf = null;
        for (Leaf leaf = head; leaf != null; leaf = leaf.next)
        {
            if (leaf.prev != prevLeaf)
            {
                throw new IllegalStateException("broken prev link");
            }
            for (int i = 0; i < leaf.n; i++)
            {
                if (previous != null && ZEntry.compare(previous, leaf.items[i]) >= 0)
                {
                    throw new IllegalStateException("out of order");
                }
                previous = leaf.items[i];
                walked++;
            }
            prevLeaf = leaf;
        }
        if (prevLeaf != tail || walked != total)
        {
            throw new IllegalStateException("leaf chain " + walked + " vs " + total);
        }
    }

    private static int check(final Node node, final boolean isRoot)
    {
        if (node instanceof Leaf leaf)
        {
            if (leaf.n > LEAF_MAX || (!isRoot && leaf.n == 0))
            {
                throw new IllegalStateException("leaf size " + leaf.n);
            }
            return leaf.n;
        }
        final Inner inner = (Inner)node;
        if (inner.n < 2 && isRoot || inner.n > INNER_MAX || inner.n < 1)
        {
            throw new IllegalStateException("inner size " + inner.n);
        }
        int total = 0;
        for (int i = 0; i < inner.n; i++)
        {
            final int size = check(inner.kids[i], false);
            if (size != inner.counts[i] || inner.firsts[i] != inner.kids[i].first())
            {
                throw new IllegalStateException("stale summary at child " + i);
            }
            total += size;
        }
        if (total != inner.total)
        {
            throw new IllegalStateException("stale total");
        }
        return total;
    }
}
