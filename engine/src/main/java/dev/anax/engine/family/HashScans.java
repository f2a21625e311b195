package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.ScanRoute;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.GlobMatcher;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.hash.FieldTable;
import dev.anax.engine.types.hash.HashListpack;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * HRANDFIELD and HSCAN: the hash commands that pick or walk fields rather than name them.
 */
final class HashScans
{
    /** A count below -LONG_MAX (Redis parses it with getRangeLongFromObjectOrReply). */
    static final String COUNT_OUT_OF_RANGE =
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    /** A WITHVALUES count whose reply length would overflow. */
    static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";

    private static final int DEFAULT_SCAN_COUNT = 10;

    /** Per shard thread: the pair indexes a table scan visited. */
    private static final ThreadLocal<IndexCollector> COLLECTOR = ThreadLocal.withInitial(IndexCollector::new);

    private HashScans()
    {
    }

    // ---------------------------------------------------------------- HRANDFIELD

    /**
     * HRANDFIELD key [count [WITHVALUES]].
     *
     * @param ctx the command.
     */
    static void hrandfield(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final int argc = args.count();
        if (argc >= 3)
        {
            if (!ctx.parseLong(2))
            {
                ctx.out.error(RespErrors.NOT_INTEGER);
                return;
            }
            final long count = ctx.number[0];
            if (count == Long.MIN_VALUE)
            {
                ctx.out.error(COUNT_OUT_OF_RANGE);
                return;
            }
            if (argc > 4 || (argc == 4 && !args.is(3, "withvalues")))
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
            final boolean withValues = argc == 4;
            if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2))
            {
                ctx.out.error(VALUE_OUT_OF_RANGE);
                return;
            }
            withCount(ctx, count, withValues);
            return;
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!HashFamily.isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final SplittableRandom random = ctx.shard().random();
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            int pos = HashListpack.first(lp);
            for (int skip = random.nextInt(HashListpack.count(lp)); skip > 0; skip--)
            {
                pos = HashListpack.next(lp, HashListpack.next(lp, pos));
            }
            ctx.out.bulk(lp, HashListpack.offset(lp, pos), HashListpack.length(lp, pos));
            return;
        }
        final FieldTable table = (FieldTable)entry.value();
        final int index = table.randomIndex(random);
        ctx.out.bulk(table.array(index), table.fieldOffset(index), table.fieldLength(index));
    }

    private static void withCount(final ExecContext ctx, final long requested, final boolean withValues)
    {
        final boolean unique = requested >= 0;
        final long count = unique ? requested : -requested;
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.emptyArray();
            return;
        }
        if (!HashFamily.isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (count == 0)
        {
            ctx.out.emptyArray();
            return;
        }
        final RespWriter out = ctx.out;
        final boolean pairs = withValues && out.isResp3();
        final SplittableRandom random = ctx.shard().random();
        final int size = HashFamily.size(entry);
        final boolean listpack = entry.encoding() == Encoding.LISTPACK;
        final byte[] lp = listpack ? (byte[])entry.value() : null;
        final FieldTable table = listpack ? null : (FieldTable)entry.value();

        if (!unique || count == 1)
        {
            // Picks with repetition; a listpack is indexed once so that each pick is O(1).
            out.arrayHeader(withValues && !pairs ? count * 2 : count);
            int[] positions = null;
            if (listpack)
            {
                positions = new int[size];
                HashListpack.positions(lp, positions);
            }
            for (long i = 0; i < count; i++)
            {
                final int index = random.nextInt(size);
                if (listpack)
                {
                    writeListpackPair(out, lp, positions[index], withValues, pairs);
                }
                else
                {
                    writeTablePair(out, table, index, withValues, pairs);
                }
            }
            return;
        }

        if (count >= size)
        {
            out.arrayHeader(withValues && !pairs ? size * 2L : size);
            if (listpack)
            {
                int pos = HashListpack.first(lp);
                while (pos < lp.length)
                {
                    writeListpackPair(out, lp, pos, withValues, pairs);
                    pos = HashListpack.next(lp, HashListpack.next(lp, pos));
                }
            }
            else
            {
                for (int i = 0; i < size; i++)
                {
                    writeTablePair(out, table, i, withValues, pairs);
                }
            }
            return;
        }

        // Distinct fields, fewer than the hash holds.
        final int wanted = (int)count;
        out.arrayHeader(withValues && !pairs ? wanted * 2L : wanted);
        if (listpack)
        {
            // Selection sampling: each field is kept with probability needed / remaining, so
            // every subset of the size wanted is equally likely; fields come in hash order.
            int needed = wanted;
            int remaining = size;
            int pos = HashListpack.first(lp);
            while (needed > 0)
            {
                if (random.nextInt(remaining) < needed)
                {
                    writeListpackPair(out, lp, pos, withValues, pairs);
                    needed--;
                }
                remaining--;
                pos = HashListpack.next(lp, HashListpack.next(lp, pos));
            }
            return;
        }
        if (wanted * 3L > size)
        {
            // Many of them: a partial Fisher-Yates shuffle of all the indexes.
            final int[] indexes = new int[size];
            for (int i = 0; i < size; i++)
            {
                indexes[i] = i;
            }
            for (int i = 0; i < wanted; i++)
            {
                final int j = i + random.nextInt(size - i);
                final int picked = indexes[j];
                indexes[j] = indexes[i];
                indexes[i] = picked;
                writeTablePair(out, table, picked, withValues, pairs);
            }
            return;
        }
        // Few of them: random indexes, skipping the ones already picked.
        final int[] seen = new int[Integer.highestOneBit(wanted * 4 - 1) << 1];
        final int mask = seen.length - 1;
        int picked = 0;
        while (picked < wanted)
        {
            final int index = random.nextInt(size);
            int slot = mix(index) & mask;
            while (seen[slot] != 0 && seen[slot] != index + 1)
            {
                slot = (slot + 1) & mask;
            }
            if (seen[slot] != 0)
            {
                continue;
            }
            seen[slot] = index + 1;
            picked++;
            writeTablePair(out, table, index, withValues, pairs);
        }
    }

    private static int mix(final int value)
    {
        final int h = value * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static void writeListpackPair(
        final RespWriter out, final byte[] lp, final int pos, final boolean withValues, final boolean pairs)
    {
        if (pairs)
        {
            out.arrayHeader(2);
        }
        out.bulk(lp, HashListpack.offset(lp, pos), HashListpack.length(lp, pos));
        if (withValues)
        {
            final int valuePos = HashListpack.next(lp, pos);
            out.bulk(lp, HashListpack.offset(lp, valuePos), HashListpack.length(lp, valuePos));
        }
    }

    private static void writeTablePair(
        final RespWriter out, final FieldTable table, final int index, final boolean withValues, final boolean pairs)
    {
        if (pairs)
        {
            out.arrayHeader(2);
        }
        final byte[] array = table.array(index);
        out.bulk(array, table.fieldOffset(index), table.fieldLength(index));
        if (withValues)
        {
            out.bulk(array, table.valueOffset(index), table.valueLength(index));
        }
    }

    // ---------------------------------------------------------------- HSCAN

    /**
     * HSCAN key cursor [MATCH pattern] [COUNT count]. A listpack answers with all its pairs and
     * cursor 0 whatever the cursor, as Redis does; a table walks its buckets from the cursor.
     *
     * @param ctx the command.
     */
    static void hscan(final ExecContext ctx)
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
            ctx.out.bulkLong(0);
            ctx.out.emptyArray();
            return;
        }
        if (!HashFamily.isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        long count = DEFAULT_SCAN_COUNT;
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
        final byte[] a = HashFamily.array(args);
        final int base = HashFamily.base(args);
        int patternOffset = 0;
        int patternLength = -1;
        if (patternIndex >= 0)
        {
            patternOffset = base + args.offset(patternIndex);
            patternLength = args.length(patternIndex);
            if (patternLength == 1 && a[patternOffset] == '*')
            {
                patternLength = -1;
            }
        }
        final RespWriter out = ctx.out;
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            int matched = 0;
            final int[] positions = new int[HashListpack.count(lp)];
            int pos = HashListpack.first(lp);
            while (pos < lp.length)
            {
                if (patternLength < 0 || GlobMatcher.matches(a, patternOffset, patternLength,
                    lp, HashListpack.offset(lp, pos), HashListpack.length(lp, pos)))
                {
                    positions[matched++] = pos;
                }
                pos = HashListpack.next(lp, HashListpack.next(lp, pos));
            }
            out.arrayHeader(2);
            out.bulkLong(0);
            out.arrayHeader(matched * 2L);
            for (int i = 0; i < matched; i++)
            {
                writeListpackPair(out, lp, positions[i], true, false);
            }
            return;
        }
        final FieldTable table = (FieldTable)entry.value();
        final IndexCollector collector = COLLECTOR.get();
        collector.size = 0;
        final long next = table.scan(cursor, count, collector);
        int kept = 0;
        for (int i = 0; i < collector.size; i++)
        {
            final int index = collector.indexes[i];
            if (patternLength < 0 || GlobMatcher.matches(a, patternOffset, patternLength,
                table.array(index), table.fieldOffset(index), table.fieldLength(index)))
            {
                collector.indexes[kept++] = index;
            }
        }
        out.arrayHeader(2);
        out.bulkLong(next);
        out.arrayHeader(kept * 2L);
        for (int i = 0; i < kept; i++)
        {
            writeTablePair(out, table, collector.indexes[i], true, false);
        }
        collector.end();
    }

    /** Collects the pair indexes of one scan call. */
    private static final class IndexCollector implements FieldTable.Visitor
    {
        int[] indexes = new int[64];
        int size;

        @Override
        public void visit(final int index)
        {
            if (size == indexes.length)
            {
                indexes = Arrays.copyOf(indexes, size << 1);
            }
            indexes[size++] = index;
        }

        void end()
        {
            size = 0;
            if (indexes.length > 4096)
            {
                indexes = new int[64];
            }
        }
    }
}
