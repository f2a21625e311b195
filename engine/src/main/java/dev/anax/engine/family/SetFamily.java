package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.ScanRoute;
import dev.anax.engine.coord.SetCombine;
import dev.anax.engine.coord.SetCombine.Kind;
import dev.anax.engine.coord.SetMove;
import dev.anax.engine.keyspace.GlobMatcher;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.set.IntSet;
import dev.anax.engine.types.set.LongTable;
import dev.anax.engine.types.set.MemberBytes;
import dev.anax.engine.types.set.MemberTable;
import dev.anax.engine.types.set.SetBuilder;
import dev.anax.engine.types.set.SetValue;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Set commands, as Redis 7.0 runs them: the same replies (sets as RESP3 sets where Redis sends
 * them), the same errors in the same order, the same encodings (intset, hashtable) and the same
 * conversions. The values are {@link SetValue}s; the multi-key commands are in {@link SetAlgebra}.
 */
public final class SetFamily
{
    /** SPOP's count below 0 or not an integer. */
    public static final String NOT_POSITIVE = "ERR value is out of range, must be positive";
    /** SRANDMEMBER's count of -2^63 (sic: Redis's wording). */
    public static final String RANDOM_COUNT_RANGE =
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    /** A count whose reply could not be buffered (Redis would try, and run out of memory). */
    public static final String REPLY_TOO_LARGE = "ERR count is too large for one reply";

    /** How many times the remainder must exceed the count for SPOP to pop one by one (Redis's 5). */
    private static final int SPOP_MOVE_STRATEGY_MUL = 5;
    /** Above count * 3 members, SRANDMEMBER picks members; below, it drops them (Redis's 3). */
    private static final int SRANDMEMBER_SUB_STRATEGY_MUL = 3;
    /** The most elements a reply may have: each takes at least 7 bytes, a buffer at most 2 GB. */
    private static final long MAX_REPLY_ELEMENTS = (Integer.MAX_VALUE - 1024) / 7;
    private static final int SCAN_DEFAULT_COUNT = 10;
    private static final byte[] EMPTY_SCAN = "*2\r\n$1\r\n0\r\n*0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final ThreadLocal<ScanCollector> COLLECTOR = ThreadLocal.withInitial(ScanCollector::new);

    private SetFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("sadd", SetFamily::sadd);
        table.shard("srem", SetFamily::srem);
        table.shard("smembers", SetFamily::smembers);
        table.shard("sismember", SetFamily::sismember);
        table.shard("smismember", SetFamily::smismember);
        table.shard("scard", SetFamily::scard);
        table.shard("spop", SetFamily::spop);
        table.shard("srandmember", SetFamily::srandmember);
        table.shard("sscan", SetFamily::sscan);
        table.coordinated("smove", new SetMove(), SetFamily::smove);
        table.coordinated("sinter", new SetCombine(Kind.INTER, false), SetAlgebra::sinter);
        table.coordinated("sintercard", new SetCombine(Kind.INTERCARD, false), SetAlgebra::sintercard);
        table.keys("sintercard", (args, from) -> MovableKeys.numkeys(args, from, false));
        table.coordinated("sinterstore", new SetCombine(Kind.INTER, true), SetAlgebra::sinterstore);
        table.coordinated("sunion", new SetCombine(Kind.UNION, false), SetAlgebra::sunion);
        table.coordinated("sunionstore", new SetCombine(Kind.UNION, true), SetAlgebra::sunionstore);
        table.coordinated("sdiff", new SetCombine(Kind.DIFF, false), SetAlgebra::sdiff);
        table.coordinated("sdiffstore", new SetCombine(Kind.DIFF, true), SetAlgebra::sdiffstore);
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

    /** The set of an entry, copied first if another thread may be reading it. */
    private static SetValue writable(final KeyEntry entry)
    {
        SetValue set = (SetValue)entry.value();
        if (set.isShared())
        {
            set = set.deepCopy();
            entry.set(ValueType.SET, set.encoding(), set);
        }
        return set;
    }

    private static void stored(final KeyEntry entry, final SetValue set)
    {
        entry.set(ValueType.SET, set.encoding(), set);
    }

    private static boolean contains(final ExecContext ctx, final SetValue set, final int index)
    {
        final CommandArgs args = ctx.args;
        return set.contains(args.buffer(), args.offset(index), args.length(index), ctx.number);
    }

    private static long maxIntset(final ExecContext ctx)
    {
        return SetAlgebra.maxIntset(ctx.shard().config());
    }

