package dev.anax.engine.coord;

import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import org.agrona.DirectBuffer;

/**
 * The coordinator's state of one request spread over several shards: it receives each part's
 * reply and, when all have arrived, writes the client's reply (or starts the next hop).
 */
public abstract class Coordination
{
    protected final Dispatcher dispatcher;
    protected final ClientSession session;
    protected final long seq;
    protected int outstanding;

    protected Coordination(final Dispatcher dispatcher, final ClientSession session, final long seq)
    {
        this.dispatcher = dispatcher;
        this.session = session;
        this.seq = seq;
    }

    /**
     * Count a part that was published.
     */
    public final void expectPart()
    {
        outstanding++;
    }

    /**
     * A part's reply arrived. The buffer is valid only during the call.
     *
     * @param part       index given when the part was published.
     * @param reply      RESP bytes.
     * @param length     of the reply, from offset 0.
     * @param attachment object handed back by the shard, or null.
     */
    public final void onPart(final int part, final DirectBuffer reply, final int length, final Object attachment)
    {
        outstanding--;
        part(part, reply, length, attachment);
        if (outstanding == 0)
        {
            session.endCoordination(seq);
            allPartsDone();
        }
    }

    /**
     * Handle one part's reply.
     *
     * @param part       index.
     * @param reply      RESP bytes.
     * @param length     of the reply.
     * @param attachment from the shard, or null.
     */
    protected abstract void part(int part, DirectBuffer reply, int length, Object attachment);

    /**
     * Every published part has replied: reply to the client, or publish the next hop (then
     * register again with the session).
     */
    protected abstract void allPartsDone();
}
