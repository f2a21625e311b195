package dev.anax.perf.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ZipfianKeysTest
{
    private static final int SAMPLES = 1_000_000;

    private static long[] histogram(final KeyDistribution d, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] counts = new long[d.keys()];
        for (int i = 0; i < SAMPLES; i++)
        {
            counts[d.next(random)]++;
        }
        return counts;
    }

    @Test
    void shouldStayInsideTheKeySpace()
    {
        final long[] counts = histogram(new ZipfianKeys(1000, 0.99), 42);
        long total = 0;
        for (final long c : counts)
        {
            total += c;
        }
        assertThat(total).isEqualTo(SAMPLES);
    }

    @Test
    void shouldDrawTheFirstKeyWithProbabilityOneOverZeta()
    {
        final ZipfianKeys zipf = new ZipfianKeys(1000, 0.99);
        final long[] counts = histogram(zipf, 42);
        final double expected = zipf.probabilityOfFirst();
        assertThat(counts[0] / (double)SAMPLES).isCloseTo(expected, within(expected * 0.02));
    }

    @Test
    void shouldFollowThePowerLawBetweenTheFirstTwoRanks()
    {
        final long[] counts = histogram(new ZipfianKeys(1000, 0.99), 7);
        // P(0) / P(1) = 2^theta
        assertThat(counts[0] / (double)counts[1]).isCloseTo(Math.pow(2, 0.99), within(0.06));
    }

    @Test
    void shouldMakeRankPopularityDecrease()
    {
        final long[] counts = histogram(new ZipfianKeys(10_000, 0.99), 1);
        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[9]);
        assertThat(bucket(counts, 10, 100)).isGreaterThan(bucket(counts, 100, 190));
        assertThat(bucket(counts, 100, 1000)).isGreaterThan(bucket(counts, 1000, 1900));
        // the top 1% of keys take far more than 1% of draws, but every key is reachable
        assertThat(bucket(counts, 0, 100) / (double)SAMPLES).isGreaterThan(0.4);
        assertThat(bucket(counts, 5000, 10_000)).isPositive();
    }

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed()
    {
        final ZipfianKeys zipf = new ZipfianKeys(500, 0.8);
        final SplittableRandom a = new SplittableRandom(99);
        final SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(zipf.next(a)).isEqualTo(zipf.next(b));
        }
    }

    @Test
    void shouldSpreadUniformDrawsEvenly()
    {
        final long[] counts = histogram(KeyDistribution.uniform(100), 3);
        for (final long c : counts)
        {
            assertThat(c).isBetween(9_000L, 11_000L);
        }
    }

    @Test
    void shouldParseDistributionNames()
    {
        assertThat(KeyDistribution.parse("uniform", 10).describe()).isEqualTo("uniform");
        assertThat(KeyDistribution.parse("zipf", 10).describe()).isEqualTo("zipf(0.99)");
        assertThat(KeyDistribution.parse("zipf:0.5", 10).describe()).isEqualTo("zipf(0.5)");
        assertThatThrownBy(() -> KeyDistribution.parse("zipf:1.0", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDistribution.parse("gauss", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long bucket(final long[] counts, final int from, final int to)
    {
        long sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += counts[i];
        }
        return sum;
    }
}
