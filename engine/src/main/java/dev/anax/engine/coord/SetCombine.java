package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.family.SetAlgebra;
import dev.anax.engine.types.set.SetValue;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

import java.nio.charset.StandardCharsets;

/**
 * SINTER, SINTERCARD, SUNION, SDIFF and their STORE variants over keys that may live on several
 * shards. When every key (the destination too) is on one shard the whole command runs there.
 * Otherwise:
 * <pre>
 *   FETCH(keys of shard a) ... FETCH(keys of shard z)     each shard hands over its sets, shared
 *        \_____________________________/                 (copy-on-write) by reference
 *                       |  the I/O thread computes the result
 *                       +--> reply                                      SINTER, SUNION, ...
 *                       +--> STORE(destination, result attached) --> reply its cardinality
 * </pre>
 * The STORE variants hold the client's later requests until the destination is written.
 */
public final class SetCombine implements Coordinated
{
    /** Part role: reply :n with the sets of the part's keys attached (a SetValue[]), or WRONGTYPE. */
    public static final int FETCH = 1;
    /** Part role: install the attached result (a SetValue, or null to delete) at argument 1. */
    public static final int STORE = 2;

    /** The operation. */
    public enum Kind
    {
        INTER,
        INTERCARD,
        UNION,
        DIFF
    }

    private static final int[] STORE_ARGS = {0, 1};

    private final Kind kind;
    private final boolean store;

    /**
     * @param kind  the operation.
     * @param store whether argument 1 is a destination key.
     */
    public SetCombine(final Kind kind, final boolean store)
    {
        this.kind = kind;
        this.store = store;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int firstKey;
        final int lastKey;
        long limit = 0;
        if (kind == Kind.INTERCARD)
        {
            final long[] parsed = new long[2];
            final String error = SetAlgebra.parseInterCard(args, parsed);
            if (error != null)
            {
                dispatcher.replyError(session, seq, error);
                return;
            }
            firstKey = 2;
            lastKey = 1 + (int)parsed[0];
            limit = parsed[1];
        }
        else
        {
            firstKey = store ? 2 : 1;
            lastKey = args.count() - 1;
        }
        final int home = dispatcher.shardOf(args, store ? 1 : firstKey);
        boolean single = true;
        for (int k = firstKey; k <= lastKey && single; k++)
        {
            single = dispatcher.shardOf(args, k) == home;
        }
        if (single)
        {
            dispatcher.publish(home, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }

        final int keyCount = lastKey - firstKey + 1;
        final int shardCount = dispatcher.shardCount();
        final IntArrayList[] indexes = new IntArrayList[shardCount];
        final int[][] ordinals = new int[shardCount][];
        final int[] filled = new int[shardCount];
        final int[] shardOfKey = new int[keyCount];
        for (int k = firstKey; k <= lastKey; k++)
        {
            final int shard = dispatcher.shardOf(args, k);
            shardOfKey[k - firstKey] = shard;
            if (indexes[shard] == null)
            {
                indexes[shard] = new IntArrayList();
                indexes[shard].addInt(0);
                ordinals[shard] = new int[keyCount];
            }
            indexes[shard].addInt(k);
            ordinals[shard][filled[shard]++] = k - firstKey;
        }
        final Gather gather = new Gather(dispatcher, session, seq, spec, kind, limit, keyCount, ordinals,
            store ? ArgsCopy.of(args) : null, store ? dispatcher.shardOf(args, 1) : -1);
        session.coordination(seq, gather);
        if (store)
        {
            session.hold();
        }
        for (int shard = 0; shard < shardCount; shard++)
        {
            if (indexes[shard] != null)
            {
                final int[] array = indexes[shard].toIntArray();
                gather.expectPart();
                dispatcher.publish(shard, session, seq, Op.PART, spec, FETCH, shard, args, array, array.length, null);
            }
        }
    }


    /**
     * Collects the shards' sets in key order, computes, and stores when asked to.
     */
    private static final class Gather extends Coordination
    {
        private final CommandSpec spec;
        private final Kind kind;
        private final long limit;
        private final SetValue[] sets;
        private final int[][] ordinals;
        private final CommandArgs storeArgs;
        private final int destinationShard;
        private String error;
        private boolean storing;
        private byte[] storeReply;

        Gather(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final Kind kind,
            final long limit,
            final int keyCount,
            final int[][] ordinals,
            final CommandArgs storeArgs,
            final int destinationShard)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.kind = kind;
            this.limit = limit;
            this.sets = new SetValue[keyCount];
            this.ordinals = ordinals;
            this.storeArgs = storeArgs;
            this.destinationShard = destinationShard;
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            if (storing)
            {
                storeReply = new byte[length];
                reply.getBytes(0, storeReply);
                return;
            }
            if (reply.getByte(0) == '-')
            {
                if (error == null)
                {
                    final byte[] text = new byte[length - 3];
                    reply.getBytes(1, text);
                    error = new String(text, StandardCharsets.ISO_8859_1);
                }
                return;
            }
            final SetValue[] found = (SetValue[])attachment;
            final int[] positions = ordinals[part];
            for (int i = 0; i < found.length; i++)
            {
                sets[positions[i]] = found[i];
            }
        }

        @Override
        protected void allPartsDone()
        {
            final RespWriter out = dispatcher.scratch(session);
            if (storing)
            {
                out.raw(storeReply);
                finish(out);
                return;
            }
            if (error != null)
            {
                out.error(error);
                finish(out);
                return;
            }
            final long maxIntset = SetAlgebra.maxIntset(dispatcher.engine().config());
            if (storeArgs == null)
            {
                SetAlgebra.reply(out, kind, sets, limit, maxIntset);
                finish(out);
                return;
            }
            final SetValue result = SetAlgebra.result(kind, sets, maxIntset);
            storing = true;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(destinationShard, session, seq, Op.PART, spec, STORE, 0,
                storeArgs, STORE_ARGS, STORE_ARGS.length, result);
        }

        private void finish(final RespWriter out)
        {
            dispatcher.complete(session, seq, out);
            if (storeArgs != null)
            {
                dispatcher.release(session);
            }
        }
    }
}
