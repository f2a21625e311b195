package dev.anax.perf.bench;

import java.util.SplittableRandom;

/**
 * Zipfian key popularity: key {@code i} (0-based rank) is drawn with probability proportional to
 * {@code 1 / (i + 1)^theta}. Sampling is O(1) after an O(n) set-up, using the closed-form
 * approximation of Gray et al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD
 * 1994): the first two ranks are exact, the tail follows the continuous approximation. Valid for
 * {@code 0 < theta < 1}; 0.99 is the customary "hot set" skew.
 */
public final class ZipfianKeys implements KeyDistribution
{
    /** The skew used when none is given. */
    public static final double DEFAULT_THETA = 0.99;

    private final int keys;
    private final double theta;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double secondThreshold;

    /**
     * @param keys  key space size (at least 2).
     * @param theta skew, strictly between 0 and 1.
     */
    public ZipfianKeys(final int keys, final double theta)
    {
        if (keys < 2)
        {
            throw new IllegalArgumentException("a Zipfian key space needs at least 2 keys: " + keys);
        }
        if (!(theta > 0.0 && theta < 1.0))
        {
            throw new IllegalArgumentException("Zipfian theta must be in (0, 1): " + theta);
        }
        this.keys = keys;
        this.theta = theta;
        this.zetaN = zeta(keys, theta);
        final double zeta2 = zeta(2, theta);
        this.alpha = 1.0 / (1.0 - theta);
        this.eta = (1.0 - Math.pow(2.0 / keys, 1.0 - theta)) / (1.0 - zeta2 / zetaN);
        this.secondThreshold = 1.0 + Math.pow(0.5, theta);
    }

    /**
     * The generalised harmonic number {@code sum_{i=1..n} 1/i^theta}.
     *
     * @param n     terms.
     * @param theta exponent.
     * @return the sum.
     */
    static double zeta(final long n, final double theta)
    {
        double sum = 0;
        for (long i = 1; i <= n; i++)
        {
            sum += 1.0 / Math.pow(i, theta);
        }
        return sum;
    }

    /**
     * @return the exact probability of the most popular key, {@code 1 / zeta(n, theta)}.
     */
    public double probabilityOfFirst()
    {
        return 1.0 / zetaN;
    }

    @Override
    public int next(final SplittableRandom random)
    {
        final double u = random.nextDouble();
        final double uz = u * zetaN;
        if (uz < 1.0)
        {
            return 0;
        }
        if (uz < secondThreshold)
        {
            return 1;
        }
        final long rank = (long)(keys * Math.pow(eta * u - eta + 1.0, alpha));
        return rank >= keys ? keys - 1 : (int)rank;
    }

    @Override
    public int keys()
    {
        return keys;
    }

    @Override
    public String describe()
    {
        return "zipf(" + theta + ")";
    }
}
