package dev.anax.engine.client;

import dev.anax.engine.coord.BlockingCall;
import dev.anax.engine.shard.BlockToken;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.util.PriorityQueue;

/**
 * The clients of one I/O thread that are in a blocking command: their timeouts (checked in
 * every {@link Dispatcher#doWork} cycle, as Redis checks them before it sleeps), the CLIENT
 * UNBLOCKs other threads sent them, and their disconnects. Owned by the I/O thread, except
 * {@link #unblock}, which any thread calls.
 */
public final class BlockedClients
{
    private final Dispatcher dispatcher;
    private final Long2ObjectHashMap<BlockingCall> calls = new Long2ObjectHashMap<>();
    private final PriorityQueue<BlockingCall> deadlines =
        new PriorityQueue<>((a, b) -> Long.compare(a.deadline(), b.deadline()));
    private final ManyToOneConcurrentLinkedQueue<ClientSession> unblocked = new ManyToOneConcurrentLinkedQueue<>();

    BlockedClients(final Dispatcher dispatcher)
    {
        this.dispatcher = dispatcher;
    }

    /**
     * Note the client's blocking command (from its start to its reply).
     *
     * @param session the client.
     * @param call    its command.
     */
    public void track(final ClientSession session, final BlockingCall call)
    {
        calls.put(session.id(), call);
    }

    /**
     * The command has replied.
     *
     * @param session the client.
     * @param call    its command.
     */
    public void untrack(final ClientSession session, final BlockingCall call)
    {
        calls.remove(session.id(), call);
        if (call.deadline() != 0)
        {
            deadlines.remove(call);
        }
    }

    /**
     * Call {@link BlockingCall#expire()} once its deadline has passed.
     *
     * @param call a blocked command with a deadline.
     */
    public void timeoutAt(final BlockingCall call)
    {
        deadlines.add(call);
    }

    /** @return how many of this thread's clients are in a blocking command. */
    public int size()
    {
        return calls.size();
    }

    /**
     * Release a blocked client (CLIENT UNBLOCK), from any thread.
     *
     * @param target the client.
     * @param reason {@link BlockToken#UNBLOCKED} or {@link BlockToken#UNBLOCKED_ERROR}.
     * @return true when it was blocked and will now be answered.
     */
    public static boolean unblock(final ClientSession target, final int reason)
    {
        final BlockToken token = target.blockToken();
        if (token == null || !token.cancel(reason))
        {
            return false;
        }
        final Dispatcher owner = target.dispatcher();
        owner.blocked().unblocked.offer(target);
        owner.requestAttention();
        return true;
    }

    /** @return whether a CLIENT UNBLOCK waits to be handled. */
    boolean hasWork()
    {
        return !unblocked.isEmpty();
    }

    /**
     * Handle the CLIENT UNBLOCKs received and the deadlines passed.
     *
     * @param nowMs the I/O thread's clock.
     * @return work done.
     */
    int doWork(final long nowMs)
    {
        int work = 0;
        ClientSession session;
        while ((session = unblocked.poll()) != null)
        {
            final BlockingCall call = calls.get(session.id());
            if (call != null)
            {
                call.unblocked();
                work++;
            }
        }
        BlockingCall call;
        while ((call = deadlines.peek()) != null && call.deadline() <= nowMs)
        {
            deadlines.poll();
            call.expire();
            work++;
        }
        return work;
    }

    /**
     * The client's connection closed: its blocking command, if any, gives up.
     *
     * @param session the client.
     */
    void onClose(final ClientSession session)
    {
        final BlockingCall call = calls.remove(session.id());
        if (call != null)
        {
            if (call.deadline() != 0)
            {
                deadlines.remove(call);
            }
            call.abort();
        }
    }
}
