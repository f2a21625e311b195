package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.EvenPairs;
import dev.anax.engine.coord.FanOut;
import dev.anax.engine.coord.Lcs;
import dev.anax.engine.coord.Merge;
import dev.anax.engine.coord.MsetNx;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;

/**
 * String commands, as Redis 7.0 runs them: the same replies, the same errors in the same order,
 * the same encodings (int, embstr, raw) and the same effect on expiry.
 * <p>
 * Values are {@code byte[]} of exactly the value's length and are never modified once stored
 * (APPEND, SETRANGE, INCR store a new array), see {@link StringValues}.
 */
public final class StringFamily
{
    /** DECRBY of the most negative integer. */
    public static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";

    private static final String INVALID_EXPIRE_SET = RespErrors.invalidExpireTime("set");
    private static final String INVALID_EXPIRE_SETEX = RespErrors.invalidExpireTime("setex");
    private static final String INVALID_EXPIRE_PSETEX = RespErrors.invalidExpireTime("psetex");
    private static final String INVALID_EXPIRE_GETEX = RespErrors.invalidExpireTime("getex");
    private static final String WRONG_ARITY_MSET = RespErrors.wrongArity("mset");
    private static final String WRONG_ARITY_MSETNX = RespErrors.wrongArity("msetnx");

    private static final byte[] EMPTY = new byte[0];
    /** Java arrays end here, whatever proto-max-bulk-len says. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    // Options of SET and GETEX; the index of the expiry argument is kept above bit 16.
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GET = 1 << 2;
    private static final int KEEPTTL = 1 << 3;
    private static final int PERSIST = 1 << 4;
    private static final int EX = 1 << 5;
    private static final int PX = 1 << 6;
    private static final int EXAT = 1 << 7;
    private static final int PXAT = 1 << 8;
    private static final int TTL = EX | PX | EXAT | PXAT;
    private static final int FLAGS_MASK = 0xFFFF;
    private static final int SYNTAX_ERROR = -1;

    private StringFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("get", StringFamily::get);
        table.shard("getdel", StringFamily::getdel);
        table.shard("getex", StringFamily::getex);
        table.shard("getset", StringFamily::getset);
        table.shard("getrange", StringFamily::getrange);
        table.shard("substr", StringFamily::getrange);
        table.shard("strlen", StringFamily::strlen);
        table.shard("set", StringFamily::set);
        table.shard("setnx", StringFamily::setnx);
        table.shard("setex", StringFamily::setex);
        table.shard("psetex", StringFamily::psetex);
        table.shard("append", StringFamily::append);
        table.shard("setrange", StringFamily::setrange);
        table.shard("incr", StringFamily::incr);
        table.shard("decr", StringFamily::decr);
        table.shard("incrby", StringFamily::incrby);
        table.shard("decrby", StringFamily::decrby);
        table.shard("incrbyfloat", StringFamily::incrbyfloat);
        table.coordinated("mget", FanOut.byKeys(Merge.INTERLEAVE), StringFamily::mget);
        table.coordinated("mset", new EvenPairs(FanOut.byKeys(Merge.OK)), StringFamily::mset);
        table.coordinated("msetnx", new MsetNx(), StringFamily::msetnx);
        table.coordinated("lcs", new Lcs(), StringFamily::lcs);
    }

    // ---------------------------------------------------------------- helpers

    /** Look a key up for writing: expires it lazily and records the access, counts no hit. */
    private static KeyEntry lookupWrite(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.lookup(index);
        if (entry != null)
        {
            entry.touch(ctx.nowMs());
        }
        return entry;
    }

    private static boolean isString(final KeyEntry entry)
    {
        return entry.type() == ValueType.STRING;
    }

    /**
     * Store a string value under the key of argument {@code keyIndex}.
     *
     * @param entry   the live entry, or null to insert one.
     * @param keepTtl false to drop any expiry (SET without KEEPTTL).
     * @return the entry holding the value.
     */
    private static KeyEntry store(
        final ExecContext ctx,
        final KeyEntry entry,
        final int keyIndex,
        final byte[] value,
        final byte encoding,
        final boolean keepTtl)
    {
        final KeyEntry target = entry != null ? entry : ctx.insert(keyIndex);
        target.set(ValueType.STRING, encoding, value);
        if (!keepTtl && entry != null && ctx.db().clearExpiry(entry))
        {
            ctx.keysChanged();
        }
        return target;
    }

