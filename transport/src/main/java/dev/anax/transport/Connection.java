package dev.anax.transport;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespDecoder;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.client.ReplySink;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client socket on an I/O thread: its query buffer (parsed in place, zero copy), its output
 * buffer, and the engine session whose replies it writes in request order.
 * <pre>
 *   query buffer:  [ parsed | unparsed (readPosition..writePosition) | free ]
 *   output buffer: [ sent   | unsent   (sendPosition..outputLength)  | free ]
 * </pre>
 * Backpressure: while too many requests are unanswered or too many reply bytes are unsent, the
 * connection stops parsing and stops reading, so a client that never reads its replies cannot
 * make the server's memory grow without bound; the kernel's buffers then push back on it.
 */
final class Connection implements ReplySink
{
    static final int INITIAL_BUFFER = 16 * 1024;
    /** Unanswered requests at which parsing pauses. */
    static final int MAX_IN_FLIGHT = 1024;
    /** Unsent reply bytes at which parsing pauses. */
    static final int OUTPUT_HIGH_WATER = 1024 * 1024;

    private final IoAgent agent;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final RespDecoder decoder;
    private final CommandArgs args = new CommandArgs();
    private final ClientSession session;
    private final String remote;
    private final String local;

    private byte[] input = new byte[INITIAL_BUFFER];
    private ByteBuffer inputBuffer = ByteBuffer.wrap(input);
    private final UnsafeBuffer inputView = new UnsafeBuffer(input);
    private int readPosition;

    private byte[] output = new byte[INITIAL_BUFFER];
    private ByteBuffer outputBuffer = ByteBuffer.wrap(output);
    private int outputLength;
    private int sendPosition;

    private boolean dirty;
    private boolean paused;
    private boolean closeAfterFlush;
    private boolean closed;

    Connection(final IoAgent agent, final SocketChannel channel, final SelectionKey key, final Dispatcher dispatcher)
    {
        this.agent = agent;
        this.channel = channel;
        this.key = key;
        this.decoder = new RespDecoder();
        this.remote = address(channel, true);
        this.local = address(channel, false);
        this.session = dispatcher.open(this);
    }

    private static String address(final SocketChannel channel, final boolean remote)
    {
        try
        {
            final InetSocketAddress a = (InetSocketAddress)(remote ? channel.getRemoteAddress() : channel.getLocalAddress());
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "?:0";
        }
    }

    ClientSession session()
    {
        return session;
    }

    boolean isClosed()
    {
        return closed;
    }

    boolean isPaused()
    {
        return paused;
    }

    /**
     * Read what the socket has and handle every complete request.
     *
     * @return bytes read.
     */
    int onReadable()
    {
        if (closed)
        {
            return 0;
        }
        final int read;
        try
        {
            if (!inputBuffer.hasRemaining())
            {
                growInput(input.length * 2);
            }
            read = channel.read(inputBuffer);
        }
        catch (final IOException ex)
        {
            close();
            return 0;
        }
        if (read < 0)
        {
            close();
            return 0;
        }
        if (read > 0)
        {
            agent.dispatcher().stats().add(ThreadStats.NET_INPUT_BYTES, read);
            if (session.isHeld() && pendingInputBytes() > agent.config().require("client-query-buffer-limit").asLong())
            {
                agent.log("closing client that reached max query buffer length: " + remote);
                close();
                return read;
            }
            parse();
        }
        return read;
    }

