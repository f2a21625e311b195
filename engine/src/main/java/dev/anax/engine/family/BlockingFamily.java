package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.BlockedClients;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.BlockingCall;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.BlockToken;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.shard.Waiter;
import dev.anax.engine.shard.WaiterKind;
import dev.anax.engine.types.zset.ZSetValue;

/**
 * The blocking commands (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN, BZPOPMAX, BZMPOP)
 * as Redis 7.0 runs them, and CLIENT UNBLOCK. Their client half, {@link BlockingCall}, parses the
 * request, keeps the client held and times it out; this is their shard half. Each shard event
 * carries a sub-operation:
 * <pre>
 *   0         run without blocking: pop if a key has data, else the null reply (MULTI/EXEC)
 *   ATTEMPT   every key on this shard: pop if a key has data, else register the client
 *             (served by this shard, see {@link dev.anax.engine.shard.BlockingRegistry})
 *   CHECK     keys on several shards: report data, or register to be woken
 *   POP_RUN   keys on several shards: pop from the first of this run's keys with data, or null
 *   WITHDRAW  remove the client's registration of an attempt (no reply)
 * </pre>
 * Every event's arguments form a request of the command itself (a part of a cross-shard request
 * names only that shard's keys), so one parser serves them all.
 */
public final class BlockingFamily
{
    /** Sub-operation: pop, or register the client to be served here. */
    public static final int ATTEMPT = 1;
    /** Sub-operation: data here? if not, register the client to be woken. */
    public static final int CHECK = 2;
    /** Sub-operation: pop from the first key with data, or reply null. */
    public static final int POP_RUN = 3;
    /** Sub-operation: withdraw a registration. */
    public static final int WITHDRAW = 4;

    static final String UNBLOCK_REASON = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";

    private BlockingFamily()
    {
    }

    /**
     * Bind the blocking commands and CLIENT UNBLOCK.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        for (final BlockingArgs.Kind kind : BlockingArgs.Kind.values())
        {
            final Serve serve = new Serve(kind);
            table.coordinated(kind.command(), new BlockingCall.Start(kind), ctx -> execute(ctx, serve));
        }
        table.keys("blmpop", (args, from) -> MovableKeys.numkeys(args, from + 1, false));
        table.keys("bzmpop", (args, from) -> MovableKeys.numkeys(args, from + 1, false));
        table.client("client|unblock", BlockingFamily::clientUnblock);
    }

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: reply :1 when the client was blocked and is now
     * released (with the null reply or the UNBLOCKED error), :0 otherwise.
     */
    static void clientUnblock(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        if (argc > 4)
        {
            out.error("ERR unknown subcommand or wrong number of arguments for '" + args.string(1) +
                "'. Try CLIENT HELP.");
            return;
        }
        int reason = BlockToken.UNBLOCKED;
        if (argc == 4)
        {
            if (args.is(3, "error"))
            {
                reason = BlockToken.UNBLOCKED_ERROR;
            }
            else if (!args.is(3, "timeout"))
            {
                out.error(UNBLOCK_REASON);
                return;
            }
        }
        final long[] id = new long[1];
        if (!args.parseLong(2, id))
        {
            out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final ClientSession target = d.engine().client(id[0]);
        out.integer(target != null && BlockedClients.unblock(target, reason) ? 1 : 0);
    }

    // ---------------------------------------------------------------- shard half

    static void execute(final ExecContext ctx, final Serve serve)
    {
        try
        {
            run(ctx, serve);
        }
        finally
        {
            ListFamily.releaseScratch();
        }
    }

    private static void run(final ExecContext ctx, final Serve serve)
    {
        // Only the key popped (and a move's destination) changes, as WATCH must see it.
        ctx.reportsOwnTouches();
        final int subOp = ctx.subOp();
        if (subOp == WITHDRAW)
        {
            ctx.shard().blocking().withdraw(ctx.connectionId(), (BlockToken)ctx.attachment());
            ctx.suppressReply();
            return;
        }
        final BlockingArgs a = BlockingArgs.parse(serve.kind, ctx.args);
        if (a.error != null)
        {
            ctx.out.error(a.error);
            return;
        }
        final Waiter waiter = ctx.attachment() instanceof Waiter w ? w : null;
        switch (subOp)
        {
            case CHECK:
                if (hasData(ctx, a, waiter.retry()))
                {
                    ctx.replyAttachment(Waiter.Reply.HAS_DATA);
                }
                else
                {
                    register(ctx, a, waiter, serve, false);
                    ctx.replyAttachment(Waiter.Reply.REGISTERED);
                }
                return;
            case POP_RUN:
                if (!pop(ctx, a, waiter != null && waiter.retry()))
                {
                    ctx.out.nullArray();
                }
                return;
            default:
                if (subOp == ATTEMPT && waiter != null && !waiter.token().isWaiting())
                {
                    // The client disconnected before its command reached the shard: pop nothing.
                    ctx.out.nullArray();
                    return;
                }
                if (pop(ctx, a, false))
                {
                    return;
                }
                if (subOp == ATTEMPT && waiter != null && !ctx.inMulti() && register(ctx, a, waiter, serve, true))
                {
                    ctx.replyAttachment(Waiter.Reply.REGISTERED);
                    return;
                }
                // Not allowed to block: the reply of a timeout, except that the moves answer a
                // plain null as Redis does for a client that may not block.
                if (a.kind.isMove())
                {
                    ctx.out.nullBulk();
                }
                else
                {
                    ctx.out.nullArray();
                }
                return;
        }
    }

    private static boolean register(
        final ExecContext ctx, final BlockingArgs a, final Waiter waiter, final Serve serve, final boolean direct)
    {
        final int[] keys = new int[a.keyCount];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = a.firstKey + i;
        }
        return ctx.shard().blocking().register(waiter, ctx.spec(), serve, direct, keys, keys.length);
    }

