package dev.anax.perf;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.sbe.CommandEventDecoder;
import dev.anax.codecs.sbe.CommandEventEncoder;
import dev.anax.codecs.sbe.MessageHeaderDecoder;
import dev.anax.codecs.sbe.MessageHeaderEncoder;
import dev.anax.codecs.sbe.Op;
import dev.anax.codecs.sbe.Protocol;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Encoding a SET into a ring slot as an SBE CommandEvent, and decoding it back into argument
 * ranges, as the dispatcher and the shard do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SbeBenchmark
{
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer source = new UnsafeBuffer(
        "SETkey:0000000000420123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final int[][] ranges = {{0, 3}, {3, 16}, {19, 32}};
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandEventEncoder encoder = new CommandEventEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CommandEventDecoder decoder = new CommandEventDecoder();
    private final CommandArgs args = new CommandArgs();

    @Setup
    public void setup()
    {
        encode();
    }

    @Benchmark
    public int encode()
    {
        final CommandEventEncoder e = encoder.wrapAndApplyHeader(slot, 0, headerEncoder)
            .connectionId(42).requestSeq(7).ioThread(0).shard(0).db((short)0)
            .protocol(Protocol.RESP2).op(Op.EXECUTE).commandId(3).subOp(0).part(0);
        e.flags().clear();
        final CommandEventEncoder.ArgsEncoder group = e.argsCount(ranges.length);
        for (final int[] r : ranges)
        {
            group.next().putArg(source, r[0], r[1]);
        }
        return e.encodedLength();
    }

    @Benchmark
    public int decode()
    {
        headerDecoder.wrap(slot, 0);
        final CommandEventDecoder d = decoder.wrapAndApplyHeader(slot, 0, headerDecoder);
        final long sum = d.connectionId() + d.requestSeq() + d.commandId();
        final CommandEventDecoder.ArgsDecoder group = d.args();
        args.reset(slot);
        while (group.hasNext())
        {
            group.next();
            args.add(d.limit() + CommandEventDecoder.ArgsDecoder.argHeaderLength(), group.argLength());
            group.skipArg();
        }
        return args.count() + (int)sum;
    }
}
