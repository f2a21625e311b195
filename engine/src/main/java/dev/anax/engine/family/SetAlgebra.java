package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.Option;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.coord.SetCombine;
import dev.anax.engine.coord.SetCombine.Kind;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.set.SetBuilder;
import dev.anax.engine.types.set.SetOps;
import dev.anax.engine.types.set.SetValue;

/**
 * The multi-key set commands (SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF,
 * SDIFFSTORE): their shard handlers, which run the whole command when every key is on one shard
 * and otherwise serve the {@link SetCombine} coordinator's parts, and the computations and
 * replies both share (the coordinator's run on the I/O thread).
 */
public final class SetAlgebra
{
    /** SINTERCARD's numkeys below 1 or not an integer. */
    public static final String NUMKEYS = "ERR numkeys should be greater than 0";
    /** SINTERCARD's numkeys above the number of arguments. */
    public static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    /** SINTERCARD's LIMIT below 0 or not an integer. */
    public static final String NEGATIVE_LIMIT = "ERR LIMIT can't be negative";

    private static final ThreadLocal<RespWriter> BODY = ThreadLocal.withInitial(RespWriter::new);
    private static final ThreadLocal<OptionCache> INTSET_LIMIT = ThreadLocal.withInitial(OptionCache::new);
    private static final int BODY_KEPT = 1 << 20;

    private SetAlgebra()
    {
    }

    /**
     * The intset limit in force: {@code set-max-intset-entries}, capped as Redis caps it.
     *
     * @param config the server's options.
     * @return the limit.
     */
    public static long maxIntset(final ServerConfig config)
    {
        final OptionCache cache = INTSET_LIMIT.get();
        if (cache.config != config)
        {
            cache.config = config;
            cache.option = config.require("set-max-intset-entries");
        }
        return SetValue.intsetLimit(cache.option.asLong());
    }

    /**
     * Parse SINTERCARD's numkeys and LIMIT with Redis's errors, in its order.
     *
     * @param args   the request.
     * @param result receives numkeys at 0 and the limit (0 for none) at 1.
     * @return null, or the error to reply.
     */
    public static String parseInterCard(final CommandArgs args, final long[] result)
    {
        final int argc = args.count();
        if (!args.parseLong(1, result) || result[0] < 1)
        {
            return NUMKEYS;
        }
        final long numkeys = result[0];
        if (numkeys > argc - 2)
        {
            return TOO_MANY_KEYS;
        }
        long limit = 0;
        for (int j = 2 + (int)numkeys; j < argc; j++)
        {
            if (args.is(j, "limit") && j + 1 < argc)
            {
                j++;
                if (!args.parseLong(j, result) || result[0] < 0)
                {
                    return NEGATIVE_LIMIT;
                }
                limit = result[0];
            }
            else
            {
                return RespErrors.SYNTAX;
            }
        }
        result[0] = numkeys;
        result[1] = limit;
        return null;
    }

    // ---------------------------------------------------------------- computing and replying

    /**
     * Reply to SINTER, SINTERCARD, SUNION or SDIFF over sets already looked up.
     *
     * @param out       the reply.
     * @param kind      the operation.
     * @param sets      the operands in key order, null for missing keys; only read.
     * @param limit     SINTERCARD's LIMIT, 0 for none.
     * @param maxIntset the intset limit.
     */
    public static void reply(
        final RespWriter out, final Kind kind, final SetValue[] sets, final long limit, final long maxIntset)
    {
        switch (kind)
        {
            case INTER:
                if (SetOps.anyMissing(sets))
                {
                    out.setHeader(0);
                    return;
                }
                final RespWriter body = BODY.get().clear();
                final WritingSink writing = new WritingSink(body);
                SetOps.intersect(sets, writing);
                out.setHeader(writing.count);
                out.raw(body.buffer(), 0, body.position());
                if (body.buffer().capacity() > BODY_KEPT)
                {
                    BODY.remove();
                }
                return;
            case INTERCARD:
                if (SetOps.anyMissing(sets))
                {
                    out.integer(0);
                    return;
                }
                final CountingSink counting = new CountingSink(limit);
                SetOps.intersect(sets, counting);
                out.integer(counting.count);
                return;
            default:
                final SetBuilder builder = new SetBuilder(maxIntset);
                if (kind == Kind.UNION)
                {
                    SetOps.union(sets, builder);
                }
                else
                {
                    SetOps.difference(sets, builder);
                }
                final SetValue result = builder.build();
                if (result == null)
                {
                    out.setHeader(0);
                }
                else
                {
                    out.setHeader(result.size());
                    writeMembers(out, result);
                }
        }
    }

    /**
     * The value SINTERSTORE, SUNIONSTORE or SDIFFSTORE stores, in Redis's encoding.
     *
     * @param kind      INTER, UNION or DIFF.
     * @param sets      the operands, null for missing keys; only read.
     * @param maxIntset the intset limit.
     * @return the result, or null when it is empty (the destination is then deleted).
     */
    public static SetValue result(final Kind kind, final SetValue[] sets, final long maxIntset)
    {
        final SetBuilder builder = new SetBuilder(maxIntset);
        switch (kind)
        {
            case INTER:
                if (!SetOps.anyMissing(sets))
                {
                    SetOps.intersect(sets, new BuildingSink(builder));
                }
                break;
            case UNION:
                SetOps.union(sets, builder);
                break;
            default:
                SetOps.difference(sets, builder);
                break;
        }
        return builder.build();
    }

