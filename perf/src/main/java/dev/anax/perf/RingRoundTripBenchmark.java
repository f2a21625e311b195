package dev.anax.perf;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.Engine;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.client.ReplySink;
import dev.anax.engine.config.ServerConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off between threads without sockets: the benchmark thread plays the I/O thread
 * (dispatcher: gate, SBE encode into the shard's ring), a shard runs on its own busy-spinning
 * thread (decode, execute, reply into the reply ring), and the benchmark thread polls its reply
 * ring until the reply is delivered in order. One operation = one GET or SET round trip.
 * The {@code pipelined*} benchmarks dispatch {@value #DEPTH} requests as one batch of input (one
 * flush, as after one read of a socket) and wait for all their replies; one operation is still
 * one request. {@code squash} switches pipeline squashing: with {@code yes} the batch travels as
 * one group event and one reply event, with {@code no} as {@value #DEPTH} of each. A lone request
 * is a lone event either way. Needs two cores to mean anything.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RingRoundTripBenchmark
{
    static final int DEPTH = 16;

    @Param({"yes", "no"})
    public String squash;

    private Engine engine;
    private Dispatcher dispatcher;
    private ClientSession session;
    private AgentRunner shardRunner;
    private final CommandArgs get = new CommandArgs();
    private final CommandArgs set = new CommandArgs();
    private long replyBytes;

    @Setup(Level.Trial)
    public void setup()
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("threads", "1");
        config.setAtStartup("pipeline-squash", squash);
        engine = new Engine(config, 1);
        dispatcher = engine.dispatchers()[0];
        session = dispatcher.open(new CountingSink());
        shardRunner = new AgentRunner(new BusySpinIdleStrategy(), Throwable::printStackTrace, null, engine.shards()[0]);
        AgentRunner.startOnThread(shardRunner);
        args(set, "SET", "key:000000000042", "0123456789abcdef0123456789abcdef");
        args(get, "GET", "key:000000000042");
        roundTrip(set);
    }

    private static void args(final CommandArgs args, final String... words)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String w : words)
        {
            sb.append(w);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(sb.toString().getBytes(StandardCharsets.US_ASCII));
        args.reset(buffer);
        int offset = 0;
        for (final String w : words)
        {
            args.add(offset, w.length());
            offset += w.length();
        }
    }

    private long roundTrip(final CommandArgs args)
    {
        dispatcher.onCommand(session, args);
        dispatcher.flush();
        while (session.inFlight() > 0)
        {
            dispatcher.doWork();
        }
        return replyBytes;
    }

    private long pipelined(final CommandArgs args)
    {
        for (int i = 0; i < DEPTH; i++)
        {
            dispatcher.onCommand(session, args);
        }
        dispatcher.flush();
        while (session.inFlight() > 0)
        {
            dispatcher.doWork();
        }
        return replyBytes;
    }

    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public long pipelinedGet()
    {
        return pipelined(get);
    }

    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public long pipelinedSet()
    {
        return pipelined(set);
    }

    @Benchmark
    public long getRoundTrip()
    {
        return roundTrip(get);
    }

    @Benchmark
    public long setRoundTrip()
    {
        return roundTrip(set);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        shardRunner.close();
    }

    private final class CountingSink implements ReplySink
    {
        @Override
        public void write(final DirectBuffer buffer, final int offset, final int length)
        {
            replyBytes += length;
        }

        @Override
        public void closeAfterFlush()
        {
        }

        @Override
        public void closeNow()
        {
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
            return "127.0.0.1:1";
        }

        @Override
        public String localAddress()
        {
            return "127.0.0.1:6379";
        }
    }
}
