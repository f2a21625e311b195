package dev.anax.perf.bench;

/**
 * The run's time line, set once by the barrier that ends loading and read by every load thread.
 */
final class RunClock
{
    /** Start of the run (warm-up begins; the open-loop schedule's origin). */
    volatile long runStartNs;
    /** Start of the measured window. */
    volatile long measureStartNs;
    /** End of the measured window: nothing new is sent after it. */
    volatile long measureEndNs;
    /** Outstanding replies are given up on after this. */
    volatile long drainDeadlineNs;
    /** Stop after loading. */
    volatile boolean loadOnly;

    void start(final BenchConfig config)
    {
        final long now = System.nanoTime();
        runStartNs = now;
        measureStartNs = now + config.warmupNs;
        measureEndNs = measureStartNs + config.durationNs;
        drainDeadlineNs = measureEndNs + config.drainNs;
        loadOnly = config.loadOnly;
    }
}
