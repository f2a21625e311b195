package dev.anax.engine.stats;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * The reader side of every thread's {@link CommandLatency}: cumulative histograms per command,
 * merged over threads on demand (LATENCY HISTOGRAM, INFO latencystats, LATENCY RESET, CONFIG
 * RESETSTAT). Runs on whichever I/O thread asks; synchronized among readers only.
 */
public final class LatencyReport
{
    private final List<CommandLatency> sources;
    private final Histogram[] cumulative;

    /**
     * @param sources  every thread's latency recorders.
     * @param commands number of commands in the table.
     */
    public LatencyReport(final List<CommandLatency> sources, final int commands)
    {
        this.sources = List.copyOf(sources);
        this.cumulative = new Histogram[commands];
    }

    /**
     * The latency of one command since start or the last reset, over every thread.
     *
     * @param commandId id in the table.
     * @return a copy of its histogram (nanoseconds), empty when never called.
     */
    public synchronized Histogram histogram(final int commandId)
    {
        Histogram h = cumulative[commandId];
        if (h == null)
        {
            h = new Histogram(CommandLatency.LOWEST_NANOS, CommandLatency.HIGHEST_NANOS, CommandLatency.DIGITS);
            cumulative[commandId] = h;
        }
        for (final CommandLatency source : sources)
        {
            source.drainInto(commandId, h);
        }
        return h.copy();
    }

    /** Forget everything recorded so far (CONFIG RESETSTAT, LATENCY RESET). */
    public synchronized void reset()
    {
        for (int id = 0; id < cumulative.length; id++)
        {
            histogram(id);
            cumulative[id].reset();
        }
    }
}
