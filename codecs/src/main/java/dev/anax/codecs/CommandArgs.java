package dev.anax.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable flyweight over the arguments of one command: every argument is a range of one
 * underlying {@link DirectBuffer} (the connection's query buffer on an I/O thread, a ring slot or
 * an overflow blob on a shard). Nothing is copied when arguments are added.
 * <p>
 * Argument 0 is the command name. Not thread safe: one instance per thread.
 */
public final class CommandArgs
{
    private static final int INITIAL_CAPACITY = 16;

    private DirectBuffer buffer;
    private int[] offsets = new int[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private int count;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    /**
     * Start a new argument list over a buffer.
     *
     * @param buffer that holds every argument to be added.
     * @return this for a fluent API.
     */
    public CommandArgs reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        this.count = 0;
        return this;
    }

    /**
     * Add the next argument.
     *
     * @param offset of the argument in the buffer.
     * @param length of the argument in bytes.
     */
    public void add(final int offset, final int length)
    {
        if (count == offsets.length)
        {
            final int newCapacity = offsets.length << 1;
            offsets = Arrays.copyOf(offsets, newCapacity);
            lengths = Arrays.copyOf(lengths, newCapacity);
        }
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    /**
     * Move every argument by a delta, after the bytes beneath them moved (buffer compaction).
     *
     * @param delta to add to every offset.
     */
    public void shift(final int delta)
    {
        for (int i = 0; i < count; i++)
        {
            offsets[i] += delta;
        }
    }

    /**
     * Drop the arguments from index {@code newCount} on.
     *
     * @param newCount the number of arguments that remain.
     */
    public void truncate(final int newCount)
    {
        count = Math.min(count, newCount);
    }

    public int count()
    {
        return count;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset(final int index)
    {
        return offsets[index];
    }

    public int length(final int index)
    {
        return lengths[index];
    }

    /**
     * Total bytes of all argument payloads.
     *
     * @return the sum of every argument's length.
     */
    public long totalLength()
    {
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            total += lengths[i];
        }
        return total;
    }

    /**
     * A view of one argument. The view is shared: it is valid until the next call of this method.
     *
     * @param index of the argument.
     * @return a buffer holding exactly that argument.
     */
    public DirectBuffer view(final int index)
    {
        final int length = lengths[index];
        if (length == 0)
        {
            view.wrap(EMPTY);
        }
        else
        {
            view.wrap(buffer, offsets[index], length);
        }
        return view;
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * Copy one argument out. Allocates: for values that must outlive the command.
     *
     * @param index of the argument.
     * @return a new array with the argument's bytes.
     */
    public byte[] bytes(final int index)
    {
        final byte[] dst = new byte[lengths[index]];
        buffer.getBytes(offsets[index], dst);
        return dst;
    }

    /**
     * The argument as a string, ISO-8859-1 so that every byte maps to one char. Allocates: for
     * error messages and administrative commands, never on the data path.
     *
     * @param index of the argument.
     * @return the argument as text.
     */
    public String string(final int index)
    {
        final byte[] bytes = bytes(index);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * The argument as UTF-8 text, for messages shown to people.
     *
     * @param index of the argument.
     * @return the argument decoded as UTF-8.
     */
    public String utf8(final int index)
    {
        return new String(bytes(index), StandardCharsets.UTF_8);
    }

    /**
     * Compare an argument to an ASCII word, ignoring case, without allocating.
     *
     * @param index of the argument.
     * @param lowerCaseWord ASCII word in lower case.
     * @return true if they are equal ignoring ASCII case.
     */
    public boolean is(final int index, final String lowerCaseWord)
    {
        final int length = lengths[index];
        if (length != lowerCaseWord.length())
        {
            return false;
        }
        final int offset = offsets[index];
        for (int i = 0; i < length; i++)
        {
            int b = buffer.getByte(offset + i);
            if (b >= 'A' && b <= 'Z')
            {
                b += 'a' - 'A';
            }
            if (b != lowerCaseWord.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Hash of the bytes of one argument, the same as {@link Bytes#hash(DirectBuffer, int, int)}.
     *
     * @param index of the argument.
     * @return the hash.
     */
    public int hash(final int index)
    {
        return Bytes.hash(buffer, offsets[index], lengths[index]);
    }

    /**
     * Parse an argument as a Redis integer: optional '-', digits, no leading '+', no spaces, no
     * leading zeros (except "0"), within a signed 64-bit range.
     *
     * @param index  of the argument.
     * @param result holder for the parsed value when the parse succeeds.
     * @return true if the argument is a valid integer.
     */
    public boolean parseLong(final int index, final long[] result)
    {
        return Bytes.parseLong(buffer, offsets[index], lengths[index], result);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(string(i));
        }
        return sb.append(']').toString();
    }
}
