package dev.anax.codecs.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Double formatting and parsing as Redis does them.
 */
public final class RespDoubles
{
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private RespDoubles()
    {
    }

    /**
     * Format a double as Redis 7.0 replies with one (a score, a RESP3 double): "inf", "-inf",
     * "nan", otherwise C's {@code printf("%.17g")}: 17 significant digits of the exact binary value
     * with trailing zeros dropped, in fixed notation when the decimal exponent is in [-4, 17) and
     * in {@code d.ddde+XX} notation otherwise. So 0.1 is "0.10000000000000001", 3.0 is "3", 1e17
     * is "1e+17" and 1e300 is "1.0000000000000001e+300", as {@code ZSCORE} prints them in Redis
     * 7.0 (Redis 7.2 changed to the shortest round-trip form).
     *
     * @param value the number.
     * @return its text.
     */
    public static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "nan";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0)
        {
            return (1 / value < 0) ? "-0" : "0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            // Fast path: at most 15 digits, printed exactly and without a decimal point.
            return Long.toString((long)value);
        }
        return formatG17(value);
    }

    private static String formatG17(final double value)
    {
        // new BigDecimal(double) is the exact binary value; glibc rounds that exact value half-even.
        final BigDecimal rounded = new BigDecimal(Math.abs(value)).round(SEVENTEEN_DIGITS);
        final int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().toString();
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0')
        {
            n--;
        }
        digits = digits.substring(0, n);

        final StringBuilder sb = new StringBuilder(26);
        if (value < 0)
        {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= 17)
        {
            sb.append(digits.charAt(0));
            if (n > 1)
            {
                sb.append('.').append(digits, 1, n);
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            final int e = Math.abs(exponent);
            if (e < 10)
            {
                sb.append('0');
            }
            sb.append(e);
        }
        else if (exponent >= 0)
        {
            final int integerDigits = exponent + 1;
            if (n <= integerDigits)
            {
                sb.append(digits);
                for (int i = n; i < integerDigits; i++)
                {
                    sb.append('0');
                }
            }
            else
            {
                sb.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, n);
            }
        }
        else
        {
            sb.append("0.");
            for (int i = -1; i > exponent; i--)
            {
                sb.append('0');
            }
            sb.append(digits);
        }
        return sb.toString();
    }
}
