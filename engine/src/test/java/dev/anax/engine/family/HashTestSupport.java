package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply builders and keyspace probes for the hash family tests.
 */
final class HashTestSupport
{
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String NIL3 = "_\r\n";
    static final String EMPTY_ARRAY = "*0\r\n";
    static final String ZERO = ":0\r\n";
    static final String ONE = ":1\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";
    static final String EMPTY_SCAN = "*2\r\n$1\r\n0\r\n*0\r\n";

    private HashTestSupport()
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
        for (final String element : elements)
        {
            sb.append(bulk(element));
        }
        return sb.toString();
    }

    /** A RESP3 map of bulk strings, key and value alternating. */
    static String map(final String... elements)
    {
        final StringBuilder sb = new StringBuilder("%").append(elements.length / 2).append("\r\n");
        for (final String element : elements)
        {
            sb.append(bulk(element));
        }
        return sb.toString();
    }

    /** An HSCAN reply. */
    static String scan(final String cursor, final String... elements)
    {
        return "*2\r\n" + bulk(cursor) + bulks(elements);
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The bulk strings of a flat array reply (no nesting), in order.
     */
    static List<String> parseBulks(final String reply)
    {
        final List<String> out = new ArrayList<>();
        int p = reply.indexOf("\r\n") + 2;
        while (p < reply.length())
        {
            final int eol = reply.indexOf("\r\n", p);
            final char type = reply.charAt(p);
            if (type == '$')
            {
                final int length = Integer.parseInt(reply.substring(p + 1, eol));
                out.add(reply.substring(eol + 2, eol + 2 + length));
                p = eol + 2 + length + 2;
            }
            else
            {
                p = eol + 2;
            }
        }
        return out;
    }

    static int shardOf(final EngineHarness h, final String key)
    {
        final byte[] raw = bytes(key);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(raw));
        args.add(0, raw.length);
        return h.engine().dispatchers()[0].shardOf(args, 0);
    }

    /** Keys named prefix0, prefix1 ... that live on different shards (all of them if possible). */
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
        return keys.toArray(new String[0]);
    }

    private static Database db(final EngineHarness h, final String key)
    {
        return h.engine().shards()[shardOf(h, key)].database(0);
    }

    static KeyEntry entry(final EngineHarness h, final String key)
    {
        return db(h, key).get(bytes(key), h.clock().time());
    }

    static String encoding(final EngineHarness h, final String key)
    {
        return Encoding.name(entry(h, key).encoding());
    }

    /** Put a key holding a list, as the list family would. */
    static void putList(final EngineHarness h, final String key)
    {
        final KeyEntry entry = db(h, key).insert(bytes(key));
        entry.set(ValueType.LIST, Encoding.QUICKLIST, new ArrayList<byte[]>());
    }

    /** Set a hash option as CONFIG SET would. */
    static void config(final EngineHarness h, final String name, final long value)
    {
        final String refused = h.config().require(name).set(Long.toString(value));
        if (refused != null)
        {
            throw new IllegalArgumentException(refused);
        }
    }

    /** Switch the default client to RESP3. */
    static void resp3(final EngineHarness h)
    {
        h.client().session().protocol(3);
    }
}
