package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.coord.ZCombine;
import dev.anax.engine.coord.ZMpop;
import dev.anax.engine.coord.StoreHops;
import dev.anax.engine.coord.ScanRoute;
import dev.anax.engine.keyspace.GlobMatcher;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.zset.ZEntry;
import dev.anax.engine.types.zset.ZListpack;
import dev.anax.engine.types.zset.ZSetValue;
import dev.anax.engine.types.zset.ZSets;
import dev.anax.engine.types.zset.ZTreeSet;
import org.agrona.collections.IntHashSet;

import java.util.SplittableRandom;

/**
 * Sorted set commands as Redis 7.0 runs them: the same replies in RESP2 and RESP3, the same
 * errors in the same order, the same encodings (listpack while the set has at most
 * zset-max-listpack-entries elements and no member longer than zset-max-listpack-value, else
 * "skiplist", never back). The range commands are in {@link ZSetRanges}, the multi-key algebra in
 * {@link ZSetCombine}; the values are {@link ZSetValue}s.
 */
public final class ZSetFamily
{
    static final String XX_AND_NX = "ERR XX and NX options at the same time are not compatible";
    static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    static final String INCR_PAIR = "ERR INCR option supports a single increment-element pair";
    static final String NAN_SCORE = "ERR resulting score is not a number (NaN)";
    static final String POP_COUNT = "ERR value is out of range, must be positive";
    static final String NUMKEYS_POSITIVE = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";
    static final String RANGE_LONG = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    static final String OUT_OF_RANGE = "ERR value is out of range";

    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int CH = 1 << 2;
    private static final int INCR = 1 << 3;
    private static final int GT = 1 << 4;
    private static final int LT = 1 << 5;

    private static final ThreadLocal<double[][]> SCORES =
        ThreadLocal.withInitial(() -> new double[][] {new double[16], new double[1]});

