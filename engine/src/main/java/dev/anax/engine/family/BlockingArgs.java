package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.RespErrors;

/**
 * The arguments of a blocking command, parsed as Redis 7.0 parses them and in its order of
 * errors: BLMOVE checks its ends before the timeout, BLMPOP and BZMPOP check numkeys, the end
 * and COUNT before the timeout, the others start with the timeout. Pure: the client's I/O thread
 * and the shards parse the same request the same way.
 * <p>
 * The keys are always consecutive arguments: {@link #firstKey} and {@link #keyCount}.
 */
public final class BlockingArgs
{
    /** The blocking commands. */
    public enum Kind
    {
        BLPOP(true), BRPOP(true), BLMPOP(true), BLMOVE(true), BRPOPLPUSH(true),
        BZPOPMIN(false), BZPOPMAX(false), BZMPOP(false);

        private final boolean list;

        Kind(final boolean list)
        {
            this.list = list;
        }

        /** @return true for the list commands, false for the sorted set ones. */
        public boolean isList()
        {
            return list;
        }

        /** @return true for BLMOVE and BRPOPLPUSH, which have a destination. */
        public boolean isMove()
        {
            return this == BLMOVE || this == BRPOPLPUSH;
        }

        /** @return true for BLMPOP and BZMPOP (numkeys, an end, COUNT; nested replies). */
        public boolean isMulti()
        {
            return this == BLMPOP || this == BZMPOP;
        }

        /** @return the command name in lower case. */
        public String command()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The timeout is not a number strtold would read whole. */
    public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    /** The timeout, in milliseconds rounded up, is below zero. */
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT = "ERR count should be greater than 0";

    /** The command. */
    public final Kind kind;
    /** Null, or the error to reply. */
    public String error;
    /** Argument index of the first key. */
    public int firstKey;
    /** How many keys (argument indexes firstKey ...). */
    public int keyCount;
    /** Argument index of the destination (BLMOVE, BRPOPLPUSH), or -1. */
    public int destination = -1;
    /** Argument index of the timeout. */
    public int timeoutIndex;
    /** Pop from the head of a list, or the lowest scores of a sorted set. */
    public boolean left;
    /** Push at the head of the destination (BLMOVE, BRPOPLPUSH). */
    public boolean toLeft;
    /** Elements to pop at most (BLMPOP, BZMPOP), or -1 for the single-element forms. */
    public long count = -1;
    /** Timeout in milliseconds, 0 for none. */
    public long timeoutMs;

    private BlockingArgs(final Kind kind)
    {
        this.kind = kind;
    }

    /**
     * Parse a request.
     *
     * @param kind the command.
     * @param args the request, name first (its arity already checked).
     * @return the parsed arguments; {@link #error} is set when they are invalid.
     */
    public static BlockingArgs parse(final Kind kind, final CommandArgs args)
    {
        final BlockingArgs a = new BlockingArgs(kind);
        final int argc = args.count();
        switch (kind)
        {
            case BLPOP:
            case BRPOP:
            case BZPOPMIN:
            case BZPOPMAX:
                a.firstKey = 1;
                a.keyCount = argc - 2;
                a.left = kind == Kind.BLPOP || kind == Kind.BZPOPMIN;
                a.timeoutIndex = argc - 1;
                break;
            case BRPOPLPUSH:
                a.firstKey = 1;
                a.keyCount = 1;
                a.destination = 2;
                a.left = false;
                a.toLeft = true;
                a.timeoutIndex = 3;
                break;
            case BLMOVE:
            {
                a.firstKey = 1;
                a.keyCount = 1;
                a.destination = 2;
                final int from = side(args, 3, "left", "right");
                final int to = side(args, 4, "left", "right");
                if (from < 0 || to < 0)
                {
                    a.error = RespErrors.SYNTAX;
                    return a;
                }
                a.left = from == 1;
                a.toLeft = to == 1;
                a.timeoutIndex = 5;
                break;
            }
            case BLMPOP:
            case BZMPOP:
                if (!parseMulti(a, args, kind == Kind.BLMPOP ? "left" : "min", kind == Kind.BLMPOP ? "right" : "max"))
                {
                    return a;
                }
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        final LongDouble seconds = LongDouble.parse(
            args.buffer(), args.offset(a.timeoutIndex), args.length(a.timeoutIndex));
        if (seconds == null)
        {
            a.error = TIMEOUT_NOT_FLOAT;
            return a;
        }
        final long timeout = timeoutMs(seconds);
        if (timeout < 0)
        {
            a.error = TIMEOUT_NEGATIVE;
        }
        else
        {
            a.timeoutMs = timeout;
        }
        return a;
    }

    /** timeout numkeys key... where [COUNT count]. */
    private static boolean parseMulti(final BlockingArgs a, final CommandArgs args, final String first, final String second)
    {
        final int argc = args.count();
        final long[] number = new long[1];
        if (!args.parseLong(2, number) || number[0] < 1)
        {
            a.error = NUMKEYS;
            return false;
        }
        final long numkeys = number[0];
        if (numkeys > argc - 4)
        {
            a.error = RespErrors.SYNTAX;
            return false;
        }
        final int whereIndex = 3 + (int)numkeys;
        final int where = side(args, whereIndex, first, second);
        if (where < 0)
        {
            a.error = RespErrors.SYNTAX;
            return false;
        }
        long count = -1;
        for (int j = whereIndex + 1; j < argc; j++)
        {
            if (count == -1 && j + 1 < argc && args.is(j, "count"))
            {
                j++;
                if (!args.parseLong(j, number) || number[0] < 1)
                {
                    a.error = COUNT;
                    return false;
                }
                count = number[0];
            }
            else
            {
                a.error = RespErrors.SYNTAX;
                return false;
            }
        }
        a.firstKey = 3;
        a.keyCount = (int)numkeys;
        a.left = where == 1;
        a.count = count == -1 ? 1 : count;
        a.timeoutIndex = 1;
        return true;
    }

    private static int side(final CommandArgs args, final int index, final String first, final String second)
    {
        if (args.is(index, first))
        {
            return 1;
        }
        return args.is(index, second) ? 0 : -1;
    }

    /**
     * Redis's blocking timeout: seconds read as a long double, times 1000, rounded up, converted
     * to a 64-bit integer the way x86-64 does (a value out of range becomes the most negative
     * integer, so a huge timeout is "negative" as in Redis).
     *
     * @param seconds the parsed text.
     * @return milliseconds; negative when Redis says "timeout is negative".
     */
    static long timeoutMs(final LongDouble seconds)
    {
        final LongDouble millis = seconds.multiply(1000);
        return millis == null ? Long.MIN_VALUE : millis.ceilToLong();
    }

    /**
     * The absolute deadline of a timeout, as Redis adds it to the clock: 0 for none, and none too
     * when the sum overflows (Redis then compares it as an unsigned number that never comes).
     *
     * @param timeoutMs from {@link #timeoutMs}.
     * @param nowMs     the clock when the command arrived.
     * @return the deadline, or 0 for none.
     */
    public static long deadline(final long timeoutMs, final long nowMs)
    {
        if (timeoutMs <= 0)
        {
            return 0;
        }
        final long deadline = timeoutMs + nowMs;
        return deadline < 0 ? 0 : deadline;
    }
}
