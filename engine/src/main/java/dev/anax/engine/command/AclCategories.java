package dev.anax.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * ACL categories as bits, named as Redis 7 names them (without the '@').
 */
public final class AclCategories
{
    static final String[] NAMES = {
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo",
        "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
        "scripting",
    };

    private AclCategories()
    {
    }

    /**
     * Parse "@read,@string" ("-" for none).
     *
     * @param text the list.
     * @return bits.
     */
    public static long parse(final String text)
    {
        long bits = 0;
        if (!text.equals("-"))
        {
            for (final String name : text.split(","))
            {
                bits |= 1L << index(name.startsWith("@") ? name.substring(1) : name);
            }
        }
        return bits;
    }

    private static int index(final String name)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equals(name))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown ACL category: " + name);
    }

    /**
     * The names of the set bits with a leading '@', in Redis's order.
     *
     * @param bits categories.
     * @return names.
     */
    public static List<String> names(final long bits)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++)
        {
            if ((bits & (1L << i)) != 0)
            {
                names.add("@" + NAMES[i]);
            }
        }
        return names;
    }
}
