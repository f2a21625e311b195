package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.config.Option;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.keyspace.Encoding;

/**
 * Helpers shared by the string commands: the encoding Redis would give a value, integer text,
 * option words compared as Redis compares them, and the one place where a relative expiry
 * becomes an absolute one.
 * <p>
 * String values are {@code byte[]} of exactly the value's length, and an array is never changed
 * after it was stored in a key: every write stores a fresh array. So a value may be handed to
 * another thread by reference (a cross-shard LCS).
 */
public final class StringValues
{
    /** The expiry argument is seconds from now (EX, SETEX). */
    public static final int UNIT_SECONDS = 0;
    /** The expiry argument is milliseconds from now (PX, PSETEX). */
    public static final int UNIT_MILLISECONDS = 1;
    /** The expiry argument is a unix time in seconds (EXAT). */
    public static final int UNIT_UNIX_SECONDS = 2;
    /** The expiry argument is a unix time in milliseconds (PXAT). */
    public static final int UNIT_UNIX_MILLISECONDS = 3;

    /** {@link #absoluteExpireMs} result: the argument is not an integer. */
    public static final long EXPIRE_NOT_INTEGER = -1;
    /** {@link #absoluteExpireMs} result: the time is zero, negative or overflows. */
    public static final long EXPIRE_INVALID = -2;

    private static final int LONG_STR_SIZE = 21;

    private static volatile ProtoMaxCache protoMaxCache;

    private StringValues()
    {
    }

    /**
     * The encoding Redis 7 gives a string stored whole (SET, MSET, GETSET, APPEND to a new key):
     * INT for a canonical 64-bit integer of at most 20 characters, EMBSTR up to 44 bytes, else RAW.
     *
     * @param value the bytes.
     * @return the {@link Encoding} constant.
     */
    public static byte encodingOf(final byte[] value)
    {
        final int length = value.length;
        if (length <= 20 && isCanonicalLong(value))
        {
            return Encoding.INT;
        }
        return length <= Encoding.EMBSTR_MAX ? Encoding.EMBSTR : Encoding.RAW;
    }

    /**
     * The encoding Redis 7 gives a string object created from text without trying the integer
     * form (INCRBYFLOAT's result): EMBSTR up to 44 bytes, else RAW.
     *
     * @param length of the value.
     * @return the {@link Encoding} constant.
     */
    public static byte plainEncodingOf(final int length)
    {
        return length <= Encoding.EMBSTR_MAX ? Encoding.EMBSTR : Encoding.RAW;
    }

    private static boolean isCanonicalLong(final byte[] value)
    {
        return parseLong(value, null);
    }

    /**
     * Parse a whole value as Redis's {@code string2ll}: optional '-', digits without leading
     * zeros (except "0"), no '+', no spaces, within the signed 64-bit range. Allocates nothing.
     *
     * @param value  the text.
     * @param result takes the value in {@code result[0]} on success; may be null to only check.
     * @return true if the value is such an integer.
     */
    public static boolean parseLong(final byte[] value, final long[] result)
    {
        final int length = value.length;
        if (length == 0 || length >= LONG_STR_SIZE)
        {
            return false;
        }
        if (length == 1 && value[0] == '0')
        {
            if (result != null)
            {
                result[0] = 0;
            }
            return true;
        }
        int i = 0;
        final boolean negative = value[0] == '-';
        if (negative && ++i == length)
        {
            return false;
        }
        if (value[i] < '1' || value[i] > '9')
        {
            return false;
        }
        // Accumulate negatively so that Long.MIN_VALUE parses.
        long acc = 0;
        for (; i < length; i++)
        {
            final int d = value[i] - '0';
            if (d < 0 || d > 9 || acc < Long.MIN_VALUE / 10)
            {
                return false;
            }
            acc *= 10;
            if (acc < Long.MIN_VALUE + d)
            {
                return false;
            }
            acc -= d;
        }
        if (!negative)
        {
            if (acc == Long.MIN_VALUE)
            {
                return false;
            }
            acc = -acc;
        }
        if (result != null)
        {
            result[0] = acc;
        }
        return true;
    }

