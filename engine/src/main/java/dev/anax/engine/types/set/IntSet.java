package dev.anax.engine.types.set;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A set of 64-bit integers packed in one sorted byte array, as Redis's intset: every member
 * takes the same width (2, 4 or 8 bytes), the smallest that holds them all, and the array is
 * upgraded to a wider width when a member that does not fit arrives (never narrowed again).
 * <pre>
 *   0        1                2                                   1 + n * w
 *   +--------+----------------+----------------+-----+------------+
 *   | w      | member 0       | member 1       | ... | member n-1 |
 *   +--------+----------------+----------------+-----+------------+
 *   w = 2, 4 or 8; members little-endian two's complement, strictly ascending
 * </pre>
 * The array is exactly as long as its members need: adding or removing a member makes a new
 * array (the caller stores it), which costs one copy, as Redis's realloc and memmove do. Lookups
 * are binary searches. The class only has static methods over such arrays; an array is never
 * modified once built, so it may be read by several threads.
 */
public final class IntSet
{
    /** Bytes before the first member. */
    public static final int HEADER = 1;

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] EMPTY = {2};

    private IntSet()
    {
    }

    /**
     * @return an empty set of the narrowest width (shared: it is never modified).
     */
    public static byte[] empty()
    {
        return EMPTY;
    }

    /**
     * @param set an intset array.
     * @return the number of members.
     */
    public static int size(final byte[] set)
    {
        return (set.length - HEADER) / set[0];
    }

    /**
     * @param set an intset array.
     * @return the width of every member in bytes: 2, 4 or 8.
     */
    public static int width(final byte[] set)
    {
        return set[0];
    }

    /**
     * The smallest width that holds a value.
     *
     * @param value the value.
     * @return 2, 4 or 8.
     */
    public static int widthOf(final long value)
    {
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE)
        {
            return 2;
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? 4 : 8;
    }

    /**
     * The member at a position, in ascending order.
     *
     * @param set   an intset array.
     * @param index from 0 to size - 1.
     * @return the member.
     */
    public static long get(final byte[] set, final int index)
    {
        final int width = set[0];
        return read(set, width, HEADER + index * width);
    }

    private static long read(final byte[] set, final int width, final int at)
    {
        switch (width)
        {
            case 2:
                return (short)SHORTS.get(set, at);
            case 4:
                return (int)INTS.get(set, at);
            default:
                return (long)LONGS.get(set, at);
        }
    }

    private static void write(final byte[] set, final int width, final int at, final long value)
    {
        switch (width)
        {
            case 2:
                SHORTS.set(set, at, (short)value);
                break;
            case 4:
                INTS.set(set, at, (int)value);
                break;
            default:
                LONGS.set(set, at, value);
                break;
        }
    }

    /**
     * Binary search.
     *
     * @param set   an intset array.
     * @param value the value to find.
     * @return its index, or {@code -(insertion point) - 1} when absent.
     */
    public static int indexOf(final byte[] set, final long value)
    {
        final int width = set[0];
        if (widthOf(value) > width)
        {
            return value < 0 ? -1 : -size(set) - 1;
        }
        int low = 0;
        int high = size(set) - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long member = read(set, width, HEADER + mid * width);
            if (member < value)
            {
                low = mid + 1;
            }
            else if (member > value)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -low - 1;
    }

    /**
     * @param set   an intset array.
     * @param value the value.
     * @return true when it is a member.
     */
    public static boolean contains(final byte[] set, final long value)
    {
        return indexOf(set, value) >= 0;
    }

    /**
     * Add a member.
     *
     * @param set   an intset array (not modified).
     * @param value the value to add.
     * @return a new array holding the value too, or {@code set} itself when it was a member.
     */
    public static byte[] add(final byte[] set, final long value)
    {
        final int width = set[0];
        final int size = size(set);
        final int needed = widthOf(value);
        if (needed > width)
        {
            // The value is outside every member's range: it goes first or last.
            final byte[] wider = new byte[HEADER + (size + 1) * needed];
            wider[0] = (byte)needed;
            final int shift = value < 0 ? 1 : 0;
            for (int i = 0; i < size; i++)
            {
                write(wider, needed, HEADER + (i + shift) * needed, read(set, width, HEADER + i * width));
            }
            write(wider, needed, value < 0 ? HEADER : HEADER + size * needed, value);
            return wider;
        }
        final int found = indexOf(set, value);
        if (found >= 0)
        {
            return set;
        }
        final int at = HEADER + (-found - 1) * width;
        final byte[] grown = new byte[set.length + width];
        System.arraycopy(set, 0, grown, 0, at);
        write(grown, width, at, value);
        System.arraycopy(set, at, grown, at + width, set.length - at);
        return grown;
    }

    /**
     * Remove a member.
     *
     * @param set   an intset array (not modified).
     * @param value the value to remove.
     * @return a new array without the value, or {@code set} itself when it was not a member.
     */
    public static byte[] remove(final byte[] set, final long value)
    {
        final int found = indexOf(set, value);
        return found < 0 ? set : removeAt(set, found);
    }

    /**
     * Remove the member at a position.
     *
     * @param set   an intset array (not modified).
     * @param index of the member.
     * @return a new array without it.
     */
    public static byte[] removeAt(final byte[] set, final int index)
    {
        final int width = set[0];
        final int at = HEADER + index * width;
        final byte[] shrunk = new byte[set.length - width];
        System.arraycopy(set, 0, shrunk, 0, at);
        System.arraycopy(set, at + width, shrunk, at, set.length - at - width);
        return shrunk;
    }

    /**
     * Build a set from values that are already strictly ascending.
     *
     * @param values ascending, distinct.
     * @param count  how many of them.
     * @return the intset array.
     */
    public static byte[] ofSorted(final long[] values, final int count)
    {
        if (count == 0)
        {
            return EMPTY;
        }
        final int width = Math.max(widthOf(values[0]), widthOf(values[count - 1]));
        final byte[] set = new byte[HEADER + count * width];
        set[0] = (byte)width;
        for (int i = 0; i < count; i++)
        {
            write(set, width, HEADER + i * width, values[i]);
        }
        return set;
    }
}
