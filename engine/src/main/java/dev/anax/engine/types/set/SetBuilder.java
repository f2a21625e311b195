package dev.anax.engine.types.set;

import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Accumulates the result of a set operation the way Redis builds its result set: it starts as
 * integers (an intset) and turns into a table of byte strings for good when a member that is not
 * an integer arrives or there are more integers than the intset limit. The encoding of the value
 * it builds is therefore the one Redis's SINTERSTORE, SUNIONSTORE and SDIFFSTORE give.
 * <p>
 * Members added as arrays are kept by reference (member arrays are never modified), so building
 * from table-encoded sets copies no bytes.
 */
public final class SetBuilder
{
    private final long maxIntset;
    private final long[] scratch = new long[1];
    private final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
    private LongHashSet ints = new LongHashSet();
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
        return ints != null ? ints.size() : table.size();
    }

    /** @return true while every member is an integer and there are few enough of them. */
    public boolean isIntSet()
    {
        return ints != null;
    }

    private void toTable(final int extra)
    {
        table = new MemberTable(ints.size() + extra);
        final LongHashSet.LongIterator it = ints.iterator();
        while (it.hasNext())
        {
            table.add(MemberBytes.toBytes(it.nextValue()));
        }
        ints = null;
    }

    /**
     * @param value an integer member.
     * @return true if it was new.
     */
    public boolean addLong(final long value)
    {
        if (ints != null)
        {
            if (!ints.add(value))
            {
                return false;
            }
            if (ints.size() > maxIntset)
            {
                toTable(0);
            }
            return true;
        }
        final int length = MemberBytes.format(value, digits);
        if (table.contains(digits, 0, length))
        {
            return false;
        }
        return table.add(Arrays.copyOf(digits, length));
    }

    /**
     * @param member a member, kept by reference.
     * @return true if it was new.
     */
    public boolean add(final byte[] member)
    {
        if (ints != null)
        {
            if (MemberBytes.parseLong(member, scratch))
            {
                return addLong(scratch[0]);
            }
            toTable(1);
        }
        return table.add(member);
    }

    /**
     * @param value an integer.
     * @return true if it was a member.
     */
    public boolean removeLong(final long value)
    {
        if (ints != null)
        {
            return ints.remove(value);
        }
        return table.remove(digits, 0, MemberBytes.format(value, digits));
    }

    /**
     * @param member a member.
     * @return true if it was a member.
     */
    public boolean remove(final byte[] member)
    {
        if (ints != null)
        {
            return MemberBytes.parseLong(member, scratch) && ints.remove(scratch[0]);
        }
        return table.remove(member);
    }

    /**
     * The integer members in ascending order (intset form only).
     *
     * @return a new sorted array.
     */
    public long[] sortedInts()
    {
        final long[] values = new long[ints.size()];
        final LongHashSet.LongIterator it = ints.iterator();
        for (int i = 0; it.hasNext(); i++)
        {
            values[i] = it.nextValue();
        }
        Arrays.sort(values);
        return values;
    }

    /** @return the table (table form only). */
    public MemberTable table()
    {
        return table;
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
        if (ints != null)
        {
            final long[] values = sortedInts();
            return SetValue.ofIntSet(IntSet.ofSorted(values, values.length));
        }
        return SetValue.ofTable(table);
    }
}
