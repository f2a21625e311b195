package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Copies of request arguments that outlive the I/O thread's call (a coordination's later hops
 * need them), and requests made up by a coordinator.
 */
public final class ArgsCopy
{
    private ArgsCopy()
    {
    }

    /**
     * A copy of every argument in one heap array.
     *
     * @param args the request.
     * @return the copy.
     */
    public static CommandArgs of(final CommandArgs args)
    {
        final byte[] bytes = new byte[(int)args.totalLength()];
        final CommandArgs copy = new CommandArgs().reset(new UnsafeBuffer(bytes));
        int position = 0;
        for (int i = 0; i < args.count(); i++)
        {
            final int length = args.length(i);
            args.buffer().getBytes(args.offset(i), bytes, position, length);
            copy.add(position, length);
            position += length;
        }
        return copy;
    }

    /**
     * A request from whole arrays, one per argument.
     *
     * @param parts the arguments.
     * @return the request.
     */
    public static CommandArgs ofArrays(final java.util.List<byte[]> parts)
    {
        int total = 0;
        for (final byte[] part : parts)
        {
            total += part.length;
        }
        final byte[] bytes = new byte[total];
        final CommandArgs built = new CommandArgs().reset(new UnsafeBuffer(bytes));
        int position = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, bytes, position, part.length);
            built.add(position, part.length);
            position += part.length;
        }
        return built;
    }

    /**
     * A request from pieces: each piece is a String (ASCII) or an argument index of {@code args}.
     *
     * @param args   the request the indexed pieces come from.
     * @param pieces strings and Integer indexes.
     * @return the new request.
     */
    static CommandArgs build(final CommandArgs args, final Object... pieces)
    {
        int total = 0;
        for (final Object piece : pieces)
        {
            total += piece instanceof Integer index ? args.length(index) : ((String)piece).length();
        }
        final byte[] bytes = new byte[total];
        final CommandArgs built = new CommandArgs().reset(new UnsafeBuffer(bytes));
        int position = 0;
        for (final Object piece : pieces)
        {
            final int length;
            if (piece instanceof Integer index)
            {
                length = args.length(index);
                args.buffer().getBytes(args.offset(index), bytes, position, length);
            }
            else
            {
                final byte[] text = ((String)piece).getBytes(StandardCharsets.US_ASCII);
                length = text.length;
                System.arraycopy(text, 0, bytes, position, length);
            }
            built.add(position, length);
            position += length;
        }
        return built;
    }

    /**
     * The text of an error reply, without '-' and CRLF.
     *
     * @param reply  RESP bytes starting with '-'.
     * @param length of the reply.
     * @return the message.
     */
    static String errorText(final org.agrona.DirectBuffer reply, final int length)
    {
        final byte[] text = new byte[length - 3];
        reply.getBytes(1, text);
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}
