package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.coord.FanOut;
import dev.anax.engine.coord.KeyMove;
import dev.anax.engine.coord.Merge;
import dev.anax.engine.coord.RandomKeyPick;
import dev.anax.engine.coord.ScanRoute;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.stats.ThreadStats;

/**
 * The keyspace (generic) commands: DEL, UNLINK, EXISTS, TOUCH, TYPE, the EXPIRE and TTL families,
 * PERSIST, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY, MOVE, OBJECT, DBSIZE, FLUSHDB, FLUSHALL
 * and SWAPDB, as Redis 7.0 answers them.
 */
public final class KeyFamily
{
    static final String UNSUPPORTED_OPTION = "ERR Unsupported option ";
    static final String NX_AND_OTHERS = "ERR NX and XX, GT or LT options at the same time are not compatible";
    static final String GT_AND_LT = "ERR GT and LT options at the same time are not compatible";
    static final String INVALID_FIRST_DB = "ERR invalid first DB index";
    static final String INVALID_SECOND_DB = "ERR invalid second DB index";
    static final String FREQ_NOT_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. " +
        "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    static final String IDLETIME_LFU = "ERR An LFU maxmemory policy is selected, idle time not tracked. " +
        "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    private static final String[] OBJECT_HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };

    /** Redis's refcount of a shared object (OBJ_SHARED_REFCOUNT). */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Integers below this are shared objects in Redis (OBJ_SHARED_INTEGERS). */
    private static final long SHARED_INTEGERS = 10_000;

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private KeyFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.coordinated("del", FanOut.byKeys(Merge.SUM), KeyFamily::del);
        table.coordinated("unlink", FanOut.byKeys(Merge.SUM), KeyFamily::del);
        table.coordinated("exists", FanOut.byKeys(Merge.SUM), KeyFamily::exists);
        table.coordinated("touch", FanOut.byKeys(Merge.SUM), KeyFamily::touch);
        table.shard("type", KeyFamily::type);
        table.shard("expire", ctx -> expire(ctx, ctx.nowMs(), true));
        table.shard("pexpire", ctx -> expire(ctx, ctx.nowMs(), false));
        table.shard("expireat", ctx -> expire(ctx, 0, true));
        table.shard("pexpireat", ctx -> expire(ctx, 0, false));
        table.shard("ttl", ctx -> ttl(ctx, false));
        table.shard("pttl", ctx -> ttl(ctx, true));
        table.shard("expiretime", ctx -> expireTime(ctx, false));
        table.shard("pexpiretime", ctx -> expireTime(ctx, true));
        table.shard("persist", KeyFamily::persist);
        table.coordinated("keys", FanOut.allShards(Merge.CONCAT), KeyScans::keys);
        table.coordinated("scan", new ScanRoute(), KeyScans::scan);
        table.coordinated("randomkey", new RandomKeyPick(), KeyFamily::randomKey);
        table.coordinated("rename", new KeyMove(KeyMove.Kind.RENAME), KeyMoves::rename);
        table.coordinated("renamenx", new KeyMove(KeyMove.Kind.RENAMENX), KeyMoves::renamenx);
        table.coordinated("copy", new KeyMove(KeyMove.Kind.COPY), KeyMoves::copy);
        table.shard("move", KeyMoves::move);
        table.shard("object|encoding", KeyFamily::objectEncoding);
        table.shard("object|freq", KeyFamily::objectFreq);
        table.shard("object|idletime", KeyFamily::objectIdletime);
        table.shard("object|refcount", KeyFamily::objectRefcount);
        table.client("object|help", KeyFamily::objectHelp);
        table.coordinated("dbsize", FanOut.allShards(Merge.SUM), KeyFamily::dbsize);
        table.coordinated("flushdb", FanOut.allShards(Merge.OK), ctx -> flush(ctx, false));
        table.coordinated("flushall", FanOut.allShards(Merge.OK), ctx -> flush(ctx, true));
        table.coordinated("swapdb", FanOut.allShards(Merge.OK), KeyFamily::swapdb);
    }

    /**
     * Look a key up for reading without touching it (Redis's LOOKUP_NOTOUCH): lazily expires and
     * counts a keyspace hit or miss.
     *
     * @param ctx   the command.
     * @param index argument index of the key.
     * @return the live entry or null.
     */
    static KeyEntry lookupNoTouch(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.lookup(index);
        ctx.shard().stats().increment(entry == null ? ThreadStats.KEYSPACE_MISSES : ThreadStats.KEYSPACE_HITS);
        return entry;
    }

    /**
     * Look a key up for writing: lazily expires and records an access, counts no hit or miss.
     *
     * @param ctx   the command.
     * @param index argument index of the key.
     * @return the live entry or null.
     */
    static KeyEntry lookupWrite(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.lookup(index);
        if (entry != null)
        {
            entry.touch(ctx.nowMs());
        }
        return entry;
    }

    static void del(final ExecContext ctx)
    {
        long deleted = 0;
        for (int i = 1; i < ctx.args.count(); i++)
        {
            final KeyEntry entry = ctx.lookup(i);
            if (entry != null)
            {
                ctx.delete(entry);
                deleted++;
            }
        }
        ctx.out.integer(deleted);
    }

    static void exists(final ExecContext ctx)
    {
        long found = 0;
        for (int i = 1; i < ctx.args.count(); i++)
        {
            if (lookupNoTouch(ctx, i) != null)
            {
                found++;
            }
        }
        ctx.out.integer(found);
    }

    static void touch(final ExecContext ctx)
    {
        long found = 0;
        for (int i = 1; i < ctx.args.count(); i++)
        {
            if (ctx.lookupRead(i) != null)
            {
                found++;
            }
        }
        ctx.out.integer(found);
    }

    static void type(final ExecContext ctx)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 1);
        ctx.out.simpleString(entry == null ? "none" : ValueType.name(entry.type()));
    }

    /**
     * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT key time [NX|XX|GT|LT].
     *
     * @param ctx      the command.
     * @param baseMs   what the time is relative to: now, or 0 for an absolute time.
     * @param seconds  whether the time is in seconds.
     */
    static void expire(final ExecContext ctx, final long baseMs, final boolean seconds)
    {
        final CommandArgs args = ctx.args;
        int flags = 0;
        for (int i = 3; i < args.count(); i++)
        {
            if (args.is(i, "nx"))
            {
                flags |= NX;
            }
            else if (args.is(i, "xx"))
            {
                flags |= XX;
            }
            else if (args.is(i, "gt"))
            {
                flags |= GT;
            }
            else if (args.is(i, "lt"))
            {
                flags |= LT;
            }
            else
            {
                // Redis formats the option with %s: it ends at a NUL byte.
                final String option = args.string(i);
                final int nul = option.indexOf('\0');
                ctx.out.error(UNSUPPORTED_OPTION + (nul < 0 ? option : option.substring(0, nul)));
                return;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0)
        {
            ctx.out.error(NX_AND_OTHERS);
            return;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0)
        {
            ctx.out.error(GT_AND_LT);
            return;
        }
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        long when = ctx.number[0];
        if (seconds)
        {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000)
            {
                ctx.out.error(RespErrors.invalidExpireTime(ctx.spec().fullName()));
                return;
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - baseMs)
        {
            ctx.out.error(RespErrors.invalidExpireTime(ctx.spec().fullName()));
            return;
        }
        when += baseMs;
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (flags != 0)
        {
            final boolean volatileKey = entry.hasExpiry();
            final long current = entry.expireAtMs();
            if ((flags & NX) != 0 && volatileKey ||
                (flags & XX) != 0 && !volatileKey ||
                (flags & GT) != 0 && (!volatileKey || when <= current) ||
                (flags & LT) != 0 && volatileKey && when >= current)
            {
                ctx.out.integer(0);
                return;
            }
        }
        if (when <= ctx.nowMs())
        {
            ctx.delete(entry);
        }
        else
        {
            ctx.db().setExpiry(entry, when);
            ctx.keysChanged();
        }
        ctx.out.integer(1);
    }

    static void ttl(final ExecContext ctx, final boolean millis)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(-2);
            return;
        }
        if (!entry.hasExpiry())
        {
            ctx.out.integer(-1);
            return;
        }
        final long ttl = Math.max(0, entry.expireAtMs() - ctx.nowMs());
        ctx.out.integer(millis ? ttl : roundedSeconds(ttl));
    }

    static void expireTime(final ExecContext ctx, final boolean millis)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(-2);
            return;
        }
        if (!entry.hasExpiry())
        {
            ctx.out.integer(-1);
            return;
        }
        ctx.out.integer(millis ? entry.expireAtMs() : roundedSeconds(entry.expireAtMs()));
    }

    /** Milliseconds to seconds rounding half up, as Redis's (ms + 500) / 1000 but without overflow. */
    private static long roundedSeconds(final long ms)
    {
        return ms / 1000 + (ms % 1000 >= 500 ? 1 : 0);
    }

    static void persist(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && ctx.db().clearExpiry(entry))
        {
            ctx.keysChanged();
            ctx.out.integer(1);
            return;
        }
        ctx.out.integer(0);
    }

    /**
     * RANDOMKEY: whole on a single shard; as a part, {@code [size, key-or-nil]} for
     * {@link RandomKeyPick}.
     */
    static void randomKey(final ExecContext ctx)
    {
        final Database db = ctx.db();
        final KeyEntry entry = db.randomEntry(ctx.nowMs(), ctx.shard().random());
        if (ctx.isPart())
        {
            ctx.out.arrayHeader(2);
            ctx.out.integer(db.size());
        }
        if (entry == null)
        {
            ctx.out.nullBulk();
        }
        else
        {
            ctx.out.bulk(entry.key());
        }
    }

    static void objectEncoding(final ExecContext ctx)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        ctx.out.bulk(Encoding.name(entry.encoding()));
    }

    static void objectFreq(final ExecContext ctx)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isLfu(ctx.shard().config()))
        {
            ctx.out.error(FREQ_NOT_LFU);
            return;
        }
        ctx.out.integer(entry.frequency(ctx.nowMs()));
    }

    static void objectIdletime(final ExecContext ctx)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (isLfu(ctx.shard().config()))
        {
            ctx.out.error(IDLETIME_LFU);
            return;
        }
        ctx.out.integer(entry.idleSeconds(ctx.nowMs()));
    }

    static void objectRefcount(final ExecContext ctx)
    {
        final KeyEntry entry = lookupNoTouch(ctx, 2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        ctx.out.integer(isSharedInteger(entry, ctx.shard().config()) ? SHARED_REFCOUNT : 1);
    }

    /**
     * Redis keeps small non-negative integers as shared objects (refcount INT_MAX) unless
     * maxmemory is set with an LRU or LFU policy.
     */
    private static boolean isSharedInteger(final KeyEntry entry, final ServerConfig config)
    {
        if (entry.type() != ValueType.STRING || entry.encoding() != Encoding.INT)
        {
            return false;
        }
        if (config.require("maxmemory").asLong() != 0)
        {
            final String policy = config.require("maxmemory-policy").asString();
            if (policy.endsWith("lru") || policy.endsWith("lfu"))
            {
                return false;
            }
        }
        final byte[] bytes = entry.bytes();
        if (bytes.length == 0 || bytes.length > 4 || bytes[0] == '-')
        {
            return false;
        }
        long value = 0;
        for (final byte b : bytes)
        {
            if (b < '0' || b > '9')
            {
                return false;
            }
            value = value * 10 + (b - '0');
        }
        return value < SHARED_INTEGERS;
    }

    private static boolean isLfu(final ServerConfig config)
    {
        return config.require("maxmemory-policy").asString().endsWith("lfu");
    }

    static void objectHelp(
        final Dispatcher dispatcher, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        out.arrayHeader(OBJECT_HELP.length);
        for (final String line : OBJECT_HELP)
        {
            out.simpleString(line);
        }
    }

    static void dbsize(final ExecContext ctx)
    {
        ctx.out.integer(ctx.db().size());
    }

    /**
     * FLUSHDB and FLUSHALL [SYNC|ASYNC]: both free everything at once.
     */
    static void flush(final ExecContext ctx, final boolean all)
    {
        final CommandArgs args = ctx.args;
        if (args.count() > 2 || args.count() == 2 && !args.is(1, "sync") && !args.is(1, "async"))
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        if (all)
        {
            for (int db = 0; db < ctx.shard().databaseCount(); db++)
            {
                ctx.shard().beforeReplace(db, -1);
            }
            ctx.shard().flushAll();
        }
        else
        {
            ctx.shard().beforeReplace(ctx.dbIndex(), -1);
            ctx.db().clear();
        }
        ctx.keysChanged();
        ctx.out.ok();
    }

    static void swapdb(final ExecContext ctx)
    {
        String error = KeyMove.parseInt(ctx.args, 1, ctx.number, INVALID_FIRST_DB);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final long first = ctx.number[0];
        error = KeyMove.parseInt(ctx.args, 2, ctx.number, INVALID_SECOND_DB);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final long second = ctx.number[0];
        final int dbCount = ctx.shard().databaseCount();
        if (first < 0 || first >= dbCount || second < 0 || second >= dbCount)
        {
            ctx.out.error(RespErrors.INVALID_DB);
            return;
        }
        if (first != second)
        {
            ctx.shard().beforeReplace((int)first, (int)second);
            ctx.shard().beforeReplace((int)second, (int)first);
            ctx.db((int)first).swap(ctx.db((int)second));
            ctx.keysChanged();
        }
        ctx.out.ok();
    }
}
