package dev.anax.engine.family;

import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The x86-64 80-bit extended precision number ("long double") that Redis's INCRBYFLOAT computes
 * with: a 64-bit significand, exponents from -16382 to 16383, subnormals down to 2^-16445, and
 * round-to-nearest-even. Parsing accepts what glibc's {@code strtold} accepts when it must
 * consume the whole text (decimal and hexadecimal forms, "inf" and "infinity"), formatting is
 * {@code printf("%.17Lf")} with trailing zeros removed, as Redis prints the result.
 * <p>
 * Values are exact: a finite value is {@code significand * 2^exponent} after rounding to the
 * 80-bit format. Immutable.
 */
public final class LongDouble
{
    /** Redis refuses float text this long or longer. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    private static final int MAX_EXPONENT = 16383;
    /** Exponent of the least significant bit of the smallest subnormal. */
    private static final int MIN_LSB_EXPONENT = -16445;
    /** Decimal exponents beyond these certainly overflow or round to zero. */
    private static final int DECIMAL_OVERFLOW = 4933;
    private static final int DECIMAL_UNDERFLOW = -4952;
    private static final int EXPONENT_SATURATION = 1_000_000_000;
    private static final int FORMAT_DECIMALS = 17;

    /** Zero. */
    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);

    private final boolean negative;
    private final BigInteger significand;
    private final long exponent;
    private final boolean infinite;

    private LongDouble(final boolean negative, final BigInteger significand, final long exponent, final boolean infinite)
    {
        this.negative = negative;
        this.significand = significand;
        this.exponent = exponent;
        this.infinite = infinite;
    }

    /** @return true for plus or minus infinity. */
    public boolean isInfinite()
    {
        return infinite;
    }

    /** @return true if the sign bit is set. */
    public boolean isNegative()
    {
        return negative;
    }

    /**
     * The exact value of a 64-bit integer (every long is representable).
     *
     * @param value the integer.
     * @return the number.
     */
    public static LongDouble of(final long value)
    {
        if (value == 0)
        {
            return ZERO;
        }
        final BigInteger magnitude = BigInteger.valueOf(value).abs();
        return new LongDouble(value < 0, magnitude, 0, false);
    }

    /**
     * Parse a value's whole text.
     *
     * @param text the bytes.
     * @return the number, or null when Redis would say "value is not a valid float".
     */
    public static LongDouble parse(final byte[] text)
    {
        return parse(new Text(text, 0, text.length));
    }

    /**
     * Parse a range of a buffer.
     *
     * @param buffer holding the text.
     * @param offset of the text.
     * @param length of the text.
     * @return the number, or null when Redis would say "value is not a valid float".
     */
    public static LongDouble parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length >= MAX_CHARS)
        {
            return null;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return parse(new Text(copy, 0, length));
    }

    private static LongDouble parse(final Text t)
    {
        if (t.length == 0 || t.length >= MAX_CHARS)
        {
            return null;
        }
        boolean negative = false;
        final int c0 = t.at(0);
        if (c0 == '+' || c0 == '-')
        {
            negative = c0 == '-';
            t.pos++;
        }
        if (t.pos < t.length && (t.at(t.pos) | 0x20) == 'i')
        {
            return t.restEqualsIgnoreCase("inf") || t.restEqualsIgnoreCase("infinity") ?
                new LongDouble(negative, BigInteger.ZERO, 0, true) : null;
        }
        if (t.pos + 1 < t.length && t.at(t.pos) == '0' && (t.at(t.pos + 1) | 0x20) == 'x')
        {
            return parseHex(t, negative);
        }
        return parseDecimal(t, negative);
    }

    private static LongDouble parseDecimal(final Text t, final boolean negative)
    {
        final StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean any = false;
        boolean point = false;
        while (t.pos < t.length)
        {
            final int c = t.at(t.pos);
            if (c >= '0' && c <= '9')
            {
                any = true;
                if (digits.length() > 0 || c != '0')
                {
                    digits.append((char)c);
                }
                if (point)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
            t.pos++;
        }
        if (!any)
        {
            return null;
        }
        long exponent = 0;
        if (t.pos < t.length && (t.at(t.pos) | 0x20) == 'e')
        {
            t.pos++;
            exponent = t.exponent();
            if (exponent == Long.MIN_VALUE)
            {
                return null;
            }
        }
        if (t.pos != t.length)
        {
            return null;
        }
        if (digits.length() == 0)
        {
            return new LongDouble(negative, BigInteger.ZERO, 0, false);
        }
        final long decimalExponent = exponent - fractionDigits;
        final long magnitude = digits.length() - 1 + decimalExponent;
        if (magnitude >= DECIMAL_OVERFLOW || magnitude <= DECIMAL_UNDERFLOW)
        {
            return null;
        }
        final BigInteger d = new BigInteger(digits.toString());
        final LongDouble rounded;
        if (decimalExponent >= 0)
        {
            rounded = round(negative, d.multiply(BigInteger.TEN.pow((int)decimalExponent)), 0, false);
        }
        else
        {
            final BigInteger divisor = BigInteger.TEN.pow((int)-decimalExponent);
            final int shift = Math.max(0, SIGNIFICAND_BITS + 4 + divisor.bitLength() - d.bitLength());
            final BigInteger[] qr = d.shiftLeft(shift).divideAndRemainder(divisor);
            rounded = round(negative, qr[0], -shift, qr[1].signum() != 0);
        }
        // strtold reports a range error, which Redis refuses, on overflow and on underflow to zero.
        return rounded.infinite || rounded.significand.signum() == 0 ? null : rounded;
    }

    private static LongDouble parseHex(final Text t, final boolean negative)
    {
        t.pos += 2;
        BigInteger mantissa = BigInteger.ZERO;
        long value = 0;
        int valueDigits = 0;
        int fractionDigits = 0;
        boolean any = false;
        boolean point = false;
        while (t.pos < t.length)
        {
            final int c = t.at(t.pos);
            final int d = hexDigit(c);
            if (d >= 0)
            {
                any = true;
                value = (value << 4) | d;
                if (++valueDigits == 15)
                {
                    mantissa = mantissa.shiftLeft(60).or(BigInteger.valueOf(value));
                    value = 0;
                    valueDigits = 0;
                }
                if (point)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
            t.pos++;
        }
        if (!any)
        {
            // strtold takes the "0" alone and stops at the 'x'.
            return null;
        }
        mantissa = mantissa.shiftLeft(4 * valueDigits).or(BigInteger.valueOf(value));
        long exponent = 0;
        if (t.pos < t.length && (t.at(t.pos) | 0x20) == 'p')
        {
            t.pos++;
            exponent = t.exponent();
            if (exponent == Long.MIN_VALUE)
            {
                return null;
            }
        }
        if (t.pos != t.length)
        {
            return null;
        }
        if (mantissa.signum() == 0)
        {
            return new LongDouble(negative, BigInteger.ZERO, 0, false);
        }
        final long binaryExponent = exponent - 4L * fractionDigits;
        final long top = binaryExponent + mantissa.bitLength() - 1;
        if (top > MAX_EXPONENT || top < MIN_LSB_EXPONENT - 2)
        {
            return null;
        }
        final LongDouble rounded = round(negative, mantissa, binaryExponent, false);
        return rounded.infinite || rounded.significand.signum() == 0 ? null : rounded;
    }

    private static int hexDigit(final int c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        final int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /**
     * Round {@code magnitude * 2^exponent} (plus a little more when {@code sticky}) to the 80-bit
     * format, to nearest, ties to even.
     */
    private static LongDouble round(
        final boolean negative, final BigInteger magnitude, final long exponent, final boolean sticky)
    {
        if (magnitude.signum() == 0)
        {
            return new LongDouble(negative, BigInteger.ZERO, 0, false);
        }
        BigInteger m = magnitude;
        long e = exponent;
        final long top = e + m.bitLength() - 1;
        final long lsb = Math.max(top - (SIGNIFICAND_BITS - 1), MIN_LSB_EXPONENT);
        final long shift = lsb - e;
        if (shift > 0)
        {
            final boolean half;
            final boolean rest;
            final BigInteger kept;
            if (shift > m.bitLength() + 1L)
            {
                kept = BigInteger.ZERO;
                half = false;
                rest = true;
            }
            else
            {
                final int s = (int)shift;
                kept = m.shiftRight(s);
                half = m.testBit(s - 1);
                rest = sticky || m.getLowestSetBit() < s - 1;
            }
            m = half && (rest || kept.testBit(0)) ? kept.add(BigInteger.ONE) : kept;
            e = lsb;
            if (m.signum() == 0)
            {
                return new LongDouble(negative, BigInteger.ZERO, 0, false);
            }
        }
        if (e + m.bitLength() - 1 > MAX_EXPONENT)
        {
            return new LongDouble(negative, BigInteger.ZERO, 0, true);
        }
        return new LongDouble(negative, m, e, false);
    }

    /**
     * The sum, rounded to the 80-bit format.
     *
     * @param other the other number.
     * @return the sum, or null when it is not a number (infinity minus infinity).
     */
    public LongDouble add(final LongDouble other)
    {
        if (infinite || other.infinite)
        {
            if (infinite && other.infinite && negative != other.negative)
            {
                return null;
            }
            return infinite ? this : other;
        }
        if (other.significand.signum() == 0)
        {
            return significand.signum() == 0 ? new LongDouble(negative && other.negative, BigInteger.ZERO, 0, false) : this;
        }
        if (significand.signum() == 0)
        {
            return other;
        }
        final long e = Math.min(exponent, other.exponent);
        BigInteger a = significand.shiftLeft((int)(exponent - e));
        BigInteger b = other.significand.shiftLeft((int)(other.exponent - e));
        if (negative)
        {
            a = a.negate();
        }
        if (other.negative)
        {
            b = b.negate();
        }
        final BigInteger sum = a.add(b);
        return round(sum.signum() < 0, sum.abs(), e, false);
    }

    /**
     * The product with an integer, rounded to the 80-bit format ({@code x * 1000.0L} in C).
     *
     * @param factor the integer.
     * @return the product, or null when it is not a number (infinity times zero).
     */
    public LongDouble multiply(final long factor)
    {
        final boolean sign = negative ^ (factor < 0);
        if (infinite)
        {
            return factor == 0 ? null : new LongDouble(sign, BigInteger.ZERO, 0, true);
        }
        final BigInteger magnitude = significand.multiply(BigInteger.valueOf(factor).abs());
        return round(sign, magnitude, exponent, false);
    }

    /**
     * C's {@code (long long)ceill(x)} on x86-64: the smallest integer not below the value, and
     * {@link Long#MIN_VALUE} (the "integer indefinite" of the conversion) when it does not fit
     * or the value is infinite.
     *
     * @return the integer.
     */
    public long ceilToLong()
    {
        if (infinite)
        {
            return Long.MIN_VALUE;
        }
        if (significand.signum() == 0)
        {
            return 0;
        }
        BigInteger value;
        if (exponent >= 0)
        {
            if (exponent > 64)
            {
                return Long.MIN_VALUE;
            }
            value = significand.shiftLeft((int)exponent);
        }
        else
        {
            final long shift = -exponent;
            final boolean fraction;
            if (shift > significand.bitLength())
            {
                value = BigInteger.ZERO;
                fraction = true;
            }
            else
            {
                value = significand.shiftRight((int)shift);
                fraction = significand.getLowestSetBit() < shift;
            }
            if (fraction && !negative)
            {
                value = value.add(BigInteger.ONE);
            }
        }
        if (negative)
        {
            value = value.negate();
        }
        return value.bitLength() > 63 ? Long.MIN_VALUE : value.longValue();
    }

    /**
     * The text Redis stores and replies after INCRBYFLOAT: {@code %.17Lf}, then trailing zeros
     * and a trailing point removed, and "-0" written "0".
     *
     * @return the text as bytes; "inf" or "-inf" for an infinity.
     */
    public byte[] toHumanBytes()
    {
        if (infinite)
        {
            return (negative ? "-inf" : "inf").getBytes(StandardCharsets.US_ASCII);
        }
        if (significand.signum() == 0 || exponent + significand.bitLength() - 1 < -62)
        {
            // Below 2^-61 the value rounds to zero at 17 decimals.
            return new byte[] {'0'};
        }
        BigDecimal exact;
        if (exponent >= 0)
        {
            exact = new BigDecimal(significand.shiftLeft((int)exponent));
        }
        else
        {
            final int scale = (int)-exponent;
            exact = new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow(scale)), scale);
        }
        if (negative)
        {
            exact = exact.negate();
        }
        String text = exact.setScale(FORMAT_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0')
        {
            end--;
        }
        if (text.charAt(end - 1) == '.')
        {
            end--;
        }
        text = text.substring(0, end);
        if (text.equals("-0"))
        {
            text = "0";
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString()
    {
        return new String(toHumanBytes(), StandardCharsets.US_ASCII);
    }

    /** A cursor over the text being parsed. */
    private static final class Text
    {
        final byte[] bytes;
        final int start;
        final int length;
        int pos;

        Text(final byte[] bytes, final int start, final int length)
        {
            this.bytes = bytes;
            this.start = start;
            this.length = length;
        }

        int at(final int i)
        {
            return bytes[start + i] & 0xFF;
        }

        boolean restEqualsIgnoreCase(final String word)
        {
            if (length - pos != word.length())
            {
                return false;
            }
            for (int i = 0; i < word.length(); i++)
            {
                if ((at(pos + i) | 0x20) != word.charAt(i))
                {
                    return false;
                }
            }
            return true;
        }

        /**
         * An exponent: optional sign and at least one digit, saturated.
         *
         * @return the exponent, or Long.MIN_VALUE when no digit follows.
         */
        long exponent()
        {
            boolean minus = false;
            if (pos < length && (at(pos) == '+' || at(pos) == '-'))
            {
                minus = at(pos) == '-';
                pos++;
            }
            long value = 0;
            boolean any = false;
            while (pos < length && at(pos) >= '0' && at(pos) <= '9')
            {
                any = true;
                if (value < EXPONENT_SATURATION)
                {
                    value = value * 10 + (at(pos) - '0');
                }
                pos++;
            }
            if (!any)
            {
                return Long.MIN_VALUE;
            }
            return minus ? -value : value;
        }
    }
}
