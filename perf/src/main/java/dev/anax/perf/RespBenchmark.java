package dev.anax.perf;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespDecoder;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import org.agrona.ExpandableArrayBuffer;
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
 * The request path's pure-CPU pieces: decoding a RESP request, looking its command up, encoding
 * a reply. Run: {@code java -jar perf/target/anax-benchmarks.jar RespBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RespBenchmark
{
    private final RespDecoder decoder = new RespDecoder();
    private final CommandArgs args = new CommandArgs();
    private final RespWriter writer = new RespWriter(new ExpandableArrayBuffer(1024));
    private final byte[] value = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private UnsafeBuffer setRequest;
    private int setLength;
    private CommandTable table;

    @Setup
    public void setup()
    {
        final byte[] request = ("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000042\r\n$32\r\n" +
            "0123456789abcdef0123456789abcdef\r\n").getBytes(StandardCharsets.US_ASCII);
        setRequest = new UnsafeBuffer(request);
        setLength = request.length;
        table = CommandTable.load();
        decoder.decode(setRequest, 0, setLength, args);
    }

    @Benchmark
    public int decodeSet()
    {
        return decoder.decode(setRequest, 0, setLength, args);
    }

    @Benchmark
    public CommandSpec lookupCommand()
    {
        return table.lookup(args, 0);
    }

    @Benchmark
    public int encodeBulkReply()
    {
        writer.clear().bulk(value);
        return writer.position();
    }
}
