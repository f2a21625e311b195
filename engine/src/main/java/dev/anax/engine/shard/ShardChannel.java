package dev.anax.engine.shard;

import com.lmax.disruptor.RingBuffer;
import dev.anax.engine.runtime.Waker;

/**
 * What a producer needs to reach a consumer: its ring and its waker.
 *
 * @param <T> the slot type.
 */
public final class ShardChannel<T>
{
    private final RingBuffer<T> ring;
    private volatile Waker waker;

    /**
     * @param ring the consumer's ring.
     */
    public ShardChannel(final RingBuffer<T> ring)
    {
        this.ring = ring;
    }

    public RingBuffer<T> ring()
    {
        return ring;
    }

    public Waker waker()
    {
        return waker;
    }

    /**
     * Set by the threading assembly before any thread starts.
     *
     * @param waker of the consumer's thread.
     */
    public void waker(final Waker waker)
    {
        this.waker = waker;
    }

    /** Wake the consumer if it sleeps. */
    public void wake()
    {
        final Waker w = waker;
        if (w != null)
        {
            w.wakeIfSleeping();
        }
    }
}