    /**
     * Reply with a string value without copying it: an INT is written from its number, any other
     * straight from the record.
     */
    static void writeValue(final ExecContext ctx, final KeyEntry entry)
    {
        if (entry.encoding() == Encoding.INT)
        {
            ctx.out.bulkLong(entry.longValue());
        }
        else
        {
            ctx.out.bulk(entry.valueBuffer(), entry.valueOffset(), entry.valueLength());
        }
    }

    /**
     * Store argument {@code valueIndex} as the string value of the key of argument
     * {@code keyIndex}, copied once from the request into the record, with the encoding Redis
     * would give it.
     *
     * @param entry   the live entry, or null to insert one.
     * @param keepTtl false to drop any expiry (SET without KEEPTTL).
     * @return the entry holding the value.
     */
    private static KeyEntry storeArgument(
        final ExecContext ctx, final KeyEntry entry, final int keyIndex, final int valueIndex, final boolean keepTtl)
    {
        final org.agrona.DirectBuffer buffer = ctx.args.buffer();
        final int offset = ctx.args.offset(valueIndex);
        final int length = ctx.args.length(valueIndex);
        final boolean integer = length <= 20 && dev.anax.codecs.Bytes.parseLong(buffer, offset, length, ctx.number);
        final KeyEntry target;
        if (entry == null)
        {
            target = ctx.insert(keyIndex, integer ? 8 : length);
        }
        else
        {
            target = entry;
            if (!keepTtl && ctx.db().clearExpiry(entry))
            {
                ctx.keysChanged();
            }
        }
        if (integer)
        {
            target.setLong(ctx.number[0]);
        }
        else
        {
            target.setString(StringValues.plainEncodingOf(length), buffer, offset, length);
        }
        return target;
    }

    private static void setExpiry(final ExecContext ctx, final KeyEntry entry, final long expireAtMs)
    {
        ctx.db().setExpiry(entry, expireAtMs);
        ctx.keysChanged();
    }

    private static void replyExpireError(final ExecContext ctx, final long code, final String invalid)
    {
        ctx.out.error(code == StringValues.EXPIRE_NOT_INTEGER ? RespErrors.NOT_INTEGER : invalid);
    }

    private static boolean tooLong(final ExecContext ctx, final long length)
    {
        return length > StringValues.protoMaxBulkLen(ctx.shard().config()) || length > MAX_ARRAY;
    }

    // ---------------------------------------------------------------- reads

