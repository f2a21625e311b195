package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespSkipper;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * SMOVE source destination member, whose keys may live on different shards. When both are on
 * one shard the command runs there whole. Otherwise it runs as hops, in Redis's order of checks:
 * <pre>
 *   DST_CHECK(destination)   WRONGTYPE unless a set or missing
 *     ok    -> SRC_TAKE(source)   :0 (missing source or member), WRONGTYPE, or :1 (member removed)
 *                :1 -> DST_ADD(destination)   :1, or WRONGTYPE if it changed type meanwhile
 *                                   WRONGTYPE -> SRC_RESTORE(source), then WRONGTYPE
 *     error -> SRC_CHECK(source)  :0 when the source is missing, else WRONGTYPE
 * </pre>
 * The client's later requests are held back while the hops run. Every hop gets all three
 * arguments; the shard handler is {@code SetFamily.smove}.
 */
public final class SetMove implements Coordinated
{
    /** WRONGTYPE when the destination exists and is not a set, else :0. */
    public static final int DST_CHECK = 1;
    /** Remove the member from the source: :1 when removed, :0 when absent or no source; WRONGTYPE. */
    public static final int SRC_TAKE = 2;
    /** :0 when the source is missing, else WRONGTYPE (the destination has the wrong type). */
    public static final int SRC_CHECK = 3;
    /** Add the member to the destination (creating it): :1, or WRONGTYPE. */
    public static final int DST_ADD = 4;
    /** Put the member back into the source (creating it): :1. */
    public static final int SRC_RESTORE = 5;

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int source = dispatcher.shardOf(args, 1);
        final int destination = dispatcher.shardOf(args, 2);
        if (source == destination)
        {
            dispatcher.publish(source, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final Hops hops = new Hops(dispatcher, session, seq, spec, ArgsCopy.of(args), source, destination);
        session.hold();
        hops.send(DST_CHECK, destination);
    }


    /**
     * The state of one cross-shard SMOVE between its hops.
     */
    private static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final CommandArgs args;
        private final int sourceShard;
        private final int destinationShard;
        private int hop;
        private String error;
        private long number;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args,
            final int sourceShard,
            final int destinationShard)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.args = args;
            this.sourceShard = sourceShard;
            this.destinationShard = destinationShard;
        }

        void send(final int subOp, final int shard)
        {
            hop = subOp;
            error = null;
            number = 0;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(shard, session, seq, Op.PART, spec, subOp, 0, args, null, 0, null);
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            final byte type = reply.getByte(0);
            if (type == '-')
            {
                final byte[] text = new byte[length - 3];
                reply.getBytes(1, text);
                error = new String(text, StandardCharsets.ISO_8859_1);
            }
            else if (type == ':')
            {
                number = RespSkipper.headerNumber(reply, 0);
            }
        }

        @Override
        protected void allPartsDone()
        {
            switch (hop)
            {
                case DST_CHECK:
                    send(error == null ? SRC_TAKE : SRC_CHECK, sourceShard);
                    break;
                case SRC_TAKE:
                    if (error != null || number == 0)
                    {
                        finish(number, error);
                    }
                    else
                    {
                        send(DST_ADD, destinationShard);
                    }
                    break;
                case DST_ADD:
                    if (error != null)
                    {
                        // The destination changed type between the hops: give the member back.
                        send(SRC_RESTORE, sourceShard);
                    }
                    else
                    {
                        finish(1, null);
                    }
                    break;
                case SRC_RESTORE:
                    finish(0, RespErrors.WRONGTYPE);
                    break;
                default:
                    finish(number, error);
                    break;
            }
        }

        private void finish(final long reply, final String errorMessage)
        {
            final RespWriter out = dispatcher.scratch(session);
            if (errorMessage != null)
            {
                out.error(errorMessage);
            }
            else
            {
                out.integer(reply);
            }
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
