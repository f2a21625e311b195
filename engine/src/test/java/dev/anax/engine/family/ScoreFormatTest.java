package dev.anax.engine.family;

import dev.anax.codecs.resp.RespDoubles;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free score printer agrees with {@link RespDoubles#format} (Redis's %.17g).
 */
class ScoreFormatTest
{
    @Test
    void shouldPrintKnownScores()
    {
        assertThat(ScoreFormat.text(0.1)).isEqualTo("0.10000000000000001");
        assertThat(ScoreFormat.text(1.5)).isEqualTo("1.5");
        assertThat(ScoreFormat.text(-2.5)).isEqualTo("-2.5");
        assertThat(ScoreFormat.text(3)).isEqualTo("3");
        assertThat(ScoreFormat.text(1e17)).isEqualTo("1e+17");
        assertThat(ScoreFormat.text(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(ScoreFormat.text(0.05)).isEqualTo("0.050000000000000003");
        assertThat(ScoreFormat.text(-0.0)).isEqualTo("-0");
        assertThat(ScoreFormat.text(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(ScoreFormat.text(4e-320)).isEqualTo("3.999955468730732e-320");
        assertThat(ScoreFormat.text(9.999999999999999e16)).isEqualTo("99999999999999984");
        assertThat(ScoreFormat.text(0.0078125)).isEqualTo("0.0078125");
    }

    @Test
    void shouldAgreeWithTheExactFormatterOnRandomDoubles()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 400_000; i++)
        {
            final double value;
            switch (i % 5)
            {
                case 0:
                    value = Double.longBitsToDouble(random.nextLong());
                    break;
                case 1:
                    value = random.nextDouble() * Math.pow(10, random.nextInt(40) - 5);
                    break;
                case 2:
                    value = random.nextInt(2_000_000) / 1000.0 - 1000;
                    break;
                case 3:
                    value = (double)random.nextLong() * (random.nextBoolean() ? 1 : 0.5);
                    break;
                default:
                    value = Math.scalb(1.0 + random.nextInt(1 << 20), random.nextInt(140) - 70);
                    break;
            }
            if (Double.isNaN(value))
            {
                continue;
            }
            assertThat(ScoreFormat.text(value)).as("seed %dL: %s", seed, value).isEqualTo(RespDoubles.format(value));
        }
    }
}
