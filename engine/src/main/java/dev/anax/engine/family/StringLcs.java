package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.RespErrors;

/**
 * LCS: the options of the command and the longest common subsequence of two strings, computed
 * with the classic dynamic-programming table and walked back from the end the way Redis 7.0
 * walks it, so that IDX reports the same ranges in the same order. Used by the shard when both
 * keys live there and by the coordinator when they do not.
 */
public final class StringLcs
{
    /** Either key holds something other than a string. */
    public static final String NOT_STRINGS = "ERR The specified keys must contain string values";
    /** Both LEN and IDX were given. */
    public static final String LEN_AND_IDX = "ERR If you want both the length and indexes, please just use IDX.";
    /** The table would be larger than proto-max-bulk-len. */
    public static final String TABLE_TOO_LARGE =
        "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    /** The table could not be allocated. */
    public static final String TABLE_ALLOCATION_FAILED =
        "ERR Insufficient memory, failed allocating transient memory for LCS";

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_TABLE_CELLS = Integer.MAX_VALUE - 8;

    private StringLcs()
    {
    }

    /**
     * The options of one LCS request, or the first error met while reading them.
     *
     * @param idx          IDX was given.
     * @param len          LEN was given.
     * @param withMatchLen WITHMATCHLEN was given.
     * @param minMatchLen  MINMATCHLEN, 0 when absent or negative.
     * @param error        the error to reply once the keys were found to be strings, or null.
     */
    public record Options(boolean idx, boolean len, boolean withMatchLen, long minMatchLen, String error)
    {
    }

    /**
     * Read the options as Redis does: words compared up to a NUL ignoring case, MINMATCHLEN needs
     * an integer after it, anything else is a syntax error; the first error wins.
     *
     * @param args    the request.
     * @param from    index of the first option (3).
     * @param scratch one-element array for parsing.
     * @return the options.
     */
    public static Options parse(final CommandArgs args, final int from, final long[] scratch)
    {
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        final int argc = args.count();
        for (int j = from; j < argc; j++)
        {
            if (StringValues.isOption(args, j, "idx"))
            {
                idx = true;
            }
            else if (StringValues.isOption(args, j, "len"))
            {
                len = true;
            }
            else if (StringValues.isOption(args, j, "withmatchlen"))
            {
                withMatchLen = true;
            }
            else if (StringValues.isOption(args, j, "minmatchlen") && j + 1 < argc)
            {
                if (!args.parseLong(j + 1, scratch))
                {
                    return new Options(idx, len, withMatchLen, minMatchLen, RespErrors.NOT_INTEGER);
                }
                minMatchLen = Math.max(0, scratch[0]);
                j++;
            }
            else
            {
                return new Options(idx, len, withMatchLen, minMatchLen, RespErrors.SYNTAX);
            }
        }
        if (idx && len)
        {
            return new Options(idx, len, withMatchLen, minMatchLen, LEN_AND_IDX);
        }
        return new Options(idx, len, withMatchLen, minMatchLen, null);
    }

    /**
     * Write the reply of LCS for two strings whose keys were found to be strings (or missing).
     *
     * @param out         where the reply goes.
     * @param a           first string, null for a missing key.
     * @param b           second string, null for a missing key.
     * @param options     the parsed options.
     * @param maxTableLen proto-max-bulk-len: the largest table, in bytes of 32-bit cells.
     */
    public static void reply(
        final RespWriter out, final byte[] a, final byte[] b, final Options options, final long maxTableLen)
    {
        if (options.error() != null)
        {
            out.error(options.error());
            return;
        }
        final byte[] x = a == null ? EMPTY : a;
        final byte[] y = b == null ? EMPTY : b;
        final long cells = (long)(x.length + 1) * (y.length + 1);
        if (cells * 4 > maxTableLen)
        {
            out.error(TABLE_TOO_LARGE);
            return;
        }
        if (cells > MAX_TABLE_CELLS)
        {
            out.error(TABLE_ALLOCATION_FAILED);
            return;
        }
        if (options.len() && !options.idx())
        {
            out.integer(lengthOnly(x, y));
            return;
        }
        final int[] table;
        try
        {
            table = new int[(int)cells];
        }
        catch (final OutOfMemoryError ex)
        {
            out.error(TABLE_ALLOCATION_FAILED);
            return;
        }
        fill(table, x, y);
        walk(out, table, x, y, options);
    }

