package dev.anax.perf;

import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A shard's keyspace: lookup of a present key, lookup of a missing key, and delete+insert of a
 * key, over a database of {@code size} keys of 16 bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KeyspaceBenchmark
{
    @Param({"100000", "1000000"})
    public int size;

    private Database db;
    private UnsafeBuffer[] keys;
    private UnsafeBuffer missing;
    private final byte[] value = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private int next;

    @Setup
    public void setup()
    {
        db = new Database();
        keys = new UnsafeBuffer[size];
        for (int i = 0; i < size; i++)
        {
            keys[i] = new UnsafeBuffer(String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII));
            final KeyEntry entry = db.insert(keys[i], 0, 16);
            entry.set(ValueType.STRING, Encoding.EMBSTR, value);
        }
        missing = new UnsafeBuffer("nokey:0000000001".getBytes(StandardCharsets.US_ASCII));
    }

    private UnsafeBuffer nextKey()
    {
        final UnsafeBuffer key = keys[next];
        next = next + 7919 < size ? next + 7919 : (next + 7919) % size;
        return key;
    }

    @Benchmark
    public KeyEntry getHit()
    {
        return db.get(nextKey(), 0, 16, 0);
    }

    @Benchmark
    public KeyEntry getMiss()
    {
        return db.get(missing, 0, 16, 0);
    }

    @Benchmark
    public KeyEntry deleteAndInsert()
    {
        final UnsafeBuffer key = nextKey();
        final KeyEntry entry = db.get(key, 0, 16, 0);
        db.remove(entry);
        final KeyEntry fresh = db.insert(key, 0, 16);
        fresh.set(ValueType.STRING, Encoding.EMBSTR, value);
        return fresh;
    }
}