    /**
     * Parse and dispatch complete requests from the query buffer, unless paused. The caller
     * calls {@link Dispatcher#flush()} afterwards (once for all the connections it parses).
     */
    void parse()
    {
        final Dispatcher dispatcher = agent.dispatcher();
        decoder.protoMaxBulkLen(agent.config().require("proto-max-bulk-len").asLong());
        final int writePosition = inputBuffer.position();
        while (readPosition < writePosition && !closed && !session.isClosing())
        {
            if (mustPause(dispatcher))
            {
                pause();
                break;
            }
            final int consumed = decoder.decode(inputView, readPosition, writePosition - readPosition, args);
            if (consumed == RespDecoder.INCOMPLETE)
            {
                onIncomplete(writePosition);
                break;
            }
            if (consumed < 0)
            {
                protocolError(decoder.errorMessage());
                break;
            }
            readPosition += consumed;
            if (args.count() > 0)
            {
                dispatcher.onCommand(session, args);
            }
        }
        if (readPosition == inputBuffer.position())
        {
            readPosition = 0;
            inputBuffer.clear();
        }
        // No dispatcher.flush() here: the I/O agent flushes once after every connection that was
        // ready has been parsed, so that their single-shard commands share one squashed group per
        // shard (fewer events; measured in docs/BENCHMARKS.md).
        if (session.isClosing())
        {
            closeAfterFlush = true;
            agent.markDirty(this);
        }
    }

    private boolean mustPause(final Dispatcher dispatcher)
    {
        return session.isHeld() || mustStopReading(dispatcher);
    }

    /**
     * Backpressure: stop reading the socket as well as parsing. A client that is only held (a
     * blocking command, a multi-hop command) is still read, as Redis reads a blocked client, so
     * that its disconnect is noticed and its blocked command given up.
     */
    private boolean mustStopReading(final Dispatcher dispatcher)
    {
        return session.inFlight() >= MAX_IN_FLIGHT ||
            pendingOutputBytes() >= OUTPUT_HIGH_WATER ||
            dispatcher.isCongested();
    }

    private void pause()
    {
        if (!paused)
        {
            paused = true;
            agent.paused(this);
        }
        reading(!mustStopReading(agent.dispatcher()));
    }

    private void reading(final boolean wanted)
    {
        final boolean on = wanted && !session.isClosing();
        final int ops = key.interestOps();
        if (on && (ops & SelectionKey.OP_READ) == 0)
        {
            key.interestOps(ops | SelectionKey.OP_READ);
        }
        else if (!on && (ops & SelectionKey.OP_READ) != 0)
        {
            key.interestOps(ops & ~SelectionKey.OP_READ);
        }
    }

    /**
     * Resume reading if the reason to pause has gone.
     *
     * @return true if resumed.
     */
    boolean tryResume()
    {
        if (!paused || closed)
        {
            return paused && closed;
        }
        if (mustPause(agent.dispatcher()))
        {
            reading(!mustStopReading(agent.dispatcher()));
            return false;
        }
        paused = false;
        reading(true);
        parse();
        return true;
    }

    private void onIncomplete(final int writePosition)
    {
        final long pending = writePosition - readPosition;
        final long limit = agent.config().require("client-query-buffer-limit").asLong();
        if (pending + decoder.pendingBytesHint() > limit + 1024L)
        {
            agent.log("closing client that reached max query buffer length: " + remote);
            close();
            return;
        }
        if (readPosition > 0 && (readPosition > input.length / 2 || writePosition == input.length))
        {
            // Move the partial request to the front; the decoder's progress is relative to it.
            System.arraycopy(input, readPosition, input, 0, (int)pending);
            inputBuffer.position((int)pending);
            readPosition = 0;
        }
        final long hint = decoder.pendingBytesHint();
        final long needed = pending + hint;
        if (needed > input.length && needed < Integer.MAX_VALUE - 64)
        {
            // Grow once to fit a large bulk, but never ahead of bytes actually arriving by more than 2x.
            growInput((int)Math.min(needed + 2, Math.max((long)input.length * 2, pending * 2 + INITIAL_BUFFER)));
        }
    }

    private void growInput(final int newCapacity)
    {
        final int used = inputBuffer.position();
        final byte[] bigger = new byte[Math.max(newCapacity, used + 1)];
        System.arraycopy(input, 0, bigger, 0, used);
        input = bigger;
        inputBuffer = ByteBuffer.wrap(input);
        inputBuffer.position(used);
        inputView.wrap(input);
    }

