package dev.anax.perf.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One command of the mix, e.g. {@code SET __key__ __value__} or {@code INCR counter:__rand_int__}.
 * Placeholders, anywhere inside an argument: {@code __key__} (a key drawn from the key
 * distribution; each occurrence draws a new one), {@code __value__} (a value of the configured
 * size), {@code __rand_int__} (a 12-digit zero-padded random number below the key space size, as
 * redis-benchmark's {@code -r}). Every argument has a fixed length, so the RESP request is encoded
 * without allocating.
 * <p>
 * A template may also be a <b>sequence</b>: commands separated by {@code ;}, each optionally
 * repeated with an {@code N*} prefix, e.g. {@code MULTI; 10*SET __key__ __value__; EXEC}. Its
 * commands are sent back to back as one request (one round trip) and count as one operation,
 * answered when the reply of the last one arrived.
 */
public final class CommandTemplate
{
    /** How the reply is checked. */
    public enum Kind
    {
        /** {@code SET __key__ __value__}: reply +OK, and the model learns the new version. */
        SET,
        /** {@code GET __key__}: the value last set, or nil if never set. */
        GET,
        /** {@code MGET __key__ ...}: each element as for GET. */
        MGET,
        /** Anything else: only error replies are counted; keys it touches become unknown. */
        OTHER,
        /**
         * Several commands as one request: no reply may be an error, and when the sequence ends in
         * EXEC, its reply must be an array (not nil: not aborted) holding no error.
         */
        SEQUENCE
    }

    private static final byte LITERAL = 0;
    private static final byte KEY = 1;
    private static final byte VALUE = 2;
    private static final byte RAND = 3;
    private static final int RAND_DIGITS = 12;

    private final String text;
    private final String name;
    private final Kind kind;
    private final byte[][][] literals;
    private final byte[][] segmentTypes;
    private final byte[][] argHeaders;
    private final byte[] arrayHeader;
    private final int keyCount;
    private final KeyFormat keys;
    private final ValueCodec values;
    private final byte[] fixedValue;
    private final CommandTemplate[] parts;

    /**
     * @param text   the template, arguments separated by spaces (double quotes group).
     * @param keys   key names.
     * @param values value bytes.
     */
    public CommandTemplate(final String text, final KeyFormat keys, final ValueCodec values)
    {
        this.text = text.trim();
        this.keys = keys;
        this.values = values;
        final List<String> sequence = sequence(this.text);
        if (sequence.size() > 1)
        {
            parts = new CommandTemplate[sequence.size()];
            int keyTotal = 0;
            for (int i = 0; i < parts.length; i++)
            {
                parts[i] = new CommandTemplate(sequence.get(i), keys, values);
                keyTotal += parts[i].keyCount();
            }
            name = sequenceName(parts);
            kind = Kind.SEQUENCE;
            keyCount = keyTotal;
            literals = new byte[0][][];
            segmentTypes = new byte[0][];
            argHeaders = new byte[0][];
            arrayHeader = new byte[0];
            fixedValue = new byte[0];
            return;
        }
        parts = null;
        final List<String> args = split(this.text);
        if (args.isEmpty())
        {
            throw new IllegalArgumentException("empty command template");
        }
        this.name = args.get(0).toUpperCase(Locale.ROOT);
        literals = new byte[args.size()][][];
        segmentTypes = new byte[args.size()][];
        argHeaders = new byte[args.size()][];
        int keyTotal = 0;
        for (int a = 0; a < args.size(); a++)
        {
            final List<byte[]> lits = new ArrayList<>();
            final List<Byte> types = new ArrayList<>();
            String rest = args.get(a);
            int length = 0;
            while (!rest.isEmpty())
            {
                final int at = nextPlaceholder(rest);
                if (at < 0)
                {
                    lits.add(rest.getBytes(StandardCharsets.UTF_8));
                    types.add(LITERAL);
                    length += lits.get(lits.size() - 1).length;
                    break;
                }
                if (at > 0)
                {
                    lits.add(rest.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    types.add(LITERAL);
                    length += at;
                    rest = rest.substring(at);
                    continue;
                }
                if (rest.startsWith("__key__"))
                {
                    types.add(KEY);
                    length += keys.size();
                    keyTotal++;
                    rest = rest.substring(7);
                }
                else if (rest.startsWith("__value__"))
                {
                    types.add(VALUE);
                    length += values.size();
                    rest = rest.substring(9);
                }
                else
                {
                    types.add(RAND);
                    length += RAND_DIGITS;
                    rest = rest.substring(12);
                }
                lits.add(null);
            }
            literals[a] = lits.toArray(new byte[0][]);
            segmentTypes[a] = new byte[types.size()];
            for (int i = 0; i < types.size(); i++)
            {
                segmentTypes[a][i] = types.get(i);
            }
            argHeaders[a] = ("$" + length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        arrayHeader = ("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        keyCount = keyTotal;
        kind = classify(args);
        fixedValue = new byte[values.size()];
        values.write(-1, 0, fixedValue, 0);
    }

    /** Split a sequence at {@code ;} (outside quotes) and expand {@code N*} repeats. */
    private static List<String> sequence(final String text)
    {
        final List<String> commands = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= text.length(); i++)
        {
            final char c = i < text.length() ? text.charAt(i) : ';';
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == ';' && !quoted)
            {
                String command = cur.toString().trim();
                cur.setLength(0);
                if (command.isEmpty())
                {
                    continue;
                }
                int repeat = 1;
                final java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\*\\s*(.*)$").matcher(command);
                if (m.matches())
                {
                    repeat = Integer.parseInt(m.group(1));
                    command = m.group(2);
                }
                for (int r = 0; r < repeat; r++)
                {
                    commands.add(command);
                }
            }
            else
            {
                cur.append(c);
            }
        }
        return commands;
    }

    /** E.g. {@code MULTI+10xSET+EXEC}. */
    private static String sequenceName(final CommandTemplate[] parts)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; )
        {
            int j = i;
            while (j < parts.length && parts[j].name().equals(parts[i].name()))
            {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : "+").append(j - i > 1 ? (j - i) + "x" : "").append(parts[i].name());
            i = j;
        }
        return sb.toString();
    }

    private static int nextPlaceholder(final String s)
    {
        int best = -1;
        for (final String p : new String[] {"__key__", "__value__", "__rand_int__"})
        {
            final int i = s.indexOf(p);
            if (i >= 0 && (best < 0 || i < best))
            {
                best = i;
            }
        }
        return best;
    }

    private static Kind classify(final List<String> args)
    {
        final String cmd = args.get(0).toLowerCase(Locale.ROOT);
        if (cmd.equals("set") && args.size() == 3 && args.get(1).equals("__key__") && args.get(2).equals("__value__"))
        {
            return Kind.SET;
        }
        if (cmd.equals("get") && args.size() == 2 && args.get(1).equals("__key__"))
        {
            return Kind.GET;
        }
        if (cmd.equals("mget") && args.size() >= 2 &&
            args.subList(1, args.size()).stream().allMatch("__key__"::equals))
        {
            return Kind.MGET;
        }
        return Kind.OTHER;
    }

    static List<String> split(final String s)
    {
        final List<String> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (Character.isWhitespace(c) && !quoted)
            {
                if (any)
                {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            }
            else
            {
                cur.append(c);
                any = true;
            }
        }
        if (quoted)
        {
            throw new IllegalArgumentException("unbalanced quotes in command template: " + s);
        }
        if (any)
        {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * @return an upper bound of the encoded request's length.
     */
    public int maxEncodedLength()
    {
        if (parts != null)
        {
            int total = 0;
            for (final CommandTemplate part : parts)
            {
                total += part.maxEncodedLength();
            }
            return total;
        }
        int n = arrayHeader.length;
        for (int a = 0; a < literals.length; a++)
        {
            n += argHeaders[a].length + 2;
            for (int s = 0; s < segmentTypes[a].length; s++)
            {
                switch (segmentTypes[a][s])
                {
                    case LITERAL: n += literals[a][s].length; break;
                    case KEY: n += keys.size(); break;
                    case VALUE: n += values.size(); break;
                    default: n += RAND_DIGITS; break;
                }
            }
        }
        return n;
    }

    /**
     * Encodes the request as a RESP array.
     *
     * @param dst       destination with at least {@link #maxEncodedLength()} bytes free at {@code pos}.
     * @param pos       where to write.
     * @param keyIdx    key indexes for the {@code __key__} occurrences, in order.
     * @param keyOff    where they start in {@code keyIdx}.
     * @param version   the value version (for {@link Kind#SET}); ignored otherwise.
     * @param random    random source for {@code __rand_int__}.
     * @param randRange bound of {@code __rand_int__}.
     * @return the position after the request.
     */
    public int encode(final byte[] dst, final int pos, final int[] keyIdx, final int keyOff, final int version,
        final SplittableRandom random, final int randRange)
    {
        if (parts != null)
        {
            int p = pos;
            int k = keyOff;
            for (final CommandTemplate part : parts)
            {
                p = part.encode(dst, p, keyIdx, k, 0, random, randRange);
                k += part.keyCount();
            }
            return p;
        }
        int p = pos;
        System.arraycopy(arrayHeader, 0, dst, p, arrayHeader.length);
        p += arrayHeader.length;
        int k = keyOff;
        for (int a = 0; a < literals.length; a++)
        {
            System.arraycopy(argHeaders[a], 0, dst, p, argHeaders[a].length);
            p += argHeaders[a].length;
            final byte[] types = segmentTypes[a];
            for (int s = 0; s < types.length; s++)
            {
                switch (types[s])
                {
                    case LITERAL:
                        System.arraycopy(literals[a][s], 0, dst, p, literals[a][s].length);
                        p += literals[a][s].length;
                        break;
                    case KEY:
                        keys.write(keyIdx[k++], dst, p);
                        p += keys.size();
                        break;
                    case VALUE:
                        if (kind == Kind.SET)
                        {
                            values.write(keyIdx[keyOff], version, dst, p);
                        }
                        else
                        {
                            System.arraycopy(fixedValue, 0, dst, p, fixedValue.length);
                        }
                        p += values.size();
                        break;
                    default:
                        long r = random.nextInt(Math.max(1, randRange));
                        for (int i = p + RAND_DIGITS - 1; i >= p; i--)
                        {
                            dst[i] = (byte)('0' + r % 10);
                            r /= 10;
                        }
                        p += RAND_DIGITS;
                        break;
                }
            }
            dst[p++] = '\r';
            dst[p++] = '\n';
        }
        return p;
    }

    /**
     * @return the command name, upper case (the histogram it is recorded in).
     */
    public String name()
    {
        return name;
    }

    /**
     * @return how its reply is checked.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * @return how many replies answer it: 1, or the number of commands of a sequence.
     */
    public int replies()
    {
        return parts == null ? 1 : parts.length;
    }

    /**
     * @return whether it is a sequence that ends in EXEC (a transaction).
     */
    public boolean isTransaction()
    {
        return parts != null && parts[parts.length - 1].name().equals("EXEC");
    }

    /**
     * @return how many {@code __key__} occurrences it has.
     */
    public int keyCount()
    {
        return keyCount;
    }

    @Override
    public String toString()
    {
        return text;
    }
}
