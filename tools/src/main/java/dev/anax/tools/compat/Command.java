package dev.anax.tools.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One generated request: its arguments (name first, as sent, in whatever case) and the command
 * it is an instance of ({@code "get"}, {@code "object|encoding"}), which decides how its replies
 * are compared.
 */
public final class Command
{
    private final String spec;
    private final byte[][] args;

    /**
     * @param spec lower-case full name of the command ("object|encoding").
     * @param args the request, name first.
     */
    public Command(final String spec, final byte[][] args)
    {
        this.spec = spec;
        this.args = args;
    }

    /**
     * @param spec lower-case full name.
     * @param args the request as text, name first.
     * @return the command.
     */
    public static Command of(final String spec, final String... args)
    {
        final byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++)
        {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return new Command(spec, bytes);
    }

    /** @return lower-case full name of the command. */
    public String spec()
    {
        return spec;
    }

    /** @return the request; do not modify. */
    public byte[][] args()
    {
        return args;
    }

    /**
     * @param rewrite applied to every argument after the name.
     * @return a copy with rewritten arguments.
     */
    public Command mapArgs(final java.util.function.UnaryOperator<byte[]> rewrite)
    {
        final byte[][] copy = new byte[args.length][];
        copy[0] = args[0];
        for (int i = 1; i < args.length; i++)
        {
            copy[i] = rewrite.apply(args[i]);
        }
        return new Command(spec, copy);
    }

    /**
     * The request as a redis-cli input line: words that need it are double-quoted, with
     * {@code \xHH} escapes for binary bytes (redis-cli's own syntax).
     *
     * @return the line.
     */
    public String toCliLine()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            appendWord(sb, args[i]);
        }
        return sb.toString();
    }

    private static void appendWord(final StringBuilder sb, final byte[] word)
    {
        boolean plain = word.length > 0;
        for (final byte b : word)
        {
            final int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\'' || c == '\\')
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            sb.append(new String(word, StandardCharsets.US_ASCII));
            return;
        }
        sb.append('"');
        Reply.appendEscaped(sb, word);
        sb.append('"');
    }

    /**
     * @param commands a sequence.
     * @return its redis-cli lines.
     */
    public static List<String> cliLines(final List<Command> commands)
    {
        final List<String> lines = new ArrayList<>(commands.size());
        for (final Command c : commands)
        {
            lines.add(c.toCliLine());
        }
        return lines;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof Command))
        {
            return false;
        }
        final Command other = (Command)o;
        return spec.equals(other.spec) && Arrays.deepEquals(args, other.args);
    }

    @Override
    public int hashCode()
    {
        return 31 * spec.hashCode() + Arrays.deepHashCode(args);
    }

    @Override
    public String toString()
    {
        return toCliLine();
    }
}
