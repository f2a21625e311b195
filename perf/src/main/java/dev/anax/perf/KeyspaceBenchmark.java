package dev.anax.perf;

import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.Keyspace;
import org.agrona.collections.Object2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The keyspace table against {@link HashMap} and Agrona's {@link Object2ObjectHashMap}, with the
 * same 16-byte keys and 32-byte values, in random order: get of a present key, put over a
 * present key, and insert-then-delete of an absent one. The maps hold keys as a wrapper with a
 * cached hash (the cheapest a byte[] key can be in them) and are probed with equal but distinct
 * key objects (a server builds its lookup key from the request; probing with the very object
 * stored would let equals() stop at identity); Anax copies key and value into its off-heap record
 * and recycles its handles after every operation, as a shard does after every command. Run: {@code java -jar perf/target/anax-benchmarks.jar KeyspaceBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class KeyspaceBenchmark
{
    private static final int KEY_LENGTH = 16;
    private static final int ORDER = 1 << 20;

    @Param({"1000000"})
    public int keys;

    private UnsafeBuffer present;
    private UnsafeBuffer absent;
    private Key[] presentKeys;
    private Key[] probeKeys;
    private Key[] absentKeys;
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[32]);
    private final byte[] valueArray = new byte[32];
    private int[] order;
    private int next;

    private Keyspace keyspace;
    private Database db;
    private HashMap<Key, byte[]> hashMap;
    private Object2ObjectHashMap<Key, byte[]> agronaMap;

    /** A byte[] key for the maps: equality of contents, hash computed once. */
    static final class Key
    {
        final byte[] bytes;
        final int hash;

        Key(final byte[] bytes)
        {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Key && Arrays.equals(bytes, ((Key)other).bytes);
        }
    }

    @Setup(Level.Trial)
    public void setup()
    {
        present = new UnsafeBuffer(new byte[keys * KEY_LENGTH]);
        absent = new UnsafeBuffer(new byte[keys * KEY_LENGTH]);
        presentKeys = new Key[keys];
        probeKeys = new Key[keys];
        absentKeys = new Key[keys];
        for (int i = 0; i < keys; i++)
        {
            final byte[] p = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
            final byte[] a = String.format("new:%012d", i).getBytes(StandardCharsets.US_ASCII);
            present.putBytes(i * KEY_LENGTH, p);
            absent.putBytes(i * KEY_LENGTH, a);
            presentKeys[i] = new Key(p);
            probeKeys[i] = new Key(p.clone());
            absentKeys[i] = new Key(a);
        }
        final SplittableRandom random = new SplittableRandom(7);
        order = new int[ORDER];
        for (int i = 0; i < ORDER; i++)
        {
            order[i] = random.nextInt(keys);
        }
        keyspace = new Keyspace();
        db = new Database(keyspace);
        hashMap = new HashMap<>();
        agronaMap = new Object2ObjectHashMap<>();
        for (int i = 0; i < keys; i++)
        {
            db.insert(present, i * KEY_LENGTH, KEY_LENGTH, 32).setString(Encoding.EMBSTR, value, 0, 32);
            keyspace.endCommand();
            hashMap.put(presentKeys[i], valueArray.clone());
            agronaMap.put(presentKeys[i], valueArray.clone());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        keyspace.close();
    }

    private int nextIndex()
    {
        return order[next++ & (ORDER - 1)];
    }

    @Benchmark
    public int anaxGet()
    {
        final KeyEntry entry = db.get(present, nextIndex() * KEY_LENGTH, KEY_LENGTH, 0);
        final int length = entry.valueLength();
        keyspace.endCommand();
        return length;
    }

    @Benchmark
    public int hashMapGet()
    {
        return hashMap.get(probeKeys[nextIndex()]).length;
    }

    @Benchmark
    public int agronaGet()
    {
        return agronaMap.get(probeKeys[nextIndex()]).length;
    }

    @Benchmark
    public int anaxPut()
    {
        final KeyEntry entry = db.get(present, nextIndex() * KEY_LENGTH, KEY_LENGTH, 0);
        entry.setString(Encoding.EMBSTR, value, 0, 32);
        keyspace.endCommand();
        return 0;
    }

    @Benchmark
    public Object hashMapPut()
    {
        return hashMap.put(probeKeys[nextIndex()], valueArray.clone());
    }

    @Benchmark
    public Object agronaPut()
    {
        return agronaMap.put(probeKeys[nextIndex()], valueArray.clone());
    }

    @Benchmark
    public int anaxInsertDelete()
    {
        final int offset = nextIndex() * KEY_LENGTH;
        db.insert(absent, offset, KEY_LENGTH, 32).setString(Encoding.EMBSTR, value, 0, 32);
        keyspace.endCommand();
        db.remove(db.get(absent, offset, KEY_LENGTH, 0));
        keyspace.endCommand();
        return 0;
    }

    @Benchmark
    public Object hashMapInsertDelete()
    {
        final Key key = absentKeys[nextIndex()];
        hashMap.put(key, valueArray.clone());
        return hashMap.remove(key);
    }

    @Benchmark
    public Object agronaInsertDelete()
    {
        final Key key = absentKeys[nextIndex()];
        agronaMap.put(key, valueArray.clone());
        return agronaMap.remove(key);
    }

    /**
     * Bytes each structure holds per key after setup, measured from the heap and the keyspace.
     *
     * @param args unused.
     */
    public static void main(final String[] args)
    {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final Runtime runtime = Runtime.getRuntime();
        final KeyspaceBenchmark b = new KeyspaceBenchmark();
        b.keys = n;
        b.setup();
        final Map<String, Long> sizes = new HashMap<>();
        sizes.put("anax (off-heap: records + table)", b.keyspace.offHeapBytes());
        b.db = null;
        System.gc();
        final long withMaps = runtime.totalMemory() - runtime.freeMemory();
        b.hashMap = null;
        System.gc();
        final long withAgrona = runtime.totalMemory() - runtime.freeMemory();
        sizes.put("java.util.HashMap (heap)", withMaps - withAgrona);
        b.agronaMap = null;
        System.gc();
        final long without = runtime.totalMemory() - runtime.freeMemory();
        sizes.put("Object2ObjectHashMap (heap)", withAgrona - without);
        b.presentKeys = null;
        b.probeKeys = null;
        System.gc();
        final long keyObjects = without - (runtime.totalMemory() - runtime.freeMemory());
        sizes.put("+ a key object for either map (heap)", keyObjects);
        for (final Map.Entry<String, Long> e : sizes.entrySet())
        {
            System.out.printf("%-36s %6.1f bytes/key%n", e.getKey(), e.getValue() / (double)n);
        }
    }
}
