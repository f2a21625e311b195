package dev.anax.tools.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One RESP reply as a value: its type byte, the bytes of a scalar, the elements of an aggregate.
 * Two replies are equal when they have the same type, bytes and elements, which for RESP2 is
 * the same as having the same bytes on the wire.
 * <p>
 * Types are the RESP type bytes ({@code + - : $ *} and RESP3's {@code _ , # ( ! = % ~ >}); a null
 * bulk string is {@code $} with null data, a null array {@code *} with null elements.
 * {@link #FAILURE} is not RESP: the server sent nothing usable (timeout, closed connection,
 * protocol error), and the data says what happened.
 */
public final class Reply
{
    /** Pseudo type of a transport failure. */
    public static final char FAILURE = 'X';

    private final char type;
    private final byte[] data;
    private final List<Reply> elements;

    private Reply(final char type, final byte[] data, final List<Reply> elements)
    {
        this.type = type;
        this.data = data;
        this.elements = elements;
    }

    /**
     * A scalar reply.
     *
     * @param type RESP type byte.
     * @param data its bytes (the line of a simple type, the payload of a bulk type), null for a
     *             null bulk string.
     * @return the reply.
     */
    public static Reply scalar(final char type, final byte[] data)
    {
        return new Reply(type, data, null);
    }

    /**
     * An aggregate reply.
     *
     * @param type     RESP type byte ({@code * % ~ >}).
     * @param elements its elements (a map's keys and values alternate), null for a null array.
     * @return the reply.
     */
    public static Reply aggregate(final char type, final List<Reply> elements)
    {
        return new Reply(type, null, elements == null ? null : Collections.unmodifiableList(new ArrayList<>(elements)));
    }

    /**
     * @param text the status text.
     * @return a simple string reply.
     */
    public static Reply status(final String text)
    {
        return scalar('+', text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param text the error, with its code.
     * @return an error reply.
     */
    public static Reply error(final String text)
    {
        return scalar('-', text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param value the integer.
     * @return an integer reply.
     */
    public static Reply integer(final long value)
    {
        return scalar(':', Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param value the bytes, or null for a null bulk string.
     * @return a bulk string reply.
     */
    public static Reply bulk(final byte[] value)
    {
        return scalar('$', value);
    }

    /**
     * @param value the text (UTF-8).
     * @return a bulk string reply.
     */
    public static Reply bulk(final String value)
    {
        return scalar('$', value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param elements the elements.
     * @return an array reply.
     */
    public static Reply array(final List<Reply> elements)
    {
        return aggregate('*', elements);
    }

    /**
     * @param elements the elements.
     * @return an array reply.
     */
    public static Reply array(final Reply... elements)
    {
        return aggregate('*', Arrays.asList(elements));
    }

    /**
     * @param what what went wrong.
     * @return a transport failure.
     */
    public static Reply failure(final String what)
    {
        return scalar(FAILURE, what.getBytes(StandardCharsets.UTF_8));
    }

    public char type()
    {
        return type;
    }

    /** @return the scalar's bytes; null for aggregates and null bulk strings. */
    public byte[] data()
    {
        return data;
    }

    /** @return the elements of an aggregate; null for scalars and null arrays. */
    public List<Reply> elements()
    {
        return elements;
    }

    /** @return whether this is an aggregate type. */
    public boolean isAggregate()
    {
        return type == '*' || type == '%' || type == '~' || type == '>';
    }

    /** @return whether this is an error reply (simple or bulk). */
    public boolean isError()
    {
        return type == '-' || type == '!';
    }

    /** @return whether this is a transport failure. */
    public boolean isFailure()
    {
        return type == FAILURE;
    }

    /** @return whether this is a null (null bulk, null array, RESP3 null). */
    public boolean isNull()
    {
        return type == '_' || (isAggregate() ? elements == null : (data == null && type != FAILURE));
    }

    /** @return the scalar's bytes as UTF-8 text, "" for nulls and aggregates. */
    public String text()
    {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }

    /**
     * @return the integer value of an integer reply, or of a bulk/simple string holding one.
     * @throws NumberFormatException if it holds none.
     */
    public long asLong()
    {
        return Long.parseLong(text());
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Reply))
        {
            return false;
        }
        final Reply other = (Reply)o;
        return type == other.type && Arrays.equals(data, other.data) &&
            (elements == null ? other.elements == null : elements.equals(other.elements));
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * type + Arrays.hashCode(data)) + (elements == null ? 0 : elements.hashCode());
    }

    /**
     * How redis-cli shows a reply, on one line, with the type visible and binary escaped:
     * {@code "foo"}, {@code (integer) 1}, {@code (error) ERR ...}, {@code (nil)},
     * {@code [1) "a", 2) "b"]}.
     *
     * @return the rendering.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    private void render(final StringBuilder sb)
    {
        switch (type)
        {
            case '+':
                sb.append("(status) ");
                appendEscaped(sb, data);
                return;
            case '-':
            case '!':
                sb.append("(error) ");
                appendEscaped(sb, data);
                return;
            case ':':
                sb.append("(integer) ").append(text());
                return;
            case ',':
                sb.append("(double) ").append(text());
                return;
            case '(':
                sb.append("(big number) ").append(text());
                return;
            case '#':
                sb.append("(boolean) ").append(text());
                return;
            case '_':
                sb.append("(null)");
                return;
            case FAILURE:
                sb.append("(no reply: ").append(text()).append(')');
                return;
            case '$':
            case '=':
                if (data == null)
                {
                    sb.append("(nil)");
                }
                else
                {
                    sb.append('"');
                    appendEscaped(sb, data);
                    sb.append('"');
                }
                return;
            default:
                break;
        }
        if (elements == null)
        {
            sb.append("(nil array)");
            return;
        }
        final String open = type == '%' ? "{" : type == '~' ? "(set)[" : type == '>' ? "(push)[" : "[";
        sb.append(open);
        for (int i = 0; i < elements.size(); i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(i + 1).append(") ");
            elements.get(i).render(sb);
        }
        sb.append(type == '%' ? "}" : "]");
    }

    /**
     * Append bytes as redis-cli's quoted strings do: printable ASCII as is, {@code \" \\ \n \r \t},
     * other bytes as {@code \xHH}.
     *
     * @param sb    where to append.
     * @param bytes what to append.
     */
    static void appendEscaped(final StringBuilder sb, final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            final int c = b & 0xFF;
            switch (c)
            {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c >= 0x20 && c < 0x7F)
                    {
                        sb.append((char)c);
                    }
                    else
                    {
                        sb.append(String.format("\\x%02x", c));
                    }
            }
        }
    }
}
