package dev.anax.engine.types.set;

import java.util.Arrays;

/**
 * Accumulates the result of a set operation the way Redis builds its result set: it starts as
 * integers (an intset), becomes a hash table for good once there are more integers than the
 * intset limit, and a table of byte strings for good when a member that is not an integer
 * arrives. The encoding of the value it builds is therefore the one Redis's SINTERSTORE,
 * SUNIONSTORE and SDIFFSTORE give.
 */
public final class SetBuilder
{
    private final long maxIntset;
    private final long[] scratch = new long[1];
    private final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
    private LongTable longs = new LongTable(0);
    private boolean overLimit;
    private MemberTable table;

    /**
     * @param maxIntset the intset limit ({@link SetValue#intsetLimit}).
     */
    public SetBuilder(final long maxIntset)
    {
        this.maxIntset = maxIntset;
    }

    /** @return the number of members so far. */
    public int size()
    {
        return table == null ? longs.size() : table.size();
    }

    /** @return true while the result would be an intset. */
    public boolean isIntSet()
    {
        return table == null && !overLimit;
    }

    private void toTable(final int extra)
    {
        table = new MemberTable(longs.size() + extra);
        final int limit = longs.positionLimit();
        for (int position = 0; position < limit; position++)
        {
            if (longs.occupied(position))
            {
                table.add(digits, 0, MemberBytes.format(longs.valueAt(position), digits));
            }
        }
        longs = null;
    }

    /**
     * @param value an integer member.
     * @return true if it was new.
     */
    public boolean addLong(final long value)
    {
        if (table == null)
        {
            if (!longs.add(value))
            {
                return false;
            }
            if (longs.size() > maxIntset)
            {
                overLimit = true;
            }
            return true;
        }
        return table.add(digits, 0, MemberBytes.format(value, digits));
    }

    /**
     * @param bytes  holding a member, copied.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was new.
     */
    public boolean add(final byte[] bytes, final int offset, final int length)
    {
        if (table == null)
        {
            if (MemberBytes.parseLong(bytes, offset, length, scratch))
            {
                return addLong(scratch[0]);
            }
            toTable(1);
        }
        return table.add(bytes, offset, length);
    }

    /**
     * @param value an integer.
     * @return true if it was a member.
     */
    public boolean removeLong(final long value)
    {
        if (table == null)
        {
            return longs.remove(value);
        }
        return table.remove(digits, 0, MemberBytes.format(value, digits));
    }

    /**
     * @param bytes  holding a member.
     * @param offset of its first byte.
     * @param length of the member.
     * @return true if it was a member.
     */
    public boolean remove(final byte[] bytes, final int offset, final int length)
    {
        if (table == null)
        {
            return MemberBytes.parseLong(bytes, offset, length, scratch) && longs.remove(scratch[0]);
        }
        return table.remove(bytes, offset, length);
    }

    /**
     * The integer members in ascending order (while {@link #isIntSet()}).
     *
     * @return a new sorted array.
     */
    public long[] sortedInts()
    {
        final long[] values = new long[longs.size()];
        final int limit = longs.positionLimit();
        int n = 0;
        for (int position = 0; position < limit; position++)
        {
            if (longs.occupied(position))
            {
                values[n++] = longs.valueAt(position);
            }
        }
        Arrays.sort(values);
        return values;
    }

    /**
     * The value built, in the encoding Redis would give it; the builder is spent.
     *
     * @return the set, or null when it is empty.
     */
    public SetValue build()
    {
        if (size() == 0)
        {
            return null;
        }
        if (table != null)
        {
            return SetValue.ofTable(table);
        }
        if (overLimit)
        {
            return SetValue.ofLongs(longs);
        }
        final long[] values = sortedInts();
        return SetValue.ofIntSet(IntSet.ofSorted(values, values.length));
    }
}
