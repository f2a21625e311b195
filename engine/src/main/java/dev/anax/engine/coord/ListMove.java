package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;
import org.agrona.DirectBuffer;

/**
 * LMOVE and RPOPLPUSH, whose source and destination may live on different shards. When both keys
 * are on one shard the command runs there whole (sub-operation 0). Otherwise it runs as hops, one
 * shard at a time, the element travelling in its encoded form as a {@code byte[]} attachment:
 * <pre>
 *   CHECK_DESTINATION(destination)       ":1" if the destination holds another type, else ":0"
 *     -> POP(source)                      nil / WRONGTYPE end the command; ":1" + the entry
 *        or POP_DESTINATION_WRONG(source) nil when the source is missing, else WRONGTYPE
 *     -> PUSH(destination)                replies the element; WRONGTYPE + the entry handed back
 *                                         when the destination changed type meanwhile
 *     -> RESTORE(source)                  puts the entry back where it was popped
 * </pre>
 * Redis checks the destination's type before it pops, and reports a missing source before a
 * wrong destination: the first hop asks the destination, the second pops only if it was fine.
 * The client's later requests are held back while the hops run.
 */
public final class ListMove implements Coordinated
{
    /** Hop: does the destination hold something other than a list? ":1" or ":0". */
    public static final int CHECK_DESTINATION = 1;
    /** Hop: pop the source and attach the entry; ":1", or the nil / WRONGTYPE reply. */
    public static final int POP = 2;
    /** Hop: the destination has the wrong type; nil if the source is missing, else WRONGTYPE. */
    public static final int POP_DESTINATION_WRONG = 3;
    /** Hop: push the attached entry at the destination and reply it. */
    public static final int PUSH = 4;
    /** Hop: push the attached entry back at the source's end it came from; "+OK". */
    public static final int RESTORE = 5;

    private static final int FROM_FRONT = 1;
    private static final int TO_FRONT = 2;

    private final boolean rpoplpush;

    /**
     * @param rpoplpush true for RPOPLPUSH (always RIGHT LEFT), false for LMOVE.
     */
    public ListMove(final boolean rpoplpush)
    {
        this.rpoplpush = rpoplpush;
    }

    /**
     * The ends of an LMOVE (arguments 3 and 4) or RPOPLPUSH (tail to head).
     *
     * @param args the request.
     * @return bits for {@link #fromFront} and {@link #toFront}, or -1 for a syntax error.
     */
    public static int parseWhere(final CommandArgs args)
    {
        if (args.count() < 5)
        {
            return TO_FRONT;
        }
        final int from = side(args, 3);
        final int to = side(args, 4);
        if (from < 0 || to < 0)
        {
            return -1;
        }
        return (from == 1 ? FROM_FRONT : 0) | (to == 1 ? TO_FRONT : 0);
    }

    private static int side(final CommandArgs args, final int index)
    {
        if (args.is(index, "left"))
        {
            return 1;
        }
        return args.is(index, "right") ? 0 : -1;
    }

    /**
     * @param where from {@link #parseWhere}.
     * @return whether the source is popped at its head.
     */
    public static boolean fromFront(final int where)
    {
        return (where & FROM_FRONT) != 0;
    }

    /**
     * @param where from {@link #parseWhere}.
     * @return whether the destination is pushed at its head.
     */
    public static boolean toFront(final int where)
    {
        return (where & TO_FRONT) != 0;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int sourceShard = dispatcher.shardOf(args, 1);
        final int destinationShard = dispatcher.shardOf(args, 2);
        if (sourceShard == destinationShard)
        {
            dispatcher.publish(sourceShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        if (!rpoplpush && parseWhere(args) < 0)
        {
            dispatcher.replyError(session, seq, RespErrors.SYNTAX);
            return;
        }
        final Hops hops = new Hops(dispatcher, session, seq, spec, ArgsCopy.of(args), sourceShard, destinationShard, null);
        session.hold();
        hops.send(CHECK_DESTINATION, destinationShard, null);
    }

    /**
     * Run a move between two shards as hops and hand its reply (the element, null, or an error)
     * to {@code onDone} instead of the client: BLMOVE's path when its source has data. The
     * caller holds the client; the hops take the request's place in the session meanwhile.
     *
     * @param dispatcher       the I/O thread's dispatcher.
     * @param session          the client.
     * @param seq              the request.
     * @param lmove            the LMOVE command.
     * @param args             {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT}, never modified.
     * @param sourceShard      shard of the source.
     * @param destinationShard shard of the destination (another one).
     * @param onDone           receives the reply bytes.
     */
    public static void hops(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec lmove,
        final CommandArgs args,
        final int sourceShard,
        final int destinationShard,
        final java.util.function.Consumer<byte[]> onDone)
    {
        new Hops(dispatcher, session, seq, lmove, args, sourceShard, destinationShard, onDone)
            .send(CHECK_DESTINATION, destinationShard, null);
    }


    /**
     * The state of one cross-shard move between its hops.
     */
    private static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final CommandArgs args;
        private final int sourceShard;
        private final int destinationShard;
        private final java.util.function.Consumer<byte[]> onDone;

        private int hop;
        private byte[] reply;
        private byte[] entry;
        private byte[] pendingError;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args,
            final int sourceShard,
            final int destinationShard,
            final java.util.function.Consumer<byte[]> onDone)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.args = args;
            this.sourceShard = sourceShard;
            this.destinationShard = destinationShard;
            this.onDone = onDone;
        }

        void send(final int subOp, final int shard, final byte[] attachment)
        {
            hop = subOp;
            reply = null;
            entry = null;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(shard, session, seq, Op.PART, spec, subOp, 0, args, null, 0, attachment);
        }

        @Override
        protected void part(final int part, final DirectBuffer buffer, final int length, final Object attachment)
        {
            reply = new byte[length];
            buffer.getBytes(0, reply);
            if (attachment instanceof byte[] raw)
            {
                entry = raw;
            }
        }

        @Override
        protected void allPartsDone()
        {
            switch (hop)
            {
                case CHECK_DESTINATION:
                    send(isOne(reply) ? POP_DESTINATION_WRONG : POP, sourceShard, null);
                    break;
                case POP:
                    if (entry != null)
                    {
                        send(PUSH, destinationShard, entry);
                    }
                    else
                    {
                        finish(reply);
                    }
                    break;
                case PUSH:
                    if (reply[0] == '-' && entry != null)
                    {
                        pendingError = reply;
                        send(RESTORE, sourceShard, entry);
                    }
                    else
                    {
                        finish(reply);
                    }
                    break;
                case RESTORE:
                    finish(pendingError);
                    break;
                default:
                    finish(reply);
                    break;
            }
        }

        private static boolean isOne(final byte[] reply)
        {
            return reply.length == 4 && reply[0] == ':' && reply[1] == '1';
        }

        private void finish(final byte[] bytes)
        {
            if (onDone != null)
            {
                onDone.accept(bytes);
                return;
            }
            final RespWriter out = dispatcher.scratch(session);
            out.raw(bytes);
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
