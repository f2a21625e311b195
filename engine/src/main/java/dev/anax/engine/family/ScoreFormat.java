package dev.anax.engine.family;

import dev.anax.codecs.resp.RespDoubles;
import dev.anax.codecs.resp.RespWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis 7.0 prints them ({@code %.17g}, see {@link RespDoubles#format}), written into a
 * reply without allocating for the scores sorted sets usually hold: integers below 2^63 and
 * numbers from 2^-7 up are printed exactly with long arithmetic (17 significant digits of the
 * exact binary value, rounded half to even); any other value goes through
 * {@link RespDoubles#format}. One instance per thread.
 */
final class ScoreFormat
{
    private static final ThreadLocal<ScoreFormat> LOCAL = ThreadLocal.withInitial(ScoreFormat::new);
    private static final long[] POW10 = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POW10.length; i++)
        {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** ',' text CRLF: the text starts at 1. */
    private final byte[] buffer = new byte[64];
    private final UnsafeBuffer view = new UnsafeBuffer(buffer);
    private final byte[] digits = new byte[24];

    private ScoreFormat()
    {
    }

    /**
     * Write a score as a RESP3 double or a RESP2 bulk string, as {@link RespWriter#doubleValue}.
     *
     * @param out   the reply.
     * @param score the score.
     */
    static void write(final RespWriter out, final double score)
    {
        LOCAL.get().writeTo(out, score, out.isResp3());
    }

    /**
     * Write a score as a bulk string in either protocol (ZSCAN).
     *
     * @param out   the reply.
     * @param score the score.
     */
    static void writeBulk(final RespWriter out, final double score)
    {
        LOCAL.get().writeTo(out, score, false);
    }

    /**
     * The text of a score (for tests).
     *
     * @param score the score.
     * @return what Redis prints.
     */
    static String text(final double score)
    {
        final ScoreFormat f = new ScoreFormat();
        final int length = f.format(score);
        return new String(f.buffer, 1, length, StandardCharsets.US_ASCII);
    }

    private void writeTo(final RespWriter out, final double score, final boolean resp3)
    {
        final int length = format(score);
        if (resp3)
        {
            buffer[0] = ',';
            buffer[1 + length] = '\r';
            buffer[2 + length] = '\n';
            out.raw(view, 0, length + 3);
        }
        else
        {
            out.bulk(buffer, 1, length);
        }
    }

    /** Format into buffer[1..]; returns the length (the helpers return their end index - 1). */
    private int format(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0)
        {
            return copy(RespDoubles.format(value));
        }
        final boolean negative = value < 0;
        final long bits = Double.doubleToRawLongBits(Math.abs(value));
        final int biased = (int)(bits >>> 52);
        if (biased == 0)
        {
            return copy(RespDoubles.format(value));
        }
        final long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        final int e2 = biased - 1075;
        int p = 1;
        if (negative)
        {
            buffer[p++] = '-';
        }
        if (e2 >= 0)
        {
            if (e2 > 10)
            {
                return copy(RespDoubles.format(value));
            }
            return integer(mantissa << e2, p);
        }
        if (e2 < -59)
        {
            return copy(RespDoubles.format(value));
        }
        return fraction(mantissa, -e2, p);
    }

    private int copy(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            buffer[1 + i] = (byte)text.charAt(i);
        }
        return text.length();
    }

    /** An integer below 2^63: exact when it has at most 17 digits, else rounded to 17. */
    private int integer(final long v, final int at)
    {
        final int count = digitCount(v);
        if (count <= 17)
        {
            writeLong(v, at, count);
            return at - 1 + count;
        }
        final long scale = POW10[count - 17];
        long q = v / scale;
        final long r = v % scale;
        final long half = scale / 2;
        if (r > half || (r == half && (q & 1) != 0))
        {
            q++;
        }
        int exponent = count - 1;
        if (q == POW10[17])
        {
            q = POW10[16];
            exponent++;
        }
        // q has 17 digits: d.dddde+XX with trailing zeros dropped.
        writeLong(q, 0, 17, digits);
        int n = 17;
        while (n > 1 && digits[n - 1] == '0')
        {
            n--;
        }
        int p = at;
        buffer[p++] = digits[0];
        if (n > 1)
        {
            buffer[p++] = '.';
            System.arraycopy(digits, 1, buffer, p, n - 1);
            p += n - 1;
        }
        buffer[p++] = 'e';
        buffer[p++] = '+';
        if (exponent < 10)
        {
            buffer[p++] = '0';
        }
        p += writeInt(exponent, p);
        return p - 1;
    }

    /** mantissa / 2^shift, with 0 &lt; shift &lt;= 59: the value is at least 2^-7. */
    private int fraction(final long mantissa, final int shift, final int at)
    {
        final long denominator = 1L << shift;
        final long mask = denominator - 1;
        final long intPart = mantissa >>> shift;
        long frac = mantissa & mask;
        int n = 0;
        int exponent;
        if (intPart > 0)
        {
            final int count = digitCount(intPart);
            writeLong(intPart, 0, count, digits);
            n = count;
            exponent = count - 1;
        }
        else
        {
            exponent = -1;
            // Leading zeros of the fraction are not significant.
            while (true)
            {
                frac *= 10;
                final int d = (int)(frac >>> shift);
                frac &= mask;
                if (d != 0)
                {
                    digits[n++] = (byte)('0' + d);
                    break;
                }
                exponent--;
            }
        }
        while (n < 17)
        {
            frac *= 10;
            digits[n++] = (byte)('0' + (frac >>> shift));
            frac &= mask;
        }
        // Round half to even on what remains.
        final long twice = frac << 1;
        if (twice > denominator || (twice == denominator && ((digits[16] - '0') & 1) != 0))
        {
            int i = 16;
            while (i >= 0 && digits[i] == '9')
            {
                digits[i] = '0';
                i--;
            }
            if (i < 0)
            {
                System.arraycopy(digits, 0, digits, 1, 16);
                digits[0] = '1';
                exponent++;
            }
            else
            {
                digits[i]++;
            }
        }
        int last = 17;
        while (last > 1 && digits[last - 1] == '0')
        {
            last--;
        }
        int p = at;
        if (exponent >= 0)
        {
            final int integerDigits = exponent + 1;
            if (last <= integerDigits)
            {
                System.arraycopy(digits, 0, buffer, p, last);
                p += last;
                for (int i = last; i < integerDigits; i++)
                {
                    buffer[p++] = '0';
                }
            }
            else
            {
                System.arraycopy(digits, 0, buffer, p, integerDigits);
                p += integerDigits;
                buffer[p++] = '.';
                System.arraycopy(digits, integerDigits, buffer, p, last - integerDigits);
                p += last - integerDigits;
            }
        }
        else
        {
            buffer[p++] = '0';
            buffer[p++] = '.';
            for (int i = -1; i > exponent; i--)
            {
                buffer[p++] = '0';
            }
            System.arraycopy(digits, 0, buffer, p, last);
            p += last;
        }
        return p - 1;
    }

    private static int digitCount(final long v)
    {
        int n = 1;
        while (n < 19 && v >= POW10[n])
        {
            n++;
        }
        return n;
    }

    private void writeLong(final long v, final int at, final int count)
    {
        writeLong(v, at, count, buffer);
    }

    private static void writeLong(final long v, final int at, final int count, final byte[] into)
    {
        long x = v;
        for (int i = at + count - 1; i >= at; i--)
        {
            into[i] = (byte)('0' + x % 10);
            x /= 10;
        }
    }

    private int writeInt(final int v, final int at)
    {
        final int count = digitCount(v);
        writeLong(v, at, count);
        return count;
    }
}
