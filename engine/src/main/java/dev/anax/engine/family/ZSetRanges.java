package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.coord.MovedValue;
import dev.anax.engine.coord.StoreHops;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.zset.ZEntry;
import dev.anax.engine.types.zset.ZListpack;
import dev.anax.engine.types.zset.ZPredicate;
import dev.anax.engine.types.zset.ZSetValue;
import dev.anax.engine.types.zset.ZSets;

import java.util.Arrays;

/**
 * The range commands of sorted sets: ZRANGE in all its forms (by rank, score or lex, forward or
 * reversed, with LIMIT and WITHSCORES), ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBY*. Every
 * range is turned into a run of ranks [lo, hi) first, then read or removed by rank.
 */
final class ZSetRanges
{
    static final String NOT_FLOAT_RANGE = "ERR min or max is not a float";
    static final String NOT_LEX_RANGE = "ERR min or max not valid string range item";
    static final String LIMIT_NEEDS_BY = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    static final String WITHSCORES_BYLEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    private static final int AUTO = 0;
    private static final int RANK = 1;
    private static final int SCORE = 2;
    private static final int LEX = 3;

    /** A lex bound: the minimum string "-", the maximum "+", or bytes. */
    private static final int LEX_MIN = -1;
    private static final int LEX_MAX = 1;
    private static final int LEX_BYTES = 0;

    private ZSetRanges()
    {
    }

    /**
     * A parsed range: score bounds, or lex bounds as argument ranges. As a {@link ZPredicate} it
     * tests one lex bound, chosen by {@link #mode}.
     */
    static final class Range implements ZPredicate
    {
        static final int GTE_MIN = 0;
        static final int LTE_MAX = 1;
        static final int NOT_GTE_MIN = 2;
        static final int NOT_LTE_MAX = 3;

        double min;
        double max;
        boolean minExclusive;
        boolean maxExclusive;
        int minKind;
        int maxKind;
        int minOffset;
        int minLength;
        int maxOffset;
        int maxLength;
        byte[] array;
        int mode;
        final double[] parsed = new double[1];

        /** First rank of the range in a set. */
        int lo(final ZSetValue set, final boolean lex)
        {
            if (!lex)
            {
                return set.countScoreBelow(min, minExclusive);
            }
            if (minKind != LEX_BYTES)
            {
                return minKind == LEX_MIN ? 0 : set.size();
            }
            return set.countLexBelow(array, minOffset, minLength, minExclusive);
        }

        /** The rank after the last of the range in a set. */
        int hi(final ZSetValue set, final boolean lex)
        {
            if (!lex)
            {
                return set.countScoreBelow(max, !maxExclusive);
            }
            if (maxKind != LEX_BYTES)
            {
                return maxKind == LEX_MIN ? 0 : set.size();
            }
            return set.countLexBelow(array, maxOffset, maxLength, !maxExclusive);
        }

        boolean gteMin(final byte[] m, final int offset, final int length)
        {
            if (minKind != LEX_BYTES)
            {
                return minKind == LEX_MIN;
            }
            final int c = Arrays.compareUnsigned(m, offset, offset + length, array, minOffset, minOffset + minLength);
            return minExclusive ? c > 0 : c >= 0;
        }

        boolean lteMax(final byte[] m, final int offset, final int length)
        {
            if (maxKind != LEX_BYTES)
            {
                return maxKind == LEX_MAX;
            }
            final int c = Arrays.compareUnsigned(m, offset, offset + length, array, maxOffset, maxOffset + maxLength);
            return maxExclusive ? c < 0 : c <= 0;
        }

        @Override
        public boolean test(final byte[] m, final int offset, final int length, final double score)
        {
            switch (mode)
            {
                case GTE_MIN:
                    return gteMin(m, offset, length);
                case LTE_MAX:
                    return lteMax(m, offset, length);
                case NOT_GTE_MIN:
                    return !gteMin(m, offset, length);
                default:
                    return !lteMax(m, offset, length);
            }
        }

