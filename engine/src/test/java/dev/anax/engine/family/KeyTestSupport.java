package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers shared by the keyspace family tests: RESP literals, keys placed on chosen shards and
 * direct access to a shard's database for setting up encodings and types no command creates yet.
 */
final class KeyTestSupport
{
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String EMPTY = "*0\r\n";

    private KeyTestSupport()
    {
    }

    static String integer(final long value)
    {
        return ":" + value + "\r\n";
    }

    static String bulk(final String value)
    {
        return "$" + value.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + value + "\r\n";
    }

    static String error(final String message)
    {
        return "-" + message + "\r\n";
    }

    static String array(final String... bulks)
    {
        final StringBuilder sb = new StringBuilder("*").append(bulks.length).append("\r\n");
        for (final String b : bulks)
        {
            sb.append(bulk(b));
        }
        return sb.toString();
    }

    /**
     * @param h   the harness.
     * @param key a key.
     * @return the shard owning it.
     */
    static int shardOf(final EngineHarness h, final String key)
    {
        final byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(bytes));
        args.add(0, bytes.length);
        return h.engine().dispatchers()[0].shardOf(args, 0);
    }

    /**
     * A key starting with a prefix that lives on a given shard.
     *
     * @param h      the harness.
     * @param prefix of the key.
     * @param shard  wanted shard.
     * @return the key.
     */
    static String keyOnShard(final EngineHarness h, final String prefix, final int shard)
    {
        final int shards = h.engine().shards().length;
        for (int i = 0; ; i++)
        {
            final String key = prefix + i;
            if (shardOf(h, key) == shard % shards)
            {
                return key;
            }
        }
    }

    /**
     * Two keys on different shards (on the same one with a single shard).
     *
     * @param h      the harness.
     * @param first  prefix of the first key.
     * @param second prefix of the second key.
     * @return the two keys.
     */
    static String[] keysOnTwoShards(final EngineHarness h, final String first, final String second)
    {
        return new String[] {keyOnShard(h, first, 0), keyOnShard(h, second, 1)};
    }

    /**
     * The database of the shard that owns a key.
     *
     * @param h   the harness.
     * @param key the key.
     * @param db  database index.
     * @return the shard's database.
     */
    static Database dbOf(final EngineHarness h, final String key, final int db)
    {
        return h.engine().shards()[shardOf(h, key)].database(db);
    }

    /**
     * Store a value directly in the owning shard's database (test set-up only).
     *
     * @param h        the harness.
     * @param key      the key.
     * @param type     value type.
     * @param encoding encoding.
     * @param value    the value.
     * @return the entry.
     */
    static KeyEntry put(final EngineHarness h, final String key, final byte type, final byte encoding, final Object value)
    {
        final Database db = dbOf(h, key, 0);
        KeyEntry entry = db.get(key.getBytes(StandardCharsets.UTF_8), h.clock().time());
        if (entry == null)
        {
            entry = db.insert(key.getBytes(StandardCharsets.UTF_8));
        }
        entry.set(type, encoding, value);
        entry.touch(h.clock().time());
        return entry;
    }

    /**
     * A string stored with the encoding Redis would give it.
     *
     * @param h     the harness.
     * @param key   the key.
     * @param value the string.
     */
    static void putString(final EngineHarness h, final String key, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        final byte encoding;
        if (isCanonicalLong(value))
        {
            encoding = Encoding.INT;
        }
        else if (bytes.length <= Encoding.EMBSTR_MAX)
        {
            encoding = Encoding.EMBSTR;
        }
        else
        {
            encoding = Encoding.RAW;
        }
        put(h, key, dev.anax.engine.keyspace.ValueType.STRING, encoding, bytes);
    }

    private static boolean isCanonicalLong(final String value)
    {
        try
        {
            return value.length() <= 20 && Long.toString(Long.parseLong(value)).equals(value);
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /**
     * Parse a SCAN reply into its cursor and keys.
     *
     * @param reply raw RESP.
     * @param keys  receives the keys.
     * @return the next cursor.
     */
    static String parseScan(final String reply, final List<String> keys)
    {
        final String[] lines = reply.split("\r\n", -1);
        // *2, $n, cursor, *k, then ($n, key) pairs
        final String cursor = lines[2];
        final int count = Integer.parseInt(lines[3].substring(1));
        for (int i = 0; i < count; i++)
        {
            keys.add(lines[5 + 2 * i]);
        }
        return cursor;
    }

    /**
     * Parse a flat array of bulk strings.
     *
     * @param reply raw RESP.
     * @return the strings.
     */
    static List<String> parseArray(final String reply)
    {
        final String[] lines = reply.split("\r\n", -1);
        final int count = Integer.parseInt(lines[0].substring(1));
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            out.add(lines[2 + 2 * i]);
        }
        return out;
    }
}
