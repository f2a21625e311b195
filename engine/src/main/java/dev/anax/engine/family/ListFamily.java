package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.command.ShardHandler;
import dev.anax.engine.coord.ListMove;
import dev.anax.engine.coord.ListMultiPop;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.list.ListCursor;
import dev.anax.engine.types.list.QuickList;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * List commands as Redis 7.0 runs them: the same replies (RESP2 and RESP3 nulls), the same
 * errors in the same order, every list reported as "quicklist". The values are
 * {@link QuickList}s; this class parses, looks keys up and replies, the structure does the work.
 * <p>
 * LMOVE, RPOPLPUSH and LMPOP whose keys live on several shards run as hops driven by
 * {@link ListMove} and {@link ListMultiPop}; their shard halves are here too. The blocking
 * variants are in {@link BlockingFamily}.
 */
public final class ListFamily
{
    /** LPOP/RPOP count that is negative or not an integer. */
    public static final String COUNT_MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    /** LPOS RANK 0. */
    public static final String RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, " +
        "2 from the second ... or use negative to start from the end of the list";
    /** LPOS COUNT below zero or not an integer. */
    public static final String COUNT_NEGATIVE = "ERR COUNT can't be negative";
    /** LPOS MAXLEN below zero or not an integer. */
    public static final String MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";

    private static final String LIST_MAX_SIZE = "list-max-listpack-size";

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-thread reusable objects, so that no command allocates for its iteration state.
     */
    private static final class Scratch
    {
        final ListCursor cursor = new ListCursor();
        final ListCursor.Needle needle = new ListCursor.Needle();
        final LongArrayList positions = new LongArrayList();
    }