        /** Whether min &lt;= max as Redis compares lex items ('-' below and '+' above everything). */
        boolean lexValid()
        {
            final int cmp;
            if (minKind == LEX_BYTES && maxKind == LEX_BYTES)
            {
                cmp = Arrays.compareUnsigned(array, minOffset, minOffset + minLength, array, maxOffset, maxOffset + maxLength);
            }
            else
            {
                cmp = Integer.compare(minKind, maxKind);
            }
            return !(cmp > 0 || (cmp == 0 && (minExclusive || maxExclusive)));
        }

        /**
         * The first element of a lex range going up (or the last, going down), found as Redis
         * finds it: the range must be valid, the set's last element at least min and its first
         * at most max; a listpack is walked from its end, a tree searched (which agrees whenever
         * the members are in order, the only case Redis defines).
         *
         * @return its rank, or -1 for none.
         */
        int lexFirst(final ZSetValue set, final boolean reverse)
        {
            final int size = set.size();
            if (!lexValid() || size == 0)
            {
                return -1;
            }
            mode = GTE_MIN;
            if (set.run(size - 1, true, 1, this) == 0)
            {
                return -1;
            }
            mode = LTE_MAX;
            if (set.run(0, false, 1, this) == 0)
            {
                return -1;
            }
            final boolean packed = set instanceof ZListpack;
            if (!reverse)
            {
                mode = NOT_GTE_MIN;
                final int first = packed ? set.run(0, false, size, this) : lo(set, true);
                mode = LTE_MAX;
                return first < size && set.run(first, false, 1, this) == 1 ? first : -1;
            }
            mode = NOT_LTE_MAX;
            final int last = packed ? size - 1 - set.run(size - 1, true, size, this) : hi(set, true) - 1;
            mode = GTE_MIN;
            return last >= 0 && set.run(last, true, 1, this) == 1 ? last : -1;
        }

        /**
         * How many elements of a lex range there are from its first: those that follow it
         * without passing max (Redis's ZLEXCOUNT and ZREMRANGEBYLEX on a listpack).
         */
        int lexCount(final ZSetValue set, final int first)
        {
            if (first < 0)
            {
                return 0;
            }
            if (!(set instanceof ZListpack))
            {
                return Math.max(0, hi(set, true) - first);
            }
            mode = LTE_MAX;
            return set.run(first, false, set.size(), this);
        }
    }

    private static final ThreadLocal<Range> RANGE = ThreadLocal.withInitial(Range::new);

    /** Parse a score range as zslParseRange does. */
    static boolean parseScoreRange(final ZArgs z, final int minIndex, final int maxIndex, final Range range)
    {
        final double[] value = range.parsed;
        if (!parseScoreBound(z, minIndex, value))
        {
            return false;
        }
        range.min = value[0];
        range.minExclusive = isExclusive(z, minIndex);
        if (!parseScoreBound(z, maxIndex, value))
        {
            return false;
        }
        range.max = value[0];
        range.maxExclusive = isExclusive(z, maxIndex);
        return true;
    }

    private static boolean isExclusive(final ZArgs z, final int i)
    {
        return z.length(i) > 0 && z.array()[z.offset(i)] == '(';
    }

    private static boolean parseScoreBound(final ZArgs z, final int i, final double[] value)
    {
        final int skip = isExclusive(z, i) ? 1 : 0;
        return Strtod.parseRangeBound(z.array(), z.offset(i) + skip, z.length(i) - skip, value);
    }

    /** Parse a lex range as zslParseLexRange does. */
    static boolean parseLexRange(final ZArgs z, final int minIndex, final int maxIndex, final Range range)
    {
        range.array = z.array();
        final long min = parseLexBound(z, minIndex);
        final long max = parseLexBound(z, maxIndex);
        if (min < 0 || max < 0)
        {
            return false;
        }
        range.minKind = (int)(min >> 1) - 1;
        range.minExclusive = (min & 1) != 0;
        range.minOffset = z.offset(minIndex) + 1;
        range.minLength = z.length(minIndex) - 1;
        range.maxKind = (int)(max >> 1) - 1;
        range.maxExclusive = (max & 1) != 0;
        range.maxOffset = z.offset(maxIndex) + 1;
        range.maxLength = z.length(maxIndex) - 1;
        return true;
    }

