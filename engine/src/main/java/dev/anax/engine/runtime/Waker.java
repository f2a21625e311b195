package dev.anax.engine.runtime;

import java.lang.invoke.VarHandle;

/**
 * Lets producers wake a consumer thread that went to sleep on an empty ring, without a lock.
 * <pre>
 *   consumer (idle)                       producer
 *   sleeping = true   (volatile)          publish(event)
 *   if (hasWork()) { sleeping = false }   fullFence()
 *   else block()                          if (sleeping) wake()
 *   sleeping = false
 * </pre>
 * One side always sees the other's write: either the consumer finds the event, or the producer
 * finds the flag and wakes it. Wake-ups are sticky (a selector's wakeup, a thread's park permit),
 * so a wake that arrives before the consumer blocks is not lost.
 */
public abstract class Waker
{
    private volatile boolean sleeping;

    /**
     * Called by a producer after it published work for this consumer.
     */
    public final void wakeIfSleeping()
    {
        VarHandle.fullFence();
        if (sleeping)
        {
            wake();
        }
    }

    /**
     * Called by the consumer before it re-checks for work and blocks.
     *
     * @param value true when about to sleep, false when awake.
     */
    public final void sleeping(final boolean value)
    {
        sleeping = value;
    }

    public final boolean isSleeping()
    {
        return sleeping;
    }

    /** Make the consumer's blocking call return. */
    protected abstract void wake();

    /**
     * Block the consumer's thread until {@link #wake()} or the timeout.
     *
     * @param maxNanos how long at most.
     */
    public abstract void block(long maxNanos);
}
