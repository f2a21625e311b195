package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.Coordinated;
import dev.anax.engine.coord.FanOut;
import dev.anax.engine.coord.Merge;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * DEBUG, allowed by the {@code enable-debug-command} option (no, yes or local, "no" by default
 * as in Redis 7). The coordinator routes each subcommand where it must run:
 * <ul>
 *   <li>SLEEP and SET-ACTIVE-EXPIRE go to every shard: Redis stops serving everything while it
 *       sleeps, so every shard parks before it replies;</li>
 *   <li>OBJECT goes to the shard owning the key;</li>
 *   <li>PROTOCOL, LOG and HELP are answered on the I/O thread.</li>
 * </ul>
 */
final class DebugCommand implements Coordinated
{
    static final String NOT_ALLOWED =
        "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it " +
        "from a local connection, otherwise you need to set this option in the configuration file, and then " +
        "restart the server.";
    static final String WRONG_PROTOCOL_TYPE =
        "ERR Wrong protocol type name. Please use one of the following: " +
        "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false";
    static final String RESP2_UNSUPPORTED = "ERR RESP2 is not supported by this command";
    static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    static final String PACKED_THRESHOLD_INVALID =
        "ERR argument must be a memory value bigger than 1 and smaller than 4gb";

    private static final FanOut EVERY_SHARD = FanOut.allShards(Merge.OK);
    private static final System.Logger LOG = System.getLogger("dev.anax.engine.debug");

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        if (!allowed(dispatcher, session))
        {
            dispatcher.replyError(session, seq, NOT_ALLOWED);
            return;
        }
        final int argc = args.count();
        if (argc == 3 && (args.is(1, "sleep") || args.is(1, "set-active-expire")))
        {
            EVERY_SHARD.start(dispatcher, session, seq, spec, args);
            return;
        }
        if (argc >= 3 && argc <= 5 && args.is(1, "populate"))
        {
            final long[] number = new long[1];
            if (!args.parseLong(2, number) || number[0] < 0 || argc == 5 && (!args.parseLong(4, number) || number[0] < 0))
            {
                dispatcher.replyError(session, seq, NOT_POSITIVE);
                return;
            }
            EVERY_SHARD.start(dispatcher, session, seq, spec, args);
            return;
        }
        if (argc == 3 && args.is(1, "object"))
        {
            dispatcher.publish(dispatcher.shardOf(args, 2), session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final RespWriter out = dispatcher.scratch(session);
        if (argc == 2 && args.is(1, "help"))
        {
            help(out);
        }
        else if (argc == 3 && args.is(1, "protocol"))
        {
            protocol(out, args);
        }
        else if (argc == 3 && args.is(1, "quicklist-packed-threshold"))
        {
            final long bytes = dev.anax.engine.config.Option.parseMemory(args.string(2));
            if (bytes == Long.MIN_VALUE || !dev.anax.engine.types.list.QuickList.packedThreshold(bytes))
            {
                out.error(PACKED_THRESHOLD_INVALID);
            }
            else
            {
                out.ok();
            }
        }
        else if (argc == 3 && args.is(1, "log"))
        {
            LOG.log(System.Logger.Level.WARNING, "DEBUG LOG: " + args.utf8(2));
            out.ok();
        }
        else
        {
            out.error(syntaxError(args));
        }
        dispatcher.complete(session, seq, out);
    }

    private static String syntaxError(final CommandArgs args)
    {
        final String sub = args.string(1);
        return "ERR unknown subcommand or wrong number of arguments for '" +
            (sub.length() > 128 ? sub.substring(0, 128) : sub) + "'. Try DEBUG HELP.";
    }

    private static boolean allowed(final Dispatcher dispatcher, final ClientSession session)
    {
        final String mode = dispatcher.engine().config().require("enable-debug-command").asString();
        if (mode.equals("yes"))
        {
            return true;
        }
        return mode.equals("local") && isLocal(session.sink().remoteAddress());
    }

    /**
     * @param address "ip:port", "[v6]:port" or a unix socket path.
     * @return whether it is a loopback address or a unix socket.
     */
    static boolean isLocal(final String address)
    {
        if (address == null || address.isEmpty() || address.startsWith("/"))
        {
            return true;
        }
        final int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        return host.startsWith("127.") || host.equals("::1") || host.equals("localhost");
    }

    /**
     * The shard half: SLEEP parks this shard before replying, SET-ACTIVE-EXPIRE switches its
     * expire cycle, OBJECT describes a key it owns.
     *
     * @param ctx the shard's context.
     */
    static void part(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        if (args.is(1, "sleep"))
        {
            final double seconds = strtod(args.string(2));
            final long deadline = System.nanoTime() + (long)(seconds * 1_000_000) * 1000;
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(remaining);
            }
            ctx.out.ok();
        }
        else if (args.is(1, "set-active-expire"))
        {
            ctx.shard().activeExpire(atoi(args.string(2)) != 0);
            ctx.out.ok();
        }
        else if (args.is(1, "populate"))
        {
            populate(ctx);
            ctx.out.ok();
        }
        else
        {
            object(ctx);
        }
    }