    /**
     * The decimal text of a number, as a new array (the value of a key after INCR).
     *
     * @param value the number.
     * @return its digits, with a '-' when negative.
     */
    public static byte[] longBytes(final long value)
    {
        final int size = dev.anax.codecs.Bytes.digits(value);
        final byte[] bytes = new byte[size];
        long v = value;
        int i = size;
        if (v == Long.MIN_VALUE)
        {
            // The last digit first, so that the rest fits in a positive long.
            bytes[--i] = '8';
            v = -(v / 10);
        }
        else if (v < 0)
        {
            v = -v;
        }
        do
        {
            bytes[--i] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (value < 0)
        {
            bytes[0] = '-';
        }
        return bytes;
    }

    /**
     * Whether an option argument is a word, the way Redis compares options: ignoring ASCII case
     * and, as C string functions do, looking only at the bytes before the first NUL ("NX\0junk"
     * is NX).
     *
     * @param args      the request.
     * @param index     of the argument.
     * @param lowerWord the option in lower case.
     * @return true if it names the option.
     */
    public static boolean isOption(final CommandArgs args, final int index, final String lowerWord)
    {
        final int length = args.length(index);
        final int wordLength = lowerWord.length();
        if (length < wordLength)
        {
            return false;
        }
        final org.agrona.DirectBuffer buffer = args.buffer();
        final int offset = args.offset(index);
        if (length > wordLength && buffer.getByte(offset + wordLength) != 0)
        {
            return false;
        }
        for (int i = 0; i < wordLength; i++)
        {
            int b = buffer.getByte(offset + i);
            if (b >= 'A' && b <= 'Z')
            {
                b += 'a' - 'A';
            }
            if (b != lowerWord.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Turn an expiry argument into the absolute unix time in milliseconds that is stored (and
     * that replication will journal), validating it as Redis does: the number must be a positive
     * integer, seconds must not overflow when made milliseconds, and a relative time must not
     * overflow when added to the clock.
     *
     * @param args    the request.
     * @param index   of the expiry argument.
     * @param unit    one of the {@code UNIT_} constants.
     * @param nowMs   the shard clock.
     * @param scratch one-element array for parsing.
     * @return the absolute time (always positive), or {@link #EXPIRE_NOT_INTEGER} or
     *         {@link #EXPIRE_INVALID}.
     */
    public static long absoluteExpireMs(
        final CommandArgs args, final int index, final int unit, final long nowMs, final long[] scratch)
    {
        if (!args.parseLong(index, scratch))
        {
            return EXPIRE_NOT_INTEGER;
        }
        return absoluteExpireMs(scratch[0], unit, nowMs);
    }

    /**
     * As {@link #absoluteExpireMs(CommandArgs, int, int, long, long[])} for a parsed number.
     *
     * @param value the number as given.
     * @param unit  one of the {@code UNIT_} constants.
     * @param nowMs the clock.
     * @return the absolute time, or {@link #EXPIRE_INVALID}.
     */
    public static long absoluteExpireMs(final long value, final int unit, final long nowMs)
    {
        final boolean seconds = unit == UNIT_SECONDS || unit == UNIT_UNIX_SECONDS;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000))
        {
            return EXPIRE_INVALID;
        }
        long ms = seconds ? value * 1000 : value;
        if (unit == UNIT_SECONDS || unit == UNIT_MILLISECONDS)
        {
            if (ms > Long.MAX_VALUE - nowMs)
            {
                return EXPIRE_INVALID;
            }
            ms += nowMs;
        }
        return ms <= 0 ? EXPIRE_INVALID : ms;
    }

    /**
     * The {@code proto-max-bulk-len} option of a config, without a name lookup on every call.
     *
     * @param config the server options.
     * @return the longest string a client may create, in bytes.
     */
    public static long protoMaxBulkLen(final ServerConfig config)
    {
        ProtoMaxCache cache = protoMaxCache;
        if (cache == null || cache.config != config)
        {
            cache = new ProtoMaxCache(config, config.require("proto-max-bulk-len"));
            protoMaxCache = cache;
        }
        return cache.option.asLong();
    }

    private record ProtoMaxCache(ServerConfig config, Option option)
    {
    }
}
