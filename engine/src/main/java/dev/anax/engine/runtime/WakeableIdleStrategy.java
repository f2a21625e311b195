package dev.anax.engine.runtime;

import org.agrona.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * Spins, then yields, then blocks on a {@link Waker} until a producer wakes it or a timer is due.
 * An idle server thus costs about no CPU, and a request that reaches a sleeping thread is served
 * as soon as the wake-up (a selector wakeup or an unpark) lands.
 */
public final class WakeableIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 20;

    private final Waker waker;
    private final BooleanSupplier hasWork;
    private final long maxSleepNanos;
    private int idleCount;

    /**
     * @param waker         that producers call.
     * @param hasWork       whether any ring of this thread has events (checked after the flag is set).
     * @param maxSleepNanos longest sleep, so that timers (active expiry) still run.
     */
    public WakeableIdleStrategy(final Waker waker, final BooleanSupplier hasWork, final long maxSleepNanos)
    {
        this.waker = waker;
        this.hasWork = hasWork;
        this.maxSleepNanos = maxSleepNanos;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idleCount = 0;
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        idleCount++;
        if (idleCount <= SPINS)
        {
            Thread.onSpinWait();
            return;
        }
        if (idleCount <= SPINS + YIELDS)
        {
            Thread.yield();
            return;
        }
        waker.sleeping(true);
        try
        {
            if (!hasWork.getAsBoolean())
            {
                waker.block(maxSleepNanos);
            }
        }
        finally
        {
            waker.sleeping(false);
        }
    }

    @Override
    public void reset()
    {
        idleCount = 0;
    }

    @Override
    public String alias()
    {
        return "wakeable";
    }
}
