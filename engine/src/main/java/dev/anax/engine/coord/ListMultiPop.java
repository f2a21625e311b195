package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] over keys on several shards. Redis pops
 * from the first key, in argument order, that holds a non-empty list (WRONGTYPE if a key before
 * it holds another type), so the keys are asked in order: they are cut into runs of consecutive
 * keys that live on one shard, and each run is one hop ({@link #RUN}) that either pops and
 * replies, fails, or replies a null array to pass the turn to the next run. When every key is on
 * one shard the command runs there whole. The client's later requests wait meanwhile.
 * <p>
 * A run's arguments are {@code lmpop LEFT|RIGHT count key...}.
 */
public final class ListMultiPop implements Coordinated
{
    /** Part role: pop from the first list among the run's keys. */
    public static final int RUN = 1;

    /** numkeys below 1 or not an integer. */
    public static final String NUMKEYS = "ERR numkeys should be greater than 0";
    /** COUNT below 1 or not an integer. */
    public static final String COUNT = "ERR count should be greater than 0";

    private static final long ERROR_NUMKEYS = -1;
    private static final long ERROR_SYNTAX = -2;
    private static final long ERROR_COUNT = -3;
    private static final long LEFT = 1L << 32;
    private static final byte[] NAME = "lmpop".getBytes(StandardCharsets.US_ASCII);

    /**
     * Parse LMPOP's arguments as Redis does, in its order of errors.
     *
     * @param args  the request: {@code lmpop numkeys key... where [COUNT n]}.
     * @param count receives the count (1 when not given).
     * @return the packed result (see {@link #numkeys}, {@link #left}), or a negative code for
     *         {@link #error}.
     */
    public static long parse(final CommandArgs args, final long[] count)
    {
        final int argc = args.count();
        if (!args.parseLong(1, count) || count[0] < 1)
        {
            return ERROR_NUMKEYS;
        }
        final long numkeys = count[0];
        if (numkeys > argc - 3)
        {
            return ERROR_SYNTAX;
        }
        final int whereIndex = 2 + (int)numkeys;
        final boolean left;
        if (args.is(whereIndex, "left"))
        {
            left = true;
        }
        else if (args.is(whereIndex, "right"))
        {
            left = false;
        }
        else
        {
            return ERROR_SYNTAX;
        }
        long n = -1;
        for (int j = whereIndex + 1; j < argc; j++)
        {
            if (n == -1 && j + 1 < argc && args.is(j, "count"))
            {
                j++;
                if (!args.parseLong(j, count) || count[0] < 1)
                {
                    return ERROR_COUNT;
                }
                n = count[0];
            }
            else
            {
                return ERROR_SYNTAX;
            }
        }
        count[0] = n == -1 ? 1 : n;
        return numkeys | (left ? LEFT : 0);
    }

    /**
     * @param code a negative result of {@link #parse}.
     * @return the error to reply.
     */
    public static String error(final long code)
    {
        if (code == ERROR_NUMKEYS)
        {
            return NUMKEYS;
        }
        return code == ERROR_COUNT ? COUNT : RespErrors.SYNTAX;
    }

    /**
     * @param parsed a result of {@link #parse}.
     * @return the number of keys.
     */
    public static int numkeys(final long parsed)
    {
        return (int)parsed;
    }

    /**
     * @param parsed a result of {@link #parse}.
     * @return true for LEFT.
     */
    public static boolean left(final long parsed)
    {
        return (parsed & LEFT) != 0;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final long[] count = new long[1];
        final long parsed = parse(args, count);
        if (parsed < 0)
        {
            dispatcher.replyError(session, seq, error(parsed));
            return;
        }
        final int numkeys = numkeys(parsed);
        final int firstShard = dispatcher.shardOf(args, 2);
        boolean single = true;
        for (int k = 3; k < 2 + numkeys && single; k++)
        {
            single = dispatcher.shardOf(args, k) == firstShard;
        }
        if (single)
        {
            dispatcher.publish(firstShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        final byte[] where = left(parsed) ? new byte[] {'L', 'E', 'F', 'T'} : new byte[] {'R', 'I', 'G', 'H', 'T'};
        final byte[] countText = Long.toString(count[0]).getBytes(StandardCharsets.US_ASCII);
        final IntArrayList shards = new IntArrayList();
        final List<CommandArgs> runs = new ArrayList<>();
        int k = 2;
        while (k < 2 + numkeys)
        {
            final int shard = dispatcher.shardOf(args, k);
            int end = k + 1;
            while (end < 2 + numkeys && dispatcher.shardOf(args, end) == shard)
            {
                end++;
            }
            runs.add(runArgs(args, k, end, where, countText));
            shards.addInt(shard);
            k = end;
        }
        final Runs coordination = new Runs(dispatcher, session, seq, spec, runs, shards.toIntArray());
        session.hold();
        coordination.next();
    }

    /** {@code lmpop where count key...} for the keys of arguments {@code from} to {@code to - 1}. */
    private static CommandArgs runArgs(
        final CommandArgs args, final int from, final int to, final byte[] where, final byte[] count)
    {
        int total = NAME.length + where.length + count.length;
        for (int i = from; i < to; i++)
        {
            total += args.length(i);
        }
        final byte[] bytes = new byte[total];
        final CommandArgs run = new CommandArgs().reset(new UnsafeBuffer(bytes));
        int position = 0;
        for (final byte[] fixed : new byte[][] {NAME, where, count})
        {
            System.arraycopy(fixed, 0, bytes, position, fixed.length);
            run.add(position, fixed.length);
            position += fixed.length;
        }
        for (int i = from; i < to; i++)
        {
            final int length = args.length(i);
            args.buffer().getBytes(args.offset(i), bytes, position, length);
            run.add(position, length);
            position += length;
        }
        return run;
    }

    /**
     * Asks the runs one after the other until one of them answers something other than null.
     */
    private static final class Runs extends Coordination
    {
        private final CommandSpec spec;
        private final List<CommandArgs> runs;
        private final int[] shards;
        private int current = -1;
        private byte[] reply;

        Runs(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final List<CommandArgs> runs,
            final int[] shards)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.runs = runs;
            this.shards = shards;
        }

        void next()
        {
            current++;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(shards[current], session, seq, Op.PART, spec, RUN, current,
                runs.get(current), null, 0, null);
        }

        @Override
        protected void part(final int part, final DirectBuffer buffer, final int length, final Object attachment)
        {
            reply = new byte[length];
            buffer.getBytes(0, reply);
        }

        @Override
        protected void allPartsDone()
        {
            final boolean isNull = reply[0] == '_' || (reply.length > 1 && reply[0] == '*' && reply[1] == '-');
            if (isNull && current + 1 < runs.size())
            {
                next();
                return;
            }
            final RespWriter out = dispatcher.scratch(session);
            out.raw(reply);
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
