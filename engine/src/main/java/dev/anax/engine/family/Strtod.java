package dev.anax.engine.family;

import java.nio.charset.StandardCharsets;

/**
 * Text to double as C's {@code strtod} reads it in the C locale (glibc), and the three ways Redis
 * 7.0 judges the result:
 * <ul>
 *   <li>{@link #parseValue}: a score or weight (getDoubleFromObject): the whole text, no leading
 *       space, not empty, not NaN, no overflow to infinity or underflow to zero;</li>
 *   <li>{@link #parseRangeBound}: a ZRANGEBYSCORE bound after its optional '(' (zslParseRange):
 *       leading spaces allowed, the text up to its end or a NUL byte, not NaN, ranges not checked
 *       (so an empty text is 0 and 1e400 is infinity);</li>
 *   <li>{@link #parseSortKey}: a SORT weight: as a range bound, and any range error fails
 *       (overflow, underflow, a subnormal result).</li>
 * </ul>
 * The grammar: optional spaces, optional sign, then {@code inf}, {@code infinity}, {@code nan},
 * {@code nan(chars)} (any case), a hexadecimal float ({@code 0x1.8p3}, exponent optional) or a
 * decimal ({@code 12}, {@code 1.5}, {@code .5}, {@code 5.}, {@code 1e-3}). Common decimals are
 * computed without allocating; others go through {@link Double#parseDouble}, which rounds
 * correctly as glibc does.
 */
public final class Strtod
{
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long RANGE_ERROR = 1L << 32;

    private Strtod()
    {
    }