    private static void writeAt(final RespWriter out, final SetValue set, final int position)
    {
        if (set.hasLongMembers())
        {
            out.bulkLong(set.longAt(position));
        }
        else
        {
            out.bulk(set.memberArray(position), set.memberOffset(position), set.memberLength(position));
        }
    }

    // ---------------------------------------------------------------- writes

    static void sadd(final ExecContext ctx)
    {
        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        final DirectBuffer buffer = args.buffer();
        final SetValue set;
        if (entry == null)
        {
            set = SetValue.createFor(buffer, args.offset(2), args.length(2), ctx.number);
            entry = ctx.insert(1);
        }
        else
        {
            set = writable(entry);
        }
        final long maxIntset = maxIntset(ctx);
        int added = 0;
        for (int i = 2; i < args.count(); i++)
        {
            if (set.add(buffer, args.offset(i), args.length(i), maxIntset, ctx.number))
            {
                added++;
            }
        }
        stored(entry, set);
        ctx.out.integer(added);
    }

    static void srem(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        final SetValue set = writable(entry);
        int removed = 0;
        for (int i = 2; i < args.count(); i++)
        {
            if (set.remove(args.buffer(), args.offset(i), args.length(i), ctx.number))
            {
                removed++;
                if (set.size() == 0)
                {
                    ctx.delete(entry);
                    ctx.out.integer(removed);
                    return;
                }
            }
        }
        stored(entry, set);
        ctx.out.integer(removed);
    }

    /**
     * SMOVE, whole (both keys on this shard) or one hop of {@link SetMove}.
     *
     * @param ctx the command.
     */
    static void smove(final ExecContext ctx)
    {
        switch (ctx.subOp())
        {
            case SetMove.DST_CHECK:
            {
                final KeyEntry destination = lookupWrite(ctx, 2);
                if (destination != null && destination.type() != ValueType.SET)
                {
                    ctx.out.error(RespErrors.WRONGTYPE);
                }
                else
                {
                    ctx.out.integer(0);
                }
                return;
            }
            case SetMove.SRC_CHECK:
            {
                final KeyEntry source = lookupWrite(ctx, 1);
                if (source == null)
                {
                    ctx.out.integer(0);
                }
                else
                {
                    ctx.out.error(RespErrors.WRONGTYPE);
                }
                return;
            }
            case SetMove.SRC_TAKE:
            {
                final KeyEntry source = lookupWrite(ctx, 1);
                if (source == null)
                {
                    ctx.out.integer(0);
                }
                else if (source.type() != ValueType.SET)
                {
                    ctx.out.error(RespErrors.WRONGTYPE);
                }
                else
                {
                    ctx.out.integer(take(ctx, source) ? 1 : 0);
                }
                return;
            }
            case SetMove.DST_ADD:
            case SetMove.SRC_RESTORE:
            {
                final int keyIndex = ctx.subOp() == SetMove.DST_ADD ? 2 : 1;
                final KeyEntry target = lookupWrite(ctx, keyIndex);
                if (target != null && target.type() != ValueType.SET)
                {
                    ctx.out.error(RespErrors.WRONGTYPE);
                    return;
                }
                put(ctx, target, keyIndex);
                ctx.out.integer(1);
                return;
            }
            default:
                smoveWhole(ctx);
        }
    }