    /**
     * DEBUG OBJECT key: Redis's one status line. The address is the entry's identity hash; the
     * serialized length is that of the value's RDB string form without compression, for strings
     * only (0 for other types until they can be serialized).
     */
    private static void object(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookup(2);
        if (entry == null)
        {
            ctx.out.error(RespErrors.NO_SUCH_KEY);
            return;
        }
        final long lruClock = (entry.lastAccessMs() / 1000) & ((1 << 24) - 1);
        final long idle = Math.max(0, (ctx.nowMs() - entry.lastAccessMs()) / 1000);
        final String line = "Value at:0x" + Long.toHexString(entry.address()) +
            " refcount:" + refcount(entry) +
            " encoding:" + Encoding.name(entry.encoding()) +
            " serializedlength:" + serializedLength(entry) +
            " lru:" + lruClock +
            " lru_seconds_idle:" + idle;
        ctx.out.simpleString(line);
    }

    /**
     * DEBUG POPULATE count [prefix] [size] on one shard: of the keys prefix:0 .. prefix:count-1,
     * create those this shard owns and that do not exist, each with the value "value:N", padded
     * with zero bytes or cut to {@code size} when one is given (and not 0). The values are
     * strings as SET would make them from text, but never integers (embstr, or raw past 44
     * bytes), as Redis makes them.
     */
    private static void populate(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        args.parseLong(2, ctx.number);
        final long count = ctx.number[0];
        final byte[] prefix = args.count() > 3 ? args.bytes(3) : "key".getBytes(StandardCharsets.US_ASCII);
        long size = 0;
        if (args.count() > 4)
        {
            args.parseLong(4, ctx.number);
            size = ctx.number[0];
        }
        final int shardCount = ctx.shard().shardCount();
        final int shard = ctx.shard().index();
        final org.agrona.ExpandableArrayBuffer key = new org.agrona.ExpandableArrayBuffer(prefix.length + 21);
        key.putBytes(0, prefix);
        key.putByte(prefix.length, (byte)':');
        final int digitsAt = prefix.length + 1;
        final org.agrona.ExpandableArrayBuffer value = new org.agrona.ExpandableArrayBuffer((int)Math.max(32, size));
        final byte[] valuePrefix = "value:".getBytes(StandardCharsets.US_ASCII);
        value.putBytes(0, valuePrefix);
        final dev.anax.engine.keyspace.Database db = ctx.db();
        for (long j = 0; j < count; j++)
        {
            final int keyLength = digitsAt + key.putLongAscii(digitsAt, j);
            if (shardCount > 1)
            {
                final int hash = dev.anax.codecs.Bytes.routingHash(key, 0, keyLength);
                if ((int)((hash & 0xFFFF_FFFFL) % shardCount) != shard)
                {
                    continue;
                }
            }
            if (db.get(key, 0, keyLength, ctx.nowMs()) != null)
            {
                continue;
            }
            int valueLength = valuePrefix.length + value.putLongAscii(valuePrefix.length, j);
            if (size > 0)
            {
                value.setMemory(valueLength, (int)Math.max(0, size - valueLength), (byte)0);
                valueLength = (int)size;
            }
            final KeyEntry entry = db.insert(key, 0, keyLength, valueLength);
            entry.setString(StringValues.plainEncodingOf(valueLength), value, 0, valueLength);
            entry.touch(ctx.nowMs());
            if ((j & 1023) == 0)
            {
                ctx.shard().keyspace().endCommand();
            }
        }
        ctx.keysChanged();
    }

