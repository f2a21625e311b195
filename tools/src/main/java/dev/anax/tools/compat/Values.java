package dev.anax.tools.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The argument values of generated commands, drawn from one seeded {@link Random}: a small pool
 * of keys (so that commands meet each other's keys, on different shards), and pools of edge
 * values: empty strings, integers at and past the 64-bit limits, malformed numbers, floats
 * ("inf", "nan", huge, tiny), binary data, strings around the 44-byte embstr limit.
 * <p>
 * Expiry times are either far in the future (nothing expires during a run, so both servers
 * agree however fast they are), in the past, or invalid; never a few milliseconds ahead.
 */
public final class Values
{
    /** The key pool. Keys with the same {tag} land on the same shard. */
    static final List<String> KEYS = List.of("k1", "k2", "k3", "k4", "{t}a", "{t}b");

    static final String[] INTEGERS = {
        "0", "1", "-1", "2", "3", "10", "17", "100", "-100", "42", "1000", "65536",
        "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "-9223372036854775808", "9223372036854775806", "-9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551615", "12345678901234567890",
        "99999999999999999999",
    };

    static final String[] MALFORMED_NUMBERS = {
        "", "abc", "+1", " 1", "1 ", "01", "-0", "0x1f", "1e3", "1.0", "1.5", "-1.5", "--1", "1-", "١",
        "9223372036854775807.0", "0.0", "00", "+0", "\u0000", "1\u00002",
    };

    static final String[] FLOATS = {
        "0", "1", "-1", "0.1", "-0.1", "1.5", "3.0", "10.5", "1e3", "5.0e3", "1E-5", "-0.0", "0.0",
        "3.14159265358979323846", "1.23456789012345678901", "0.00000000000000000001", "100000.1",
        "1e17", "1e18", "1e100", "1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "4.9e-324",
        "1e309", "-1e309", "inf", "-inf", "+inf", "Infinity", "-Infinity", "nan", "NaN", "-nan",
        "0x10", ".5", "5.", "1e", "e5", " 1.5", "1.5 ", "", "abc", "9223372036854775807",
        "-9223372036854775808", "12345678901234567890",
    };

    /** Relative seconds: large enough that nothing expires during a run, or not positive. */
    static final String[] SECONDS = {
        "100", "1000", "86400", "100000000", "0", "-1", "-100",
        "9223372036854775807", "-9223372036854775808", "9223372036854775", "9223372036854776",
        "4611686018427387904", "1.5", "abc", "",
    };

    /** Relative milliseconds, as {@link #SECONDS}. */
    static final String[] MILLIS = {
        "100000", "1000000", "86400000", "100000000000", "0", "-1", "-100000",
        "9223372036854775807", "-9223372036854775808", "9223372036854775", "1.5", "abc", "",
    };

    /** Unix times in seconds: past, far future, or invalid. */
    static final String[] UNIX_SECONDS = {
        "0", "1", "100", "-1", "1000000000", "4102444800", "32503680000",
        "9223372036854775807", "9223372036854775", "-9223372036854775808", "abc", "1.5",
    };

    /** Unix times in milliseconds: past, far future, or invalid. */
    static final String[] UNIX_MILLIS = {
        "0", "1", "1000", "-1", "1000000000000", "4102444800000", "32503680000000",
        "9223372036854775807", "-9223372036854775808", "abc", "1.5",
    };

    static final String[] DATABASES = {"0", "0", "1", "1", "2", "15", "16", "-1", "abc", "", "1.5", "9223372036854775808"};

    static final String[] PATTERNS = {
        "*", "*", "k*", "*1", "k?", "k[1-3]", "k[^1]*", "k[!2]", "{t}*", "\\{t\\}*", "*a", "\\*", "*x*", "",
        "[", "k[", "k[a-", "???", "***", "k\\1", "[k]*", "*[", "[^]", "{t}?", "k[3-1]",
    };

    private static final byte[][] STRINGS = strings();

    private final Random rnd;
    private final boolean emptyKey;

    /**
     * @param rnd      the seeded source; every draw goes through it.
     * @param emptyKey whether the empty string is in the key pool.
     */
    public Values(final Random rnd, final boolean emptyKey)
    {
        this.rnd = rnd;
        this.emptyKey = emptyKey;
    }

    private static byte[][] strings()
    {
        final List<byte[]> s = new ArrayList<>();
        for (final String v : new String[] {"", "a", "v", "foo", "bar", "hello world", "Hello\r\nWorld", "\u00e9t\u00e9"})
        {
            s.add(bytes(v));
        }
        s.add(new byte[] {0});
        s.add(new byte[] {'a', 0, 'b'});
        s.add(new byte[] {(byte)0xff, (byte)0xfe, (byte)0x80, 0x7f});
        s.add(new byte[] {'\r', '\n'});
        s.add(bytes("x".repeat(44)));
        s.add(bytes("x".repeat(45)));
        s.add(bytes("y".repeat(100)));
        s.add(bytes("abcdefghij".repeat(100)));
        return s.toArray(new byte[0][]);
    }

    static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param s text.
     * @return its UTF-8 bytes.
     */
    public byte[] bytesOf(final String s)
    {
        return bytes(s);
    }

    /**
     * @param bound exclusive upper bound.
     * @return a uniform int in [0, bound).
     */
    public int nextInt(final int bound)
    {
        return rnd.nextInt(bound);
    }

    /**
     * @param probability of true.
     * @return a biased coin.
     */
    public boolean chance(final double probability)
    {
        return rnd.nextDouble() < probability;
    }

    /**
     * @param options the choices.
     * @return one of them.
     */
    @SafeVarargs
    public final <T> T pick(final T... options)
    {
        return options[rnd.nextInt(options.length)];
    }

    /** @return a key of the pool, rarely the empty key. */
    public byte[] key()
    {
        if (emptyKey && chance(0.02))
        {
            return new byte[0];
        }
        return bytes(KEYS.get(rnd.nextInt(KEYS.size())));
    }

    /**
     * @param word an option or command word.
     * @return it in upper case mostly, sometimes lower or mixed case.
     */
    public byte[] word(final String word)
    {
        final int c = rnd.nextInt(10);
        if (c < 7)
        {
            return bytes(word.toUpperCase(Locale.ROOT));
        }
        if (c < 9)
        {
            return bytes(word.toLowerCase(Locale.ROOT));
        }
        final char[] chars = word.toCharArray();
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = rnd.nextBoolean() ? Character.toUpperCase(chars[i]) : Character.toLowerCase(chars[i]);
        }
        return bytes(new String(chars));
    }

    /** @return a string value: mostly plain or numeric, sometimes binary, long or random. */
    public byte[] value()
    {
        final int c = rnd.nextInt(20);
        if (c < 8)
        {
            return STRINGS[rnd.nextInt(STRINGS.length)].clone();
        }
        if (c < 12)
        {
            return bytes(pick(INTEGERS));
        }
        if (c < 14)
        {
            return bytes(pick(FLOATS));
        }
        if (c < 15)
        {
            return bytes(pick(MALFORMED_NUMBERS));
        }
        if (c < 16)
        {
            return key();
        }
        final byte[] random = new byte[1 + rnd.nextInt(c < 19 ? 8 : 64)];
        if (c == 16)
        {
            rnd.nextBytes(random);
        }
        else
        {
            for (int i = 0; i < random.length; i++)
            {
                random[i] = (byte)('a' + rnd.nextInt(26));
            }
        }
        return random;
    }

    /** @return an integer argument, sometimes malformed. */
    public byte[] integer()
    {
        return bytes(chance(0.85) ? pick(INTEGERS) : pick(MALFORMED_NUMBERS));
    }

    /** @return a small integer argument (indexes, counts), sometimes extreme or malformed. */
    public byte[] smallInteger()
    {
        final int c = rnd.nextInt(10);
        if (c < 7)
        {
            return bytes(Integer.toString(rnd.nextInt(21) - 10));
        }
        return c < 9 ? bytes(pick(INTEGERS)) : bytes(pick(MALFORMED_NUMBERS));
    }

    /** @return a float argument. */
    public byte[] floating()
    {
        return bytes(chance(0.8) ? pick(FLOATS) : pick(INTEGERS));
    }

    /** @return relative seconds. */
    public byte[] seconds()
    {
        return bytes(pick(SECONDS));
    }

    /** @return relative milliseconds. */
    public byte[] millis()
    {
        return bytes(pick(MILLIS));
    }

    /** @return a unix time in seconds. */
    public byte[] unixSeconds()
    {
        return bytes(pick(UNIX_SECONDS));
    }

    /** @return a unix time in milliseconds. */
    public byte[] unixMillis()
    {
        return bytes(pick(UNIX_MILLIS));
    }

    /** @return a database index, mostly valid. */
    public byte[] database()
    {
        return bytes(pick(DATABASES));
    }

    /** @return a glob pattern. */
    public byte[] pattern()
    {
        return bytes(pick(PATTERNS));
    }

    /**
     * @param from inclusive.
     * @param to   inclusive.
     * @return a count in [from, to].
     */
    public int between(final int from, final int to)
    {
        return from + rnd.nextInt(to - from + 1);
    }

    /**
     * @param a one.
     * @param b the other.
     * @return whether they hold the same bytes.
     */
    static boolean same(final byte[] a, final byte[] b)
    {
        return Arrays.equals(a, b);
    }
}
