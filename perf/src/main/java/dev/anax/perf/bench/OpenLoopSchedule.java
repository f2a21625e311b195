package dev.anax.perf.bench;

/**
 * When each request of one connection is due in an open-loop run: the total rate is split evenly
 * over the connections and their slots are interleaved, so that request {@code i} of connection
 * {@code c} (of {@code n}) is planned at {@code start + (i * n + c) / rate}. Computed from the index
 * rather than accumulated, so the schedule never drifts. Latency is measured from this planned time,
 * not from when the request was actually written: a stall in the server (or in the generator)
 * then shows up as latency of every request that should have been sent during it, instead of
 * silently lowering the request rate (coordinated omission).
 */
public final class OpenLoopSchedule
{
    private final long startNs;
    private final double nsPerSlot;
    private final int connections;
    private final int connection;

    /**
     * @param startNs      time of the first slot (System.nanoTime() base).
     * @param ratePerSec   total requests per second over all connections.
     * @param connections  number of connections.
     * @param connection   this connection's index, {@code 0 <= connection < connections}.
     */
    public OpenLoopSchedule(final long startNs, final double ratePerSec, final int connections, final int connection)
    {
        if (!(ratePerSec > 0) || connections <= 0 || connection < 0 || connection >= connections)
        {
            throw new IllegalArgumentException("bad open-loop schedule: rate " + ratePerSec + ", connection " +
                connection + " of " + connections);
        }
        this.startNs = startNs;
        this.nsPerSlot = 1e9 / ratePerSec;
        this.connections = connections;
        this.connection = connection;
    }

    /**
     * @param i request index on this connection (0-based).
     * @return when it is planned, in System.nanoTime() terms.
     */
    public long plannedNs(final long i)
    {
        return startNs + (long)((i * connections + connection) * nsPerSlot);
    }

    /**
     * @param nowNs the current time.
     * @return how many requests of this connection are due at {@code nowNs} (planned at or before it).
     */
    public long dueBy(final long nowNs)
    {
        if (nowNs < plannedNs(0))
        {
            return 0;
        }
        long i = (long)(((nowNs - startNs) / nsPerSlot - connection) / connections);
        while (plannedNs(i + 1) <= nowNs)
        {
            i++;
        }
        while (i >= 0 && plannedNs(i) > nowNs)
        {
            i--;
        }
        return i + 1;
    }

    /**
     * @return the interval between two requests of this connection, in nanoseconds.
     */
    public double intervalNs()
    {
        return nsPerSlot * connections;
    }
}
