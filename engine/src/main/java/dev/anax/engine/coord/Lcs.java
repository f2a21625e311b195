package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.family.StringLcs;
import dev.anax.engine.family.StringValues;
import org.agrona.DirectBuffer;

/**
 * LCS of two keys. When both live on one shard the whole command runs there; otherwise each
 * shard sends back its value by reference (string arrays are never modified once stored) and the
 * coordinator computes the answer on the I/O thread.
 */
public final class Lcs implements Coordinated
{
    private static final int[] FIRST_KEY = {0, 1};
    private static final int[] SECOND_KEY = {0, 2};

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int first = dispatcher.shardOf(args, 1);
        final int second = dispatcher.shardOf(args, 2);
        if (first == second)
        {
            dispatcher.publish(first, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        // The options are read now, while the arguments exist; their errors are reported only
        // after the keys were found to hold strings, as Redis orders them.
        final StringLcs.Options options = StringLcs.parse(args, 3, new long[1]);
        final Fetch fetch = new Fetch(dispatcher, session, seq, options);
        session.coordination(seq, fetch);
        fetch.expectPart();
        dispatcher.publish(first, session, seq, Op.PART, spec, 0, 0, args, FIRST_KEY, 2, null);
        fetch.expectPart();
        dispatcher.publish(second, session, seq, Op.PART, spec, 0, 1, args, SECOND_KEY, 2, null);
    }

    /**
     * Waits for both values.
     */
    static final class Fetch extends Coordination
    {
        private final StringLcs.Options options;
        private final byte[][] values = new byte[2][];
        private String error;

        Fetch(final Dispatcher dispatcher, final ClientSession session, final long seq, final StringLcs.Options options)
        {
            super(dispatcher, session, seq);
            this.options = options;
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            if (reply.getByte(0) == '-')
            {
                if (error == null)
                {
                    final byte[] text = new byte[length - 3];
                    reply.getBytes(1, text);
                    error = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                return;
            }
            values[part] = (byte[])attachment;
        }

        @Override
        protected void allPartsDone()
        {
            final RespWriter out = dispatcher.scratch(session);
            if (error != null)
            {
                out.error(error);
            }
            else
            {
                StringLcs.reply(out, values[0], values[1], options,
                    StringValues.protoMaxBulkLen(dispatcher.engine().config()));
            }
            dispatcher.complete(session, seq, out);
        }
    }
}