    /**
     * Write every member of a set, in its order (ascending for an intset), without a header.
     *
     * @param out the reply.
     * @param set the set.
     */
    static void writeMembers(final RespWriter out, final SetValue set)
    {
        final boolean longs = set.hasLongMembers();
        final int limit = set.positionLimit();
        for (int position = 0; position < limit; position++)
        {
            if (set.occupied(position))
            {
                if (longs)
                {
                    out.bulkLong(set.longAt(position));
                }
                else
                {
                    out.bulk(set.memberArray(position), set.memberOffset(position), set.memberLength(position));
                }
            }
        }
    }

    // ---------------------------------------------------------------- shard handlers

    static void sinter(final ExecContext ctx)
    {
        combine(ctx, Kind.INTER, false);
    }

    static void sinterstore(final ExecContext ctx)
    {
        combine(ctx, Kind.INTER, true);
    }

    static void sunion(final ExecContext ctx)
    {
        combine(ctx, Kind.UNION, false);
    }

    static void sunionstore(final ExecContext ctx)
    {
        combine(ctx, Kind.UNION, true);
    }

    static void sdiff(final ExecContext ctx)
    {
        combine(ctx, Kind.DIFF, false);
    }

    static void sdiffstore(final ExecContext ctx)
    {
        combine(ctx, Kind.DIFF, true);
    }

    static void sintercard(final ExecContext ctx)
    {
        if (servePart(ctx))
        {
            return;
        }
        final long[] parsed = new long[2];
        final String error = parseInterCard(ctx.args, parsed);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final SetValue[] sets = lookUpAll(ctx, 2, 1 + (int)parsed[0]);
        if (sets != null)
        {
            reply(ctx.out, Kind.INTERCARD, sets, parsed[1], 0);
        }
    }

    private static void combine(final ExecContext ctx, final Kind kind, final boolean store)
    {
        if (servePart(ctx))
        {
            return;
        }
        final SetValue[] sets = lookUpAll(ctx, store ? 2 : 1, ctx.args.count() - 1);
        if (sets == null)
        {
            return;
        }
        final long maxIntset = maxIntset(ctx.shard().config());
        if (store)
        {
            install(ctx, 1, result(kind, sets, maxIntset));
        }
        else
        {
            reply(ctx.out, kind, sets, 0, maxIntset);
        }
    }

    private static boolean servePart(final ExecContext ctx)
    {
        if (!ctx.isPart())
        {
            return false;
        }
        if (ctx.subOp() == SetCombine.STORE)
        {
            install(ctx, 1, (SetValue)ctx.attachment());
            return true;
        }
        // FETCH: every argument after the name is a key.
        final SetValue[] sets = lookUpAll(ctx, 1, ctx.args.count() - 1);
        if (sets != null)
        {
            for (final SetValue set : sets)
            {
                if (set != null)
                {
                    set.share();
                }
            }
            ctx.replyAttachment(sets);
            ctx.out.integer(sets.length);
        }
        return true;
    }

    /**
     * Look up keys as sets, in order, as Redis does (a missing key is an empty set).
     *
     * @return the sets, null for missing keys; or null after replying WRONGTYPE.
     */
    private static SetValue[] lookUpAll(final ExecContext ctx, final int first, final int last)
    {
        final SetValue[] sets = new SetValue[last - first + 1];
        for (int i = first; i <= last; i++)
        {
            final KeyEntry entry = ctx.lookupRead(i);
            if (entry == null)
            {
                continue;
            }
            if (entry.type() != ValueType.SET)
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return null;
            }
            sets[i - first] = (SetValue)entry.value();
        }
        return sets;
    }

    /**
     * Store a result under a key, replacing whatever is there and its expiry, or delete the key
     * when the result is empty; reply the result's cardinality.
     */
    private static void install(final ExecContext ctx, final int keyIndex, final SetValue result)
    {
        KeyEntry entry = ctx.lookup(keyIndex);
        if (result == null)
        {
            if (entry != null)
            {
                ctx.delete(entry);
            }
            ctx.out.integer(0);
            return;
        }
        if (entry == null)
        {
            entry = ctx.insert(keyIndex);
        }
        else
        {
            if (ctx.db().clearExpiry(entry))
            {
                ctx.keysChanged();
            }
            entry.touch(ctx.nowMs());
        }
        entry.set(ValueType.SET, result.encoding(), result);
        ctx.out.integer(result.size());
    }

    // ---------------------------------------------------------------- sinks

    private static final class WritingSink implements SetOps.Sink
    {
        private final RespWriter body;
        private long count;

        WritingSink(final RespWriter body)
        {
            this.body = body;
        }

        @Override
        public boolean acceptLong(final long value)
        {
            body.bulkLong(value);
            count++;
            return true;
        }

        @Override
        public boolean accept(final byte[] array, final int offset, final int length)
        {
            body.bulk(array, offset, length);
            count++;
            return true;
        }
    }

    private static final class CountingSink implements SetOps.Sink
    {
        private final long limit;
        private long count;

        CountingSink(final long limit)
        {
            this.limit = limit;
        }

        @Override
        public boolean acceptLong(final long value)
        {
            return ++count != limit;
        }

        @Override
        public boolean accept(final byte[] array, final int offset, final int length)
        {
            return ++count != limit;
        }
    }

    private static final class BuildingSink implements SetOps.Sink
    {
        private final SetBuilder builder;

        BuildingSink(final SetBuilder builder)
        {
            this.builder = builder;
        }

        @Override
        public boolean acceptLong(final long value)
        {
            builder.addLong(value);
            return true;
        }

        @Override
        public boolean accept(final byte[] array, final int offset, final int length)
        {
            builder.add(array, offset, length);
            return true;
        }
    }

    private static final class OptionCache
    {
        ServerConfig config;
        Option option;
    }
}
