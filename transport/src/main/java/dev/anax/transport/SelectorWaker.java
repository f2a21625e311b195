package dev.anax.transport;

import dev.anax.engine.runtime.Waker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Waker} for an I/O thread: the thread sleeps in {@link Selector#select(long)}, so that
 * both network events and a producer's {@link Selector#wakeup()} end the sleep.
 */
final class SelectorWaker extends Waker
{
    private final Selector selector;

    SelectorWaker(final Selector selector)
    {
        this.selector = selector;
    }

    @Override
    protected void wake()
    {
        selector.wakeup();
    }

    @Override
    public void block(final long maxNanos)
    {
        try
        {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxNanos)));
            // The agent's next selectNow(action) reports whatever is ready (level triggered);
            // keys this blocking select collected are not needed.
            selector.selectedKeys().clear();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