    private static void smoveWhole(final ExecContext ctx)
    {
        final KeyEntry source = lookupWrite(ctx, 1);
        final KeyEntry destination = lookupWrite(ctx, 2);
        if (source == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (source.type() != ValueType.SET || (destination != null && destination.type() != ValueType.SET))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (source == destination)
        {
            ctx.out.integer(contains(ctx, (SetValue)source.value(), 3) ? 1 : 0);
            return;
        }
        if (!take(ctx, source))
        {
            ctx.out.integer(0);
            return;
        }
        put(ctx, destination, 2);
        ctx.out.integer(1);
    }

    /** Remove the member (argument 3) from a source set, deleting the key when it empties. */
    private static boolean take(final ExecContext ctx, final KeyEntry source)
    {
        if (!contains(ctx, (SetValue)source.value(), 3))
        {
            return false;
        }
        final CommandArgs args = ctx.args;
        final SetValue set = writable(source);
        set.remove(args.buffer(), args.offset(3), args.length(3), ctx.number);
        if (set.size() == 0)
        {
            ctx.delete(source);
        }
        else
        {
            stored(source, set);
        }
        return true;
    }

    /** Add the member (argument 3) to a set, creating the key of argument keyIndex if missing. */
    private static void put(final ExecContext ctx, final KeyEntry existing, final int keyIndex)
    {
        final CommandArgs args = ctx.args;
        final DirectBuffer buffer = args.buffer();
        KeyEntry entry = existing;
        final SetValue set;
        if (entry == null)
        {
            set = SetValue.createFor(buffer, args.offset(3), args.length(3), ctx.number);
            entry = ctx.insert(keyIndex);
        }
        else
        {
            set = writable(entry);
        }
        set.add(buffer, args.offset(3), args.length(3), maxIntset(ctx), ctx.number);
        stored(entry, set);
    }

    static void spop(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        if (argc > 3)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        if (argc == 3)
        {
            spopWithCount(ctx);
            return;
        }
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final SetValue set = writable(entry);
        final int position = set.randomPosition(ThreadLocalRandom.current());
        writeAt(ctx.out, set, position);
        set.removeAt(position);
        if (set.size() == 0)
        {
            ctx.delete(entry);
        }
    }

    private static void spopWithCount(final ExecContext ctx)
    {
        if (!ctx.parseLong(2) || ctx.number[0] < 0)
        {
            ctx.out.error(NOT_POSITIVE);
            return;
        }
        final long count = ctx.number[0];
        final KeyEntry entry = lookupWrite(ctx, 1);
        final RespWriter out = ctx.out;
        if (entry == null)
        {
            out.setHeader(0);
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (count == 0)
        {
            out.setHeader(0);
            return;
        }
        final SetValue set = writable(entry);
        final int size = set.size();
        if (count >= size)
        {
            out.setHeader(size);
            SetAlgebra.writeMembers(out, set);
            ctx.delete(entry);
            return;
        }
        out.setHeader(count);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long remaining = size - count;
        if (remaining * SPOP_MOVE_STRATEGY_MUL > count)
        {
            // Few to pop: pop them one by one.
            for (long i = 0; i < count; i++)
            {
                final int position = set.randomPosition(random);
                writeAt(out, set, position);
                set.removeAt(position);
            }
            stored(entry, set);
            return;
        }
        // Most of the set goes: move the few that stay to a new set, reply the rest.
        final SetBuilder kept = new SetBuilder(maxIntset(ctx));
        for (long i = 0; i < remaining; i++)
        {
            final int position = set.randomPosition(random);
            if (set.hasLongMembers())
            {
                kept.addLong(set.longAt(position));
            }
            else
            {
                kept.add(set.memberArray(position), set.memberOffset(position), set.memberLength(position));
            }
            set.removeAt(position);
        }
        SetAlgebra.writeMembers(out, set);
        stored(entry, kept.build());
    }

    // ---------------------------------------------------------------- reads

    static void smembers(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.setHeader(0);
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final SetValue set = (SetValue)entry.value();
        ctx.out.setHeader(set.size());
        SetAlgebra.writeMembers(ctx.out, set);
    }

    static void sismember(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(contains(ctx, (SetValue)entry.value(), 2) ? 1 : 0);
        }
    }

    static void smismember(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry != null && entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int argc = ctx.args.count();
        ctx.out.arrayHeader(argc - 2);
        final SetValue set = entry == null ? null : (SetValue)entry.value();
        for (int i = 2; i < argc; i++)
        {
            ctx.out.integer(set != null && contains(ctx, set, i) ? 1 : 0);
        }
    }

    static void scard(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(((SetValue)entry.value()).size());
        }
    }

