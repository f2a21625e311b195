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

    void onChange(final Consumer<Option> hook)
    {
        this.onChange = hook;
    }

    /**
     * Validate and set a value.
     *
     * @param value text as in redis.conf or CONFIG SET.
     * @return null on success, else the reason it was refused.
     */
    public String set(final String value)
    {
        switch (type)
        {
            case INTEGER:
            case MEMORY:
            {
                final long parsed = type == Type.MEMORY ? parseMemory(value) : parseInteger(value);
                if (parsed == Long.MIN_VALUE)
                {
                    return "argument couldn't be parsed into an integer";
                }
                if (parsed < min || parsed > max)
                {
                    return "argument must be between " + min + " and " + max + " inclusive";
                }
                longValue = parsed;
                text = Long.toString(parsed);
                break;
            }
            case BOOLEAN:
            {
                final String lower = value.toLowerCase(Locale.ROOT);
                if (!lower.equals("yes") && !lower.equals("no"))
                {
                    return "argument must be 'yes' or 'no'";
                }
                longValue = lower.equals("yes") ? 1 : 0;
                text = lower;
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
                longValue = found;
                text = lower;
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
                text = value;
            }
        }
        if (onChange != null)
        {
            onChange.accept(this);
        }
        return null;
    }

    private static long parseInteger(final String value)
    {
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Parse a Redis memory size: digits with an optional unit k, kb, m, mb, g, gb (k = 1000,
     * kb = 1024, any case).
     *
     * @param value the text.
     * @return bytes, or Long.MIN_VALUE if malformed.
     */
    public static long parseMemory(final String value)
    {
        final String v = value.trim().toLowerCase(Locale.ROOT);
        int end = v.length();
        long unit = 1;
        final String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
            {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (final String[] u : units)
        {
            if (v.endsWith(u[0]))
            {
                unit = Long.parseLong(u[1]);
                end = v.length() - u[0].length();
                break;
            }
        }
        try
        {
            final long number = Long.parseLong(v.substring(0, end));
            return Math.multiplyExact(number, unit);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return Long.MIN_VALUE;
        }
    }
}
