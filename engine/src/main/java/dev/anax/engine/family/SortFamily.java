package dev.anax.engine.family;

import dev.anax.codecs.Bytes;
import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.StoreHops;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.ElementSource;
import dev.anax.engine.types.zset.ZListpack;
import dev.anax.engine.types.zset.ZSetValue;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SORT and SORT_RO over lists, sets and sorted sets, as Redis 7.0 runs them: numeric or ALPHA
 * order, ASC/DESC, LIMIT, BY pattern (a key or a hash field per element, or a constant for no
 * sorting), GET patterns ({@code #} for the element), STORE into a list. The sort is stable and
 * ties compare the elements, as Redis's does.
 * <p>
 * Anax restriction: every key a BY or GET pattern names must live on the sorted key's shard
 * (give the pattern the sorted key's {@code {hash tag}}); otherwise the command answers
 * {@link #CROSS_SHARD_PATTERN}. With one shard every pattern works. STORE may name a key on
 * another shard ({@link StoreHops}).
 * <p>
 * Lists and sets are read through {@link ElementSource}, hash fields through
 * {@link HashFamily#fieldValue}, and STORE builds its list with {@link ListFamily#listOf}.
 */
public final class SortFamily
{
    /** A BY or GET pattern named a key that lives on another shard. */
    public static final String CROSS_SHARD_PATTERN =
        "ERR SORT BY/GET pattern names a key on another shard than the sorted key; use a {hash tag}";
    static final String NOT_DOUBLE = "ERR One or more scores can't be converted into double";
    static final String UNREADABLE = "ERR SORT cannot read the elements of this value";

    private static final byte[] EMPTY = new byte[0];

    private SortFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.coordinated("sort", new StoreHops(1, SortFamily::storeIndex), SortFamily::sort);
        table.shard("sort_ro", SortFamily::sortReadOnly);
        table.keys("sort", MovableKeys::sort);
        table.keys("sort_ro", (args, from) -> new int[] {from + 1});
    }

    /** The parsed options of one SORT. */
    private static final class Options
    {
        boolean desc;
        boolean alpha;
        boolean dontSort;
        long limitStart;
        long limitCount = -1;
        int byIndex = -1;
        int storeIndex = -1;
        final List<Integer> gets = new ArrayList<>();
    }

    /** One element being sorted. */
    private static final class Item
    {
        final byte[] element;
        double score;
        byte[] compare;

        Item(final byte[] element)
        {
            this.element = element;
        }
    }

    /**
     * Where a SORT stores its result: the key after the last STORE, found as Redis's parser
     * walks the options; -1 for none or when the options do not parse (the shard then answers
     * the error).
     *
     * @param args the request.
     * @return the argument index of the destination, or -1.
     */
    static int storeIndex(final CommandArgs args)
    {
        final Options options = new Options();
        return parse(args, false, options, new long[1]) == null ? options.storeIndex : -1;
    }

    private static String parse(final CommandArgs args, final boolean readOnly, final Options options,
        final long[] number)
    {
        final int argc = args.count();
        for (int j = 2; j < argc; j++)
        {
            final int left = argc - j - 1;
            if (args.is(j, "asc"))
            {
                options.desc = false;
            }
            else if (args.is(j, "desc"))
            {
                options.desc = true;
            }
            else if (args.is(j, "alpha"))
            {
                options.alpha = true;
            }
            else if (args.is(j, "limit") && left >= 2)
            {
                if (!args.parseLong(j + 1, number))
                {
                    return RespErrors.NOT_INTEGER;
                }
                options.limitStart = number[0];
                if (!args.parseLong(j + 2, number))
                {
                    return RespErrors.NOT_INTEGER;
                }
                options.limitCount = number[0];
                j += 2;
            }
            else if (!readOnly && args.is(j, "store") && left >= 1)
            {
                options.storeIndex = j + 1;
                j++;
            }
            else if (args.is(j, "by") && left >= 1)
            {
                options.byIndex = j + 1;
                options.dontSort = indexOf(args, j + 1, (byte)'*') < 0;
                j++;
            }
            else if (args.is(j, "get") && left >= 1)
            {
                options.gets.add(j + 1);
                j++;
            }
            else
            {
                return RespErrors.SYNTAX;
            }
        }
        return null;
    }

    private static int indexOf(final CommandArgs args, final int index, final byte b)
    {
        final int offset = args.offset(index);
        for (int i = 0; i < args.length(index); i++)
        {
            if (args.buffer().getByte(offset + i) == b)
            {
                return i;
            }
        }
        return -1;
    }

    static void sortReadOnly(final ExecContext ctx)
    {
        sortGeneric(ctx, true);
    }

    static void sort(final ExecContext ctx)
    {
        if (ctx.isPart() && ctx.subOp() == StoreHops.INSTALL)
        {
            StoreHops.install(ctx);
            return;
        }
        sortGeneric(ctx, false);
    }

    private static void sortGeneric(final ExecContext ctx, final boolean readOnly)
    {
        final CommandArgs args = ctx.args;
        final Options options = new Options();
        final String error = parse(args, readOnly, options, ctx.number);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final KeyEntry entry = ctx.lookupRead(1);
        final byte type = entry == null ? ValueType.LIST : entry.type();
        if (type != ValueType.LIST && type != ValueType.SET && type != ValueType.ZSET)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        boolean dontSort = options.dontSort;
        boolean alpha = options.alpha;
        int byIndex = options.byIndex;
        if (dontSort && type == ValueType.SET && options.storeIndex >= 0)
        {
            // A set has no order of its own: a stored result is sorted to be deterministic.
            dontSort = false;
            alpha = true;
            byIndex = -1;
        }
        ZSetValue zset = null;
        ElementSource source = null;
        long length = 0;
        if (entry != null)
        {
            if (type == ValueType.ZSET)
            {
                zset = ZSetFamily.value(entry);
                if (zset instanceof ZListpack)
                {
                    // Redis converts a listpack sorted set for SORT, for good.
                    zset = ZSetFamily.convertToTree(entry);
                }
                length = zset.size();
            }
            else
            {
                if (!(entry.value() instanceof ElementSource))
                {
                    ctx.out.error(UNREADABLE);
                    return;
                }
                source = (ElementSource)entry.value();
                length = source.elementCount();
            }
        }

        long start = options.limitStart < 0 ? 0 : options.limitStart;
        long end = options.limitCount < 0 ? length - 1 : saturatedAdd(start, options.limitCount - 1);
        if (start >= length)
        {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length)
        {
            end = length - 1;
        }

        // Collect the elements to sort (or, with no sorting, the selected range already in order).
        final List<Item> items = new ArrayList<>();
        final boolean ranged = dontSort && type != ValueType.SET;
        if (ranged)
        {
            if (end >= start)
            {
                final long from = options.desc ? length - 1 - start : start;
                final long count = end - start + 1;
                if (zset != null)
                {
                    zset.visit((int)from, (int)count, options.desc,
                        (m, o, l, s) -> items.add(new Item(Arrays.copyOfRange(m, o, o + l))));
                }
                else if (source != null)
                {
                    source.visitElements(from, count, options.desc,
                        (b, o, l) -> items.add(new Item(Arrays.copyOfRange(b, o, o + l))));
                }
            }
            end -= start;
            start = 0;
        }
        else if (zset != null)
        {
            zset.visitAll((m, o, l, s) -> items.add(new Item(Arrays.copyOfRange(m, o, o + l))));
        }
        else if (source != null && length > 0)
        {
            source.visitElements(0, length, false, (b, o, l) -> items.add(new Item(Arrays.copyOfRange(b, o, o + l))));
        }

        final Patterns patterns = new Patterns(ctx);
        if (!dontSort)
        {
            boolean conversionError = false;
            final double[] parsed = new double[1];
            for (final Item item : items)
            {
                final byte[] by;
                if (byIndex >= 0)
                {
                    by = patterns.lookup(byIndex, item.element);
                    if (by == Patterns.FAILED)
                    {
                        ctx.out.error(patterns.failure);
                        return;
                    }
                    if (by == null)
                    {
                        continue;
                    }
                }
                else
                {
                    by = item.element;
                }
                if (alpha)
                {
                    if (byIndex >= 0)
                    {
                        item.compare = by;
                    }
                }
                else if (Strtod.parseSortKey(by, 0, by.length, parsed))
                {
                    item.score = parsed[0];
                }
                else
                {
                    item.score = parsed[0];
                    conversionError = true;
                }
            }
            if (conversionError)
            {
                ctx.out.error(NOT_DOUBLE);
                return;
            }
            final boolean byPattern = byIndex >= 0;
            final boolean finalAlpha = alpha;
            final int sign = options.desc ? -1 : 1;
            items.sort((a, b) -> sign * compare(a, b, finalAlpha, byPattern));
        }
        output(ctx, options, items, (int)start, end, patterns);
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static int compare(final Item a, final Item b, final boolean alpha, final boolean byPattern)
    {
        if (!alpha)
        {
            if (a.score > b.score)
            {
                return 1;
            }
            if (a.score < b.score)
            {
                return -1;
            }
            return Arrays.compareUnsigned(a.element, b.element);
        }
        if (byPattern)
        {
            if (a.compare == null || b.compare == null)
            {
                return a.compare == b.compare ? 0 : a.compare == null ? -1 : 1;
            }
            return Arrays.compareUnsigned(a.compare, b.compare);
        }
        return Arrays.compareUnsigned(a.element, b.element);
    }

    private static void output(final ExecContext ctx, final Options options, final List<Item> items, final int start,
        final long end, final Patterns patterns)
    {
        final int gets = options.gets.size();
        final long selected = Math.max(0, end - start + 1);
        final int outputLength = (int)(gets > 0 ? gets * selected : selected);
        // Every value first: a pattern failure must not leave half a reply.
        final byte[][] values = new byte[outputLength][];
        int n = 0;
        for (long j = start; j <= end; j++)
        {
            final byte[] element = items.get((int)j).element;
            if (gets == 0)
            {
                values[n++] = element;
                continue;
            }
            for (final int get : options.gets)
            {
                final byte[] value = patterns.lookup(get, element);
                if (value == Patterns.FAILED)
                {
                    ctx.out.error(patterns.failure);
                    return;
                }
                values[n++] = value;
            }
        }
        if (options.storeIndex < 0)
        {
            final RespWriter out = ctx.out;
            out.arrayHeader(outputLength);
            for (final byte[] value : values)
            {
                if (value == null)
                {
                    out.nullBulk();
                }
                else
                {
                    out.bulk(value);
                }
            }
            return;
        }
        Object list = null;
        if (outputLength > 0)
        {
            for (int i = 0; i < values.length; i++)
            {
                if (values[i] == null)
                {
                    values[i] = EMPTY;
                }
            }
            list = ListFamily.listOf(ctx, values, outputLength);
        }
        if (ctx.isPart() && ctx.subOp() == StoreHops.FETCH)
        {
            ctx.replyAttachment(list == null ? null : StoreHops.moved(ValueType.LIST, Encoding.QUICKLIST, list));
        }
        else
        {
            final KeyEntry existing = ctx.lookup(options.storeIndex);
            if (existing != null)
            {
                ctx.delete(existing);
            }
            if (list != null)
            {
                ctx.insert(options.storeIndex).set(ValueType.LIST, Encoding.QUICKLIST, list);
            }
        }
        ctx.out.integer(outputLength);
    }

    /** Looks BY and GET patterns up for elements. */
    private static final class Patterns
    {
        /** Returned by {@link #lookup} when the lookup failed; {@link #failure} says why. */
        static final byte[] FAILED = new byte[0];

        private final ExecContext ctx;
        String failure;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

        Patterns(final ExecContext ctx)
        {
            this.ctx = ctx;
        }

        /**
         * The value a pattern names for an element, as Redis's lookupKeyByPattern finds it.
         *
         * @param patternIndex argument index of the pattern.
         * @param element      the element.
         * @return the value, null when there is none, or {@link #FAILED} when the key lives on
         *         another shard or cannot be read.
         */
        byte[] lookup(final int patternIndex, final byte[] element)
        {
            final byte[] pattern = ctx.args.bytes(patternIndex);
            if (pattern.length == 1 && pattern[0] == '#')
            {
                return element;
            }
            final int star = indexOf(pattern, (byte)'*', 0);
            if (star < 0)
            {
                return null;
            }
            final int arrow = indexOfArrow(pattern, star + 1);
            final boolean field = arrow >= 0 && arrow + 2 < pattern.length;
            final int suffixEnd = field ? arrow : pattern.length;
            final byte[] key = new byte[star + element.length + suffixEnd - star - 1];
            System.arraycopy(pattern, 0, key, 0, star);
            System.arraycopy(element, 0, key, star, element.length);
            System.arraycopy(pattern, star + 1, key, star + element.length, suffixEnd - star - 1);
            final int shardCount = ctx.shard().shardCount();
            if (shardCount > 1)
            {
                view.wrap(key);
                final int hash = Bytes.routingHash(view, 0, key.length);
                if ((int)((hash & 0xFFFF_FFFFL) % shardCount) != ctx.shard().index())
                {
                    failure = CROSS_SHARD_PATTERN;
                    return FAILED;
                }
            }
            final KeyEntry entry = ctx.db().get(key, ctx.nowMs());
            if (entry == null)
            {
                return null;
            }
            if (field)
            {
                if (entry.type() != ValueType.HASH)
                {
                    return null;
                }
                return HashFamily.fieldValue(entry, pattern, arrow + 2, pattern.length - arrow - 2);
            }
            return entry.type() == ValueType.STRING ? entry.bytes() : null;
        }

        private static int indexOf(final byte[] bytes, final byte b, final int from)
        {
            for (int i = from; i < bytes.length; i++)
            {
                if (bytes[i] == b)
                {
                    return i;
                }
            }
            return -1;
        }

        private static int indexOfArrow(final byte[] bytes, final int from)
        {
            for (int i = from; i + 1 < bytes.length; i++)
            {
                if (bytes[i] == '-' && bytes[i + 1] == '>')
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