    /** (kind + 1) << 1 | exclusive, or -1 for an invalid item. */
    private static long parseLexBound(final ZArgs z, final int i)
    {
        final int length = z.length(i);
        if (length == 0)
        {
            return -1;
        }
        final byte[] a = z.array();
        final int offset = z.offset(i);
        switch (a[offset])
        {
            case '+':
                return length == 1 || a[offset + 1] == 0 ? ((LEX_MAX + 1) << 1) | 1 : -1;
            case '-':
                return length == 1 || a[offset + 1] == 0 ? ((LEX_MIN + 1) << 1) | 1 : -1;
            case '(':
                return ((LEX_BYTES + 1) << 1) | 1;
            case '[':
                return (LEX_BYTES + 1) << 1;
            default:
                return -1;
        }
    }

    // ---------------------------------------------------------------- ZCOUNT, ZLEXCOUNT

    static void zcount(final ExecContext ctx)
    {
        count(ctx, false);
    }

    static void zlexcount(final ExecContext ctx)
    {
        count(ctx, true);
    }

    private static void count(final ExecContext ctx, final boolean lex)
    {
        final ZArgs z = ZArgs.of(ctx.args);
        final Range range = RANGE.get();
        if (lex ? !parseLexRange(z, 2, 3, range) : !parseScoreRange(z, 2, 3, range))
        {
            ctx.out.error(lex ? NOT_LEX_RANGE : NOT_FLOAT_RANGE);
            return;
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!ZSetFamily.isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ZSetValue set = ZSetFamily.value(entry);
        ctx.out.integer(lex ? range.lexCount(set, range.lexFirst(set, false)) :
            Math.max(0, range.hi(set, false) - range.lo(set, false)));
    }

    // ---------------------------------------------------------------- ZRANGE and friends

    static void zrange(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, AUTO, false, true);
    }

