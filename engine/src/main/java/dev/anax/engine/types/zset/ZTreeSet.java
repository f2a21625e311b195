package dev.anax.engine.types.zset;

import dev.anax.engine.keyspace.Encoding;

import java.util.function.Consumer;

/**
 * A large sorted set (OBJECT ENCODING "skiplist", the name Redis gives its encoding): a
 * {@link ZTree} holding the elements in order, with ranks, and a {@link ZMemberTable} finding a
 * member's element in O(1). Both hold the same {@link ZEntry} arrays, so a member's bytes exist
 * once.
 * <pre>
 *   ZMemberTable  member -> entry ----+
 *                                     v
 *   ZTree         ... [ e ] [ e ] [ e: member bytes | score ] ...   (rank order)
 * </pre>
 * Memory per element, for a 16-byte member: the entry (16 header + 16 + 8 = 40 bytes), a tree
 * reference (~5 bytes with slack and inner nodes) and table slots (4 bytes at 1/2 to 3/4 load,
 * ~7 bytes): about 52 bytes.
 */
public final class ZTreeSet extends ZSetValue implements ZTree.RemovedSink
{
    private final ZTree tree;
    private final ZMemberTable table;
    private final ZTree.Cursor cursor = new ZTree.Cursor();

    /** An empty set. */
    public ZTreeSet()
    {
        this(new ZTree(), new ZMemberTable(0));
    }

    private ZTreeSet(final ZTree tree, final ZMemberTable table)
    {
        this.tree = tree;
        this.table = table;
    }

    /**
     * A set over elements already in order; the set takes the entries.
     *
     * @param entries {@link ZEntry} arrays in rank order, distinct members.
     * @param n       how many of them.
     * @return the set.
     */
    public static ZTreeSet of(final byte[][] entries, final int n)
    {
        final ZMemberTable table = new ZMemberTable(n);
        for (int i = 0; i < n; i++)
        {
            table.add(entries[i]);
        }
        return new ZTreeSet(ZTree.of(entries, n), table);
    }

    @Override
    public int size()
    {
        return table.size();
    }

    @Override
    public byte encoding()
    {
        return Encoding.SKIPLIST;
    }

    /**
     * The entry of a member.
     *
     * @param member array holding the member.
     * @param offset of the member.
     * @param length of the member.
     * @return its {@link ZEntry}, or null.
     */
    public byte[] entry(final byte[] member, final int offset, final int length)
    {
        return table.get(member, offset, length);
    }

    @Override
    public double score(final byte[] member, final int offset, final int length)
    {
        final byte[] e = table.get(member, offset, length);
        return e == null ? Double.NaN : ZEntry.score(e);
    }

    @Override
    public int rank(final byte[] member, final int offset, final int length)
    {
        final byte[] e = table.get(member, offset, length);
        return e == null ? -1 : tree.rank(e);
    }

    @Override
    public void insert(final byte[] member, final int offset, final int length, final double score)
    {
        final byte[] e = ZEntry.of(member, offset, length, score);
        table.add(e);
        tree.insert(e);
    }

    /**
     * Add an element whose member is not present, taking the entry.
     *
     * @param entry a {@link ZEntry} nobody else will modify.
     */
    public void insert(final byte[] entry)
    {
        table.add(entry);
        tree.insert(entry);
    }

    @Override
    public void update(
        final byte[] member, final int offset, final int length, final double current, final double score)
    {
        final byte[] old = table.get(member, offset, length);
        final byte[] fresh = ZEntry.withScore(old, score);
        tree.delete(old);
        tree.insert(fresh);
        table.replace(old, fresh);
    }

    @Override
    public boolean remove(final byte[] member, final int offset, final int length)
    {
        final byte[] e = table.remove(member, offset, length);
        if (e == null)
        {
            return false;
        }
        tree.delete(e);
        return true;
    }

    @Override
    public int countScoreBelow(final double bound, final boolean inclusive)
    {
        return tree.countScoreBelow(bound, inclusive);
    }

    @Override
    public int countLexBelow(final byte[] member, final int offset, final int length, final boolean inclusive)
    {
        return tree.countLexBelow(member, offset, length, inclusive);
    }

    @Override
    public void visit(final int from, final int count, final boolean reverse, final ZVisitor visitor)
    {
        if (count <= 0)
        {
            return;
        }
        final ZTree.Cursor c = cursor;
        tree.seek(from, c);
        for (int k = 0; k < count && c.leaf != null; k++)
        {
            final byte[] e = c.get();
            if (reverse)
            {
                c.previous();
            }
            else
            {
                c.next();
            }
            visitor.element(e, 0, e.length - ZEntry.SCORE_BYTES, ZEntry.score(e));
        }
        c.leaf = null;
    }

    /**
     * Visit a run of ranks as entries.
     *
     * @param from    the first rank.
     * @param count   how many.
     * @param visitor receives each {@link ZEntry}.
     */
    public void visitEntries(final int from, final int count, final Consumer<byte[]> visitor)
    {
        if (count <= 0)
        {
            return;
        }
        final ZTree.Cursor c = new ZTree.Cursor();
        tree.seek(from, c);
        for (int k = 0; k < count && c.leaf != null; k++)
        {
            final byte[] e = c.get();
            c.next();
            visitor.accept(e);
        }
    }

    @Override
    public int run(final int from, final boolean reverse, final int max, final ZPredicate predicate)
    {
        if (from < 0 || from >= size() || max <= 0)
        {
            return 0;
        }
        final ZTree.Cursor c = cursor;
        tree.seek(from, c);
        int passed = 0;
        while (passed < max && c.leaf != null)
        {
            final byte[] e = c.get();
            if (!predicate.test(e, 0, e.length - ZEntry.SCORE_BYTES, ZEntry.score(e)))
            {
                break;
            }
            passed++;
            if (reverse)
            {
                c.previous();
            }
            else
            {
                c.next();
            }
        }
        c.leaf = null;
        return passed;
    }

    @Override
    public void removeRange(final int from, final int count)
    {
        if (count > 0)
        {
            tree.removeRange(from, count, this);
        }
    }

    @Override
    public void removed(final byte[] entry)
    {
        table.removeEntry(entry);
    }

    @Override
    public int maxMemberLength()
    {
        int max = 0;
        for (ZTree.Leaf leaf = tree.head(); leaf != null; leaf = leaf.next)
        {
            for (int i = 0; i < leaf.n; i++)
            {
                max = Math.max(max, ZEntry.memberLength(leaf.items[i]));
            }
        }
        return max;
    }

    /**
     * One ZSCAN step over the member table.
     *
     * @param cursor  0 to start.
     * @param count   the COUNT hint.
     * @param visitor receives each {@link ZEntry} met.
     * @return the next cursor, 0 at the end.
     */
    public long scan(final long cursor, final long count, final Consumer<byte[]> visitor)
    {
        return table.scan(cursor, count, visitor);
    }

    @Override
    public ZTreeSet deepCopy()
    {
        return new ZTreeSet(tree.copy(), table.copy());
    }

    /** Verify the structure's invariants (for tests). */
    void check()
    {
        tree.check();
        if (tree.size() != table.size())
        {
            throw new IllegalStateException("tree " + tree.size() + " vs table " + table.size());
        }
        for (ZTree.Leaf leaf = tree.head(); leaf != null; leaf = leaf.next)
        {
            for (int i = 0; i < leaf.n; i++)
            {
                final byte[] e = leaf.items[i];
                if (table.get(e, 0, ZEntry.memberLength(e)) != e)
                {
                    throw new IllegalStateException("table misses an entry");
                }
            }
        }
    }
}
