package dev.anax.transport;

import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.Option;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An I/O thread's agent: one selector, the connections it owns, and its engine
 * {@link Dispatcher}. Each cycle it reads and dispatches requests, drains its reply ring into the
 * connections, and writes what they have buffered, in bounded steps (a flat sum of pollers).
 * The acceptor (agent 0) hands new sockets to the agents round robin.
 */
final class IoAgent implements Agent
{
    private static final long HOUSEKEEPING_INTERVAL_MS = 100;

    private final int index;
    private final AnaxServer server;
    private final Dispatcher dispatcher;
    private final ServerConfig config;
    private final Selector selector;
    private final SelectorWaker waker;
    private final ManyToOneConcurrentArrayQueue<SocketChannel> handoff = new ManyToOneConcurrentArrayQueue<>(4096);
    private final List<Connection> connections = new ArrayList<>();
    private final List<Connection> dirty = new ArrayList<>();
    private final List<Connection> paused = new ArrayList<>();
    private final Consumer<SelectionKey> keyHandler = this::onKey;
    private ServerSocketChannel acceptor;
    private int nextAgent;
    private long nextHousekeepingMs;
    private long outputHardLimit;
    private String outputLimitText = "";
    private int work;

    IoAgent(final int index, final AnaxServer server, final Dispatcher dispatcher)
    {
        this.index = index;
        this.server = server;
        this.dispatcher = dispatcher;
        this.config = server.config();
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        this.waker = new SelectorWaker(selector);
        dispatcher.replyChannel().waker(waker);
    }

    SelectorWaker waker()
    {
        return waker;
    }

    Dispatcher dispatcher()
    {
        return dispatcher;
    }

    ServerConfig config()
    {
        return config;
    }

