package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.anax.engine.family.StringTestSupport.bulk;

/**
 * Reply builders and parsers for the set family tests.
 */
final class SetTestSupport
{
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String ZERO = ":0\r\n";
    static final String ONE = ":1\r\n";
    static final String EMPTY_ARRAY = "*0\r\n";
    static final String EMPTY_SET3 = "~0\r\n";

    private SetTestSupport()
    {
    }

    /** An array of bulk strings. */
    static String bulks(final String... members)
    {
        final StringBuilder sb = new StringBuilder("*").append(members.length).append("\r\n");
        for (final String member : members)
        {
            sb.append(bulk(member));
        }
        return sb.toString();
    }

    /** A RESP3 set of bulk strings. */
    static String set3(final String... members)
    {
        return "~" + bulks(members).substring(1);
    }

    /** An array of integers. */
    static String integers(final long... values)
    {
        final StringBuilder sb = new StringBuilder("*").append(values.length).append("\r\n");
        for (final long value : values)
        {
            sb.append(':').append(value).append("\r\n");
        }
        return sb.toString();
    }

    /**
     * The bulk strings of a flat array or set reply, in reply order.
     */
    static List<String> elements(final String reply)
    {
        final List<String> elements = new ArrayList<>();
        int at = reply.indexOf("\r\n");
        final char type = reply.charAt(0);
        if (type != '*' && type != '~')
        {
            throw new IllegalArgumentException("not an array: " + reply);
        }
        final int count = Integer.parseInt(reply.substring(1, at));
        at += 2;
        for (int i = 0; i < count; i++)
        {
            final int lineEnd = reply.indexOf("\r\n", at);
            final int length = Integer.parseInt(reply.substring(at + 1, lineEnd));
            elements.add(reply.substring(lineEnd + 2, lineEnd + 2 + length));
            at = lineEnd + 2 + length + 2;
        }
        if (at != reply.length())
        {
            throw new IllegalArgumentException("trailing bytes: " + reply);
        }
        return elements;
    }

    /** The elements of a reply, sorted. */
    static List<String> sorted(final String reply)
    {
        final List<String> elements = elements(reply);
        Collections.sort(elements);
        return elements;
    }

    /** The given strings, sorted. */
    static List<String> sortedOf(final String... members)
    {
        final List<String> list = new ArrayList<>(List.of(members));
        Collections.sort(list);
        return list;
    }

    /** The members 0 to count - 1 as text. */
    static String[] range(final int from, final int to)
    {
        final String[] members = new String[to - from];
        for (int i = from; i < to; i++)
        {
            members[i - from] = Integer.toString(i);
        }
        return members;
    }

    /** SADD key members..., asserting the reply. */
    static void sadd(final EngineHarness h, final String key, final String... members)
    {
        final String[] args = new String[members.length + 2];
        args[0] = "SADD";
        args[1] = key;
        System.arraycopy(members, 0, args, 2, members.length);
        final String reply = h.send(args);
        if (!reply.startsWith(":"))
        {
            throw new IllegalStateException(reply);
        }
    }

    /** Set an option as CONFIG SET would. */
    static void config(final EngineHarness h, final String name, final String value)
    {
        final String error = h.config().require(name).set(value);
        if (error != null)
        {
            throw new IllegalStateException(error);
        }
    }
}