    static void srandmember(final ExecContext ctx)
    {
        final int argc = ctx.args.count();
        if (argc > 3)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        if (argc == 3)
        {
            srandmemberWithCount(ctx);
            return;
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final SetValue set = (SetValue)entry.value();
        writeAt(ctx.out, set, set.randomPosition(ThreadLocalRandom.current()));
    }

    private static void srandmemberWithCount(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        if (ctx.number[0] == Long.MIN_VALUE)
        {
            ctx.out.error(RANDOM_COUNT_RANGE);
            return;
        }
        final boolean unique = ctx.number[0] >= 0;
        final long count = Math.abs(ctx.number[0]);
        final KeyEntry entry = ctx.lookupRead(1);
        final RespWriter out = ctx.out;
        if (entry == null)
        {
            out.emptyArray();
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (count == 0)
        {
            out.emptyArray();
            return;
        }
        final SetValue set = (SetValue)entry.value();
        final int size = set.size();
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        if (!unique || count == 1)
        {
            if (count > MAX_REPLY_ELEMENTS)
            {
                out.error(REPLY_TOO_LARGE);
                return;
            }
            out.arrayHeader(count);
            for (long i = 0; i < count; i++)
            {
                writeAt(out, set, set.randomPosition(random));
            }
            return;
        }
        if (count >= size)
        {
            out.arrayHeader(size);
            SetAlgebra.writeMembers(out, set);
            return;
        }
        final int wanted = (int)count;
        out.arrayHeader(wanted);
        if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size)
        {
            // Close to the whole set: shuffle the positions of all members partially.
            final int[] positions = positions(set);
            for (int i = 0; i < wanted; i++)
            {
                final int j = i + random.nextInt(size - i);
                final int picked = positions[j];
                positions[j] = positions[i];
                positions[i] = picked;
                writeAt(out, set, picked);
            }
            return;
        }
        // Few of many: draw until enough distinct members.
        final IntHashSet seen = new IntHashSet(wanted * 2);
        int drawn = 0;
        while (drawn < wanted)
        {
            final int position = set.randomPosition(random);
            if (seen.add(position))
            {
                writeAt(out, set, position);
                drawn++;
            }
        }
    }

    /** The positions of every member. */
    private static int[] positions(final SetValue set)
    {
        final int[] positions = new int[set.size()];
        final int limit = set.positionLimit();
        int n = 0;
        for (int position = 0; position < limit; position++)
        {
            if (set.occupied(position))
            {
                positions[n++] = position;
            }
        }
        return positions;
    }

    // ---------------------------------------------------------------- SSCAN

    static void sscan(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final long[] number = ctx.number;
        if (!ScanRoute.parseCursor(args, 2, number))
        {
            ctx.out.error(RespErrors.INVALID_CURSOR);
            return;
        }
        long cursor = number[0];
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.raw(EMPTY_SCAN);
            return;
        }
        if (entry.type() != ValueType.SET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        long count = SCAN_DEFAULT_COUNT;
        byte[] pattern = null;
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
                pattern = args.bytes(i + 1);
                if (GlobMatcher.isMatchAll(pattern))
                {
                    pattern = null;
                }
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final SetValue set = (SetValue)entry.value();
        final RespWriter out = ctx.out;
        if (set.isIntSet())
        {
            // Small by construction: everything in one call, as Redis does.
            final byte[] ints = set.intSet();
            final int size = IntSet.size(ints);
            final ScanCollector collector = COLLECTOR.get();
            for (int i = 0; i < size; i++)
            {
                collector.accept(MemberBytes.toBytes(IntSet.get(ints, i)));
            }
            out.arrayHeader(2);
            out.bulkLong(0);
            collector.write(out, pattern);
            return;
        }
        final MemberTable table = set.table();
        final LongTable longs = set.longTable();
        final ScanCollector collector = COLLECTOR.get();
        long iterations = count * 10;
        do
        {
            cursor = table != null ? table.scan(cursor, collector) : longs.scan(cursor, collector);
        }
        while (cursor != 0 && iterations-- > 0 && collector.size < count);
        out.arrayHeader(2);
        out.bulkLong(cursor);
        collector.write(out, pattern);
    }

    /**
     * The members one SSCAN call found, reused from call to call on a thread.
     */
    private static final class ScanCollector implements MemberTable.Visitor, LongTable.Visitor
    {
        byte[][] members = new byte[64][];
        int size;

        @Override
        public void accept(final long value)
        {
            accept(MemberBytes.toBytes(value));
        }

        @Override
        public void accept(final byte[] array, final int offset, final int length)
        {
            accept(Arrays.copyOfRange(array, offset, offset + length));
        }

        void accept(final byte[] member)
        {
            if (size == members.length)
            {
                members = Arrays.copyOf(members, size << 1);
            }
            members[size++] = member;
        }

        void write(final RespWriter out, final byte[] pattern)
        {
            int kept = size;
            if (pattern != null)
            {
                kept = 0;
                for (int i = 0; i < size; i++)
                {
                    if (GlobMatcher.matches(pattern, members[i]))
                    {
                        members[kept++] = members[i];
                    }
                }
            }
            out.arrayHeader(kept);
            for (int i = 0; i < kept; i++)
            {
                out.bulk(members[i]);
            }
            Arrays.fill(members, 0, size, null);
            size = 0;
            if (members.length > 4096)
            {
                members = new byte[64][];
            }
        }
    }
}
