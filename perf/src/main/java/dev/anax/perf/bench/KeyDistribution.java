package dev.anax.perf.bench;

import java.util.SplittableRandom;

/**
 * Picks key indexes in {@code [0, keys)}. Implementations are immutable after construction and
 * may be shared by threads; each thread passes its own random source.
 */
public interface KeyDistribution
{
    /**
     * @param random the calling thread's random source.
     * @return a key index in {@code [0, keys())}.
     */
    int next(SplittableRandom random);

    /**
     * @return the size of the key space.
     */
    int keys();

    /**
     * @return a short description for reports, e.g. {@code uniform} or {@code zipf(0.99)}.
     */
    String describe();

    /**
     * Every key equally likely.
     *
     * @param keys key space size.
     * @return the distribution.
     */
    static KeyDistribution uniform(final int keys)
    {
        if (keys <= 0)
        {
            throw new IllegalArgumentException("key space must be positive: " + keys);
        }
        return new KeyDistribution()
        {
            @Override
            public int next(final SplittableRandom random)
            {
                return random.nextInt(keys);
            }

            @Override
            public int keys()
            {
                return keys;
            }

            @Override
            public String describe()
            {
                return "uniform";
            }
        };
    }

    /**
     * Parses {@code uniform}, {@code zipf} (theta 0.99) or {@code zipf:THETA}.
     *
     * @param spec the text from the command line.
     * @param keys key space size.
     * @return the distribution.
     */
    static KeyDistribution parse(final String spec, final int keys)
    {
        final String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("uniform"))
        {
            return uniform(keys);
        }
        if (s.equals("zipf") || s.equals("zipfian"))
        {
            return new ZipfianKeys(keys, ZipfianKeys.DEFAULT_THETA);
        }
        if (s.startsWith("zipf:") || s.startsWith("zipfian:"))
        {
            return new ZipfianKeys(keys, Double.parseDouble(s.substring(s.indexOf(':') + 1)));
        }
        throw new IllegalArgumentException("unknown key distribution '" + spec + "' (uniform, zipf, zipf:THETA)");
    }
}
