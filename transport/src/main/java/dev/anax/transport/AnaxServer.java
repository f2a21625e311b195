package dev.anax.transport;

import dev.anax.engine.Engine;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.runtime.ParkingWaker;
import dev.anax.engine.runtime.WakeableIdleStrategy;
import dev.anax.engine.shard.Shard;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server assembled: an {@link Engine}, one {@link IoAgent} per thread, the listening socket,
 * and the threads chosen by the {@link ThreadingMode}.
 * <pre>
 *   SHARED (default), threads = N:        DEDICATED:
 *   core-0: [io-0 + shard-0]              io-0 .. io-N-1      (one thread each)
 *   core-1: [io-1 + shard-1]              shard-0 .. shard-N-1 (one thread each)
 *   ...
 * </pre>
 */
public final class AnaxServer implements AutoCloseable
{
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerConfig config;
    private final ThreadingMode mode;
    private final Engine engine;
    private final IoAgent[] ioAgents;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final List<AgentInvoker> invokers = new ArrayList<>();
    private final AtomicInteger pendingAccepts = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream log;
    private ServerSocketChannel listener;
    private int port;
    private volatile boolean closed;

    /**
     * @param config the options; {@code threads} and {@code threading-mode} decide the threads.
     * @param mode   threading mode, overriding the option (tests pass INVOKER).
     * @param log    where the server logs; null for none.
     */
    public AnaxServer(final ServerConfig config, final ThreadingMode mode, final PrintStream log)
    {
        this.config = config;
        this.mode = mode;
        this.log = log;
        final int threads = config.require("threads").asInt();
        this.engine = new Engine(config, threads);
        this.ioAgents = new IoAgent[threads];
        for (int i = 0; i < threads; i++)
        {
            ioAgents[i] = new IoAgent(i, this, engine.dispatchers()[i]);
        }
        engine.shutdownHook(() -> new Thread(this::close, "anax-shutdown").start());
    }

    /**
     * A server with the threading mode of the {@code threading-mode} option.
     *
     * @param config the options.
     * @param log    where to log, or null.
     */
    public AnaxServer(final ServerConfig config, final PrintStream log)
    {
        this(config, ThreadingMode.valueOf(config.require("threading-mode").asString().toUpperCase(
            java.util.Locale.ROOT)), log);
    }

    public ServerConfig config()
    {
        return config;
    }

    public Engine engine()
    {
        return engine;
    }

    IoAgent ioAgent(final int index)
    {
        return ioAgents[index];
    }

    int ioAgentCount()
    {
        return ioAgents.length;
    }

    int pendingAccepts()
    {
        return pendingAccepts.get();
    }

    void pendingAccept(final int delta)
    {
        pendingAccepts.addAndGet(delta);
    }

    /** @return the port the server listens on (resolved when the option was 0). */
    public int port()
    {
        return port;
    }

