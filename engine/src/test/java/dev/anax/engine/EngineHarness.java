package dev.anax.engine;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.client.ReplySink;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.shard.Shard;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;

import java.nio.charset.StandardCharsets;

/**
 * Runs the real engine in the test's thread: commands go through the real dispatcher, the SBE
 * events through the real rings, and the test steps every agent until the reply arrives.
 * <pre>
 *   try (EngineHarness h = new EngineHarness(4)) {
 *       assertThat(h.send("SET", "k", "v")).isEqualTo("+OK\r\n");
 *   }
 * </pre>
 * The shards' clock is {@link #clock()}: tests move time with {@code clock().advance(ms)}; after
 * {@link #clientClock()} the dispatcher (blocking command timeouts) follows it too. A client
 * blocked in a command gets no reply from {@code send}: use {@code sendNoWait} and {@code poll}.
 */
public final class EngineHarness implements AutoCloseable
{
    private final ServerConfig config;
    private final Engine engine;
    private final CachedEpochClock clock = new CachedEpochClock();
    private final Client defaultClient;

    /**
     * An engine with {@code shards} shards and one I/O dispatcher.
     *
     * @param shards number of shards (the {@code threads} option).
     */
    public EngineHarness(final int shards)
    {
        this(shards, new ServerConfig());
    }

    /**
     * An engine over a given config.
     *
     * @param shards number of shards.
     * @param config options to start with.
     */
    public EngineHarness(final int shards, final ServerConfig config)
    {
        this.config = config;
        config.setAtStartup("threads", Integer.toString(shards));
        clock.update(1_700_000_000_000L);
        this.engine = new Engine(config, 1);
        for (final Shard shard : engine.shards())
        {
            shard.clock(clock);
        }
        this.defaultClient = newClient();
    }

    public Engine engine()
    {
        return engine;
    }

    public ServerConfig config()
    {
        return config;
    }

    public CachedEpochClock clock()
    {
        return clock;
    }

    /**
     * Send a command as the default client and return its raw RESP reply.
     *
     * @param args command and arguments.
     * @return the reply bytes as ISO-8859-1 text.
     */
    public String send(final String... args)
    {
        return defaultClient.send(args);
    }

    /**
     * Send a command with binary arguments as the default client.
     *
     * @param args command and arguments.
     * @return the reply bytes as ISO-8859-1 text.
     */
    public String send(final byte[]... args)
    {
        return defaultClient.send(args);
    }

    public Client client()
    {
        return defaultClient;
    }

    /** @return a new connection. */
    public Client newClient()
    {
        return new Client();
    }

    /** Step every agent once; returns the work done. */
    public int step()
    {
        int work = 0;
        final Dispatcher dispatcher = engine.dispatchers()[0];
        dispatcher.flush();
        for (final Shard shard : engine.shards())
        {
            try
            {
                work += shard.doWork();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        work += dispatcher.doWork();
        return work;
    }

    /**
     * Make the dispatcher's clock (blocking command timeouts) the harness clock too.
     *
     * @return this.
     */
    public EngineHarness clientClock()
    {
        engine.dispatchers()[0].clock(clock);
        return this;
    }

    /**
     * Step every agent until nothing moves any more (at most 1,000 steps).
     */
    public void settle()
    {
        for (int i = 0; i < 1_000 && step() > 0; i++)
        {
            // stepping
        }
    }

    @Override
    public void close()
    {
    }

    /**
     * One client connection of the harness.
     */
    public final class Client implements ReplySink
    {
        private final ClientSession session;
        private final ExpandableArrayBuffer output = new ExpandableArrayBuffer();
        private int outputLength;
        private boolean closed;

        Client()
        {
            this.session = engine.dispatchers()[0].open(this);
        }

        public ClientSession session()
        {
            return session;
        }

        public boolean isClosed()
        {
            return closed;
        }

        /** Disconnect: the engine forgets the session as the transport does on close. */
        public void disconnect()
        {
            closed = true;
            engine.dispatchers()[0].close(session);
        }

        /**
         * Step the engine until nothing moves, without waiting for any reply (a blocked client).
         *
         * @return everything written to this client since the last call.
         */
        public String poll()
        {
            settle();
            final byte[] raw = new byte[outputLength];
            output.getBytes(0, raw);
            outputLength = 0;
            return new String(raw, StandardCharsets.ISO_8859_1);
        }

        /**
         * Send a command and step the engine until its reply (and any earlier one) arrived.
         *
         * @param args command and arguments.
         * @return everything written to this client since the last call.
         */
        public String send(final String... args)
        {
            final byte[][] bytes = new byte[args.length][];
            for (int i = 0; i < args.length; i++)
            {
                bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
            }
            return send(bytes);
        }

        /**
         * Send a command with binary arguments.
         *
         * @param args command and arguments.
         * @return everything written to this client since the last call.
         */
        public String send(final byte[]... args)
        {
            sendNoWait(args);
            return await();
        }

        /**
         * Dispatch a command without stepping the engine (for pipelines).
         *
         * @param args command and arguments.
         */
        public void sendNoWait(final String... args)
        {
            final byte[][] bytes = new byte[args.length][];
            for (int i = 0; i < args.length; i++)
            {
                bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
            }
            sendNoWait(bytes);
        }

        /**
         * Dispatch a command with binary arguments without stepping the engine.
         *
         * @param args command and arguments.
         */
        public void sendNoWait(final byte[]... args)
        {
            final ExpandableArrayBuffer input = new ExpandableArrayBuffer();
            final CommandArgs commandArgs = new CommandArgs().reset(input);
            int position = 0;
            for (final byte[] arg : args)
            {
                input.putBytes(position, arg);
                commandArgs.add(position, arg.length);
                position += arg.length;
            }
            engine.dispatchers()[0].onCommand(session, commandArgs);
        }

        /**
         * Step the engine until no request of this client is unanswered.
         *
         * @return everything written to this client since the last call.
         */
        public String await()
        {
            for (int i = 0; i < 10_000 && session.inFlight() > 0; i++)
            {
                step();
            }
            if (session.inFlight() > 0)
            {
                throw new IllegalStateException("no reply after 10000 steps");
            }
            final String reply = output.getStringWithoutLengthAscii(0, outputLength);
            final byte[] raw = new byte[outputLength];
            output.getBytes(0, raw);
            outputLength = 0;
            return new String(raw, StandardCharsets.ISO_8859_1).equals(reply) ? reply :
                new String(raw, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void write(final DirectBuffer buffer, final int offset, final int length)
        {
            output.putBytes(outputLength, buffer, offset, length);
            outputLength += length;
        }

        @Override
        public void closeAfterFlush()
        {
            closed = true;
        }

        @Override
        public void closeNow()
        {
            closed = true;
        }

        @Override
        public long pendingOutputBytes()
        {
            return 0;
        }

        @Override
        public long pendingInputBytes()
        {
            return 0;
        }

        @Override
        public String remoteAddress()
        {
            return "127.0.0.1:50000";
        }

        @Override
        public String localAddress()
        {
            return "127.0.0.1:6379";
        }
    }
}
