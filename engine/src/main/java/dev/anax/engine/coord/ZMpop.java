package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.family.ZSetFamily;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * ZMPOP over keys on several shards. The arguments are checked here (their errors come before any
 * key is read). Then runs of consecutive keys that share a shard are asked in key order, one hop
 * each, as a ZMPOP of their own: the first that pops something (or fails) answers the client, a
 * null answer moves on to the next run. The client's later requests wait until it is done.
 */
public final class ZMpop implements Coordinated
{
    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final long[] parsed = new long[3];
        final String error = ZSetFamily.parseZmpop(args, parsed);
        if (error != null)
        {
            dispatcher.replyError(session, seq, error);
            return;
        }
        final int numkeys = (int)parsed[0];
        final int first = dispatcher.shardOf(args, 2);
        boolean single = true;
        for (int k = 3; k < 2 + numkeys && single; k++)
        {
            single = dispatcher.shardOf(args, k) == first;
        }
        if (single)
        {
            dispatcher.publish(first, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final String where = parsed[1] != 0 ? "MAX" : "MIN";
        final String count = Long.toString(parsed[2]);
        final List<CommandArgs> hops = new ArrayList<>();
        final List<Integer> shards = new ArrayList<>();
        int k = 2;
        while (k < 2 + numkeys)
        {
            final int shard = dispatcher.shardOf(args, k);
            int end = k + 1;
            while (end < 2 + numkeys && dispatcher.shardOf(args, end) == shard)
            {
                end++;
            }
            final Object[] pieces = new Object[2 + (end - k) + 3];
            pieces[0] = 0;
            pieces[1] = Integer.toString(end - k);
            for (int i = k; i < end; i++)
            {
                pieces[2 + i - k] = i;
            }
            pieces[pieces.length - 3] = where;
            pieces[pieces.length - 2] = "COUNT";
            pieces[pieces.length - 1] = count;
            hops.add(ArgsCopy.build(args, pieces));
            shards.add(shard);
            k = end;
        }
        final Hops state = new Hops(dispatcher, session, seq, spec, hops, shards);
        session.hold();
        state.next();
    }

    /** The runs of keys still to ask. */
    private static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final List<CommandArgs> hops;
        private final List<Integer> shards;
        private int index;
        private byte[] answer;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final List<CommandArgs> hops,
            final List<Integer> shards)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.hops = hops;
            this.shards = shards;
        }

        void next()
        {
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(shards.get(index), session, seq, Op.PART, spec, 0, index, hops.get(index), null, 0, null);
            index++;
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            final byte type = reply.getByte(0);
            final boolean isNull = type == '_' || (type == '*' && reply.getByte(1) == '-');
            if (!isNull)
            {
                answer = new byte[length];
                reply.getBytes(0, answer);
            }
        }

        @Override
        protected void allPartsDone()
        {
            if (answer == null && index < hops.size())
            {
                next();
                return;
            }
            final RespWriter out = dispatcher.scratch(session);
            if (answer == null)
            {
                out.nullArray();
            }
            else
            {
                out.raw(answer);
            }
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
