package dev.anax.engine.family;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strtod emulation and Redis's three judgements of its result.
 */
class StrtodTest
{
    private static byte[] b(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static double value(final String s)
    {
        final double[] out = new double[1];
        assertThat(Strtod.parseValue(b(s), 0, s.length(), out)).as(s).isTrue();
        return out[0];
    }

    private static boolean accepts(final String s)
    {
        return Strtod.parseValue(b(s), 0, s.length(), new double[1]);
    }

    @Test
    void shouldReadDecimalsHexAndInfinities()
    {
        assertThat(value("12")).isEqualTo(12.0);
        assertThat(value("-0")).isEqualTo(-0.0);
        assertThat(Double.doubleToRawLongBits(value("-0"))).isEqualTo(Long.MIN_VALUE);
        assertThat(value("1.5e3")).isEqualTo(1500.0);
        assertThat(value(".5")).isEqualTo(0.5);
        assertThat(value("5.")).isEqualTo(5.0);
        assertThat(value("+.5e-1")).isEqualTo(0.05);
        assertThat(value("0.1")).isEqualTo(0.1);
        assertThat(value("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
        assertThat(value("0x10")).isEqualTo(16.0);
        assertThat(value("0X1P+2")).isEqualTo(4.0);
        assertThat(value("0x.8")).isEqualTo(0.5);
        assertThat(value("0x1.8p1")).isEqualTo(3.0);
        assertThat(value("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value("4e-320")).isEqualTo(4e-320);
        assertThat(value("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void shouldRefuseWhatRedisRefusesAsAValue()
    {
        for (final String bad : new String[] {"", " 1", "1 ", "abc", "nan", "NaN(123)", "1e400", "-1e400", "1e-400", "0x",
            ".", "e5", "1e", "1e+", "infinit", "in", "+", "-", "1_0", "0x1p", "1.2.3"})
        {
            assertThat(accepts(bad)).as(bad).isFalse();
        }
        assertThat(accepts("0e-400")).isTrue();
        assertThat(accepts("0x1p-1074")).isTrue();
    }

    @Test
    void shouldJudgeRangeBoundsAndSortKeysAsRedisDoes()
    {
        final double[] out = new double[1];
        assertThat(Strtod.parseRangeBound(b(""), 0, 0, out)).isTrue();
        assertThat(out[0]).isEqualTo(0.0);
        assertThat(Strtod.parseRangeBound(b(" 7"), 0, 2, out)).isTrue();
        assertThat(out[0]).isEqualTo(7.0);
        assertThat(Strtod.parseRangeBound(b("1e400"), 0, 5, out)).isTrue();
        assertThat(out[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Strtod.parseRangeBound(new byte[] {'3', 0, 'x'}, 0, 3, out)).isTrue();
        assertThat(out[0]).isEqualTo(3.0);
        assertThat(Strtod.parseRangeBound(b("3 "), 0, 2, out)).isFalse();
        assertThat(Strtod.parseRangeBound(b("nan"), 0, 3, out)).isFalse();
        assertThat(Strtod.parseSortKey(b("4e-320"), 0, 6, out)).isFalse();
        assertThat(Strtod.parseSortKey(b("1e400"), 0, 5, out)).isFalse();
        assertThat(Strtod.parseSortKey(b(" 2"), 0, 2, out)).isTrue();
        assertThat(Strtod.parseSortKey(b("-inf"), 0, 4, out)).isTrue();
    }

    @Test
    void shouldRoundLikeDoubleParseDouble()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++)
        {
            final String text;
            switch (i % 4)
            {
                case 0:
                    text = Double.toString(Double.longBitsToDouble(random.nextLong()));
                    break;
                case 1:
                    text = Long.toString(random.nextLong() % 1_000_000_000_000_000L) + "." + Math.abs(random.nextInt(1000));
                    break;
                case 2:
                    text = random.nextInt(100_000) + "e" + (random.nextInt(60) - 30);
                    break;
                default:
                    text = "0." + "0".repeat(random.nextInt(20)) + Math.abs(random.nextLong());
                    break;
            }
            final double expected = Double.parseDouble(text);
            if (Double.isNaN(expected) || Double.isInfinite(expected) || (expected == 0 && text.matches(".*[1-9].*")))
            {
                continue;
            }
            final double[] out = new double[1];
            assertThat(Strtod.parseValue(b(text), 0, text.length(), out)).as("seed %dL: %s", seed, text).isTrue();
            assertThat(out[0]).as("seed %dL: %s", seed, text).isEqualTo(expected);
        }
    }
}