    private ZSetFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("zadd", ZSetFamily::zadd);
        table.shard("zincrby", ZSetFamily::zincrby);
        table.shard("zrem", ZSetFamily::zrem);
        table.shard("zcard", ZSetFamily::zcard);
        table.shard("zscore", ZSetFamily::zscore);
        table.shard("zmscore", ZSetFamily::zmscore);
        table.shard("zrank", ctx -> zrank(ctx, false));
        table.shard("zrevrank", ctx -> zrank(ctx, true));
        table.shard("zcount", ZSetRanges::zcount);
        table.shard("zlexcount", ZSetRanges::zlexcount);
        table.shard("zrange", ZSetRanges::zrange);
        table.shard("zrevrange", ZSetRanges::zrevrange);
        table.shard("zrangebyscore", ZSetRanges::zrangebyscore);
        table.shard("zrevrangebyscore", ZSetRanges::zrevrangebyscore);
        table.shard("zrangebylex", ZSetRanges::zrangebylex);
        table.shard("zrevrangebylex", ZSetRanges::zrevrangebylex);
        table.coordinated("zrangestore", new StoreHops(2, args -> 1), ZSetRanges::zrangestore);
        table.shard("zremrangebyrank", ZSetRanges::zremrangebyrank);
        table.shard("zremrangebyscore", ZSetRanges::zremrangebyscore);
        table.shard("zremrangebylex", ZSetRanges::zremrangebylex);
        table.shard("zpopmin", ctx -> zpop(ctx, false));
        table.shard("zpopmax", ctx -> zpop(ctx, true));
        table.coordinated("zmpop", new ZMpop(), ZSetFamily::zmpop);
        table.shard("zrandmember", ZSetFamily::zrandmember);
        table.shard("zscan", ZSetFamily::zscan);
        table.coordinated("zunion", new ZCombine(ZSetCombine.UNION, false), ZSetCombine::execute);
        table.coordinated("zinter", new ZCombine(ZSetCombine.INTER, false), ZSetCombine::execute);
        table.coordinated("zdiff", new ZCombine(ZSetCombine.DIFF, false), ZSetCombine::execute);
        table.coordinated("zunionstore", new ZCombine(ZSetCombine.UNION, true), ZSetCombine::execute);
        table.coordinated("zinterstore", new ZCombine(ZSetCombine.INTER, true), ZSetCombine::execute);
        table.coordinated("zdiffstore", new ZCombine(ZSetCombine.DIFF, true), ZSetCombine::execute);
        table.coordinated("zintercard", new ZCombine(ZSetCombine.INTERCARD, false), ZSetCombine::execute);
        for (final String name : new String[] {"zunion", "zinter", "zdiff", "zintercard", "zmpop"})
        {
            table.keys(name, (args, from) -> MovableKeys.numkeys(args, from, false));
        }
        for (final String name : new String[] {"zunionstore", "zinterstore", "zdiffstore"})
        {
            table.keys(name, (args, from) -> MovableKeys.numkeys(args, from, true));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Look a key up for writing: expires it lazily and records the access, counts no hit. */
    static KeyEntry lookupWrite(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.lookup(index);
        if (entry != null)
        {
            entry.touch(ctx.nowMs());
        }
        return entry;
    }

    static boolean isZSet(final KeyEntry entry)
    {
        return entry.type() == ValueType.ZSET;
    }

    static ZSetValue value(final KeyEntry entry)
    {
        return (ZSetValue)entry.value();
    }

    /** @return zset-max-listpack-entries. */
    static long maxListpackEntries(final ServerConfig config)
    {
        return config.require("zset-max-listpack-entries").asLong();
    }

    /** @return zset-max-listpack-value. */
    static long maxListpackValue(final ServerConfig config)
    {
        return config.require("zset-max-listpack-value").asLong();
    }

    /**
     * Store a new sorted set value in an entry (a new key or one being replaced).
     *
     * @param entry the entry.
     * @param set   the value.
     */
    static void store(final KeyEntry entry, final ZSetValue set)
    {
        entry.set(ValueType.ZSET, set.encoding(), set);
    }

    /**
     * Convert an entry's listpack to the tree encoding.
     *
     * @param entry holding a {@link ZListpack}.
     * @return the new value, stored in the entry.
     */
    static ZTreeSet convertToTree(final KeyEntry entry)
    {
        final ZTreeSet tree = ZSets.toTree((ZListpack)entry.value());
        store(entry, tree);
        return tree;
    }

    /** A thread-local array of at least n doubles. */
    private static double[] scores(final int n)
    {
        final double[][] holder = SCORES.get();
        if (holder[0].length < n)
        {
            holder[0] = new double[Math.max(n, holder[0].length * 2)];
        }
        return holder[0];
    }

    // ---------------------------------------------------------------- ZADD, ZINCRBY

    static void zadd(final ExecContext ctx)
    {
        zaddGeneric(ctx, 0);
    }

    static void zincrby(final ExecContext ctx)
    {
        zaddGeneric(ctx, INCR);
    }

    private static void zaddGeneric(final ExecContext ctx, final int initialFlags)
    {
        final CommandArgs args = ctx.args;
        final int argc = args.count();
        int flags = initialFlags;
        int scoreIndex = 2;
        for (; scoreIndex < argc; scoreIndex++)
        {
            if (args.is(scoreIndex, "nx"))
            {
                flags |= NX;
            }
            else if (args.is(scoreIndex, "xx"))
            {
                flags |= XX;
            }
            else if (args.is(scoreIndex, "ch"))
            {
                flags |= CH;
            }
            else if (args.is(scoreIndex, "incr"))
            {
                flags |= INCR;
            }
            else if (args.is(scoreIndex, "gt"))
            {
                flags |= GT;
            }
            else if (args.is(scoreIndex, "lt"))
            {
                flags |= LT;
            }
            else
            {
                break;
            }
        }
        final int remaining = argc - scoreIndex;
        if (remaining % 2 != 0 || remaining == 0)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        final int elements = remaining / 2;
        final boolean nx = (flags & NX) != 0;
        final boolean xx = (flags & XX) != 0;
        final boolean gt = (flags & GT) != 0;
        final boolean lt = (flags & LT) != 0;
        final boolean incr = (flags & INCR) != 0;
        if (nx && xx)
        {
            ctx.out.error(XX_AND_NX);
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            ctx.out.error(GT_LT_NX);
            return;
        }
        if (incr && elements > 1)
        {
            ctx.out.error(INCR_PAIR);
            return;
        }
        final ZArgs z = ZArgs.of(args);
        final byte[] a = z.array();
        final double[] scores = scores(elements);
        final double[] parsed = SCORES.get()[1];
        for (int j = 0; j < elements; j++)
        {
            final int i = scoreIndex + 2 * j;
            if (!Strtod.parseValue(a, z.offset(i), z.length(i), parsed))
            {
                ctx.out.error(RespErrors.NOT_FLOAT);
                return;
            }
            scores[j] = parsed[0];
        }

        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && !isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ServerConfig config = ctx.shard().config();
        final long maxEntries = maxListpackEntries(config);
        final long maxValue = maxListpackValue(config);
        if (entry == null)
        {
            if (xx)
            {
                if (incr)
                {
                    ctx.out.nullBulk();
                }
                else
                {
                    ctx.out.integer(0);
                }
                return;
            }
            entry = ctx.insert(1);
            store(entry, maxEntries == 0 || maxValue < z.length(scoreIndex + 1) ? new ZTreeSet() : new ZListpack());
        }
        ZSetValue set = value(entry);
        long added = 0;
        long updated = 0;
        boolean processed = false;
        double newScore = 0;
        for (int j = 0; j < elements; j++)
        {
            final int m = scoreIndex + 2 * j + 1;
            final int offset = z.offset(m);
            final int length = z.length(m);
            double score = scores[j];
            final double current = set.score(a, offset, length);
            if (!Double.isNaN(current))
            {
                if (nx)
                {
                    continue;
                }
                if (incr)
                {
                    score += current;
                    if (Double.isNaN(score))
                    {
                        ctx.out.error(NAN_SCORE);
                        deleteIfEmpty(ctx, entry);
                        return;
                    }
                }
                if ((lt && score >= current) || (gt && score <= current))
                {
                    continue;
                }
                processed = true;
                newScore = score;
                if (score != current)
                {
                    set.update(a, offset, length, current, score);
                    updated++;
                }
            }
            else if (!xx)
            {
                if (set instanceof ZListpack && (set.size() + 1L > maxEntries || length > maxValue))
                {
                    set = convertToTree(entry);
                }
                set.insert(a, offset, length, score);
                added++;
                processed = true;
                newScore = score;
            }
        }
        deleteIfEmpty(ctx, entry);
        if (incr)
        {
            if (processed)
            {
                ScoreFormat.write(ctx.out, newScore);
            }
            else
            {
                ctx.out.nullBulk();
            }
        }
        else
        {
            ctx.out.integer((flags & CH) != 0 ? added + updated : added);
        }
    }

    /**
     * Delete a sorted set key that holds no element any more.
     *
     * @param ctx   the command.
     * @param entry a sorted set entry.
     */
    static void deleteIfEmpty(final ExecContext ctx, final KeyEntry entry)
    {
        if (value(entry).size() == 0)
        {
            ctx.delete(entry);
        }
    }

    // ---------------------------------------------------------------- single-key reads and ZREM

    static void zrem(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ZSetValue set = value(entry);
        final ZArgs z = ZArgs.of(ctx.args);
        long removed = 0;
        for (int i = 2; i < ctx.args.count(); i++)
        {
            if (set.remove(z.array(), z.offset(i), z.length(i)))
            {
                removed++;
                if (set.size() == 0)
                {
                    break;
                }
            }
        }
        deleteIfEmpty(ctx, entry);
        ctx.out.integer(removed);
    }

    static void zcard(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(value(entry).size());
        }
    }

