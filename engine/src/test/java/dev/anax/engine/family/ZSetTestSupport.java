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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reply builders, key placement and helpers filling lists, sets and hashes for the sorted set and SORT tests. Expected replies were taken from
 * redis-server 7.0.15.
 */
final class ZSetTestSupport
{
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String NULL3 = "_\r\n";
    static final String NIL_ARRAY = "*-1\r\n";
    static final String EMPTY_ARRAY = "*0\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";
    static final String NOT_FLOAT_RANGE = "-ERR min or max is not a float\r\n";
    static final String NOT_LEX_RANGE = "-ERR min or max not valid string range item\r\n";

    private ZSetTestSupport()
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

    static String dbl(final String text)
    {
        return "," + text + "\r\n";
    }

    static String error(final String message)
    {
        return "-" + message + "\r\n";
    }

    static String array(final String... elements)
    {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    /** An array of bulk strings. */
    static String bulks(final String... texts)
    {
        final StringBuilder sb = new StringBuilder("*").append(texts.length).append("\r\n");
        for (final String t : texts)
        {
            sb.append(bulk(t));
        }
        return sb.toString();
    }

    /** RESP3 [member, score] pairs: members and score texts alternate. */
    static String pairs3(final String... memberScore)
    {
        final StringBuilder sb = new StringBuilder("*").append(memberScore.length / 2).append("\r\n");
        for (int i = 0; i < memberScore.length; i += 2)
        {
            sb.append("*2\r\n").append(bulk(memberScore[i])).append(dbl(memberScore[i + 1]));
        }
        return sb.toString();
    }

    /** RESP2 [member, score] pairs (ZMPOP's form). */
    static String pairs2(final String... memberScore)
    {
        final StringBuilder sb = new StringBuilder("*").append(memberScore.length / 2).append("\r\n");
        for (int i = 0; i < memberScore.length; i += 2)
        {
            sb.append("*2\r\n").append(bulk(memberScore[i])).append(bulk(memberScore[i + 1]));
        }
        return sb.toString();
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Set an option as CONFIG SET would (CONFIG belongs to another family). */
    static void config(final EngineHarness h, final String name, final String value)
    {
        h.config().setAtStartup(name, value);
    }

    /** Switch the default client to RESP3 (HELLO belongs to another family). */
    static void resp3(final EngineHarness h)
    {
        h.client().session().protocol(3);
    }

    static int shardOf(final EngineHarness h, final String key)
    {
        final byte[] raw = bytes(key);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(raw));
        args.add(0, raw.length);
        return h.engine().dispatchers()[0].shardOf(args, 0);
    }

    /** Keys prefix0, prefix1 ... on distinct shards (all on shard 0 with one shard). */
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

    /** A key named prefix + n on a given shard. */
    static String keyOnShard(final EngineHarness h, final String prefix, final int shard)
    {
        for (int i = 0; ; i++)
        {
            if (shardOf(h, prefix + i) == shard)
            {
                return prefix + i;
            }
        }
    }

    static Database db(final EngineHarness h, final String key)
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

    /** Replace a key with a list of these elements (RPUSH). */
    static void putList(final EngineHarness h, final String key, final String... elements)
    {
        putWith(h, "RPUSH", key, elements);
    }

    /** Replace a key with a set of these members (SADD). */
    static void putSet(final EngineHarness h, final String key, final String... members)
    {
        putWith(h, "SADD", key, members);
    }

    /** Replace a key with a hash of these field/value pairs (HSET). */
    static void putHash(final EngineHarness h, final String key, final String... fieldValues)
    {
        putWith(h, "HSET", key, fieldValues);
    }

    private static void putWith(final EngineHarness h, final String command, final String key, final String... rest)
    {
        h.send("DEL", key);
        final String[] args = new String[rest.length + 2];
        args[0] = command;
        args[1] = key;
        System.arraycopy(rest, 0, args, 2, rest.length);
        h.send(args);
    }
}