    static void zrevrange(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, RANK, true, false);
    }

    static void zrangebyscore(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, SCORE, false, false);
    }

    static void zrevrangebyscore(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, SCORE, true, false);
    }

    static void zrangebylex(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, LEX, false, false);
    }

    static void zrevrangebylex(final ExecContext ctx)
    {
        rangeGeneric(ctx, 1, false, LEX, true, false);
    }

    /**
     * ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]: whole on one shard,
     * or (sub-operation {@link StoreHops#FETCH}) the range handed over for another shard to store
     * ({@link StoreHops#INSTALL}).
     *
     * @param ctx the command.
     */
    static void zrangestore(final ExecContext ctx)
    {
        if (ctx.isPart() && ctx.subOp() == StoreHops.INSTALL)
        {
            StoreHops.install(ctx);
            return;
        }
        rangeGeneric(ctx, 2, true, AUTO, false, true);
    }

    /**
     * The common body of every ZRANGE form.
     *
     * @param keyIndex    the source key's argument.
     * @param store       ZRANGESTORE.
     * @param type        AUTO (ZRANGE, ZRANGESTORE) or the form fixed by the command.
     * @param reverse     the direction fixed by the command (ZREV*).
     * @param autoReverse whether REV may be given.
     */
    private static void rangeGeneric(
        final ExecContext ctx,
        final int keyIndex,
        final boolean store,
        final int type,
        final boolean reverse,
        final boolean autoReverse)
    {
        final CommandArgs args = ctx.args;
        final int argc = args.count();
        int rangeType = type;
        boolean rev = reverse;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyIndex + 3; j < argc; j++)
        {
            final int left = argc - j - 1;
            if (!store && args.is(j, "withscores"))
            {
                withScores = true;
            }
            else if (left >= 2 && args.is(j, "limit"))
            {
                if (!args.parseLong(j + 1, ctx.number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                offset = ctx.number[0];
                if (!args.parseLong(j + 2, ctx.number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                limit = ctx.number[0];
                j += 2;
            }
            else if (autoReverse && !rev && args.is(j, "rev"))
            {
                rev = true;
            }
            else if (rangeType == AUTO && args.is(j, "bylex"))
            {
                rangeType = LEX;
            }
            else if (rangeType == AUTO && args.is(j, "byscore"))
            {
                rangeType = SCORE;
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        if (rangeType == AUTO)
        {
            rangeType = RANK;
        }
        if (limit != -1 && rangeType == RANK)
        {
            ctx.out.error(LIMIT_NEEDS_BY);
            return;
        }
        if (withScores && rangeType == LEX)
        {
            ctx.out.error(WITHSCORES_BYLEX);
            return;
        }
        int minIndex = keyIndex + 1;
        int maxIndex = keyIndex + 2;
        if (rev && rangeType != RANK)
        {
            minIndex = keyIndex + 2;
            maxIndex = keyIndex + 1;
        }
        final ZArgs z = ZArgs.of(args);
        final Range range = RANGE.get();
        long start = 0;
        long end = 0;
        switch (rangeType)
        {
            case RANK:
                if (!args.parseLong(minIndex, ctx.number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                start = ctx.number[0];
                if (!args.parseLong(maxIndex, ctx.number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                end = ctx.number[0];
                break;
            case SCORE:
                if (!parseScoreRange(z, minIndex, maxIndex, range))
                {
                    ctx.out.error(NOT_FLOAT_RANGE);
                    return;
                }
                break;
            default:
                if (!parseLexRange(z, minIndex, maxIndex, range))
                {
                    ctx.out.error(NOT_LEX_RANGE);
                    return;
                }
                break;
        }

        final KeyEntry entry = ctx.lookupRead(keyIndex);
        if (entry != null && !ZSetFamily.isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        // The run of ranks to emit: first, count, direction.
        int first = 0;
        int count = 0;
        final ZSetValue set = entry == null ? null : ZSetFamily.value(entry);
        if (set != null)
        {
            final long size = set.size();
            if (rangeType == RANK)
            {
                if (start < 0)
                {
                    start += size;
                }
                if (end < 0)
                {
                    end += size;
                }
                if (start < 0)
                {
                    start = 0;
                }
                if (start <= end && start < size)
                {
                    if (end >= size)
                    {
                        end = size - 1;
                    }
                    count = (int)(end - start + 1);
                    first = rev ? (int)(size - 1 - start) : (int)start;
                }
            }
            else if (offset >= 0 && !(offset > 0 && offset >= size))
            {
                if (rangeType == SCORE)
                {
                    final int lo = range.lo(set, false);
                    final int hi = range.hi(set, false);
                    if (hi - lo > offset)
                    {
                        final long available = hi - lo - offset;
                        count = (int)(limit < 0 ? available : Math.min(available, limit));
                        first = rev ? (int)(hi - 1 - offset) : (int)(lo + offset);
                    }
                }
                else
                {
                    // Redis walks from the first element in range, skips offset elements without
                    // looking at them, then takes elements while they are within the far bound.
                    final int inRange = range.lexFirst(set, rev);
                    final long from = rev ? inRange - offset : inRange + offset;
                    if (inRange >= 0 && from >= 0 && from < size)
                    {
                        range.mode = rev ? Range.GTE_MIN : Range.LTE_MAX;
                        first = (int)from;
                        count = set.run(first, rev, limit < 0 ? Integer.MAX_VALUE : (int)Math.min(limit, Integer.MAX_VALUE), range);
                    }
                }
            }
        }
        if (store)
        {
            storeRange(ctx, set, first, count, rev, rangeType == RANK);
        }
        else
        {
            ZReplies.range(ctx.out, set, first, count, rev, withScores);
        }
    }

    /** ZRANGESTORE's result: installed here, or handed over when the destination is elsewhere. */
    private static void storeRange(final ExecContext ctx, final ZSetValue set, final int first, final int count,
        final boolean rev, final boolean byRank)
    {
        ZSetValue result = null;
        if (count > 0)
        {
            final ServerConfig config = ctx.shard().config();
            final long maxEntries = ZSetFamily.maxListpackEntries(config);
            final long maxValue = ZSetFamily.maxListpackValue(config);
            final byte[][] entries = new byte[count][];
            // Redis adds the elements one by one to a new set: a listpack, unless a rank range
            // already knows it holds too many elements; a listpack converts when it would outgrow
            // the thresholds, and the elements it held lose a -0 score to 0.
            final int[] added = {0};
            final boolean[] packed = {!byRank || count <= maxEntries};
            set.visit(first, count, rev, (m, o, l, s) ->
            {
                final int i = added[0]++;
                packed[0] &= i + 1 <= maxEntries && l <= maxValue;
                entries[rev ? count - 1 - i : i] = ZEntry.of(m, o, l, packed[0] && s == 0 ? 0.0 : s);
            });
            result = ZSets.of(entries, count, maxEntries, maxValue);
        }
        if (ctx.isPart() && ctx.subOp() == StoreHops.FETCH)
        {
            ctx.replyAttachment(result == null ? null : StoreHops.moved(ValueType.ZSET, result.encoding(), result));
        }
        else
        {
            storeResult(ctx, 1, result);
        }
        ctx.out.integer(count);
    }

    /**
     * Replace a key with a sorted set, or delete it when there is none (the *STORE commands).
     *
     * @param ctx      the command.
     * @param keyIndex the destination's argument.
     * @param result   the new value, or null for an empty result.
     */
    static void storeResult(final ExecContext ctx, final int keyIndex, final ZSetValue result)
    {
        final KeyEntry existing = ctx.lookup(keyIndex);
        if (existing != null)
        {
            ctx.delete(existing);
        }
        if (result != null)
        {
            ZSetFamily.store(ctx.insert(keyIndex), result);
        }
    }

    // ---------------------------------------------------------------- ZREMRANGEBY*

    static void zremrangebyrank(final ExecContext ctx)
    {
        removeRange(ctx, RANK);
    }

    static void zremrangebyscore(final ExecContext ctx)
    {
        removeRange(ctx, SCORE);
    }

    static void zremrangebylex(final ExecContext ctx)
    {
        removeRange(ctx, LEX);
    }

    private static void removeRange(final ExecContext ctx, final int type)
    {
        final ZArgs z = ZArgs.of(ctx.args);
        final Range range = RANGE.get();
        long start = 0;
        long end = 0;
        if (type == RANK)
        {
            if (!ctx.args.parseLong(2, ctx.number))
            {
                ctx.out.error(RespErrors.NOT_INTEGER);
                return;
            }
            start = ctx.number[0];
            if (!ctx.args.parseLong(3, ctx.number))
            {
                ctx.out.error(RespErrors.NOT_INTEGER);
                return;
            }
            end = ctx.number[0];
        }
        else if (type == SCORE ? !parseScoreRange(z, 2, 3, range) : !parseLexRange(z, 2, 3, range))
        {
            ctx.out.error(type == SCORE ? NOT_FLOAT_RANGE : NOT_LEX_RANGE);
            return;
        }
        final KeyEntry entry = ZSetFamily.lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!ZSetFamily.isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ZSetValue set = ZSetFamily.value(entry);
        final long size = set.size();
        final int first;
        final int count;
        if (type == RANK)
        {
            if (start < 0)
            {
                start += size;
            }
            if (end < 0)
            {
                end += size;
            }
            if (start < 0)
            {
                start = 0;
            }
            if (start > end || start >= size)
            {
                ctx.out.integer(0);
                return;
            }
            if (end >= size)
            {
                end = size - 1;
            }
            first = (int)start;
            count = (int)(end - start + 1);
        }
        else if (type == SCORE)
        {
            final int lo = range.lo(set, false);
            first = lo;
            count = Math.max(0, range.hi(set, false) - lo);
        }
        else
        {
            // Redis deletes from the first element in range while elements stay within max.
            first = range.lexFirst(set, false);
            range.mode = Range.LTE_MAX;
            count = first < 0 ? 0 : set.run(first, false, set.size(), range);
        }
        set.removeRange(first, count);
        ZSetFamily.deleteIfEmpty(ctx, entry);
        ctx.out.integer(count);
    }

    /**
     * A value ready to move to another shard.
     *
     * @param set the value.
     * @return it wrapped for the install hop.
     */
    static MovedValue moved(final ZSetValue set)
    {
        return StoreHops.moved(ValueType.ZSET, set.encoding(), set);
    }
}
