package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespSkipper;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import org.agrona.DirectBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * RANDOMKEY over several shards: every shard answers a part {@code [size, key-or-nil]} with a
 * random key of its own, and the coordinator picks one of the non-nil keys with a probability
 * proportional to its shard's size, so every key is about equally likely. With one shard the
 * command runs there whole and answers the key itself.
 */
public final class RandomKeyPick implements Coordinated
{
    @Override
    public boolean atomic()
    {
        return false;
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
        if (shardCount == 1)
        {
            dispatcher.publish(0, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final Picks picks = new Picks(dispatcher, session, seq, shardCount);
        session.coordination(seq, picks);
        for (int shard = 0; shard < shardCount; shard++)
        {
            picks.expectPart();
            dispatcher.publish(shard, session, seq, Op.PART, spec, 0, shard, args, null, 0, null);
        }
    }

    private static final class Picks extends Coordination
    {
        private final long[] sizes;
        private final byte[][] keys;

        Picks(final Dispatcher dispatcher, final ClientSession session, final long seq, final int shardCount)
        {
            super(dispatcher, session, seq);
            sizes = new long[shardCount];
            keys = new byte[shardCount][];
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            if (reply.getByte(0) != '*')
            {
                return;
            }
            final int sizeAt = RespSkipper.afterHeader(reply, 0);
            final long size = RespSkipper.headerNumber(reply, sizeAt);
            final int keyAt = RespSkipper.skip(reply, sizeAt);
            if (reply.getByte(keyAt) == '$')
            {
                final long keyLength = RespSkipper.headerNumber(reply, keyAt);
                if (keyLength >= 0)
                {
                    final byte[] key = new byte[(int)keyLength];
                    reply.getBytes(RespSkipper.afterHeader(reply, keyAt), key);
                    keys[part] = key;
                    sizes[part] = Math.max(1, size);
                }
            }
        }

        @Override
        protected void allPartsDone()
        {
            long total = 0;
            for (int i = 0; i < keys.length; i++)
            {
                if (keys[i] != null)
                {
                    total += sizes[i];
                }
            }
            final RespWriter out = dispatcher.scratch(session);
            if (total == 0)
            {
                out.nullBulk();
            }
            else
            {
                long pick = ThreadLocalRandom.current().nextLong(total);
                for (int i = 0; i < keys.length; i++)
                {
                    if (keys[i] != null)
                    {
                        if (pick < sizes[i])
                        {
                            out.bulk(keys[i]);
                            break;
                        }
                        pick -= sizes[i];
                    }
                }
            }
            dispatcher.complete(session, seq, out);
        }
    }
}
