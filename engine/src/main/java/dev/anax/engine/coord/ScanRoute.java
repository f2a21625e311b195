package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;

/**
 * Routes a keyspace SCAN call to the one shard its cursor names. A keyspace cursor holds the
 * shard index in its low {@link #shardBits} bits and that shard's own reverse-binary table
 * cursor above them; the shard that ends its table answers with a cursor naming the next shard,
 * and the last shard answers 0. So a full iteration visits the shards one after another and
 * every call runs whole on one shard.
 */
public final class ScanRoute implements Coordinated
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
        final long[] cursor = new long[1];
        if (!parseCursor(args, 1, cursor))
        {
            dispatcher.replyError(session, seq, RespErrors.INVALID_CURSOR);
            return;
        }
        final int shardCount = dispatcher.shardCount();
        final long shard = cursor[0] & shardMask(shardCount);
        // A cursor naming no shard is answered (after its options are checked) by shard 0.
        final int target = shard < shardCount ? (int)shard : 0;
        dispatcher.publish(target, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
    }

    /**
     * How many low bits of a keyspace cursor hold the shard index.
     *
     * @param shardCount number of shards.
     * @return bits, 0 for a single shard.
     */
    public static int shardBits(final int shardCount)
    {
        return shardCount <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(shardCount - 1);
    }

    /**
     * The mask of the shard index bits of a keyspace cursor.
     *
     * @param shardCount number of shards.
     * @return the mask.
     */
    public static long shardMask(final int shardCount)
    {
        return (1L << shardBits(shardCount)) - 1;
    }

    /**
     * Parse a SCAN cursor as Redis does (C's strtoul in base 10 plus checks): an unsigned 64-bit
     * decimal with an optional sign ('-' negates modulo 2^64), no leading white space, nothing
     * after the digits (a NUL byte ends the text, as in C); the empty string is cursor 0.
     *
     * @param args   the request.
     * @param index  of the cursor argument.
     * @param result receives the cursor (as unsigned 64 bits).
     * @return false if Redis would answer "invalid cursor".
     */
    public static boolean parseCursor(final CommandArgs args, final int index, final long[] result)
    {
        final int length = args.length(index);
        final int offset = args.offset(index);
        final org.agrona.DirectBuffer buffer = args.buffer();
        if (length == 0)
        {
            result[0] = 0;
            return true;
        }
        int i = 0;
        final byte first = buffer.getByte(offset);
        if (first == ' ' || (first >= '\t' && first <= '\r'))
        {
            return false;
        }
        boolean negative = false;
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i++;
        }
        final int digitsFrom = i;
        long value = 0;
        for (; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == 0)
            {
                // C sees the end of the string here.
                break;
            }
            final int digit = b - '0';
            if (digit < 0 || digit > 9)
            {
                return false;
            }
            // value * 10 + digit must stay below 2^64.
            if (Long.compareUnsigned(value, 0x1999_9999_9999_9999L) > 0)
            {
                return false;
            }
            final long times10 = value * 10;
            final long next = times10 + digit;
            if (Long.compareUnsigned(next, times10) < 0)
            {
                return false;
            }
            value = next;
        }
        if (i == digitsFrom && first != 0)
        {
            // No digits: nothing was converted, so the text does not end where the number does.
            return false;
        }
        result[0] = negative ? -value : value;
        return true;
    }
}
