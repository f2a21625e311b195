package dev.anax.perf.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Latency per command name, in nanoseconds: a wait-free {@link Recorder} per command that every
 * load thread records into, drained once per interval into an HdrHistogram interval log (tagged
 * by command) and into the run's totals.
 */
public final class LatencyStats
{
    /** Tag and file suffix of the all-commands histogram. */
    public static final String ALL = "ALL";

    private final String[] names;
    private final Recorder[] recorders;
    private final Histogram[] totals;
    private final Histogram all = new Histogram(3);
    private Histogram[] recycled;
    private HistogramLogWriter log;
    private PrintStream logStream;

    /**
     * @param names command names, one histogram each.
     */
    public LatencyStats(final String[] names)
    {
        this.names = names.clone();
        recorders = new Recorder[names.length];
        totals = new Histogram[names.length];
        recycled = new Histogram[names.length];
        for (int i = 0; i < names.length; i++)
        {
            recorders[i] = new Recorder(3);
            totals[i] = new Histogram(3);
        }
    }

    /**
     * Records one latency; any thread, wait-free.
     *
     * @param name      index of the command name.
     * @param latencyNs the latency.
     */
    public void record(final int name, final long latencyNs)
    {
        recorders[name].recordValue(Math.max(1, latencyNs));
    }

    /**
     * Opens the interval log; call before the measured window.
     *
     * @param file    the .hlog file.
     * @param comment a first comment line (the run's settings).
     * @throws FileNotFoundException if it cannot be created.
     */
    public void openLog(final Path file, final String comment) throws FileNotFoundException
    {
        logStream = new PrintStream(file.toFile());
        log = new HistogramLogWriter(logStream);
        final long now = System.currentTimeMillis();
        log.outputComment(comment);
        log.outputComment("values in nanoseconds; tags are command names");
        log.outputLogFormatVersion();
        log.outputStartTime(now);
        log.setBaseTime(now);
        log.outputLegend();
    }

    /**
     * Discards what was recorded so far (e.g. during warm-up).
     */
    public synchronized void reset()
    {
        for (final Recorder r : recorders)
        {
            r.reset();
        }
    }

    /**
     * Moves the latest interval into the totals and the log. Called by one thread at a time.
     */
    public synchronized void flushInterval()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            final Histogram h = recorders[i].getIntervalHistogram(recycled[i]);
            recycled[i] = h;
            totals[i].add(h);
            all.add(h);
            if (log != null && h.getTotalCount() > 0)
            {
                h.setTag(names[i]);
                log.outputIntervalHistogram(h);
            }
        }
        if (logStream != null)
        {
            logStream.flush();
        }
    }

    /**
     * Closes the log.
     */
    public synchronized void close()
    {
        if (logStream != null)
        {
            logStream.close();
            logStream = null;
            log = null;
        }
    }

    /**
     * @return command names.
     */
    public String[] names()
    {
        return names.clone();
    }

    /**
     * @param i command index.
     * @return the total histogram of that command.
     */
    public Histogram total(final int i)
    {
        return totals[i];
    }

    /**
     * @return all commands together.
     */
    public Histogram all()
    {
        return all;
    }

    /**
     * Writes a percentile distribution file in milliseconds (the .hgrm format HdrHistogram's
     * plotters and {@link PercentilePlot} read).
     *
     * @param h    histogram in nanoseconds.
     * @param file destination.
     * @throws FileNotFoundException if it cannot be created.
     */
    public static void writeHgrm(final Histogram h, final Path file) throws FileNotFoundException
    {
        try (PrintStream out = new PrintStream(file.toFile()))
        {
            h.outputPercentileDistribution(out, 5, 1e6);
        }
    }
}