    private static int lengthOnly(final byte[] x, final byte[] y)
    {
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int i = 1; i <= x.length; i++)
        {
            final byte xi = x[i - 1];
            for (int j = 1; j <= y.length; j++)
            {
                current[j] = xi == y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    private static void fill(final int[] table, final byte[] x, final byte[] y)
    {
        final int width = y.length + 1;
        for (int i = 1; i <= x.length; i++)
        {
            final byte xi = x[i - 1];
            final int row = i * width;
            final int above = row - width;
            for (int j = 1; j <= y.length; j++)
            {
                table[row + j] = xi == y[j - 1] ?
                    table[above + j - 1] + 1 : Math.max(table[above + j], table[row + j - 1]);
            }
        }
    }

    /**
     * Walk back from the end of both strings: a common byte joins the subsequence and extends the
     * current range backwards; otherwise step along the larger neighbour (towards a shorter
     * second string on ties) and close the range. A range is also closed when it reaches the start
     * of either string.
     */
    private static void walk(
        final RespWriter out, final int[] table, final byte[] x, final byte[] y, final Options options)
    {
        final int width = y.length + 1;
        final int length = table[x.length * width + y.length];
        final byte[] common = new byte[length];
        int[] ranges = options.idx() ? new int[16] : null;
        int rangeCount = 0;
        int k = length;
        int i = x.length;
        int j = y.length;
        boolean open = false;
        int aStart = 0;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0)
        {
            boolean close = false;
            if (x[i - 1] == y[j - 1])
            {
                common[--k] = x[i - 1];
                if (!open)
                {
                    open = true;
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                }
                else if (aStart == i && bStart == j)
                {
                    aStart--;
                    bStart--;
                }
                else
                {
                    close = true;
                }
                if (aStart == 0 || bStart == 0)
                {
                    close = true;
                }
                i--;
                j--;
            }
            else
            {
                if (table[(i - 1) * width + j] > table[i * width + j - 1])
                {
                    i--;
                }
                else
                {
                    j--;
                }
                close = open;
            }
            if (close)
            {
                final int matchLen = aEnd - aStart + 1;
                if (ranges != null && (options.minMatchLen() == 0 || matchLen >= options.minMatchLen()))
                {
                    if (rangeCount * 4 + 4 > ranges.length)
                    {
                        ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
                    }
                    ranges[rangeCount * 4] = aStart;
                    ranges[rangeCount * 4 + 1] = aEnd;
                    ranges[rangeCount * 4 + 2] = bStart;
                    ranges[rangeCount * 4 + 3] = bEnd;
                    rangeCount++;
                }
                open = false;
            }
        }
        if (ranges == null)
        {
            out.bulk(common);
            return;
        }
        final boolean withLen = options.withMatchLen();
        out.mapHeader(2);
        out.bulk("matches");
        out.arrayHeader(rangeCount);
        for (int r = 0; r < rangeCount; r++)
        {
            final int base = r * 4;
            out.arrayHeader(withLen ? 3 : 2);
            out.arrayHeader(2);
            out.integer(ranges[base]);
            out.integer(ranges[base + 1]);
            out.arrayHeader(2);
            out.integer(ranges[base + 2]);
            out.integer(ranges[base + 3]);
            if (withLen)
            {
                out.integer(ranges[base + 1] - ranges[base] + 1);
            }
        }
        out.bulk("len");
        out.integer(length);
    }
}
