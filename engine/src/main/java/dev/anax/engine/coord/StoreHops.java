package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespSkipper;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.ExecContext;
import org.agrona.DirectBuffer;

import java.util.function.ToIntFunction;

/**
 * A command that reads one key and stores its result under another (ZRANGESTORE, SORT ... STORE).
 * When both keys live on one shard, or there is no destination, the command runs there whole.
 * Otherwise it runs in two hops while the client's later requests wait:
 * <pre>
 *   FETCH (source shard):        the command computes its result and hands it over as a
 *                                {@link MovedValue} attachment (null for an empty result),
 *                                replying ":n" (the reply the client will get) or an error
 *   INSTALL (destination shard): the destination is replaced by the value, or deleted when the
 *                                result is empty; arguments are the command name and the key
 * </pre>
 * The command's shard handler tells the hops apart by {@code ctx.subOp()}; {@link #install} does
 * the second.
 */
public final class StoreHops implements Coordinated
{
    /** Sub-operation: compute on the source shard and hand the result over. */
    public static final int FETCH = 1;
    /** Sub-operation: install the attached result under argument 1. */
    public static final int INSTALL = 2;

    private final int sourceIndex;
    private final ToIntFunction<CommandArgs> destination;

    /**
     * @param sourceIndex argument index of the key read.
     * @param destination finds the destination's argument index in a request, -1 for none.
     */
    public StoreHops(final int sourceIndex, final ToIntFunction<CommandArgs> destination)
    {
        this.sourceIndex = sourceIndex;
        this.destination = destination;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int sourceShard = dispatcher.shardOf(args, sourceIndex);
        final int destinationIndex = destination.applyAsInt(args);
        if (destinationIndex < 0 || dispatcher.shardOf(args, destinationIndex) == sourceShard)
        {
            dispatcher.publish(sourceShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final Hops hops = new Hops(dispatcher, session, seq, spec, ArgsCopy.of(args),
            dispatcher.shardOf(args, destinationIndex), destinationIndex);
        session.hold();
        session.coordination(seq, hops);
        hops.expectPart();
        dispatcher.publish(sourceShard, session, seq, Op.PART, spec, FETCH, 0, hops.args, null, 0, null);
    }

    /**
     * Wrap a result for the INSTALL hop.
     *
     * @param type     the value's type.
     * @param encoding its encoding.
     * @param value    the value, owned by the wrapper from now on.
     * @return the wrapper.
     */
    public static MovedValue moved(final byte type, final byte encoding, final Object value)
    {
        final MovedValue moved = new MovedValue();
        moved.type = type;
        moved.encoding = encoding;
        moved.value = value;
        moved.expireAtMs = KeyEntry.NO_EXPIRY;
        return moved;
    }

    /**
     * The INSTALL hop: replace the key of argument 1 with the attached {@link MovedValue}, or
     * delete it when there is none. Replies +OK.
     *
     * @param ctx the part.
     */
    public static void install(final ExecContext ctx)
    {
        final KeyEntry existing = ctx.lookup(1);
        if (existing != null)
        {
            ctx.delete(existing);
        }
        if (ctx.attachment() instanceof MovedValue moved)
        {
            moved.installInto(ctx.db(), ctx.args.bytes(1), ctx.nowMs());
            ctx.keysChanged();
        }
        ctx.out.ok();
    }

    /** The two hops of one request. */
    private static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final CommandArgs args;
        private final int destinationShard;
        private final int destinationIndex;
        private boolean installing;
        private String error;
        private long count;
        private MovedValue value;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args,
            final int destinationShard,
            final int destinationIndex)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.args = args;
            this.destinationShard = destinationShard;
            this.destinationIndex = destinationIndex;
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            final byte type = reply.getByte(0);
            if (type == '-')
            {
                error = ArgsCopy.errorText(reply, length);
            }
            else if (type == ':' && !installing)
            {
                count = RespSkipper.headerNumber(reply, 0);
            }
            if (attachment instanceof MovedValue moved)
            {
                value = moved;
            }
        }

        @Override
        protected void allPartsDone()
        {
            final RespWriter out = dispatcher.scratch(session);
            if (error != null)
            {
                out.error(error);
            }
            else if (!installing)
            {
                installing = true;
                session.coordination(seq, this);
                expectPart();
                final MovedValue attachment = value;
                value = null;
                dispatcher.publish(destinationShard, session, seq, Op.PART, spec, INSTALL, 0, args,
                    new int[] {0, destinationIndex}, 2, attachment);
                return;
            }
            else
            {
                out.integer(count);
            }
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
