package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import org.agrona.DirectBuffer;

/**
 * The arguments of a command as ranges of one byte array, which the sorted set structures take
 * (an argument is {@code array()[offset(i) .. offset(i) + length(i))}). Shard arguments live in a
 * heap array already, so nothing is copied; an off-heap buffer is copied once per command.
 * One instance per thread, reused from command to command.
 */
final class ZArgs
{
    private static final ThreadLocal<ZArgs> LOCAL = ThreadLocal.withInitial(ZArgs::new);

    private CommandArgs args;
    private byte[] array;
    private int delta;
    private byte[] copy = new byte[256];

    private ZArgs()
    {
    }

    /**
     * This thread's instance, over a command's arguments.
     *
     * @param args the arguments.
     * @return the instance, valid until the next call on this thread.
     */
    static ZArgs of(final CommandArgs args)
    {
        final ZArgs z = LOCAL.get();
        z.resolve(args);
        return z;
    }

    private void resolve(final CommandArgs args)
    {
        this.args = args;
        final DirectBuffer buffer = args.buffer();
        final byte[] backing = buffer.byteArray();
        if (backing != null)
        {
            array = backing;
            delta = (int)buffer.wrapAdjustment();
            return;
        }
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int i = 0; i < args.count(); i++)
        {
            from = Math.min(from, args.offset(i));
            to = Math.max(to, args.offset(i) + args.length(i));
        }
        if (from > to)
        {
            from = to;
        }
        if (copy.length < to - from)
        {
            copy = new byte[to - from];
        }
        buffer.getBytes(from, copy, 0, to - from);
        array = copy;
        delta = -from;
    }

    /** @return the array holding every argument. */
    byte[] array()
    {
        return array;
    }

    /**
     * @param i argument index.
     * @return where argument i starts in {@link #array()}.
     */
    int offset(final int i)
    {
        return args.offset(i) + delta;
    }

    /**
     * @param i argument index.
     * @return the length of argument i.
     */
    int length(final int i)
    {
        return args.length(i);
    }
}
