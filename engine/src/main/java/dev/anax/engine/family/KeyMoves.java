package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.KeyMove;
import dev.anax.engine.coord.MovedValue;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.ExecContext;

/**
 * The shard side of the commands that move or copy a value between keys: RENAME, RENAMENX, COPY
 * (whole on one shard, or one hop of a {@link KeyMove}) and MOVE (always one shard: another
 * database of the same key).
 */
final class KeyMoves
{
    private KeyMoves()
    {
    }

    /**
     * RENAME source destination.
     *
     * @param ctx the command.
     */
    static void rename(final ExecContext ctx)
    {
        if (ctx.subOp() != 0)
        {
            hop(ctx);
            return;
        }
        renameWhole(ctx, false);
    }

    /**
     * RENAMENX source destination.
     *
     * @param ctx the command.
     */
    static void renamenx(final ExecContext ctx)
    {
        if (ctx.subOp() != 0)
        {
            hop(ctx);
            return;
        }
        renameWhole(ctx, true);
    }

    private static void renameWhole(final ExecContext ctx, final boolean nx)
    {
        final KeyEntry source = KeyFamily.lookupWrite(ctx, 1);
        if (source == null)
        {
            ctx.out.error(RespErrors.NO_SUCH_KEY);
            return;
        }
        if (sameArgument(ctx.args, 1, 2))
        {
            if (nx)
            {
                ctx.out.integer(0);
            }
            else
            {
                ctx.out.ok();
            }
            return;
        }
        final KeyEntry existing = KeyFamily.lookupWrite(ctx, 2);
        if (existing != null)
        {
            if (nx)
            {
                ctx.out.integer(0);
                return;
            }
            ctx.delete(existing);
        }
        final Database db = ctx.db();
        final long expireAtMs = source.expireAtMs();
        ctx.delete(source);
        final KeyEntry moved = ctx.insert(2);
        moved.set(source.type(), source.encoding(), Values.transfer(source.type(), source.value()));
        moved.copyAccess(source);
        if (expireAtMs != KeyEntry.NO_EXPIRY)
        {
            db.setExpiry(moved, expireAtMs);
        }
        if (nx)
        {
            ctx.out.integer(1);
        }
        else
        {
            ctx.out.ok();
        }
    }

    /**
     * COPY source destination [DB n] [REPLACE].
     *
     * @param ctx the command.
     */
    static void copy(final ExecContext ctx)
    {
        if (ctx.subOp() != 0)
        {
            hop(ctx);
            return;
        }
        final String error = KeyMove.parseCopyOptions(
            ctx.args, ctx.shard().databaseCount(), ctx.dbIndex(), ctx.number);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final int targetDb = KeyMove.copyTargetDb(ctx.number[0]);
        final boolean replace = KeyMove.copyReplace(ctx.number[0]);
        if (targetDb == ctx.dbIndex() && sameArgument(ctx.args, 1, 2))
        {
            ctx.out.error(KeyMove.SAME_OBJECT);
            return;
        }
        final KeyEntry source = ctx.lookupRead(1);
        if (source == null)
        {
            ctx.out.integer(0);
            return;
        }
        final Database target = ctx.db(targetDb);
        final CommandArgs args = ctx.args;
        final KeyEntry existing = target.get(args.buffer(), args.offset(2), args.length(2), ctx.nowMs());
        ctx.keysChanged();
        if (existing != null)
        {
            if (!replace)
            {
                existing.touch(ctx.nowMs());
                ctx.out.integer(0);
                return;
            }
            target.remove(existing);
        }
        final KeyEntry copy = target.insert(args.buffer(), args.offset(2), args.length(2));
        copy.set(source.type(), source.encoding(), Values.copy(source.type(), source.value()));
        copy.touch(ctx.nowMs());
        if (source.hasExpiry())
        {
            target.setExpiry(copy, source.expireAtMs());
        }
        ctx.keysChanged();
        ctx.out.integer(1);
    }

