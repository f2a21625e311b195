package dev.anax.engine.types.set;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Intersection, union and difference of sets, with Redis 7.0's algorithms and therefore its
 * complexity: the intersection walks the smallest set and probes the others; the difference
 * picks between walking the first set and probing the others (O(N*M)) or copying the first and
 * removing every other member (O(total)) by the same estimate Redis makes.
 * <p>
 * The inputs are only read, so they may be sets other shards handed over (see
 * {@link SetValue#share()}). A missing key is a null entry.
 */
public final class SetOps
{
    private static final Comparator<SetValue> BY_SIZE = Comparator.comparingInt(SetValue::size);
    private static final Comparator<SetValue> BY_SIZE_DESCENDING = (a, b) -> Integer.compare(sizeOf(b), sizeOf(a));

    private SetOps()
    {
    }

    private static int sizeOf(final SetValue set)
    {
        return set == null ? 0 : set.size();
    }

    /**
     * Receives the members of a result one by one.
     */
    public interface Sink
    {
        /**
         * @param value an integer member (from an intset).
         * @return false to stop.
         */
        boolean acceptLong(long value);

        /**
         * @param array  holding a member (from a table); not to be modified or kept.
         * @param offset of the member.
         * @param length of the member.
         * @return false to stop.
         */
        boolean accept(byte[] array, int offset, int length);
    }

    /**
     * @param sets the operands.
     * @return true when one of them is missing (so the intersection is empty).
     */
    public static boolean anyMissing(final SetValue[] sets)
    {
        for (final SetValue set : sets)
        {
            if (set == null)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Emit every member of the smallest set that all the others hold, in that set's order.
     *
     * @param operands the sets, none missing (see {@link #anyMissing}).
     * @param sink     receives the members until it returns false.
     */
    public static void intersect(final SetValue[] operands, final Sink sink)
    {
        final SetValue[] sets = operands.clone();
        Arrays.sort(sets, BY_SIZE);
        final SetValue first = sets[0];
        final long[] scratch = new long[1];
        final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
        final boolean longs = first.hasLongMembers();
        final int limit = first.positionLimit();
        for (int position = 0; position < limit; position++)
        {
            if (!first.occupied(position))
            {
                continue;
            }
            if (longs)
            {
                final long value = first.longAt(position);
                if (inAllOthers(sets, value, digits) && !sink.acceptLong(value))
                {
                    return;
                }
            }
            else
            {
                final byte[] array = first.memberArray(position);
                final int offset = first.memberOffset(position);
                final int length = first.memberLength(position);
                if (inAllOthers(sets, array, offset, length, scratch) && !sink.accept(array, offset, length))
                {
                    return;
                }
            }
        }
    }

    private static boolean inAllOthers(final SetValue[] sets, final long value, final byte[] digits)
    {
        for (int j = 1; j < sets.length; j++)
        {
            if (sets[j] != sets[0] && !sets[j].containsLong(value, digits))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean inAllOthers(
        final SetValue[] sets, final byte[] array, final int offset, final int length, final long[] scratch)
    {
        for (int j = 1; j < sets.length; j++)
        {
            if (sets[j] != sets[0] && !sets[j].contains(array, offset, length, scratch))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The union of the sets into a builder.
     *
     * @param sets   the operands, null for missing keys.
     * @param result receives every member.
     */
    public static void union(final SetValue[] sets, final SetBuilder result)
    {
        for (final SetValue set : sets)
        {
            if (set != null)
            {
                addAll(set, result);
            }
        }
    }

    private static void addAll(final SetValue set, final SetBuilder result)
    {
        final boolean longs = set.hasLongMembers();
        final int limit = set.positionLimit();
        for (int position = 0; position < limit; position++)
        {
            if (set.occupied(position))
            {
                if (longs)
                {
                    result.addLong(set.longAt(position));
                }
                else
                {
                    result.add(set.memberArray(position), set.memberOffset(position), set.memberLength(position));
                }
            }
        }
    }

    /**
     * The members of the first set that no other set holds, into a builder.
     *
     * @param operands the operands, null for missing keys.
     * @param result   receives the difference.
     */
    public static void difference(final SetValue[] operands, final SetBuilder result)
    {
        final SetValue first = operands[0];
        if (first == null)
        {
            return;
        }
        long walkWork = 0;
        long removeWork = 0;
        for (int j = 0; j < operands.length; j++)
        {
            final SetValue set = operands[j];
            if (set == null)
            {
                continue;
            }
            if (j > 0 && set == first)
            {
                // The same key again: nothing is left.
                return;
            }
            walkWork += first.size();
            removeWork += set.size();
        }
        walkWork /= 2;
        if (walkWork <= removeWork)
        {
            final SetValue[] sets = operands.clone();
            if (sets.length > 1)
            {
                // Larger sets first: a member is more likely found early.
                Arrays.sort(sets, 1, sets.length, BY_SIZE_DESCENDING);
            }
            differenceByWalking(sets, result);
        }
        else
        {
            addAll(first, result);
            for (int j = 1; j < operands.length && result.size() > 0; j++)
            {
                if (operands[j] != null)
                {
                    removeAll(operands[j], result);
                }
            }
        }
    }

    private static void differenceByWalking(final SetValue[] sets, final SetBuilder result)
    {
        final SetValue first = sets[0];
        final long[] scratch = new long[1];
        final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
        final boolean longs = first.hasLongMembers();
        final int limit = first.positionLimit();
        for (int position = 0; position < limit; position++)
        {
            if (!first.occupied(position))
            {
                continue;
            }
            if (longs)
            {
                final long value = first.longAt(position);
                if (!inAnyOther(sets, value, digits))
                {
                    result.addLong(value);
                }
            }
            else
            {
                final byte[] array = first.memberArray(position);
                final int offset = first.memberOffset(position);
                final int length = first.memberLength(position);
                if (!inAnyOther(sets, array, offset, length, scratch))
                {
                    result.add(array, offset, length);
                }
            }
        }
    }

    private static boolean inAnyOther(final SetValue[] sets, final long value, final byte[] digits)
    {
        for (int j = 1; j < sets.length; j++)
        {
            if (sets[j] != null && sets[j].containsLong(value, digits))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean inAnyOther(
        final SetValue[] sets, final byte[] array, final int offset, final int length, final long[] scratch)
    {
        for (int j = 1; j < sets.length; j++)
        {
            if (sets[j] != null && sets[j].contains(array, offset, length, scratch))
            {
                return true;
            }
        }
        return false;
    }

    private static void removeAll(final SetValue set, final SetBuilder result)
    {
        final boolean longs = set.hasLongMembers();
        final int limit = set.positionLimit();
        for (int position = 0; position < limit && result.size() > 0; position++)
        {
            if (set.occupied(position))
            {
                if (longs)
                {
                    result.removeLong(set.longAt(position));
                }
                else
                {
                    result.remove(set.memberArray(position), set.memberOffset(position), set.memberLength(position));
                }
            }
        }
    }
}