    private void protocolError(final String message)
    {
        agent.log("protocol error from " + remote + ": " + message);
        final Dispatcher dispatcher = agent.dispatcher();
        dispatcher.replyError(session, session.nextSequence(), message);
        session.closing(true);
        closeAfterFlush = true;
        readPosition = inputBuffer.position();
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        agent.markDirty(this);
    }

    @Override
    public void write(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return;
        }
        if (outputLength + length > output.length)
        {
            compactOrGrowOutput(length);
        }
        buffer.getBytes(offset, output, outputLength, length);
        outputLength += length;
        if (!dirty)
        {
            dirty = true;
            agent.markDirty(this);
        }
    }

    private void compactOrGrowOutput(final int extra)
    {
        final int unsent = outputLength - sendPosition;
        if (sendPosition > 0 && unsent + extra <= output.length)
        {
            System.arraycopy(output, sendPosition, output, 0, unsent);
        }
        else
        {
            final long wanted = Math.max((long)output.length * 2, (long)unsent + extra);
            if (wanted > Integer.MAX_VALUE - 64)
            {
                close();
                return;
            }
            final byte[] bigger = new byte[(int)wanted];
            System.arraycopy(output, sendPosition, bigger, 0, unsent);
            output = bigger;
            outputBuffer = ByteBuffer.wrap(output);
        }
        outputLength = unsent;
        sendPosition = 0;
    }

    /**
     * Send what is buffered.
     *
     * @return bytes written.
     */
    int flush()
    {
        dirty = false;
        if (closed)
        {
            return 0;
        }
        int written = 0;
        if (sendPosition < outputLength)
        {
            try
            {
                outputBuffer.limit(outputLength).position(sendPosition);
                written = channel.write(outputBuffer);
                sendPosition += written;
            }
            catch (final IOException ex)
            {
                close();
                return 0;
            }
            agent.dispatcher().stats().add(ThreadStats.NET_OUTPUT_BYTES, written);
            if (checkOutputLimit())
            {
                return written;
            }
        }
        if (sendPosition == outputLength)
        {
            sendPosition = 0;
            outputLength = 0;
            if (output.length > 4 * INITIAL_BUFFER * 16)
            {
                output = new byte[INITIAL_BUFFER];
                outputBuffer = ByteBuffer.wrap(output);
            }
            if ((key.interestOps() & SelectionKey.OP_WRITE) != 0)
            {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (closeAfterFlush && session.inFlight() == 0)
            {
                close();
            }
        }
        else if ((key.interestOps() & SelectionKey.OP_WRITE) == 0)
        {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        return written;
    }

    private boolean checkOutputLimit()
    {
        final long hard = agent.normalOutputHardLimit();
        if (hard > 0 && pendingOutputBytes() > hard)
        {
            agent.log("client " + remote + " closed for overcoming of output buffer limits.");
            close();
            return true;
        }
        return false;
    }

    void onWritable()
    {
        flush();
    }

    @Override
    public void closeAfterFlush()
    {
        closeAfterFlush = true;
        agent.markDirty(this);
    }

    @Override
    public void closeNow()
    {
        close();
    }

    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        key.cancel();
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
        agent.dispatcher().close(session);
        agent.closed(this);
    }

    /**
     * Write a final error and close, before any session exists for the peer (max clients).
     *
     * @param channel the socket.
     * @param message error text without '-' and CRLF.
     */
    static void reject(final SocketChannel channel, final String message)
    {
        try
        {
            channel.write(ByteBuffer.wrap(("-" + message + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final IOException ignore)
        {
            // best effort
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
    }

    @Override
    public long pendingOutputBytes()
    {
        return outputLength - sendPosition;
    }

    @Override
    public long pendingInputBytes()
    {
        return inputBuffer.position() - readPosition;
    }

    @Override
    public String remoteAddress()
    {
        return remote;
    }

    @Override
    public String localAddress()
    {
        return local;
    }
}
