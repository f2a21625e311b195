package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.ReplySink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One line of CLIENT LIST / CLIENT INFO with the fields of Redis 7.0 in Redis's order. Anax has
 * no file descriptors, reply blocks or MULTI yet: those fields are zero (multi is -1, "not in a
 * transaction", as Redis shows it). The caller's query buffer holds the command being run, as in
 * Redis, so its {@code qbuf} and {@code argv-mem} count it.
 */
final class ClientInfoFormat
{
    private ClientInfoFormat()
    {
    }

    /**
     * Every session of the engine, oldest first (a racy snapshot, read from any thread).
     *
     * @param clients the engine's sessions.
     * @return them ordered by id.
     */
    static List<ClientSession> byId(final Collection<ClientSession> clients)
    {
        final List<ClientSession> sorted = new ArrayList<>(clients);
        sorted.sort(Comparator.comparingLong(ClientSession::id));
        return sorted;
    }

    /**
     * Append the line of one client, with its trailing newline.
     *
     * @param sb      where to append.
     * @param client  the client described.
     * @param caller  the client running the command.
     * @param args    the command being run by {@code caller}.
     * @param nowMs   clock.
     */
    static void append(
        final StringBuilder sb,
        final ClientSession client,
        final ClientSession caller,
        final CommandArgs args,
        final long nowMs)
    {
        final ReplySink sink = client.sink();
        final boolean self = client == caller;
        final long qbuf = sink.pendingInputBytes() + (self ? encodedLength(args) : 0);
        final long argvMem = self ? args.totalLength() : 0;
        final long omem = sink.pendingOutputBytes();
        sb.append("id=").append(client.id())
            .append(" addr=").append(sink.remoteAddress())
            .append(" laddr=").append(sink.localAddress())
            .append(" fd=0")
            .append(" name=").append(client.name())
            .append(" age=").append(Math.max(0, (nowMs - client.createdMs()) / 1000))
            .append(" idle=").append(Math.max(0, (nowMs - client.lastInteractionMs()) / 1000))
            .append(" flags=");
        final int flagsStart = sb.length();
        if (client.isBlocked())
        {
            sb.append('b');
        }
        if (client.isClosing())
        {
            sb.append('c');
        }
        if (client.isKilled())
        {
            sb.append('A');
        }
        if (client.noEvict())
        {
            sb.append('e');
        }
        if (client.noTouch())
        {
            sb.append('T');
        }
        if (sb.length() == flagsStart)
        {
            sb.append('N');
        }
        sb.append(" db=").append(client.dbForDisplay())
            .append(" sub=0 psub=0 ssub=0 multi=-1")
            .append(" qbuf=").append(qbuf)
            .append(" qbuf-free=0")
            .append(" argv-mem=").append(argvMem)
            .append(" multi-mem=0 rbs=0 rbp=0 obl=0 oll=0")
            .append(" omem=").append(omem)
            .append(" tot-mem=").append(qbuf + argvMem + omem)
            .append(" events=").append(omem > 0 ? "rw" : "r")
            .append(" cmd=").append(client.lastCommand())
            .append(" user=default redir=-1")
            .append(" resp=").append(client.protocol())
            .append('\n');
    }

    /**
     * Bytes of a request in RESP multi-bulk form.
     *
     * @param args the request.
     * @return its encoded length.
     */
    static long encodedLength(final CommandArgs args)
    {
        long length = 1 + digits(args.count()) + 2;
        for (int i = 0; i < args.count(); i++)
        {
            final int n = args.length(i);
            length += 1 + digits(n) + 2 + n + 2;
        }
        return length;
    }

    private static int digits(final long value)
    {
        return Long.toString(value).length();
    }
}
