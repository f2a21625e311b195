package dev.anax.engine.stats;

import java.security.SecureRandom;

/**
 * Server-wide figures that belong to no thread: the memory peak, samples for the instantaneous
 * rates of INFO stats, and the replication id. Updated by whichever I/O thread runs INFO or
 * CONFIG RESETSTAT; synchronized because it is touched only by those rare commands.
 */
public final class ServerMetrics
{
    private static final int SAMPLES = 16;
    private static final long SAMPLE_INTERVAL_MS = 100;
    private static final long WINDOW_MS = SAMPLES * SAMPLE_INTERVAL_MS;

    private final String replicationId;
    private final long[] sampleTimes = new long[SAMPLES];
    private final long[][] sampleValues = new long[SAMPLES][3];
    private int samples;
    private int newest = -1;
    private long memoryPeak;

    /** Figures with a fresh random replication id. */
    public ServerMetrics()
    {
        final SecureRandom random = new SecureRandom();
        final StringBuilder id = new StringBuilder(40);
        for (int i = 0; i < 40; i++)
        {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        this.replicationId = id.toString();
    }

    /** @return the 40-hex-digit replication id (INFO replication master_replid). */
    public String replicationId()
    {
        return replicationId;
    }

    /**
     * Record the memory in use and return the peak so far.
     *
     * @param used bytes in use now.
     * @return the highest value recorded since start or the last reset.
     */
    public synchronized long memoryPeak(final long used)
    {
        if (used > memoryPeak)
        {
            memoryPeak = used;
        }
        return memoryPeak;
    }

    /**
     * Take a sample of the cumulative counters and return their rates per second over the
     * recent window (about 1.6 s of samples taken at least 100 ms apart).
     *
     * @param nowMs     clock.
     * @param commands  total commands processed.
     * @param netInput  total bytes read.
     * @param netOutput total bytes written.
     * @return rates per second of commands, input bytes and output bytes; zeros without history.
     */
    public synchronized double[] rates(final long nowMs, final long commands, final long netInput, final long netOutput)
    {
        if (newest < 0 || nowMs - sampleTimes[newest] >= SAMPLE_INTERVAL_MS)
        {
            newest = (newest + 1) % SAMPLES;
            sampleTimes[newest] = nowMs;
            sampleValues[newest][0] = commands;
            sampleValues[newest][1] = netInput;
            sampleValues[newest][2] = netOutput;
            samples = Math.min(samples + 1, SAMPLES);
        }
        int oldest = newest;
        for (int i = 1; i < samples; i++)
        {
            final int candidate = (newest - i + SAMPLES) % SAMPLES;
            if (nowMs - sampleTimes[candidate] > WINDOW_MS)
            {
                break;
            }
            oldest = candidate;
        }
        final double[] rates = new double[3];
        final long elapsed = nowMs - sampleTimes[oldest];
        if (oldest != newest && elapsed > 0)
        {
            rates[0] = (commands - sampleValues[oldest][0]) * 1000.0 / elapsed;
            rates[1] = (netInput - sampleValues[oldest][1]) * 1000.0 / elapsed;
            rates[2] = (netOutput - sampleValues[oldest][2]) * 1000.0 / elapsed;
        }
        return rates;
    }

    /** CONFIG RESETSTAT: forget the peak and the rate history. */
    public synchronized void reset()
    {
        memoryPeak = 0;
        samples = 0;
        newest = -1;
    }
}