    /**
     * Bind the listening socket and start the threads.
     *
     * @return this.
     * @throws IOException if the port cannot be bound.
     */
    public AnaxServer start() throws IOException
    {
        listener = ServerSocketChannel.open();
        listener.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
        final String bind = config.require("bind").asString().trim().split("\\s+")[0];
        final String host = bind.equals("*") ? "0.0.0.0" : bind.startsWith("-") ? bind.substring(1) : bind;
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), config.require("port").asInt()),
            config.require("tcp-backlog").asInt());
        listener.configureBlocking(false);
        port = ((InetSocketAddress)listener.getLocalAddress()).getPort();
        ioAgents[0].accept(listener);

        final Shard[] shards = engine.shards();
        final ErrorHandler errorHandler = this::onError;
        switch (mode)
        {
            case SHARED:
                for (int i = 0; i < ioAgents.length; i++)
                {
                    final IoAgent io = ioAgents[i];
                    final Shard shard = shards[i];
                    shard.channel().waker(io.waker());
                    final CompositeAgent core = new CompositeAgent(io, shard);
                    final WakeableIdleStrategy idle = new WakeableIdleStrategy(
                        io.waker(), () -> io.hasWork() || shard.hasWork(), MAX_SLEEP_NANOS);
                    runners.add(new AgentRunner(idle, errorHandler, null, renamed(core, "anax-core-" + i)));
                }
                break;
            case DEDICATED:
                for (final IoAgent io : ioAgents)
                {
                    final WakeableIdleStrategy idle = new WakeableIdleStrategy(io.waker(), io::hasWork, MAX_SLEEP_NANOS);
                    runners.add(new AgentRunner(idle, errorHandler, null, io));
                }
                for (final Shard shard : shards)
                {
                    final ParkingWaker waker = new ParkingWaker();
                    shard.channel().waker(waker);
                    final WakeableIdleStrategy idle = new WakeableIdleStrategy(waker, shard::hasWork, MAX_SLEEP_NANOS);
                    runners.add(new AgentRunner(idle, errorHandler, null, new BindingAgent(shard, waker)));
                }
                break;
            case INVOKER:
                for (final IoAgent io : ioAgents)
                {
                    invokers.add(new AgentInvoker(errorHandler, null, io));
                }
                for (final Shard shard : shards)
                {
                    invokers.add(new AgentInvoker(errorHandler, null, shard));
                }
                invokers.forEach(AgentInvoker::start);
                break;
            default:
                throw new IllegalStateException(mode.name());
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner);
        }
        log("Anax ready to accept connections on " + host + ":" + port + " (threads=" + ioAgents.length +
            ", mode=" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
        return this;
    }

    /**
     * Step every agent once (INVOKER mode).
     *
     * @return work done.
     */
    public int invoke()
    {
        int work = 0;
        for (final AgentInvoker invoker : invokers)
        {
            work += invoker.invoke();
        }
        return work;
    }

    private static Agent renamed(final Agent agent, final String name)
    {
        return new Agent()
        {
            @Override
            public void onStart()
            {
                agent.onStart();
            }

            @Override
            public int doWork() throws Exception
            {
                return agent.doWork();
            }

            @Override
            public void onClose()
            {
                agent.onClose();
            }

            @Override
            public String roleName()
            {
                return name;
            }
        };
    }

    /**
     * Binds a parking waker to the thread that runs the agent.
     */
    private static final class BindingAgent implements Agent
    {
        private final Agent delegate;
        private final ParkingWaker waker;

        BindingAgent(final Agent delegate, final ParkingWaker waker)
        {
            this.delegate = delegate;
            this.waker = waker;
        }

        @Override
        public void onStart()
        {
            waker.bindCurrentThread();
            delegate.onStart();
        }

        @Override
        public int doWork() throws Exception
        {
            return delegate.doWork();
        }

        @Override
        public void onClose()
        {
            delegate.onClose();
        }

        @Override
        public String roleName()
        {
            return delegate.roleName();
        }
    }

    private void onError(final Throwable throwable)
    {
        log("error in agent: " + throwable);
        if (log != null)
        {
            throwable.printStackTrace(log);
        }
    }

    void log(final String message)
    {
        if (log != null)
        {
            log.println(ProcessHandle.current().pid() + ":M " +
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS")) + " * " + message);
        }
    }

    /**
     * Block until the server stopped (SHUTDOWN or {@link #close()}).
     *
     * @throws InterruptedException if interrupted.
     */
    public void awaitStop() throws InterruptedException
    {
        stopped.await();
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        log("Anax is shutting down");
        try
        {
            if (listener != null)
            {
                listener.close();
            }
        }
        catch (final IOException ignore)
        {
            // shutting down
        }
        for (final IoAgent io : ioAgents)
        {
            io.waker().wakeIfSleeping();
        }
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
        for (final AgentInvoker invoker : invokers)
        {
            invoker.close();
        }
        stopped.countDown();
    }
}
