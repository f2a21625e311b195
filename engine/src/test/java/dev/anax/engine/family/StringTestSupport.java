package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply builders and keyspace probes for the string family tests. The harness steps the shards on
 * the test's thread, so the tests may look at a shard's database between commands.
 */
final class StringTestSupport
{
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String EMPTY = "$0\r\n\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";
    static final long START_MS = 1_700_000_000_000L;

    private StringTestSupport()
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

    static String array(final String... elements)
    {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String repeat(final char c, final int count)
    {
        return String.valueOf(c).repeat(count);
    }

    /**
     * The shard that owns a key.
     */
    static int shardOf(final EngineHarness h, final String key)
    {
        final byte[] raw = bytes(key);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(raw));
        args.add(0, raw.length);
        return h.engine().dispatchers()[0].shardOf(args, 0);
    }

    /**
     * Keys named prefix0, prefix1 ... that live on {@code count} different shards (or on the one
     * shard when there is just one).
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

    /**
     * A second key on the same shard as {@code key}.
     */
    static String keyOnSameShard(final EngineHarness h, final String key, final String prefix)
    {
        final int shard = shardOf(h, key);
        for (int i = 0; ; i++)
        {
            if (shardOf(h, prefix + i) == shard && !(prefix + i).equals(key))
            {
                return prefix + i;
            }
        }
    }

    private static Database db(final EngineHarness h, final String key)
    {
        return h.engine().shards()[shardOf(h, key)].database(0);
    }

    /**
     * The entry of a key, or null (an expired key is deleted as a lookup would).
     */
    static KeyEntry entry(final EngineHarness h, final String key)
    {
        return db(h, key).get(bytes(key), h.clock().time());
    }

    /**
     * OBJECT ENCODING's name for a key's value.
     */
    static String encoding(final EngineHarness h, final String key)
    {
        return dev.anax.engine.keyspace.Encoding.name(entry(h, key).encoding());
    }

    /**
     * The absolute expiry of a key, 0 for none.
     */
    static long expireAt(final EngineHarness h, final String key)
    {
        return entry(h, key).expireAtMs();
    }

    /**
     * Number of keys in the shard's database 0, counting expired ones not yet deleted.
     */
    static int rawSize(final EngineHarness h, final String key)
    {
        return db(h, key).size();
    }

    /**
     * Put a key holding a list, as the list family would.
     */
    static void putList(final EngineHarness h, final String key)
    {
        final Database db = db(h, key);
        final KeyEntry entry = db.insert(bytes(key));
        entry.set(ValueType.LIST, (byte)0, new ArrayList<byte[]>());
    }
}