    /**
     * Make this agent the acceptor.
     *
     * @param channel bound, non-blocking server socket.
     * @throws IOException if it cannot be registered.
     */
    void accept(final ServerSocketChannel channel) throws IOException
    {
        this.acceptor = channel;
        channel.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Take a socket accepted by the acceptor (any thread).
     *
     * @param channel the socket.
     * @return false if the queue is full.
     */
    boolean offer(final SocketChannel channel)
    {
        if (handoff.offer(channel))
        {
            selector.wakeup();
            return true;
        }
        return false;
    }

    /** @return whether replies, events or new sockets wait (checked before sleeping). */
    boolean hasWork()
    {
        return !handoff.isEmpty() || dispatcher.hasWork();
    }

    @Override
    public String roleName()
    {
        return "io-" + index;
    }

    @Override
    public int doWork()
    {
        work = 0;
        SocketChannel incoming;
        while ((incoming = handoff.poll()) != null)
        {
            server.pendingAccept(-1);
            register(incoming);
            work++;
        }
        try
        {
            work += selector.selectNow(keyHandler);
            // Publish what every connection read in this cycle sent to the shards (their squashed
            // groups are shared) and wake the shards once.
            dispatcher.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        work += dispatcher.doWork();
        if (!paused.isEmpty())
        {
            resumePaused();
            dispatcher.flush();
        }
        if (!dirty.isEmpty())
        {
            flushDirty();
        }
        if (dispatcher.takeAttention())
        {
            closeKilled();
            work++;
        }
        final long nowMs = dispatcher.nowMs();
        if (nowMs >= nextHousekeepingMs)
        {
            nextHousekeepingMs = nowMs + HOUSEKEEPING_INTERVAL_MS;
            housekeeping(nowMs);
        }
        return work;
    }

    private void onKey(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final Object attachment = key.attachment();
        if (attachment == null)
        {
            if (key.isAcceptable())
            {
                acceptAll();
            }
            return;
        }
        final Connection connection = (Connection)attachment;
        if (key.isWritable())
        {
            connection.onWritable();
        }
        if (key.isValid() && key.isReadable())
        {
            work += connection.onReadable();
        }
    }

    private void acceptAll()
    {
        final AnaxServer s = server;
        for (int i = 0; i < 64; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = acceptor.accept();
            }
            catch (final IOException ex)
            {
                log("accept failed: " + ex);
                return;
            }
            if (channel == null)
            {
                return;
            }
            work++;
            if (s.engine().clients().size() + s.pendingAccepts() >= config.require("maxclients").asLong())
            {
                dispatcher.stats().increment(ThreadStats.REJECTED_CONNECTIONS);
                Connection.reject(channel, RespErrors.MAX_CLIENTS);
                continue;
            }
            if (!protectedModeAllows(channel))
            {
                dispatcher.stats().increment(ThreadStats.REJECTED_CONNECTIONS);
                Connection.reject(channel, PROTECTED_MODE_DENIED);
                continue;
            }
            final IoAgent target = s.ioAgent(nextAgent);
            nextAgent = (nextAgent + 1) % s.ioAgentCount();
            if (target == this)
            {
                register(channel);
            }
            else
            {
                s.pendingAccept(1);
                if (!target.offer(channel))
                {
                    s.pendingAccept(-1);
                    register(channel);
                }
            }
        }
    }

    static final String PROTECTED_MODE_DENIED =
        "DENIED Anax is running in protected mode because protected mode is enabled and no password is set " +
        "for the default user. In this mode connections are only accepted from the loopback interface. " +
        "Set a password with 'requirepass', or disable protected mode with 'protected-mode no', or bind to " +
        "specific addresses, then restart the server.";

    private boolean protectedModeAllows(final SocketChannel channel)
    {
        if (!config.require("protected-mode").asBoolean() || !config.require("requirepass").asString().isEmpty())
        {
            return true;
        }
        final String bind = config.require("bind").asString();
        if (!bind.contains("0.0.0.0") && !bind.contains("*") && !bind.contains("::"))
        {
            return true;
        }
        try
        {
            return ((InetSocketAddress)channel.getRemoteAddress()).getAddress().isLoopbackAddress();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private void register(final SocketChannel channel)
    {
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, config.require("tcp-keepalive").asLong() > 0);
            final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            final Connection connection = new Connection(this, channel, key, dispatcher);
            key.attach(connection);
            connections.add(connection);
        }
        catch (final IOException ex)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // already failing
            }
        }
    }

    void markDirty(final Connection connection)
    {
        dirty.add(connection);
    }

    void paused(final Connection connection)
    {
        paused.add(connection);
    }

    void closed(final Connection connection)
    {
        connections.remove(connection);
    }

    private void flushDirty()
    {
        // A flush can mark connections dirty again (close after flush): iterate by index.
        for (int i = 0; i < dirty.size(); i++)
        {
            work += dirty.get(i).flush() > 0 ? 1 : 0;
        }
        dirty.clear();
    }

    private void resumePaused()
    {
        for (int i = paused.size() - 1; i >= 0; i--)
        {
            final Connection connection = paused.get(i);
            if (connection.isClosed() || connection.tryResume() || !connection.isPaused())
            {
                paused.remove(i);
                work++;
            }
        }
    }

    private void closeKilled()
    {
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            if (connection.session().isKilled())
            {
                connection.close();
            }
        }
    }

    private void housekeeping(final long nowMs)
    {
        final Option limit = config.require("client-output-buffer-limit");
        if (!limit.asString().equals(outputLimitText))
        {
            outputLimitText = limit.asString();
            outputHardLimit = parseNormalHardLimit(outputLimitText);
        }
        final long timeoutSeconds = config.require("timeout").asLong();
        if (timeoutSeconds > 0)
        {
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                final Connection connection = connections.get(i);
                final ClientSession session = connection.session();
                if (nowMs - session.lastInteractionMs() > timeoutSeconds * 1000 && session.inFlight() == 0)
                {
                    connection.close();
                }
            }
        }
    }

    private static long parseNormalHardLimit(final String text)
    {
        final String[] parts = text.trim().split("\\s+");
        for (int i = 0; i + 3 < parts.length; i += 4)
        {
            if (parts[i].equalsIgnoreCase("normal"))
            {
                return Option.parseMemory(parts[i + 1]);
            }
        }
        return 0;
    }

    long normalOutputHardLimit()
    {
        return outputHardLimit;
    }

    void log(final String message)
    {
        server.log(message);
    }

    @Override
    public void onClose()
    {
        for (final Connection connection : new ArrayList<>(connections))
        {
            connection.flush();
            connection.close();
        }
        try
        {
            selector.close();
        }
        catch (final IOException ignore)
        {
            // shutting down
        }
    }
}
