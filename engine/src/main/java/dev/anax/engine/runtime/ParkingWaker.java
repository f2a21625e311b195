package dev.anax.engine.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Waker} for a thread that blocks by parking.
 */
public final class ParkingWaker extends Waker
{
    private volatile Thread thread;

    /**
     * Bind to the consumer thread; called from that thread when it starts.
     */
    public void bindCurrentThread()
    {
        thread = Thread.currentThread();
    }

    @Override
    protected void wake()
    {
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void block(final long maxNanos)
    {
        LockSupport.parkNanos(maxNanos);
    }
}
