package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.family.ZSetCombine;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.types.zset.ZSetValue;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

/**
 * ZUNION, ZINTER, ZDIFF, ZINTERCARD and the STORE forms across shards. numkeys is checked here
 * first (its errors come before any key is read, as in Redis). When every key (and the
 * destination) lives on one shard the command goes there whole. Otherwise:
 * <pre>
 *   FETCH    one part per shard holding inputs: copies of them come back by reference
 *            (ZSetValue[]; WRONGTYPE when a key holds another type)
 *   compute  on this I/O thread: options, then the union / intersection / difference
 *   INSTALL  (STORE forms) the result goes to the destination's shard, which replaces the key
 * </pre>
 * A STORE holds the client's later requests until the destination is written.
 */
public final class ZCombine implements Coordinated
{
    private final int op;
    private final boolean store;

    /**
     * @param op    {@link ZSetCombine#UNION}, INTER, DIFF or INTERCARD.
     * @param store whether the command has a destination.
     */
    public ZCombine(final int op, final boolean store)
    {
        this.op = op;
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
        final int numkeysIndex = ZSetCombine.numkeysIndex(store);
        final long[] number = new long[1];
        final String error = ZSetCombine.parseNumkeys(args, spec.fullName(), numkeysIndex, number);
        if (error != null)
        {
            dispatcher.replyError(session, seq, error);
            return;
        }
        final int numkeys = (int)number[0];
        final int firstKey = numkeysIndex + 1;
        final int shard0 = dispatcher.shardOf(args, store ? 1 : firstKey);
        boolean single = true;
        for (int k = firstKey; k < firstKey + numkeys && single; k++)
        {
            single = dispatcher.shardOf(args, k) == shard0;
        }
        if (single)
        {
            dispatcher.publish(shard0, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final CommandArgs copy = ArgsCopy.of(args);
        final int shardCount = dispatcher.shardCount();
        final IntArrayList[] keys = new IntArrayList[shardCount];
        for (int k = firstKey; k < firstKey + numkeys; k++)
        {
            final int shard = dispatcher.shardOf(args, k);
            if (keys[shard] == null)
            {
                keys[shard] = new IntArrayList();
                keys[shard].addInt(0);
            }
            keys[shard].addInt(k);
        }
        final Gather gather = new Gather(dispatcher, session, seq, spec, copy, numkeysIndex, numkeys,
            store ? dispatcher.shardOf(args, 1) : -1, keys);
        session.coordination(seq, gather);
        if (store)
        {
            session.hold();
        }
        for (int shard = 0; shard < shardCount; shard++)
        {
            if (keys[shard] != null)
            {
                final int[] indexes = keys[shard].toIntArray();
                gather.expectPart();
                dispatcher.publish(shard, session, seq, Op.PART, spec, ZSetCombine.FETCH, shard, copy,
                    indexes, indexes.length, null);
            }
        }
    }

    /** Collects the inputs, computes, and stores or replies. */
    private final class Gather extends Coordination
    {
        private final CommandSpec spec;
        private final CommandArgs args;
        private final int numkeysIndex;
        private final int numkeys;
        private final int destinationShard;
        private final IntArrayList[] keys;
        private final ZSetValue[] sources;
        private boolean installing;
        private String error;
        private long count;

        Gather(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final CommandArgs args,
            final int numkeysIndex,
            final int numkeys,
            final int destinationShard,
            final IntArrayList[] keys)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.args = args;
            this.numkeysIndex = numkeysIndex;
            this.numkeys = numkeys;
            this.destinationShard = destinationShard;
            this.keys = keys;
            this.sources = new ZSetValue[numkeys];
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            if (reply.getByte(0) == '-')
            {
                if (error == null)
                {
                    error = ArgsCopy.errorText(reply, length);
                }
                return;
            }
            if (attachment instanceof ZSetValue[] fetched)
            {
                // Part n answered for the keys published to shard n, in order.
                final IntArrayList indexes = keys[part];
                for (int i = 1; i < indexes.size(); i++)
                {
                    sources[indexes.getInt(i) - numkeysIndex - 1] = fetched[i - 1];
                }
            }
        }

        @Override
        protected void allPartsDone()
        {
            final RespWriter out = dispatcher.scratch(session);
            if (installing)
            {
                out.integer(count);
                finish(out);
                return;
            }
            if (error != null)
            {
                out.error(error);
                finish(out);
                return;
            }
            final ZSetCombine.Options options = new ZSetCombine.Options();
            final String optionError = ZSetCombine.parseOptions(args, op, store, numkeysIndex, numkeys, options);
            if (optionError != null)
            {
                out.error(optionError);
                finish(out);
                return;
            }
            final long[] result = new long[1];
            final byte[][] entries = ZSetCombine.compute(op, sources, options, result);
            if (!store)
            {
                ZSetCombine.reply(out, op, entries, result[0], options);
                finish(out);
                return;
            }
            count = entries.length;
            final ZSetValue value = ZSetCombine.storedValue(entries, dispatcher.engine().config());
            installing = true;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(destinationShard, session, seq, Op.PART, spec, StoreHops.INSTALL, 0, args,
                new int[] {0, 1}, 2, value == null ? null : StoreHops.moved(ValueType.ZSET, value.encoding(), value));
        }

        private void finish(final RespWriter out)
        {
            dispatcher.complete(session, seq, out);
            if (store)
            {
                dispatcher.release(session);
            }
        }
    }
}
