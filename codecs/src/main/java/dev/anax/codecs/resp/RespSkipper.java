package dev.anax.codecs.resp;

import org.agrona.DirectBuffer;

/**
 * Finds where one complete RESP2/RESP3 value ends, without decoding it: the coordinator uses it
 * to split a shard's array reply into elements.
 */
public final class RespSkipper
{
    private RespSkipper()
    {
    }

    /**
     * @param buffer holding well-formed RESP written by this server.
     * @param offset where a value starts.
     * @return the offset just past the value.
     */
    public static int skip(final DirectBuffer buffer, final int offset)
    {
        final byte type = buffer.getByte(offset);
        final int lineEnd = lineEnd(buffer, offset);
        switch (type)
        {
            case '$':
            case '=':
            case '!':
            {
                final long length = parse(buffer, offset + 1, lineEnd);
                return length < 0 ? lineEnd + 2 : lineEnd + 2 + (int)length + 2;
            }
            case '*':
            case '~':
            case '>':
            case '%':
            case '|':
            {
                long count = parse(buffer, offset + 1, lineEnd);
                if (type == '%' || type == '|')
                {
                    count *= 2;
                }
                int position = lineEnd + 2;
                for (long i = 0; i < count; i++)
                {
                    position = skip(buffer, position);
                }
                return position;
            }
            default:
                return lineEnd + 2;
        }
    }

    /**
     * The integer of a header line, e.g. the count of {@code *3\r\n} or the value of {@code :5\r\n}.
     *
     * @param buffer holding the value.
     * @param offset of its type byte.
     * @return the number after the type byte.
     */
    public static long headerNumber(final DirectBuffer buffer, final int offset)
    {
        return parse(buffer, offset + 1, lineEnd(buffer, offset));
    }

    /**
     * Offset just past the header line of the value at offset (the first element of an array).
     *
     * @param buffer holding the value.
     * @param offset of its type byte.
     * @return offset of what follows the header's CRLF.
     */
    public static int afterHeader(final DirectBuffer buffer, final int offset)
    {
        return lineEnd(buffer, offset) + 2;
    }

    private static int lineEnd(final DirectBuffer buffer, final int offset)
    {
        int i = offset;
        while (buffer.getByte(i) != '\r')
        {
            i++;
        }
        return i;
    }

    private static long parse(final DirectBuffer buffer, final int from, final int to)
    {
        boolean negative = false;
        int i = from;
        if (buffer.getByte(i) == '-')
        {
            negative = true;
            i++;
        }
        long value = 0;
        for (; i < to; i++)
        {
            value = value * 10 + (buffer.getByte(i) - '0');
        }
        return negative ? -value : value;
    }
}
