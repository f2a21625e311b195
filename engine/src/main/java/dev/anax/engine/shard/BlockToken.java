package dev.anax.engine.shard;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who ends one attempt of a blocked command: the shard that serves it (or wakes it) or the
 * client's side (timeout, CLIENT UNBLOCK, disconnect). Exactly one of them wins the
 * compare-and-set out of {@link #WAITING}, so a blocked client gets exactly one reply and no
 * element is popped for a client that has already been given up.
 * <pre>
 *   WAITING --claim() by a shard------------------------> CLAIMED   (served, or woken to retry)
 *   WAITING --cancel(reason) by the client's side-------> TIMED_OUT | UNBLOCKED | UNBLOCKED_ERROR | ABANDONED
 * </pre>
 * One token per attempt: every shard holding a registration of that attempt shares it. It is
 * the only state of a blocked client that two threads touch.
 */
public final class BlockToken
{
    /** Registered, nobody has ended it yet. */
    public static final int WAITING = 0;
    /** A shard took it: it serves the client or wakes it to retry. */
    public static final int CLAIMED = 1;
    /** The timeout expired. */
    public static final int TIMED_OUT = 2;
    /** CLIENT UNBLOCK (TIMEOUT): reply as on a timeout. */
    public static final int UNBLOCKED = 3;
    /** CLIENT UNBLOCK ERROR: reply the UNBLOCKED error. */
    public static final int UNBLOCKED_ERROR = 4;
    /** The client is gone, or gave up this attempt. */
    public static final int ABANDONED = 5;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final boolean hasTimeout;

    /**
     * @param hasTimeout whether the command has a timeout (INFO clients_in_timeout_table).
     */
    public BlockToken(final boolean hasTimeout)
    {
        this.hasTimeout = hasTimeout;
    }

    /**
     * A shard takes the attempt (any thread).
     *
     * @return true if it was waiting; the caller then owes the client its reply or wake-up.
     */
    public boolean claim()
    {
        return state.compareAndSet(WAITING, CLAIMED);
    }

    /**
     * The client's side ends the attempt (any thread).
     *
     * @param reason {@link #TIMED_OUT}, {@link #UNBLOCKED}, {@link #UNBLOCKED_ERROR} or {@link #ABANDONED}.
     * @return true if it was waiting; no shard will serve it then.
     */
    public boolean cancel(final int reason)
    {
        return state.compareAndSet(WAITING, reason);
    }

    /** @return the current state. */
    public int state()
    {
        return state.get();
    }

    /** @return whether nobody has ended the attempt yet. */
    public boolean isWaiting()
    {
        return state.get() == WAITING;
    }

    /** @return whether the command has a timeout. */
    public boolean hasTimeout()
    {
        return hasTimeout;
    }
}
