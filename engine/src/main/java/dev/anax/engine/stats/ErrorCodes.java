package dev.anax.engine.stats;

import org.agrona.DirectBuffer;

/**
 * The error codes INFO errorstats reports: the first word of an error reply, as Redis counts
 * them. The table is fixed so that per-thread counters stay a flat array; a code not listed is
 * counted in the total only.
 */
public final class ErrorCodes
{
    private static final String[] CODES = {
        "ERR", "WRONGTYPE", "NOAUTH", "WRONGPASS", "NOPROTO", "OOM", "EXECABORT", "BUSYKEY", "NOSCRIPT",
        "NOGROUP", "BUSYGROUP", "BUSY", "LOADING", "MISCONF", "NOPERM", "NOREPLICAS", "READONLY", "MASTERDOWN",
        "UNBLOCKED", "CROSSSLOT", "MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "UNKILLABLE", "NOTBUSY",
        "NOTFOUND",
    };

    /** Index of the bucket of codes not in the table. */
    public static final int OTHER = CODES.length;

    private ErrorCodes()
    {
    }

    /** @return number of buckets, the unlisted one included. */
    public static int count()
    {
        return CODES.length + 1;
    }

    /**
     * @param index bucket.
     * @return the code, or null for the bucket of unlisted codes.
     */
    public static String name(final int index)
    {
        return index < CODES.length ? CODES[index] : null;
    }

    /**
     * Find the bucket of an error message (without its '-').
     *
     * @param buffer holding the message.
     * @param offset of its first character.
     * @param length bytes available.
     * @return bucket index.
     */
    public static int classify(final DirectBuffer buffer, final int offset, final int length)
    {
        int end = 0;
        while (end < length)
        {
            final byte b = buffer.getByte(offset + end);
            if (b == ' ' || b == '\r' || b == '\n')
            {
                break;
            }
            end++;
        }
        for (int i = 0; i < CODES.length; i++)
        {
            final String code = CODES[i];
            if (code.length() == end && matches(buffer, offset, code))
            {
                return i;
            }
        }
        return OTHER;
    }

    private static boolean matches(final DirectBuffer buffer, final int offset, final String code)
    {
        for (int i = 0; i < code.length(); i++)
        {
            if (buffer.getByte(offset + i) != code.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