    static void zscore(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ZArgs z = ZArgs.of(ctx.args);
        final double score = value(entry).score(z.array(), z.offset(2), z.length(2));
        if (Double.isNaN(score))
        {
            ctx.out.nullBulk();
        }
        else
        {
            ScoreFormat.write(ctx.out, score);
        }
    }

    static void zmscore(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry != null && !isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int argc = ctx.args.count();
        ctx.out.arrayHeader(argc - 2);
        final ZSetValue set = entry == null ? null : value(entry);
        final ZArgs z = ZArgs.of(ctx.args);
        for (int i = 2; i < argc; i++)
        {
            final double score = set == null ? Double.NaN : set.score(z.array(), z.offset(i), z.length(i));
            if (Double.isNaN(score))
            {
                ctx.out.nullBulk();
            }
            else
            {
                ScoreFormat.write(ctx.out, score);
            }
        }
    }

    static void zrank(final ExecContext ctx, final boolean reverse)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ZSetValue set = value(entry);
        final ZArgs z = ZArgs.of(ctx.args);
        final int rank = set.rank(z.array(), z.offset(2), z.length(2));
        if (rank < 0)
        {
            ctx.out.nullBulk();
        }
        else
        {
            ctx.out.integer(reverse ? set.size() - 1 - rank : rank);
        }
    }

    // ---------------------------------------------------------------- ZPOPMIN, ZPOPMAX, ZMPOP

    static void zpop(final ExecContext ctx, final boolean max)
    {
        final CommandArgs args = ctx.args;
        if (args.count() > 3)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        long count = 1;
        final boolean hasCount = args.count() == 3;
        if (hasCount)
        {
            if (!ctx.parseLong(2) || ctx.number[0] < 0)
            {
                ctx.out.error(POP_COUNT);
                return;
            }
            count = ctx.number[0];
        }
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && !isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (entry == null || count == 0)
        {
            ctx.out.emptyArray();
            return;
        }
        final ZSetValue set = value(entry);
        final int n = (int)Math.min(count, set.size());
        final RespWriter out = ctx.out;
        final boolean resp3 = out.isResp3();
        if (resp3 && hasCount)
        {
            out.arrayHeader(n);
        }
        else
        {
            out.arrayHeader(2L * n);
        }
        popInto(ctx, entry, set, n, max, resp3 && hasCount);
    }

    /** Reply and remove n elements from one end; deletes the key when it empties. */
    static void popInto(
        final ExecContext ctx, final KeyEntry entry, final ZSetValue set, final int n, final boolean max,
        final boolean pairs)
    {
        final int from = max ? set.size() - 1 : 0;
        set.visit(from, n, max, ZReplies.writer(ctx.out, true, pairs));
        set.removeRange(max ? set.size() - n : 0, n);
        deleteIfEmpty(ctx, entry);
    }

    /**
     * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]. The shard's part of a cross-shard ZMPOP
     * is a ZMPOP over the keys of that shard, so one handler serves both.
     *
     * @param ctx the command.
     */
    static void zmpop(final ExecContext ctx)
    {
        final long[] parsed = new long[3];
        final String error = parseZmpop(ctx.args, parsed);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final int numkeys = (int)parsed[0];
        final boolean max = parsed[1] != 0;
        final long count = parsed[2];
        for (int k = 2; k < 2 + numkeys; k++)
        {
            final KeyEntry entry = lookupWrite(ctx, k);
            if (entry == null)
            {
                continue;
            }
            if (!isZSet(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            final ZSetValue set = value(entry);
            final int n = (int)Math.min(count, set.size());
            ctx.out.arrayHeader(2);
            ctx.out.bulk(entry.key());
            ctx.out.arrayHeader(n);
            popInto(ctx, entry, set, n, max, true);
            return;
        }
        ctx.out.nullArray();
    }

    /**
     * Parse ZMPOP's arguments with Redis's errors.
     *
     * @param args   the request.
     * @param result receives numkeys, 1 for MAX (0 for MIN), and the count.
     * @return null, or the error to reply.
     */
    public static String parseZmpop(final CommandArgs args, final long[] result)
    {
        final long[] number = new long[1];
        if (!args.parseLong(1, number) || number[0] < 1)
        {
            return NUMKEYS_POSITIVE;
        }
        final int argc = args.count();
        final long numkeys = number[0];
        if (numkeys > argc - 3)
        {
            return RespErrors.SYNTAX;
        }
        final int where = 2 + (int)numkeys;
        final boolean max;
        if (args.is(where, "min"))
        {
            max = false;
        }
        else if (args.is(where, "max"))
        {
            max = true;
        }
        else
        {
            return RespErrors.SYNTAX;
        }
        long count = -1;
        for (int i = where + 1; i < argc; i++)
        {
            if (count == -1 && i + 1 < argc && args.is(i, "count"))
            {
                if (!args.parseLong(i + 1, number) || number[0] < 1)
                {
                    return COUNT_POSITIVE;
                }
                count = number[0];
                i++;
            }
            else
            {
                return RespErrors.SYNTAX;
            }
        }
        result[0] = numkeys;
        result[1] = max ? 1 : 0;
        result[2] = count == -1 ? 1 : count;
        return null;
    }

    // ---------------------------------------------------------------- ZRANDMEMBER

    static void zrandmember(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final int argc = args.count();
        if (argc == 2)
        {
            final KeyEntry entry = ctx.lookupRead(1);
            if (entry == null)
            {
                ctx.out.nullBulk();
            }
            else if (!isZSet(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
            }
            else
            {
                final ZSetValue set = value(entry);
                set.visit(ctx.shard().random().nextInt(set.size()), 1, false, ZReplies.writer(ctx.out, false, false));
            }
            return;
        }
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final long l = ctx.number[0];
        if (l == Long.MIN_VALUE)
        {
            ctx.out.error(RANGE_LONG);
            return;
        }
        boolean withScores = false;
        if (argc > 4 || (argc == 4 && !args.is(3, "withscores")))
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        if (argc == 4)
        {
            withScores = true;
            if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)
            {
                ctx.out.error(OUT_OF_RANGE);
                return;
            }
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.emptyArray();
            return;
        }
        if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        randomMembers(ctx, value(entry), l, withScores);
    }

    private static void randomMembers(final ExecContext ctx, final ZSetValue set, final long l, final boolean withScores)
    {
        final RespWriter out = ctx.out;
        final SplittableRandom random = ctx.shard().random();
        final int size = set.size();
        final boolean unique = l >= 0;
        final long count = unique ? l : -l;
        if (count == 0)
        {
            out.emptyArray();
            return;
        }
        final ZReplies writer = ZReplies.writer(out, withScores, out.isResp3());
        if (!unique || count == 1)
        {
            ZReplies.rangeHeader(out, count, withScores);
            if (set instanceof ZListpack)
            {
                // Random access into a listpack walks it: materialise it once.
                final byte[][] entries = ((ZListpack)set).toEntries();
                for (long k = 0; k < count; k++)
                {
                    final byte[] e = entries[random.nextInt(size)];
                    writer.element(e, 0, ZEntry.memberLength(e), ZEntry.score(e));
                }
            }
            else
            {
                for (long k = 0; k < count; k++)
                {
                    set.visit(random.nextInt(size), 1, false, writer);
                }
            }
            return;
        }
        if (count >= size)
        {
            // The whole set, last element first, as Redis's iterator walks it.
            ZReplies.range(out, set, size - 1, size, true, withScores);
            return;
        }
        final int n = (int)count;
        final int[] picks = new int[n];
        if (n * 3L > size)
        {
            final int[] ranks = new int[size];
            for (int i = 0; i < size; i++)
            {
                ranks[i] = i;
            }
            for (int i = 0; i < n; i++)
            {
                final int j = i + random.nextInt(size - i);
                final int t = ranks[i];
                ranks[i] = ranks[j];
                ranks[j] = t;
                picks[i] = ranks[i];
            }
        }
        else
        {
            final IntHashSet chosen = new IntHashSet(n * 2);
            int k = 0;
            while (k < n)
            {
                final int r = random.nextInt(size);
                if (chosen.add(r))
                {
                    picks[k++] = r;
                }
            }
        }
        ZReplies.rangeHeader(out, n, withScores);
        if (set instanceof ZListpack)
        {
            final byte[][] entries = ((ZListpack)set).toEntries();
            for (final int r : picks)
            {
                final byte[] e = entries[r];
                writer.element(e, 0, ZEntry.memberLength(e), ZEntry.score(e));
            }
        }
        else
        {
            for (final int r : picks)
            {
                set.visit(r, 1, false, writer);
            }
        }
    }

    // ---------------------------------------------------------------- ZSCAN

    static void zscan(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final long[] number = ctx.number;
        if (!ScanRoute.parseCursor(args, 2, number))
        {
            ctx.out.error(RespErrors.INVALID_CURSOR);
            return;
        }
        final long cursor = number[0];
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.arrayHeader(2);
            ctx.out.bulk("0");
            ctx.out.emptyArray();
            return;
        }
        if (!isZSet(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        long count = 10;
        int patternIndex = -1;
        final int argc = args.count();
        for (int i = 3; i < argc; i += 2)
        {
            final boolean hasValue = i + 1 < argc;
            if (hasValue && args.is(i, "count"))
            {
                if (!args.parseLong(i + 1, number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                if (number[0] < 1)
                {
                    ctx.out.error(RespErrors.SYNTAX);
                    return;
                }
                count = number[0];
            }
            else if (hasValue && args.is(i, "match"))
            {
                patternIndex = i + 1;
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final ZArgs z = ZArgs.of(args);
        final byte[] pattern = patternIndex < 0 || (z.length(patternIndex) == 1 &&
            z.array()[z.offset(patternIndex)] == '*') ? null : args.bytes(patternIndex);
        final ZSetValue set = value(entry);
        final ScanCollector collector = new ScanCollector(pattern);
        final long next;
        if (set instanceof ZTreeSet tree)
        {
            next = tree.scan(cursor, count, collector::entry);
        }
        else
        {
            set.visitAll(collector);
            next = 0;
        }
        final RespWriter out = ctx.out;
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(next));
        out.arrayHeader(collector.size * 2L);
        for (int i = 0; i < collector.size; i++)
        {
            final byte[] e = collector.entries[i];
            out.bulk(e, 0, ZEntry.memberLength(e));
            ScoreFormat.writeBulk(out, ZEntry.score(e));
        }
    }

    /** Collects ZSCAN elements that match the pattern. */
    private static final class ScanCollector implements dev.anax.engine.types.zset.ZVisitor
    {
        private final byte[] pattern;
        byte[][] entries = new byte[16][];
        int size;

        ScanCollector(final byte[] pattern)
        {
            this.pattern = pattern;
        }

        void entry(final byte[] e)
        {
            if (pattern == null || GlobMatcher.matches(pattern, 0, pattern.length, e, 0, ZEntry.memberLength(e)))
            {
                add(e);
            }
        }

        @Override
        public void element(final byte[] member, final int offset, final int length, final double score)
        {
            if (pattern == null || GlobMatcher.matches(pattern, 0, pattern.length, member, offset, length))
            {
                add(ZEntry.of(member, offset, length, score));
            }
        }

        private void add(final byte[] e)
        {
            if (size == entries.length)
            {
                entries = java.util.Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = e;
        }
    }
}
