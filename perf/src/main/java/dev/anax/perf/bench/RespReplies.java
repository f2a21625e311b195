package dev.anax.perf.bench;

/**
 * Finds where a complete RESP2/RESP3 reply ends in a byte array, without allocating.
 */
public final class RespReplies
{
    /** The reply is not complete yet. */
    public static final int INCOMPLETE = -1;
    /** The bytes are not RESP. */
    public static final int MALFORMED = -2;

    private RespReplies()
    {
    }

    /**
     * @param b     bytes.
     * @param pos   where a reply starts.
     * @param limit end of the valid bytes.
     * @return the index just past the reply, {@link #INCOMPLETE} or {@link #MALFORMED}.
     */
    public static int scan(final byte[] b, final int pos, final int limit)
    {
        if (pos >= limit)
        {
            return INCOMPLETE;
        }
        final int eol = lineEnd(b, pos + 1, limit);
        if (eol < 0)
        {
            return INCOMPLETE;
        }
        switch (b[pos])
        {
            case '+': case '-': case ':': case '_': case '#': case ',': case '(':
                return eol + 2;
            case '$': case '!': case '=':
            {
                final long len = parseLong(b, pos + 1, eol);
                if (len == Long.MIN_VALUE || len < -1)
                {
                    return MALFORMED;
                }
                if (len == -1)
                {
                    return eol + 2;
                }
                final long end = eol + 2 + len + 2;
                if (end > limit)
                {
                    return INCOMPLETE;
                }
                return (int)end;
            }
            case '*': case '~': case '>': case '%': case '|':
            {
                long n = parseLong(b, pos + 1, eol);
                if (n == Long.MIN_VALUE || n < -1)
                {
                    return MALFORMED;
                }
                if (b[pos] == '%' || b[pos] == '|')
                {
                    n *= 2;
                }
                int p = eol + 2;
                for (long i = 0; i < n; i++)
                {
                    p = scan(b, p, limit);
                    if (p < 0)
                    {
                        return p;
                    }
                }
                return p;
            }
            default:
                return MALFORMED;
        }
    }

    /**
     * @param b     bytes.
     * @param from  first byte to look at.
     * @param limit end of the valid bytes.
     * @return index of the {@code \r} of the next {@code \r\n}, or -1.
     */
    static int lineEnd(final byte[] b, final int from, final int limit)
    {
        for (int i = from; i + 1 < limit; i++)
        {
            if (b[i] == '\r' && b[i + 1] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param b    bytes.
     * @param from first digit (or '-').
     * @param to   end (exclusive).
     * @return the number, or {@code Long.MIN_VALUE} if it is not one.
     */
    static long parseLong(final byte[] b, final int from, final int to)
    {
        if (from >= to)
        {
            return Long.MIN_VALUE;
        }
        boolean negative = false;
        int i = from;
        if (b[i] == '-')
        {
            negative = true;
            i++;
            if (i == to)
            {
                return Long.MIN_VALUE;
            }
        }
        long v = 0;
        for (; i < to; i++)
        {
            final int d = b[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10)
            {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
