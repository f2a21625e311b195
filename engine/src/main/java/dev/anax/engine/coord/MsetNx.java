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
import org.agrona.collections.IntArrayList;

/**
 * MSETNX over several shards, all or nothing: the first hop asks every involved shard how many
 * of its keys exist ({@link #SUBOP_COUNT_EXISTING}, keys only); if none does, the second hop
 * sets each shard's pairs ({@link #SUBOP_SET}) and the client gets :1, otherwise :0 and nothing
 * is written. When every key is on one shard the whole command runs there in one event.
 * <p>
 * Between the hops another client may create one of the keys: the command is atomic against
 * concurrent writers only once the transaction scheduler locks the keys of both hops.
 */
public final class MsetNx implements Coordinated
{
    /** Part role: reply the number of the given keys that exist. */
    public static final int SUBOP_COUNT_EXISTING = 1;
    /** Part role: set the given key/value pairs, reply +OK. */
    public static final int SUBOP_SET = 2;

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int argc = args.count();
        if (argc % 2 == 0)
        {
            dispatcher.replyError(session, seq, RespErrors.wrongArity(spec.fullName()));
            return;
        }
        final int firstShard = dispatcher.shardOf(args, 1);
        boolean single = true;
        for (int k = 3; k < argc && single; k += 2)
        {
            single = dispatcher.shardOf(args, k) == firstShard;
        }
        if (single)
        {
            dispatcher.publish(firstShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }

        // The second hop runs after this call returns, when args is gone: keep a copy.
        final CommandArgs copy = ArgsCopy.of(args);
        final int shardCount = dispatcher.shardCount();
        final IntArrayList[] keys = new IntArrayList[shardCount];
        final IntArrayList[] pairs = new IntArrayList[shardCount];
        for (int k = 1; k < argc; k += 2)
        {
            final int shard = dispatcher.shardOf(args, k);
            if (keys[shard] == null)
            {
                keys[shard] = new IntArrayList();
                keys[shard].addInt(0);
                pairs[shard] = new IntArrayList();
                pairs[shard].addInt(0);
            }
            keys[shard].addInt(k);
            pairs[shard].addInt(k);
            pairs[shard].addInt(k + 1);
        }
        final Hops hops = new Hops(dispatcher, session, seq, spec, copy, pairs);
        session.coordination(seq, hops);
        // Later requests of this client wait until the second hop has written (a pipelined GET
        // of one of the keys must see the value).
        session.hold();
        for (int shard = 0; shard < shardCount; shard++)
        {
            if (keys[shard] != null)
            {
                final int[] indexes = keys[shard].toIntArray();
                hops.expectPart();
                dispatcher.publish(shard, session, seq, Op.PART, spec, SUBOP_COUNT_EXISTING, shard,
                    copy, indexes, indexes.length, null);
            }
        }
    }


    /**
     * The state of one MSETNX across its two hops.
     */
    static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final CommandArgs args;
        private final IntArrayList[] pairs;
        private boolean setting;
        private long existing;
        private String error;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args,
            final IntArrayList[] pairs)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.args = args;
            this.pairs = pairs;
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            final byte type = reply.getByte(0);
            if (type == '-')
            {
                if (error == null)
                {
                    final byte[] text = new byte[length - 3];
                    reply.getBytes(1, text);
                    error = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            }
            else if (type == ':')
            {
                existing += RespSkipper.headerNumber(reply, 0);
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
            else if (setting)
            {
                out.integer(1);
            }
            else if (existing > 0)
            {
                out.integer(0);
            }
            else
            {
                setting = true;
                session.coordination(seq, this);
                for (int shard = 0; shard < pairs.length; shard++)
                {
                    if (pairs[shard] != null)
                    {
                        final int[] indexes = pairs[shard].toIntArray();
                        expectPart();
                        dispatcher.publish(shard, session, seq, Op.PART, spec, SUBOP_SET, shard,
                            args, indexes, indexes.length, null);
                    }
                }
                return;
            }
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