    /**
     * Whether a key holds something to pop. On a first attempt a key of another type counts too
     * (popping then replies WRONGTYPE, as Redis does before it would block); once the client has
     * blocked it counts as empty (Redis leaves a blocked client waiting on such a key).
     */
    private static boolean hasData(final ExecContext ctx, final BlockingArgs a, final boolean retry)
    {
        final byte type = a.kind.isList() ? ValueType.LIST : ValueType.ZSET;
        for (int i = a.firstKey; i < a.firstKey + a.keyCount; i++)
        {
            final KeyEntry entry = ListFamily.lookupWrite(ctx, i);
            if (entry != null && (entry.type() == type || !retry))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Pop from the first key (in argument order) that has data, as the command does when it does
     * not block; WRONGTYPE at the first key of another type unless {@code skipWrongType}.
     *
     * @return false when every key is empty (nothing was replied).
     */
    private static boolean pop(final ExecContext ctx, final BlockingArgs a, final boolean skipWrongType)
    {
        final byte type = a.kind.isList() ? ValueType.LIST : ValueType.ZSET;
        for (int i = a.firstKey; i < a.firstKey + a.keyCount; i++)
        {
            final KeyEntry entry = ListFamily.lookupWrite(ctx, i);
            if (entry == null)
            {
                continue;
            }
            if (entry.type() != type)
            {
                if (skipWrongType)
                {
                    continue;
                }
                ctx.out.error(RespErrors.WRONGTYPE);
                return true;
            }
            popFrom(ctx, a, i, entry);
            return true;
        }
        return false;
    }

    /** Pop from a key holding a value of the right type, and reply as the command does. */
    private static void popFrom(final ExecContext ctx, final BlockingArgs a, final int index, final KeyEntry entry)
    {
        final RespWriter out = ctx.out;
        final CommandArgs args = ctx.args;
        switch (a.kind)
        {
            case BLPOP:
            case BRPOP:
            {
                out.arrayHeader(2);
                out.bulk(args.buffer(), args.offset(index), args.length(index));
                ListFamily.popOne(ListFamily.list(entry), a.left, ListFamily.cursor());
                ListFamily.writeElement(out, ListFamily.cursor());
                ListFamily.deleteIfEmpty(ctx, entry);
                break;
            }
            case BLMPOP:
                out.arrayHeader(2);
                out.bulk(args.buffer(), args.offset(index), args.length(index));
                ListFamily.popMany(out, ListFamily.list(entry), a.left, a.count, ListFamily.cursor());
                ListFamily.deleteIfEmpty(ctx, entry);
                break;
            case BLMOVE:
            case BRPOPLPUSH:
                ListFamily.lmoveWhole(ctx, a.left, a.toLeft);
                if (out.position() > 0 && out.buffer().getByte(0) != '-')
                {
                    ctx.touched(a.destination);
                }
                else
                {
                    return;
                }
                break;
            case BZPOPMIN:
            case BZPOPMAX:
            {
                final ZSetValue set = ZSetFamily.value(entry);
                out.arrayHeader(3);
                out.bulk(args.buffer(), args.offset(index), args.length(index));
                ZSetFamily.popInto(ctx, entry, set, 1, !a.left, false);
                break;
            }
            case BZMPOP:
            {
                final ZSetValue set = ZSetFamily.value(entry);
                final int n = (int)Math.min(a.count, set.size());
                out.arrayHeader(2);
                out.bulk(args.buffer(), args.offset(index), args.length(index));
                out.arrayHeader(n);
                ZSetFamily.popInto(ctx, entry, set, n, !a.left, true);
                break;
            }
            default:
                throw new IllegalStateException(a.kind.name());
        }
        ctx.touched(index);
    }

    /**
     * How a shard serves one blocking command from a ready key.
     */
    static final class Serve implements WaiterKind
    {
        final BlockingArgs.Kind kind;

        Serve(final BlockingArgs.Kind kind)
        {
            this.kind = kind;
        }

        @Override
        public byte type()
        {
            return kind.isList() ? ValueType.LIST : ValueType.ZSET;
        }

        @Override
        public int destination(final CommandArgs args)
        {
            return kind.isMove() ? 2 : -1;
        }

        @Override
        public void serve(final ExecContext ctx, final int keyIndex)
        {
            try
            {
                final BlockingArgs a = BlockingArgs.parse(kind, ctx.args);
                popFrom(ctx, a, keyIndex, ListFamily.lookupWrite(ctx, keyIndex));
            }
            finally
            {
                ListFamily.releaseScratch();
            }
        }
    }
}