    static void get(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
        }
        else if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            writeValue(ctx, entry);
        }
    }

    static void getdel(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
        }
        else if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            writeValue(ctx, entry);
            ctx.delete(entry);
        }
    }

    static void getex(final ExecContext ctx)
    {
        final int parsed = parseOptions(ctx.args, 2, false);
        if (parsed == SYNTAX_ERROR)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            // A missing key answers nil before the expiry is even looked at.
            ctx.out.nullBulk();
            return;
        }
        if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int flags = parsed & FLAGS_MASK;
        long expireAtMs = 0;
        if ((flags & TTL) != 0)
        {
            expireAtMs = StringValues.absoluteExpireMs(ctx.args, parsed >>> 16, unitOf(flags), ctx.nowMs(), ctx.number);
            if (expireAtMs < 0)
            {
                replyExpireError(ctx, expireAtMs, INVALID_EXPIRE_GETEX);
                return;
            }
        }
        writeValue(ctx, entry);
        if ((flags & (EXAT | PXAT)) != 0 && expireAtMs <= ctx.nowMs())
        {
            ctx.delete(entry);
        }
        else if (expireAtMs != 0)
        {
            setExpiry(ctx, entry, expireAtMs);
        }
        else if ((flags & PERSIST) != 0 && ctx.db().clearExpiry(entry))
        {
            ctx.keysChanged();
        }
    }

    static void getset(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
        }
        else if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        else
        {
            writeValue(ctx, entry);
        }
        storeArgument(ctx, entry, 1, 2, false);
    }

    static void getrange(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        long start = ctx.number[0];
        if (!ctx.parseLong(3))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        long end = ctx.number[0];
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.bulk(EMPTY);
            return;
        }
        if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int length = entry.valueLength();
        if (start < 0 && end < 0 && start > end)
        {
            ctx.out.bulk(EMPTY);
            return;
        }
        if (start < 0)
        {
            start += length;
        }
        if (end < 0)
        {
            end += length;
        }
        if (start < 0)
        {
            start = 0;
        }
        if (end < 0)
        {
            end = 0;
        }
        if (end >= length)
        {
            end = length - 1L;
        }
        if (start > end || length == 0)
        {
            ctx.out.bulk(EMPTY);
            return;
        }
        ctx.out.bulk(entry.valueBuffer(), entry.valueOffset() + (int)start, (int)(end - start + 1));
    }

    static void strlen(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(entry.valueLength());
        }
    }

    static void mget(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        ctx.out.arrayHeader(argc - 1);
        for (int i = 1; i < argc; i++)
        {
            final KeyEntry entry = ctx.lookupRead(i);
            if (entry == null || !isString(entry))
            {
                ctx.out.nullBulk();
            }
            else
            {
                writeValue(ctx, entry);
            }
        }
    }

    // ---------------------------------------------------------------- SET and friends

    /**
     * Read the options of SET (from argument 3) or GETEX (from argument 2) as Redis 7.0 reads
     * them: NX and XX exclude each other, KEEPTTL (SET) and PERSIST (GETEX) exclude every expiry,
     * an expiry option excludes the other three but may repeat (the last wins), and needs an
     * argument after it; anything else is a syntax error.
     *
     * @return the option bits with the index of the expiry argument above bit 16, or
     *         {@link #SYNTAX_ERROR}.
     */
    private static int parseOptions(final CommandArgs args, final int from, final boolean forSet)
    {
        int flags = 0;
        int expireIndex = 0;
        final int argc = args.count();
        for (int j = from; j < argc; j++)
        {
            final boolean hasNext = j + 1 < argc;
            if (forSet && (flags & XX) == 0 && StringValues.isOption(args, j, "nx"))
            {
                flags |= NX;
            }
            else if (forSet && (flags & NX) == 0 && StringValues.isOption(args, j, "xx"))
            {
                flags |= XX;
            }
            else if (forSet && StringValues.isOption(args, j, "get"))
            {
                flags |= GET;
            }
            else if (forSet && (flags & (TTL | PERSIST)) == 0 && StringValues.isOption(args, j, "keepttl"))
            {
                flags |= KEEPTTL;
            }
            else if (!forSet && (flags & (TTL | KEEPTTL)) == 0 && StringValues.isOption(args, j, "persist"))
            {
                flags |= PERSIST;
            }
            else
            {
                final int ttl = ttlOption(args, j);
                if (ttl == 0 || !hasNext || (flags & (KEEPTTL | PERSIST | (TTL & ~ttl))) != 0)
                {
                    return SYNTAX_ERROR;
                }
                flags |= ttl;
                expireIndex = ++j;
            }
        }
        return flags | (expireIndex << 16);
    }

    private static int ttlOption(final CommandArgs args, final int index)
    {
        if (StringValues.isOption(args, index, "ex"))
        {
            return EX;
        }
        if (StringValues.isOption(args, index, "px"))
        {
            return PX;
        }
        if (StringValues.isOption(args, index, "exat"))
        {
            return EXAT;
        }
        if (StringValues.isOption(args, index, "pxat"))
        {
            return PXAT;
        }
        return 0;
    }

    private static int unitOf(final int flags)
    {
        if ((flags & EX) != 0)
        {
            return StringValues.UNIT_SECONDS;
        }
        if ((flags & PX) != 0)
        {
            return StringValues.UNIT_MILLISECONDS;
        }
        if ((flags & EXAT) != 0)
        {
            return StringValues.UNIT_UNIX_SECONDS;
        }
        return StringValues.UNIT_UNIX_MILLISECONDS;
    }

    static void set(final ExecContext ctx)
    {
        final int parsed = parseOptions(ctx.args, 3, true);
        if (parsed == SYNTAX_ERROR)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        final int flags = parsed & FLAGS_MASK;
        long expireAtMs = 0;
        if ((flags & TTL) != 0)
        {
            expireAtMs = StringValues.absoluteExpireMs(ctx.args, parsed >>> 16, unitOf(flags), ctx.nowMs(), ctx.number);
            if (expireAtMs < 0)
            {
                replyExpireError(ctx, expireAtMs, INVALID_EXPIRE_SET);
                return;
            }
        }
        setGeneric(ctx, flags, 2, expireAtMs, false);
    }

    static void setnx(final ExecContext ctx)
    {
        setGeneric(ctx, NX, 2, 0, true);
    }

    static void setex(final ExecContext ctx)
    {
        final long expireAtMs = StringValues.absoluteExpireMs(
            ctx.args, 2, StringValues.UNIT_SECONDS, ctx.nowMs(), ctx.number);
        if (expireAtMs < 0)
        {
            replyExpireError(ctx, expireAtMs, INVALID_EXPIRE_SETEX);
            return;
        }
        setGeneric(ctx, 0, 3, expireAtMs, false);
    }

    static void psetex(final ExecContext ctx)
    {
        final long expireAtMs = StringValues.absoluteExpireMs(
            ctx.args, 2, StringValues.UNIT_MILLISECONDS, ctx.nowMs(), ctx.number);
        if (expireAtMs < 0)
        {
            replyExpireError(ctx, expireAtMs, INVALID_EXPIRE_PSETEX);
            return;
        }
        setGeneric(ctx, 0, 3, expireAtMs, false);
    }

    /**
     * The common part of SET, SETNX, SETEX and PSETEX once the options are valid.
     *
     * @param valueIndex   argument holding the value.
     * @param expireAtMs   absolute expiry, 0 for none.
     * @param integerReply reply :1/:0 (SETNX) instead of +OK/nil.
     */
    private static void setGeneric(
        final ExecContext ctx, final int flags, final int valueIndex, final long expireAtMs, final boolean integerReply)
    {
        final boolean get = (flags & GET) != 0;
        final KeyEntry entry;
        if (get)
        {
            entry = ctx.lookupRead(1);
            if (entry == null)
            {
                ctx.out.nullBulk();
            }
            else if (!isString(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            else
            {
                writeValue(ctx, entry);
            }
        }
        else
        {
            entry = lookupWrite(ctx, 1);
        }
        final boolean found = entry != null;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found))
        {
            if (!get)
            {
                if (integerReply)
                {
                    ctx.out.integer(0);
                }
                else
                {
                    ctx.out.nullBulk();
                }
            }
            return;
        }
        final KeyEntry target = storeArgument(ctx, entry, 1, valueIndex, (flags & KEEPTTL) != 0);
        if (expireAtMs != 0)
        {
            setExpiry(ctx, target, expireAtMs);
        }
        if (!get)
        {
            if (integerReply)
            {
                ctx.out.integer(1);
            }
            else
            {
                ctx.out.ok();
            }
        }
    }

    // ---------------------------------------------------------------- in-place edits

    static void append(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            final byte[] value = ctx.args.bytes(2);
            store(ctx, null, 1, value, StringValues.encodingOf(value), true);
            ctx.out.integer(value.length);
            return;
        }
        if (!isString(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final byte[] old = entry.bytes();
        final int extra = ctx.args.length(2);
        final long total = (long)old.length + extra;
        if (tooLong(ctx, total))
        {
            ctx.out.error(RespErrors.STRING_TOO_LONG);
            return;
        }
        final byte[] value = java.util.Arrays.copyOf(old, (int)total);
        ctx.args.buffer().getBytes(ctx.args.offset(2), value, old.length, extra);
        entry.set(ValueType.STRING, Encoding.RAW, value);
        ctx.out.integer(total);
    }

    static void setrange(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final long offset = ctx.number[0];
        if (offset < 0)
        {
            ctx.out.error(RespErrors.OFFSET_OUT_OF_RANGE);
            return;
        }
        final int length = ctx.args.length(3);
        final KeyEntry entry = lookupWrite(ctx, 1);
        final byte[] old;
        if (entry == null)
        {
            if (length == 0)
            {
                ctx.out.integer(0);
                return;
            }
            old = EMPTY;
        }
        else
        {
            if (!isString(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            old = entry.bytes();
            if (length == 0)
            {
                ctx.out.integer(old.length);
                return;
            }
        }
        if (offset > Long.MAX_VALUE - length || tooLong(ctx, offset + length))
        {
            ctx.out.error(RespErrors.STRING_TOO_LONG);
            return;
        }
        final int end = (int)offset + length;
        final byte[] value = java.util.Arrays.copyOf(old, Math.max(old.length, end));
        ctx.args.buffer().getBytes(ctx.args.offset(3), value, (int)offset, length);
        if (entry == null)
        {
            ctx.insert(1).set(ValueType.STRING, Encoding.RAW, value);
        }
        else
        {
            entry.set(ValueType.STRING, Encoding.RAW, value);
        }
        ctx.out.integer(value.length);
    }

    // ---------------------------------------------------------------- counters

    static void incr(final ExecContext ctx)
    {
        incrDecr(ctx, 1);
    }

    static void decr(final ExecContext ctx)
    {
        incrDecr(ctx, -1);
    }

    static void incrby(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        incrDecr(ctx, ctx.number[0]);
    }

    static void decrby(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final long decrement = ctx.number[0];
        if (decrement == Long.MIN_VALUE)
        {
            ctx.out.error(DECREMENT_OVERFLOW);
            return;
        }
        incrDecr(ctx, -decrement);
    }

    private static void incrDecr(final ExecContext ctx, final long increment)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        long old = 0;
        if (entry != null)
        {
            if (!isString(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            if (entry.encoding() == Encoding.INT)
            {
                old = entry.longValue();
            }
            else if (dev.anax.codecs.Bytes.parseLong(entry.valueBuffer(), entry.valueOffset(), entry.valueLength(), ctx.number))
            {
                old = ctx.number[0];
            }
            else
            {
                ctx.out.error(RespErrors.NOT_INTEGER);
                return;
            }
        }
        if ((increment < 0 && old < 0 && increment < Long.MIN_VALUE - old) ||
            (increment > 0 && old > 0 && increment > Long.MAX_VALUE - old))
        {
            ctx.out.error(RespErrors.OVERFLOW);
            return;
        }
        final long result = old + increment;
        (entry != null ? entry : ctx.insert(1, 8)).setLong(result);
        ctx.out.integer(result);
    }

    static void incrbyfloat(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        LongDouble current = LongDouble.ZERO;
        if (entry != null)
        {
            if (!isString(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            current = entry.encoding() == Encoding.INT && StringValues.parseLong(entry.bytes(), ctx.number) ?
                LongDouble.of(ctx.number[0]) : LongDouble.parse(entry.bytes());
            if (current == null)
            {
                ctx.out.error(RespErrors.NOT_FLOAT);
                return;
            }
        }
        final LongDouble increment = LongDouble.parse(ctx.args.buffer(), ctx.args.offset(2), ctx.args.length(2));
        if (increment == null)
        {
            ctx.out.error(RespErrors.NOT_FLOAT);
            return;
        }
        final LongDouble sum = current.add(increment);
        if (sum == null || sum.isInfinite())
        {
            ctx.out.error(RespErrors.INCR_NAN_OR_INF);
            return;
        }
        final byte[] value = sum.toHumanBytes();
        store(ctx, entry, 1, value, StringValues.plainEncodingOf(value.length), true);
        ctx.out.bulk(value);
    }

    // ---------------------------------------------------------------- multi-key

    /**
     * MSET, whole or one shard's part: argument pairs from 1 are keys and values.
     */
    static void mset(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        if (argc % 2 == 0)
        {
            ctx.out.error(WRONG_ARITY_MSET);
            return;
        }
        setPairs(ctx);
        ctx.out.ok();
    }

    private static void setPairs(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        for (int i = 1; i + 1 < argc; i += 2)
        {
            storeArgument(ctx, lookupWrite(ctx, i), i, i + 1, false);
        }
    }

    /**
     * MSETNX: the whole command when every key is on this shard; otherwise one of the
     * coordinator's two hops (see {@link MsetNx}): count the keys that exist, then set.
     */
    static void msetnx(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        if (ctx.isPart())
        {
            if (ctx.subOp() == MsetNx.SUBOP_COUNT_EXISTING)
            {
                int existing = 0;
                for (int i = 1; i < argc; i++)
                {
                    if (lookupWrite(ctx, i) != null)
                    {
                        existing++;
                    }
                }
                ctx.out.integer(existing);
            }
            else
            {
                setPairs(ctx);
                ctx.out.ok();
            }
            return;
        }
        if (argc % 2 == 0)
        {
            ctx.out.error(WRONG_ARITY_MSETNX);
            return;
        }
        for (int i = 1; i < argc; i += 2)
        {
            if (lookupWrite(ctx, i) != null)
            {
                ctx.out.integer(0);
                return;
            }
        }
        setPairs(ctx);
        ctx.out.integer(1);
    }

    /**
     * LCS: the whole command when both keys are on this shard; otherwise a part that fetches one
     * value for the coordinator ({@link Lcs}): :1 with the value attached, :0 when missing, or the
     * not-a-string error.
     */
    static void lcs(final ExecContext ctx)
    {
        if (ctx.isPart())
        {
            final KeyEntry entry = ctx.lookupRead(1);
            if (entry == null)
            {
                ctx.out.integer(0);
            }
            else if (!isString(entry))
            {
                ctx.out.error(StringLcs.NOT_STRINGS);
            }
            else
            {
                ctx.out.integer(1);
                ctx.replyAttachment(entry.bytes());
            }
            return;
        }
        final KeyEntry a = ctx.lookupRead(1);
        final KeyEntry b = ctx.lookupRead(2);
        if ((a != null && !isString(a)) || (b != null && !isString(b)))
        {
            ctx.out.error(StringLcs.NOT_STRINGS);
            return;
        }
        final StringLcs.Options options = StringLcs.parse(ctx.args, 3, ctx.number);
        StringLcs.reply(
            ctx.out,
            a == null ? null : a.bytes(),
            b == null ? null : b.bytes(),
            options,
            StringValues.protoMaxBulkLen(ctx.shard().config()));
    }
}
