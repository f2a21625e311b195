package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespSkipper;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Splits a multi-key command by the shard of each key, or sends it to every shard, and merges
 * the parts' replies. When every key lives on one shard the whole command goes there as one event,
 * with no coordination at all. Each part is the same command over a subset of the keys, so one
 * shard handler serves both the whole command and its parts.
 */
public final class FanOut implements Coordinated
{
    private final Merge merge;
    private final boolean allShards;

    private FanOut(final Merge merge, final boolean allShards)
    {
        this.merge = merge;
        this.allShards = allShards;
    }

    /**
     * A command split by the shards of its keys (positions from the command table).
     *
     * @param merge how replies are merged.
     * @return the strategy.
     */
    public static FanOut byKeys(final Merge merge)
    {
        return new FanOut(merge, false);
    }

    /**
     * A command that runs on every shard.
     *
     * @param merge how replies are merged.
     * @return the strategy.
     */
    public static FanOut allShards(final Merge merge)
    {
        return new FanOut(merge, true);
    }

    @Override
    public boolean singleHop()
    {
        return true;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int shardCount = dispatcher.shardCount();
        if (allShards)
        {
            if (shardCount == 1)
            {
                dispatcher.publish(0, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
                return;
            }
            final Parts parts = new Parts(dispatcher, session, seq, merge, shardCount, null);
            session.coordination(seq, parts);
            for (int shard = 0; shard < shardCount; shard++)
            {
                parts.expectPart();
                dispatcher.publish(shard, session, seq, Op.PART, spec, 0, shard, args, null, 0, null);
            }
            return;
        }

        final int argc = args.count();
        final int first = spec.firstKey();
        final int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
        final int step = spec.keyStep();
        final int firstShard = dispatcher.shardOf(args, first);
        boolean single = true;
        for (int k = first + step; k <= last && single; k += step)
        {
            single = dispatcher.shardOf(args, k) == firstShard;
        }
        if (single)
        {
            dispatcher.publish(firstShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }

        final int keyCount = (last - first) / step + 1;
        final int[] shardOfKey = new int[keyCount];
        final IntArrayList[] indexes = new IntArrayList[shardCount];
        for (int k = first, n = 0; k <= last; k += step, n++)
        {
            final int shard = dispatcher.shardOf(args, k);
            shardOfKey[n] = shard;
            IntArrayList list = indexes[shard];
            if (list == null)
            {
                list = new IntArrayList();
                for (int i = 0; i < first; i++)
                {
                    list.addInt(i);
                }
                indexes[shard] = list;
            }
            for (int j = 0; j < step; j++)
            {
                list.addInt(k + j);
            }
        }
        final Parts parts = new Parts(dispatcher, session, seq, merge, shardCount, shardOfKey);
        session.coordination(seq, parts);
        for (int shard = 0; shard < shardCount; shard++)
        {
            final IntArrayList list = indexes[shard];
            if (list != null)
            {
                // Arguments after the last key (options) go to every part.
                for (int i = last + step; i < argc; i++)
                {
                    list.addInt(i);
                }
                parts.expectPart();
                final int[] array = list.toIntArray();
                dispatcher.publish(shard, session, seq, Op.PART, spec, 0, shard, args, array, array.length, null);
            }
        }
    }

    /**
     * The merge state of one fanned-out request.
     */
    static final class Parts extends Coordination
    {
        private final Merge merge;
        private final int[] shardOfKey;
        private final byte[][] replies;
        private long sum;
        private String error;
        private int elements;

        Parts(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final Merge merge,
            final int shardCount,
            final int[] shardOfKey)
        {
            super(dispatcher, session, seq);
            this.merge = merge;
            this.shardOfKey = shardOfKey;
            this.replies = new byte[shardCount][];
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
                return;
            }
            switch (merge)
            {
                case SUM:
                    sum += RespSkipper.headerNumber(reply, 0);
                    break;
                case INTERLEAVE:
                case CONCAT:
                {
                    final byte[] copy = new byte[length];
                    reply.getBytes(0, copy);
                    replies[part] = copy;
                    if (type != '_')
                    {
                        elements += (int)RespSkipper.headerNumber(reply, 0);
                    }
                    break;
                }
                default:
                    break;
            }
        }

        @Override
        protected void allPartsDone()
        {
            final RespWriter out = dispatcher.scratch(session);
            if (error != null)
            {
                out.error(error);
                dispatcher.complete(session, seq, out);
                return;
            }
            switch (merge)
            {
                case SUM:
                    out.integer(sum);
                    break;
                case OK:
                    out.ok();
                    break;
                case CONCAT:
                    out.arrayHeader(elements);
                    for (final byte[] reply : replies)
                    {
                        if (reply != null && reply[0] != '_')
                        {
                            final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(reply);
                            final int start = RespSkipper.afterHeader(b, 0);
                            out.raw(b, start, reply.length - start);
                        }
                    }
                    break;
                case INTERLEAVE:
                {
                    out.arrayHeader(shardOfKey.length);
                    final org.agrona.concurrent.UnsafeBuffer[] buffers =
                        new org.agrona.concurrent.UnsafeBuffer[replies.length];
                    final int[] positions = new int[replies.length];
                    for (int i = 0; i < replies.length; i++)
                    {
                        if (replies[i] != null)
                        {
                            buffers[i] = new org.agrona.concurrent.UnsafeBuffer(replies[i]);
                            positions[i] = RespSkipper.afterHeader(buffers[i], 0);
                        }
                    }
                    for (final int shard : shardOfKey)
                    {
                        final int start = positions[shard];
                        final int end = RespSkipper.skip(buffers[shard], start);
                        out.raw(buffers[shard], start, end - start);
                        positions[shard] = end;
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(merge.name());
            }
            dispatcher.complete(session, seq, out);
        }
    }
}
