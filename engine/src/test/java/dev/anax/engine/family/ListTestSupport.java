package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.types.list.QuickList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply builders and keyspace probes for the list family tests.
 */
final class ListTestSupport
{
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String NIL_ARRAY = "*-1\r\n";
    static final String NULL3 = "_\r\n";
    static final String EMPTY_ARRAY = "*0\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";

    private ListTestSupport()
    {
    }

    static String bulk(final String text)
    {
        return "$" + text.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + text + "\r\n";
    }

    static String integer(final long value)
    {
        return ":" + value + "\r\n";
    }

    static String error(final String message)
    {
        return "-" + message + "\r\n";
    }

    /** An array of bulk strings. */
    static String bulks(final String... elements)
    {
        final StringBuilder sb = new StringBuilder("*").append(elements.length).append("\r\n");
        for (final String e : elements)
        {
            sb.append(bulk(e));
        }
        return sb.toString();
    }

    /** An array of integers. */
    static String integers(final long... values)
    {
        final StringBuilder sb = new StringBuilder("*").append(values.length).append("\r\n");
        for (final long v : values)
        {
            sb.append(integer(v));
        }
        return sb.toString();
    }

    /** An array of already encoded replies. */
    static String array(final String... elements)
    {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    static String[] concat(final String first, final String second, final String... rest)
    {
        final String[] all = new String[rest.length + 2];
        all[0] = first;
        all[1] = second;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    static int shardOf(final EngineHarness h, final String key)
    {
        final byte[] raw = key.getBytes(StandardCharsets.ISO_8859_1);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(raw));
        args.add(0, raw.length);
        return h.engine().dispatchers()[0].shardOf(args, 0);
    }

    /**
     * Keys named prefix0, prefix1 ... on {@code count} different shards (all on the one shard
     * when there is just one).
     */
    static String[] keysOnDistinctShards(final EngineHarness h, final String prefix, final int count)
    {
        final int shards = h.engine().shards().length;
        final List<String> keys = new ArrayList<>();
        final boolean[] used = new boolean[shards];
        for (int i = 0; keys.size() < count && i < 10_000; i++)
        {
            final String key = prefix + i;
            final int shard = shardOf(h, key);
            if (shards == 1 || !used[shard])
            {
                used[shard] = true;
                keys.add(key);
            }
        }
        if (keys.size() < count)
        {
            throw new IllegalStateException("not enough shards for " + count + " keys");
        }
        return keys.toArray(new String[0]);
    }

    /** The entry of a key in database 0, or null. */
    static KeyEntry entry(final EngineHarness h, final String key)
    {
        return h.engine().shards()[shardOf(h, key)].database(0)
            .get(key.getBytes(StandardCharsets.ISO_8859_1), h.clock().time());
    }

    /** The list value of a key, checked for consistency. */
    static QuickList list(final EngineHarness h, final String key)
    {
        final QuickList list = (QuickList)entry(h, key).value();
        list.validate();
        return list;
    }

    /** RPUSH the given elements, checking the reply. */
    static void rpush(final EngineHarness h, final String key, final String... elements)
    {
        final String[] args = new String[elements.length + 2];
        args[0] = "RPUSH";
        args[1] = key;
        System.arraycopy(elements, 0, args, 2, elements.length);
        final String reply = h.send(args);
        if (!reply.startsWith(":"))
        {
            throw new IllegalStateException(reply);
        }
    }
}
