package dev.anax.engine.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-command latency of one thread (a shard or an I/O agent), in nanoseconds, for LATENCY
 * HISTOGRAM and INFO latencystats. The owner records with {@link Recorder#recordValue}, which is
 * wait-free; readers take interval histograms from the recorders through {@link LatencyReport},
 * never touching the owner's state otherwise. A command's recorder is created on its first call,
 * so unused commands cost nothing.
 */
public final class CommandLatency
{
    /** Shortest latency tracked, as Redis: 1 microsecond. */
    static final long LOWEST_NANOS = 1_000;
    /** Longest latency tracked: 1,000 seconds; longer calls are clamped. */
    static final long HIGHEST_NANOS = 1_000_000_000_000L;
    /** Two significant digits, as Redis's histograms. */
    static final int DIGITS = 2;

    private final Recorder[] recorders;
    private volatile boolean enabled = true;

    /**
     * @param commands number of commands in the table.
     */
    public CommandLatency(final int commands)
    {
        this.recorders = new Recorder[commands];
    }

    /**
     * Owner only: record one call.
     *
     * @param commandId id in the table.
     * @param nanos     how long it ran.
     */
    public void record(final int commandId, final long nanos)
    {
        if (!enabled)
        {
            return;
        }
        Recorder recorder = recorders[commandId];
        if (recorder == null)
        {
            recorder = newRecorder();
            publish(commandId, recorder);
        }
        recorder.recordValue(Math.min(Math.max(nanos, LOWEST_NANOS), HIGHEST_NANOS));
    }

    private synchronized void publish(final int commandId, final Recorder recorder)
    {
        // Readers look the recorder up under the same monitor: the array slot is published safely.
        recorders[commandId] = recorder;
    }

    static Recorder newRecorder()
    {
        return new Recorder(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    }

    /**
     * Follow the {@code latency-tracking} option.
     *
     * @param enabled whether calls are recorded.
     */
    public void enabled(final boolean enabled)
    {
        this.enabled = enabled;
    }

    /**
     * Reader side: move what was recorded since the last call into a cumulative histogram.
     *
     * @param commandId   id in the table.
     * @param accumulated the reader's histogram for this command and thread.
     */
    synchronized void drainInto(final int commandId, final Histogram accumulated)
    {
        final Recorder recorder = recorders[commandId];
        if (recorder != null)
        {
            accumulated.add(recorder.getIntervalHistogram());
        }
    }

    int commands()
    {
        return recorders.length;
    }
}