    private static boolean isSpace(final int b)
    {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isDigit(final int b)
    {
        return b >= '0' && b <= '9';
    }

    private static int hexValue(final int b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        final int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean matchesIgnoreCase(final byte[] a, final int at, final int end, final String word)
    {
        if (end - at < word.length())
        {
            return false;
        }
        for (int k = 0; k < word.length(); k++)
        {
            if ((a[at + k] | 0x20) != word.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parse the longest prefix strtod accepts.
     *
     * @param a      the text.
     * @param offset of the text.
     * @param length of the text.
     * @param result receives the value (0 when nothing converts).
     * @return the index after the last byte used ({@code offset} when nothing converts), with
     *         bit 32 set when strtod would set ERANGE.
     */
    public static long strtod(final byte[] a, final int offset, final int length, final double[] result)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end && isSpace(a[i]))
        {
            i++;
        }
        boolean negative = false;
        if (i < end && (a[i] == '+' || a[i] == '-'))
        {
            negative = a[i] == '-';
            i++;
        }
        result[0] = 0;
        if (i >= end)
        {
            return offset;
        }
        final int first = a[i] | 0x20;
        if (first == 'i')
        {
            if (!matchesIgnoreCase(a, i, end, "inf"))
            {
                return offset;
            }
            i += 3;
            if (matchesIgnoreCase(a, i, end, "inity"))
            {
                i += 5;
            }
            result[0] = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return i;
        }
        if (first == 'n')
        {
            if (!matchesIgnoreCase(a, i, end, "nan"))
            {
                return offset;
            }
            i += 3;
            if (i < end && a[i] == '(')
            {
                int j = i + 1;
                while (j < end && (isDigit(a[j]) || ((a[j] | 0x20) >= 'a' && (a[j] | 0x20) <= 'z') || a[j] == '_'))
                {
                    j++;
                }
                if (j < end && a[j] == ')')
                {
                    i = j + 1;
                }
            }
            result[0] = Double.NaN;
            return i;
        }
        if (a[i] == '0' && i + 1 < end && (a[i + 1] | 0x20) == 'x')
        {
            final long hex = hexadecimal(a, i + 2, end, negative, result);
            if (hex >= 0)
            {
                return hex;
            }
            // "0x" without digits: strtod reads the "0".
            result[0] = negative ? -0.0 : 0.0;
            return i + 1;
        }
        final long parsed = decimal(a, i, end, negative, result);
        return parsed < 0 ? offset : parsed;
    }

    /** A hexadecimal float from just after "0x"; -1 when no hex digit follows. */
    private static long hexadecimal(final byte[] a, final int from, final int end, final boolean negative,
        final double[] result)
    {
        int i = from;
        int digits = 0;
        while (i < end && hexValue(a[i]) >= 0)
        {
            i++;
            digits++;
        }
        if (i < end && a[i] == '.')
        {
            i++;
            while (i < end && hexValue(a[i]) >= 0)
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return -1;
        }
        final int mantissaEnd = i;
        String exponent = "0";
        if (i < end && (a[i] | 0x20) == 'p')
        {
            int j = i + 1;
            if (j < end && (a[j] == '+' || a[j] == '-'))
            {
                j++;
            }
            final int expDigits = j;
            while (j < end && isDigit(a[j]))
            {
                j++;
            }
            if (j > expDigits)
            {
                exponent = new String(a, i + 1, j - i - 1, StandardCharsets.ISO_8859_1);
                i = j;
            }
        }
        final String mantissa = new String(a, from, mantissaEnd - from, StandardCharsets.ISO_8859_1);
        double value;
        try
        {
            value = Double.parseDouble("0x" + mantissa + "p" + trimExponent(exponent));
        }
        catch (final NumberFormatException ex)
        {
            value = 0;
        }
        return finish(value, negative, hasNonZeroHexDigit(a, from, mantissaEnd), i, result);
    }

    private static String trimExponent(final String exponent)
    {
        // Java reads the exponent as an int: clamp absurd ones, which over- or underflow anyway.
        final boolean negative = exponent.startsWith("-");
        final String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > 6)
        {
            return negative ? "-999999" : "999999";
        }
        return (negative ? "-" : "") + digits;
    }

    private static boolean hasNonZeroHexDigit(final byte[] a, final int from, final int to)
    {
        for (int k = from; k < to; k++)
        {
            if (a[k] != '0' && a[k] != '.')
            {
                return true;
            }
        }
        return false;
    }

    private static long decimal(final byte[] a, final int from, final int end, final boolean negative,
        final double[] result)
    {
        int i = from;
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean nonZero = false;
        boolean exact = true;
        int digits = 0;
        while (i < end && isDigit(a[i]))
        {
            final int d = a[i] - '0';
            if (d != 0 || significant > 0)
            {
                if (significant < 15)
                {
                    mantissa = mantissa * 10 + d;
                    significant++;
                }
                else
                {
                    exact = false;
                }
                nonZero |= d != 0;
            }
            i++;
            digits++;
        }
        if (i < end && a[i] == '.')
        {
            i++;
            while (i < end && isDigit(a[i]))
            {
                final int d = a[i] - '0';
                if (d != 0 || significant > 0)
                {
                    if (significant < 15)
                    {
                        mantissa = mantissa * 10 + d;
                        significant++;
                        scale--;
                    }
                    else
                    {
                        exact = false;
                    }
                    nonZero |= d != 0;
                }
                else
                {
                    scale--;
                }
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return -1;
        }
        final int mantissaEnd = i;
        long exponent = 0;
        if (i < end && (a[i] | 0x20) == 'e')
        {
            int j = i + 1;
            boolean expNegative = false;
            if (j < end && (a[j] == '+' || a[j] == '-'))
            {
                expNegative = a[j] == '-';
                j++;
            }
            final int expDigits = j;
            while (j < end && isDigit(a[j]))
            {
                if (exponent < 100_000_000)
                {
                    exponent = exponent * 10 + (a[j] - '0');
                }
                j++;
            }
            if (j > expDigits)
            {
                exponent = expNegative ? -exponent : exponent;
                i = j;
            }
            else
            {
                exponent = 0;
            }
        }
        double value;
        final long power = exponent + scale;
        if (!nonZero)
        {
            value = 0;
        }
        else if (exact && power >= -22 && power <= 22)
        {
            value = power >= 0 ? mantissa * POW10[(int)power] : mantissa / POW10[(int)-power];
        }
        else
        {
            final String text = new String(a, from, mantissaEnd - from, StandardCharsets.ISO_8859_1) +
                (i > mantissaEnd ? "e" + Math.max(-999_999_999L, Math.min(999_999_999L, exponent)) : "");
            value = Double.parseDouble(text);
        }
        return finish(value, negative, nonZero, i, result);
    }

    private static long finish(final double magnitude, final boolean negative, final boolean nonZero, final int end,
        final double[] result)
    {
        final double value = negative ? -magnitude : magnitude;
        result[0] = value;
        final boolean rangeError = Double.isInfinite(magnitude) ||
            (nonZero && magnitude == 0) || (magnitude != 0 && magnitude < Double.MIN_NORMAL);
        return end | (rangeError ? RANGE_ERROR : 0);
    }

    private static int end(final long parsed)
    {
        return (int)parsed;
    }

    private static boolean rangeError(final long parsed)
    {
        return (parsed & RANGE_ERROR) != 0;
    }

    /**
     * A score, increment or weight as Redis's getDoubleFromObject reads it.
     *
     * @param a      the text.
     * @param offset of the text.
     * @param length of the text.
     * @param result receives the value.
     * @return false for text Redis refuses ("value is not a valid float").
     */
    public static boolean parseValue(final byte[] a, final int offset, final int length, final double[] result)
    {
        if (length == 0 || isSpace(a[offset]))
        {
            return false;
        }
        final long parsed = strtod(a, offset, length, result);
        if (end(parsed) != offset + length || Double.isNaN(result[0]))
        {
            return false;
        }
        return !rangeError(parsed) || !(Double.isInfinite(result[0]) || result[0] == 0);
    }

    /**
     * A score range bound, after its '(' if any, as zslParseRange reads it.
     *
     * @param a      the text.
     * @param offset of the text.
     * @param length of the text.
     * @param result receives the value.
     * @return false for a bound Redis refuses ("min or max is not a float").
     */
    public static boolean parseRangeBound(final byte[] a, final int offset, final int length, final double[] result)
    {
        final long parsed = strtod(a, offset, length, result);
        final int end = end(parsed);
        return (end == offset + length || a[end] == 0) && !Double.isNaN(result[0]);
    }

    /**
     * A SORT weight as sortCommandGeneric reads it.
     *
     * @param a      the text.
     * @param offset of the text.
     * @param length of the text.
     * @param result receives the value.
     * @return false when SORT reports "One or more scores can't be converted into double".
     */
    public static boolean parseSortKey(final byte[] a, final int offset, final int length, final double[] result)
    {
        final long parsed = strtod(a, offset, length, result);
        final int end = end(parsed);
        return (end == offset + length || a[end] == 0) && !Double.isNaN(result[0]) && !rangeError(parsed);
    }
}