    /**
     * MOVE key db.
     *
     * @param ctx the command.
     */
    static void move(final ExecContext ctx)
    {
        final String error = KeyMove.parseInt(ctx.args, 2, ctx.number, null);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final long dbIndex = ctx.number[0];
        if (dbIndex < 0 || dbIndex >= ctx.shard().databaseCount())
        {
            ctx.out.error(RespErrors.INVALID_DB);
            return;
        }
        if (dbIndex == ctx.dbIndex())
        {
            ctx.out.error(KeyMove.SAME_OBJECT);
            return;
        }
        final KeyEntry source = KeyFamily.lookupWrite(ctx, 1);
        if (source == null)
        {
            ctx.out.integer(0);
            return;
        }
        final Database target = ctx.db((int)dbIndex);
        final KeyEntry existing = target.get(source.key(), ctx.nowMs());
        ctx.keysChanged();
        if (existing != null)
        {
            existing.touch(ctx.nowMs());
            ctx.out.integer(0);
            return;
        }
        final long expireAtMs = source.expireAtMs();
        ctx.delete(source);
        final KeyEntry moved = target.insert(source.key());
        moved.set(source.type(), source.encoding(), Values.transfer(source.type(), source.value()));
        moved.copyAccess(source);
        if (expireAtMs != KeyEntry.NO_EXPIRY)
        {
            target.setExpiry(moved, expireAtMs);
        }
        ctx.out.integer(1);
    }

    /**
     * One hop of a cross-shard RENAME, RENAMENX or COPY: see {@link KeyMove}.
     */
    private static void hop(final ExecContext ctx)
    {
        switch (ctx.subOp())
        {
            case KeyMove.TAKE:
            {
                final KeyEntry source = KeyFamily.lookupWrite(ctx, 1);
                if (source == null)
                {
                    ctx.out.error(RespErrors.NO_SUCH_KEY);
                    return;
                }
                final MovedValue moved = detach(source, Values.transfer(source.type(), source.value()));
                moved.lastAccessMs = source.lastAccessMs();
                moved.accessCount = source.accessCount();
                ctx.delete(source);
                ctx.replyAttachment(moved);
                ctx.out.ok();
                return;
            }
            case KeyMove.COPY_OUT:
            {
                final KeyEntry source = ctx.lookupRead(1);
                if (source == null)
                {
                    ctx.out.integer(0);
                    return;
                }
                ctx.replyAttachment(detach(source, Values.copy(source.type(), source.value())));
                ctx.out.ok();
                return;
            }
            case KeyMove.PUT:
            case KeyMove.PUT_NX:
            {
                final MovedValue moved = (MovedValue)ctx.attachment();
                final Database target = ctx.db(moved.targetDb);
                final CommandArgs args = ctx.args;
                final KeyEntry existing = target.get(args.buffer(), args.offset(2), args.length(2), ctx.nowMs());
                ctx.keysChanged();
                if (existing != null)
                {
                    if (ctx.subOp() == KeyMove.PUT_NX)
                    {
                        existing.touch(ctx.nowMs());
                        ctx.replyAttachment(moved);
                        ctx.out.integer(0);
                        return;
                    }
                    target.remove(existing);
                }
                moved.installInto(target, args.bytes(2), ctx.nowMs());
                ctx.keysChanged();
                ctx.out.integer(1);
                return;
            }
            case KeyMove.RESTORE:
            {
                final MovedValue moved = (MovedValue)ctx.attachment();
                final Database source = ctx.db(moved.targetDb);
                final CommandArgs args = ctx.args;
                if (source.get(args.buffer(), args.offset(1), args.length(1), ctx.nowMs()) == null)
                {
                    moved.installInto(source, args.bytes(1), ctx.nowMs());
                }
                ctx.keysChanged();
                ctx.out.ok();
                return;
            }
            case KeyMove.DEST_EXISTS:
                ctx.out.integer(KeyFamily.lookupWrite(ctx, 2) != null ? 1 : 0);
                return;
            case KeyMove.CHECK_SOURCE:
                if (KeyFamily.lookupWrite(ctx, 1) == null)
                {
                    ctx.out.error(RespErrors.NO_SUCH_KEY);
                }
                else
                {
                    ctx.out.integer(0);
                }
                return;
            default:
                ctx.out.error("ERR unknown hop " + ctx.subOp());
        }
    }

    private static MovedValue detach(final KeyEntry source, final Object value)
    {
        final MovedValue moved = new MovedValue();
        moved.type = source.type();
        moved.encoding = source.encoding();
        moved.value = value;
        moved.expireAtMs = source.expireAtMs();
        return moved;
    }

    private static boolean sameArgument(final CommandArgs args, final int a, final int b)
    {
        final int length = args.length(a);
        if (length != args.length(b))
        {
            return false;
        }
        final int offsetA = args.offset(a);
        final int offsetB = args.offset(b);
        for (int i = 0; i < length; i++)
        {
            if (args.buffer().getByte(offsetA + i) != args.buffer().getByte(offsetB + i))
            {
                return false;
            }
        }
        return true;
    }
}