    private ListFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("lpush", ctx -> push(ctx, true, false));
        table.shard("rpush", ctx -> push(ctx, false, false));
        table.shard("lpushx", ctx -> push(ctx, true, true));
        table.shard("rpushx", ctx -> push(ctx, false, true));
        table.shard("lpop", released(ctx -> pop(ctx, true)));
        table.shard("rpop", released(ctx -> pop(ctx, false)));
        table.shard("llen", ListFamily::llen);
        table.shard("lindex", released(ListFamily::lindex));
        table.shard("lset", released(ListFamily::lset));
        table.shard("lrange", released(ListFamily::lrange));
        table.shard("ltrim", ListFamily::ltrim);
        table.shard("lrem", released(ListFamily::lrem));
        table.shard("linsert", released(ListFamily::linsert));
        table.shard("lpos", released(ListFamily::lpos));
        table.coordinated("lmove", new ListMove(false), released(ListFamily::lmove));
        table.coordinated("rpoplpush", new ListMove(true), released(ListFamily::lmove));
        table.coordinated("lmpop", new ListMultiPop(), released(ListFamily::lmpop));
        table.keys("lmpop", (args, from) -> MovableKeys.numkeys(args, from, false));
    }

    /** Let go of the per-thread cursor and needle (what {@link #released} does after a handler). */
    static void releaseScratch()
    {
        final Scratch scratch = SCRATCH.get();
        scratch.cursor.release();
        scratch.needle.release();
    }

    /**
     * A handler that lets go of the per-thread cursor and needle when it is done, so that they
     * keep no list (nor request buffer) reachable between commands.
     */
    private static ShardHandler released(final ShardHandler handler)
    {
        return ctx ->
        {
            try
            {
                handler.execute(ctx);
            }
            finally
            {
                releaseScratch();
            }
        };
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

    static boolean isList(final KeyEntry entry)
    {
        return entry.type() == ValueType.LIST;
    }

    static QuickList list(final KeyEntry entry)
    {
        return (QuickList)entry.value();
    }

    /**
     * A new empty list with the node bound currently configured.
     *
     * @param ctx the command.
     * @return the list.
     */
    static QuickList newList(final ExecContext ctx)
    {
        return new QuickList((int)ctx.shard().config().require(LIST_MAX_SIZE).asLong());
    }

    /**
     * A new list of the given elements, head first, with the configured node bound (SORT ...
     * STORE).
     *
     * @param ctx      the command.
     * @param elements the elements; copied into the list.
     * @param count    how many of them, at least 1.
     * @return the list, to be stored with type LIST and encoding QUICKLIST.
     */
    static QuickList listOf(final ExecContext ctx, final byte[][] elements, final int count)
    {
        final QuickList list = newList(ctx);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        for (int i = 0; i < count; i++)
        {
            view.wrap(elements[i]);
            list.pushBack(view, 0, elements[i].length);
        }
        return list;
    }

    /**
     * Create an empty list under the key of argument {@code index}, which must be absent.
     */
    private static QuickList create(final ExecContext ctx, final int index)
    {
        final QuickList list = newList(ctx);
        ctx.insert(index).set(ValueType.LIST, Encoding.QUICKLIST, list);
        return list;
    }

    /**
     * Write the element a cursor views as a bulk string.
     *
     * @param out    the reply.
     * @param cursor views an element.
     */
    public static void writeElement(final RespWriter out, final ListCursor cursor)
    {
        if (cursor.isInt())
        {
            out.bulkLong(cursor.intValue());
        }
        else
        {
            out.bulk(cursor.array(), cursor.offset(), cursor.length());
        }
    }

    /**
     * The calling thread's reusable cursor, for shard handlers that read lists (SORT); the list
     * commands let go of it when they finish.
     *
     * @return the cursor of the calling thread.
     */
    public static ListCursor cursor()
    {
        return SCRATCH.get().cursor;
    }

    static void deleteIfEmpty(final ExecContext ctx, final KeyEntry entry)
    {
        if (list(entry).isEmpty())
        {
            ctx.delete(entry);
        }
    }

    // ---------------------------------------------------------------- push and pop

    static void push(final ExecContext ctx, final boolean front, final boolean onlyExisting)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        final QuickList list;
        if (entry == null)
        {
            if (onlyExisting)
            {
                ctx.out.integer(0);
                return;
            }
            list = create(ctx, 1);
        }
        else if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        else
        {
            list = list(entry);
        }
        final CommandArgs args = ctx.args;
        for (int i = 2; i < args.count(); i++)
        {
            if (front)
            {
                list.pushFront(args.buffer(), args.offset(i), args.length(i));
            }
            else
            {
                list.pushBack(args.buffer(), args.offset(i), args.length(i));
            }
        }
        ctx.out.integer(list.size());
    }

    static void pop(final ExecContext ctx, final boolean front)
    {
        final int argc = ctx.args.count();
        if (argc > 3)
        {
            ctx.out.error(RespErrors.wrongArity(ctx.spec().fullName()));
            return;
        }
        final boolean hasCount = argc == 3;
        long count = 1;
        if (hasCount)
        {
            if (!ctx.parseLong(2) || ctx.number[0] < 0)
            {
                ctx.out.error(COUNT_MUST_BE_POSITIVE);
                return;
            }
            count = ctx.number[0];
        }
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            if (hasCount)
            {
                ctx.out.nullArray();
            }
            else
            {
                ctx.out.nullBulk();
            }
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (hasCount && count == 0)
        {
            ctx.out.emptyArray();
            return;
        }
        final QuickList list = list(entry);
        final ListCursor cursor = cursor();
        if (hasCount)
        {
            popMany(ctx.out, list, front, count, cursor);
        }
        else
        {
            popOne(list, front, cursor);
            writeElement(ctx.out, cursor);
        }
        deleteIfEmpty(ctx, entry);
    }

    static void popOne(final QuickList list, final boolean front, final ListCursor cursor)
    {
        if (front)
        {
            list.popFront(cursor);
        }
        else
        {
            list.popBack(cursor);
        }
    }

    /** Pop up to {@code count} elements and reply them as an array. */
    static void popMany(
        final RespWriter out, final QuickList list, final boolean front, final long count, final ListCursor cursor)
    {
        final long n = Math.min(count, list.size());
        out.arrayHeader(n);
        for (long i = 0; i < n; i++)
        {
            popOne(list, front, cursor);
            writeElement(out, cursor);
        }
    }

    // ---------------------------------------------------------------- reads

    static void llen(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(list(entry).size());
        }
    }

    static void lindex(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final QuickList list = list(entry);
        long index = ctx.number[0];
        if (index < 0)
        {
            index += list.size();
        }
        if (index < 0 || index >= list.size())
        {
            ctx.out.nullBulk();
            return;
        }
        final ListCursor cursor = cursor();
        list.get(cursor, index);
        writeElement(ctx.out, cursor);
    }

    /**
     * First index of a Redis range (negative counts from the tail), clamped at 0.
     */
    private static long rangeStart(final long start, final long size)
    {
        return Math.max(start < 0 ? start + size : start, 0);
    }

    /**
     * Last index of a Redis range (negative counts from the tail), clamped at the last element;
     * the range is empty when it is below {@link #rangeStart}.
     */
    private static long rangeEnd(final long end, final long size)
    {
        return Math.min(end < 0 ? end + size : end, size - 1);
    }

    static void lrange(final ExecContext ctx)
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
            ctx.out.emptyArray();
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final QuickList list = list(entry);
        final long size = list.size();
        start = rangeStart(start, size);
        end = rangeEnd(end, size);
        if (start > end)
        {
            ctx.out.emptyArray();
            return;
        }
        final long n = end - start + 1;
        final ListCursor cursor = cursor();
        list.seek(cursor, start);
        ctx.out.arrayHeader(n);
        for (long i = 0; i < n; i++)
        {
            cursor.next();
            writeElement(ctx.out, cursor);
        }
    }

    static void lpos(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < args.count(); j++)
        {
            final boolean moreArgs = j + 1 < args.count();
            if (moreArgs && args.is(j, "rank"))
            {
                j++;
                if (!ctx.parseLong(j))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                rank = ctx.number[0];
                if (rank == 0)
                {
                    ctx.out.error(RANK_ZERO);
                    return;
                }
            }
            else if (moreArgs && args.is(j, "count"))
            {
                j++;
                if (!ctx.parseLong(j) || ctx.number[0] < 0)
                {
                    ctx.out.error(COUNT_NEGATIVE);
                    return;
                }
                count = ctx.number[0];
            }
            else if (moreArgs && args.is(j, "maxlen"))
            {
                j++;
                if (!ctx.parseLong(j) || ctx.number[0] < 0)
                {
                    ctx.out.error(MAXLEN_NEGATIVE);
                    return;
                }
                maxlen = ctx.number[0];
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            if (count != -1)
            {
                ctx.out.emptyArray();
            }
            else
            {
                ctx.out.nullBulk();
            }
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final QuickList list = list(entry);
        final Scratch scratch = SCRATCH.get();
        final ListCursor cursor = scratch.cursor;
        final ListCursor.Needle needle = scratch.needle.set(args.buffer(), args.offset(2), args.length(2));
        final LongArrayList positions = scratch.positions;
        positions.clear();
        // A negative rank searches from the tail; as in Redis, the most negative rank stays
        // negative and so matches from the first hit.
        final boolean fromHead = rank > 0;
        if (!fromHead)
        {
            rank = -rank;
            cursor.last(list);
        }
        else
        {
            cursor.first(list);
        }
        final long size = list.size();
        long index = 0;
        long matches = 0;
        long found = -1;
        while ((maxlen == 0 || index < maxlen) && (fromHead ? cursor.next() : cursor.prev()))
        {
            if (cursor.matches(needle))
            {
                matches++;
                if (matches >= rank)
                {
                    final long position = fromHead ? index : size - index - 1;
                    if (count != -1)
                    {
                        positions.addLong(position);
                        if (count != 0 && matches - rank + 1 >= count)
                        {
                            break;
                        }
                    }
                    else
                    {
                        found = position;
                        break;
                    }
                }
            }
            index++;
        }
        if (count != -1)
        {
            ctx.out.arrayHeader(positions.size());
            for (int i = 0; i < positions.size(); i++)
            {
                ctx.out.integer(positions.getLong(i));
            }
            if (positions.capacity() > 4096)
            {
                scratch.positions.clear();
                scratch.positions.trimToSize();
            }
        }
        else if (found >= 0)
        {
            ctx.out.integer(found);
        }
        else
        {
            ctx.out.nullBulk();
        }
    }

    // ---------------------------------------------------------------- edits

    static void lset(final ExecContext ctx)
    {
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.error(RespErrors.NO_SUCH_KEY);
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final QuickList list = list(entry);
        long index = ctx.number[0];
        if (index < 0)
        {
            index += list.size();
        }
        if (index < 0 || index >= list.size())
        {
            ctx.out.error(RespErrors.OUT_OF_RANGE);
            return;
        }
        final CommandArgs args = ctx.args;
        list.set(cursor(), index, args.buffer(), args.offset(3), args.length(3));
        ctx.out.ok();
    }

    static void ltrim(final ExecContext ctx)
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
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.ok();
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final QuickList list = list(entry);
        final long size = list.size();
        start = rangeStart(start, size);
        end = rangeEnd(end, size);
        if (start > end)
        {
            ctx.delete(entry);
        }
        else
        {
            list.trim(start, end);
        }
        ctx.out.ok();
    }

    static void lrem(final ExecContext ctx)
    {
        if (!ctx.parseLong(2))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final long count = ctx.number[0];
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        final ListCursor.Needle needle = SCRATCH.get().needle.set(args.buffer(), args.offset(3), args.length(3));
        final long removed = list(entry).remove(needle, count);
        deleteIfEmpty(ctx, entry);
        ctx.out.integer(removed);
    }

    static void linsert(final ExecContext ctx)
    {
        final boolean after;
        if (ctx.args.is(2, "after"))
        {
            after = true;
        }
        else if (ctx.args.is(2, "before"))
        {
            after = false;
        }
        else
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isList(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        final Scratch scratch = SCRATCH.get();
        final ListCursor.Needle pivot = scratch.needle.set(args.buffer(), args.offset(3), args.length(3));
        final QuickList list = list(entry);
        if (list.insert(scratch.cursor, pivot, after, args.buffer(), args.offset(4), args.length(4)))
        {
            ctx.out.integer(list.size());
        }
        else
        {
            ctx.out.integer(-1);
        }
    }

    // ---------------------------------------------------------------- LMOVE, RPOPLPUSH

    /**
     * LMOVE source destination LEFT|RIGHT LEFT|RIGHT and RPOPLPUSH source destination: the whole
     * command on one shard (sub-operation 0) or one hop of a {@link ListMove}.
     *
     * @param ctx the command.
     */
    static void lmove(final ExecContext ctx)
    {
        final int where = ListMove.parseWhere(ctx.args);
        if (where < 0)
        {
            ctx.out.error(RespErrors.SYNTAX);
            return;
        }
        final boolean fromFront = ListMove.fromFront(where);
        final boolean toFront = ListMove.toFront(where);
        switch (ctx.subOp())
        {
            case 0:
                lmoveWhole(ctx, fromFront, toFront);
                break;
            case ListMove.CHECK_DESTINATION:
            {
                final KeyEntry destination = lookupWrite(ctx, 2);
                ctx.out.integer(destination != null && !isList(destination) ? 1 : 0);
                break;
            }
            case ListMove.POP:
            case ListMove.POP_DESTINATION_WRONG:
                lmovePop(ctx, fromFront);
                break;
            case ListMove.PUSH:
                lmovePush(ctx, toFront);
                break;
            case ListMove.RESTORE:
                lmoveRestore(ctx, fromFront);
                break;
            default:
                ctx.out.error(RespErrors.SYNTAX);
                break;
        }
    }

    static void lmoveWhole(final ExecContext ctx, final boolean fromFront, final boolean toFront)
    {
        final KeyEntry source = lookupWrite(ctx, 1);
        if (source == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isList(source))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final KeyEntry destination = lookupWrite(ctx, 2);
        if (destination != null && !isList(destination))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final QuickList from = list(source);
        final QuickList to = destination != null ? list(destination) : create(ctx, 2);
        final ListCursor cursor = cursor();
        from.moveTo(to, fromFront, toFront, cursor);
        writeElement(ctx.out, cursor);
        deleteIfEmpty(ctx, source);
    }

    /** Hop 2 of a cross-shard move: pop the source and hand the entry over; ":1" when done. */
    private static void lmovePop(final ExecContext ctx, final boolean fromFront)
    {
        final KeyEntry source = lookupWrite(ctx, 1);
        if (source == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isList(source) || ctx.subOp() == ListMove.POP_DESTINATION_WRONG)
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final ListCursor cursor = cursor();
        popOne(list(source), fromFront, cursor);
        ctx.replyAttachment(cursor.copyEntry());
        deleteIfEmpty(ctx, source);
        ctx.out.integer(1);
    }

    /** Hop 3: push the entry that came from the source; reply it, or hand it back on WRONGTYPE. */
    private static void lmovePush(final ExecContext ctx, final boolean toFront)
    {
        final byte[] raw = (byte[])ctx.attachment();
        final KeyEntry destination = lookupWrite(ctx, 2);
        if (destination != null && !isList(destination))
        {
            ctx.replyAttachment(raw);
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final QuickList to = destination != null ? list(destination) : create(ctx, 2);
        to.pushEntry(toFront, raw, 0, raw.length);
        writeElement(ctx.out, cursor().viewEntry(raw));
    }

    /** Put an entry back where it was popped, when the destination turned out to be taken. */
    private static void lmoveRestore(final ExecContext ctx, final boolean fromFront)
    {
        final byte[] raw = (byte[])ctx.attachment();
        final KeyEntry source = lookupWrite(ctx, 1);
        if (source == null)
        {
            create(ctx, 1).pushEntry(fromFront, raw, 0, raw.length);
        }
        else if (isList(source))
        {
            list(source).pushEntry(fromFront, raw, 0, raw.length);
        }
        ctx.out.ok();
    }

    // ---------------------------------------------------------------- LMPOP

    /**
     * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: the whole command on one shard, or
     * one run of consecutive keys of a {@link ListMultiPop} ({@code lmpop where count key...}).
     *
     * @param ctx the command.
     */
    static void lmpop(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        if (ctx.subOp() == ListMultiPop.RUN)
        {
            args.parseLong(2, ctx.number);
            popFirst(ctx, 3, args.count() - 1, args.is(1, "left"), ctx.number[0]);
            return;
        }
        final long parsed = ListMultiPop.parse(args, ctx.number);
        if (parsed < 0)
        {
            ctx.out.error(ListMultiPop.error(parsed));
            return;
        }
        final int numkeys = ListMultiPop.numkeys(parsed);
        popFirst(ctx, 2, 1 + numkeys, ListMultiPop.left(parsed), ctx.number[0]);
    }

    /**
     * Pop from the first key of arguments {@code first..last} that holds a list, replying
     * {@code [key, [elements]]}, WRONGTYPE at the first key of another type, or a null array.
     */
    private static void popFirst(
        final ExecContext ctx, final int first, final int last, final boolean front, final long count)
    {
        for (int i = first; i <= last; i++)
        {
            final KeyEntry entry = lookupWrite(ctx, i);
            if (entry == null)
            {
                continue;
            }
            if (!isList(entry))
            {
                ctx.out.error(RespErrors.WRONGTYPE);
                return;
            }
            final CommandArgs args = ctx.args;
            ctx.out.arrayHeader(2);
            ctx.out.bulk(args.buffer(), args.offset(i), args.length(i));
            popMany(ctx.out, list(entry), front, count, cursor());
            deleteIfEmpty(ctx, entry);
            return;
        }
        ctx.out.nullArray();
    }
}
