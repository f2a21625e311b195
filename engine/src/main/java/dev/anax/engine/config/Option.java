package dev.anax.engine.config;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * One server option: its redis.conf name, type, bounds, default, whether CONFIG SET may change it,
 * and its current value. Values are published with volatile writes so any thread may read them.
 */
public final class Option
{
    /** Option value types. */
    public enum Type
    {
        /** A whole number. */
        INTEGER,
        /** A byte count written with Redis units (1k, 1kb, 1mb, 1gb). */
        MEMORY,
        /** yes/no. */
        BOOLEAN,
        /** Free text. */
        STRING,
        /** One of a set of words. */
        ENUM
    }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final boolean mutable;
    private final String[] choices;
    private final Validator validator;
    private Consumer<Option> onChange;
    private long clampLow = Long.MIN_VALUE;
    private long clampHigh = Long.MAX_VALUE;

    private volatile long longValue;
    private volatile String text;

    /** Checks a string value; returns an error message or null. */
    @FunctionalInterface
    public interface Validator
    {
        String check(String value);
    }

    Option(
        final String name,
        final Type type,
        final String defaultValue,
        final long min,
        final long max,
        final boolean mutable,
        final String[] choices,
        final Validator validator)
    {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.mutable = mutable;
        this.choices = choices;
        this.validator = validator;
        final String error = set(defaultValue);
        if (error != null)
        {
            throw new IllegalArgumentException(name + ": bad default: " + error);
        }
    }

    public String name()
    {
        return name;
    }

    public Type type()
    {
        return type;
    }

    public boolean isMutable()
    {
        return mutable;
    }

    public String defaultValue()
    {
        return defaultValue;
    }

    /** @return the value of a numeric or boolean option (booleans are 0/1). */
    public long asLong()
    {
        return longValue;
    }

    public int asInt()
    {
        return (int)longValue;
    }

    public boolean asBoolean()
    {
        return longValue != 0;
    }

    /** @return the value as CONFIG GET shows it. */
    public String asString()
    {
        return text;
    }

    /**
     * Store accepted numbers clamped to a range (Redis accepts hz 0..2^31-1 but runs 1..500).
     *
     * @param low  smallest stored value.
     * @param high largest stored value.
     */
    void clamp(final long low, final long high)
    {
        clampLow = low;
        clampHigh = high;
        if (type == Type.INTEGER || type == Type.MEMORY)
        {
            set(Long.toString(longValue));
        }
    }

    void onChange(final Consumer<Option> hook)
    {
        this.onChange = hook;
    }

    /**
     * Check a value without setting it (CONFIG SET validates every pair before changing any).
     *
     * @param value text as in redis.conf or CONFIG SET.
     * @return null if {@link #set} would accept it, else the reason, worded as Redis words it.
     */
    public String validate(final String value)
    {
        return parse(value, null);
    }

    /**
     * Validate and set a value.
     *
     * @param value text as in redis.conf or CONFIG SET.
     * @return null on success, else the reason it was refused.
     */
    public String set(final String value)
    {
        final Object[] parsed = new Object[2];
        final String error = parse(value, parsed);
        if (error != null)
        {
            return error;
        }
        longValue = (Long)parsed[0];
        text = (String)parsed[1];
        if (onChange != null)
        {
            onChange.accept(this);
        }
        return null;
    }

    private String parse(final String value, final Object[] result)
    {
        long number = 0;
        String shown = value;
        switch (type)
        {
            case INTEGER:
            case MEMORY:
            {
                final long parsed = type == Type.MEMORY ? parseMemory(value) : parseInteger(value);
                if (parsed == Long.MIN_VALUE)
                {
                    return type == Type.MEMORY ? "argument must be a memory value" :
                        "argument couldn't be parsed into an integer";
                }
                if (parsed < min || parsed > max)
                {
                    return "argument must be between " + min + " and " + max + " inclusive";
                }
                number = Math.max(clampLow, Math.min(clampHigh, parsed));
                shown = Long.toString(number);
                break;
            }
            case BOOLEAN:
            {
                final String lower = value.toLowerCase(Locale.ROOT);
                if (!lower.equals("yes") && !lower.equals("no"))
                {
                    return "argument must be 'yes' or 'no'";
                }
                number = lower.equals("yes") ? 1 : 0;
                shown = lower;
                break;
            }
            case ENUM:
            {
                final String lower = value.toLowerCase(Locale.ROOT);
                int found = -1;
                for (int i = 0; i < choices.length; i++)
                {
                    if (choices[i].equals(lower))
                    {
                        found = i;
                    }
                }
                if (found < 0)
                {
                    return "argument(s) must be one of the following: " + String.join(", ", choices);
                }
                number = found;
                shown = lower;
                break;
            }
            default:
            {
                if (validator != null)
                {
                    final String error = validator.check(value);
                    if (error != null)
                    {
                        return error;
                    }
                }
            }
        }
        if (result != null)
        {
            result[0] = number;
            result[1] = shown;
        }
        return null;
    }

    /**
     * Parse a Redis integer: optional '-', digits, no '+', no spaces, no leading zero.
     *
     * @param value the text.
     * @return the number, or Long.MIN_VALUE if malformed.
     */
    static long parseInteger(final String value)
    {
        final int length = value.length();
        if (length == 0 || length > 20)
        {
            return Long.MIN_VALUE;
        }
        final boolean negative = value.charAt(0) == '-';
        final int start = negative ? 1 : 0;
        if (start == length || (value.charAt(start) == '0' && length - start > 1) || (negative && value.equals("-0")))
        {
            return Long.MIN_VALUE;
        }
        for (int i = start; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c < '0' || c > '9')
            {
                return Long.MIN_VALUE;
            }
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Parse a Redis memory size: digits with an optional unit b, k, kb, m, mb, g, gb in any case
     * (k = 1000, kb = 1024); no sign, no spaces, no fraction.
     *
     * @param value the text.
     * @return bytes, or Long.MIN_VALUE if malformed or too large.
     */
    public static long parseMemory(final String value)
    {
        final String v = value.toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < v.length() && v.charAt(digits) >= '0' && v.charAt(digits) <= '9')
        {
            digits++;
        }
        if (digits == 0)
        {
            return Long.MIN_VALUE;
        }
        final long unit;
        switch (v.substring(digits))
        {
            case "":
            case "b":
                unit = 1;
                break;
            case "k":
                unit = 1000;
                break;
            case "kb":
                unit = 1024;
                break;
            case "m":
                unit = 1000 * 1000;
                break;
            case "mb":
                unit = 1024 * 1024;
                break;
            case "g":
                unit = 1000L * 1000 * 1000;
                break;
            case "gb":
                unit = 1024L * 1024 * 1024;
                break;
            default:
                return Long.MIN_VALUE;
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(v.substring(0, digits)), unit);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return Long.MIN_VALUE;
        }
    }
}