    /** Redis shares the integers 0..9999: their refcount shows as INT_MAX. */
    private static long refcount(final KeyEntry entry)
    {
        if (entry.type() == ValueType.STRING && entry.encoding() == Encoding.INT)
        {
            final long value = Long.parseLong(new String(entry.bytes(), StandardCharsets.US_ASCII));
            if (value >= 0 && value < 10000)
            {
                return Integer.MAX_VALUE;
            }
        }
        return 1;
    }

    private static long serializedLength(final KeyEntry entry)
    {
        if (entry.type() != ValueType.STRING)
        {
            return 0;
        }
        final byte[] bytes = entry.bytes();
        if (entry.encoding() == Encoding.INT)
        {
            final long value = Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
            if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE)
            {
                return 2;
            }
            if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE)
            {
                return 3;
            }
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE)
            {
                return 5;
            }
        }
        final int n = bytes.length;
        final int header = n < (1 << 6) ? 1 : n < (1 << 14) ? 2 : 5;
        return header + (long)n;
    }

    /** C's atoi: optional blanks and sign, then digits up to the first other character. */
    static long atoi(final String text)
    {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i)))
        {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+'))
        {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && value < Integer.MAX_VALUE)
        {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }

    /** C's strtod on a decimal prefix: "0.5" is 0.5, "2x" is 2, "x" is 0. */
    static double strtod(final String text)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)").matcher(text);
        if (!m.find())
        {
            return 0;
        }
        final double value = Double.parseDouble(m.group(1));
        return Double.isFinite(value) ? Math.min(value, 1e9) : 0;
    }

    /** DEBUG PROTOCOL type: one sample reply of each RESP type, as Redis 7 sends them. */
    private static void protocol(final RespWriter out, final CommandArgs args)
    {
        if (args.is(2, "string"))
        {
            out.bulk("Hello World");
        }
        else if (args.is(2, "integer"))
        {
            out.integer(12345);
        }
        else if (args.is(2, "double"))
        {
            out.doubleText("3.141");
        }
        else if (args.is(2, "bignum"))
        {
            out.bigNumber("1234567999999999999999999999999999999");
        }
        else if (args.is(2, "null"))
        {
            out.nullBulk();
        }
        else if (args.is(2, "array") || args.is(2, "set"))
        {
            if (args.is(2, "set"))
            {
                out.setHeader(3);
            }
            else
            {
                out.arrayHeader(3);
            }
            for (int i = 0; i < 3; i++)
            {
                out.integer(i);
            }
        }
        else if (args.is(2, "map"))
        {
            out.mapHeader(3);
            for (int i = 0; i < 3; i++)
            {
                out.integer(i);
                out.bool(i == 1);
            }
        }
        else if (args.is(2, "attrib"))
        {
            if (out.isResp3())
            {
                out.raw("|1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.bulk("key-popularity");
                out.arrayHeader(2);
                out.bulk("key:123");
                out.integer(90);
            }
            out.bulk("Some real reply following the attribute");
        }
        else if (args.is(2, "push"))
        {
            if (!out.isResp3())
            {
                out.error(RESP2_UNSUPPORTED);
                return;
            }
            out.pushHeader(2);
            out.bulk("server-cpu-usage");
            out.integer(42);
            out.bulk("Some real reply following the push reply");
        }
        else if (args.is(2, "verbatim"))
        {
            out.verbatim("txt", "This is a verbatim\nstring");
        }
        else if (args.is(2, "true"))
        {
            out.bool(true);
        }
        else if (args.is(2, "false"))
        {
            out.bool(false);
        }
        else
        {
            out.error(WRONG_PROTOCOL_TYPE);
        }
    }

    private static void help(final RespWriter out)
    {
        HelpText.write(out, "DEBUG",
            "LOG <message>",
            "    Write the message to the server log.",
            "OBJECT <key>",
            "    Describe how the value of a key is held.",
            "POPULATE <count> [<prefix>] [<size>]",
            "    Create keys <prefix>:0 .. <prefix>:<count>-1 (prefix \"key\") that do not exist yet, with",
            "    values \"value:<n>\", padded with zero bytes or cut to <size> bytes when given.",
            "PROTOCOL <type>",
            "    Reply with a sample of one RESP type: string, integer, double, bignum, null, array, set,",
            "    map, attrib, push, verbatim, true or false.",
            "SET-ACTIVE-EXPIRE (0|1)",
            "    Stop or restart the periodic expiry of keys.",
            "SLEEP <seconds>",
            "    Stop serving every client for that long (fractions allowed).");
    }
}
