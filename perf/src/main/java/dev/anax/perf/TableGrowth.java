package dev.anax.perf;

import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.Keyspace;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.Locale;

/**
 * The slowest single insert while a table grows from empty to N keys, in-process (no network, no
 * other thread): Anax's segmented table, whose growth splits one segment at a time, against
 * {@link HashMap}, which rehashes the whole table at every doubling.
 * Usage: {@code java -cp perf/target/anax-benchmarks.jar dev.anax.perf.TableGrowth [N] [map]}; with
 * {@code map} only the HashMap runs (for GC logs of an on-heap keyspace).
 */
public final class TableGrowth
{
    private TableGrowth()
    {
    }

    /**
     * @param args the number of keys (default 10,000,000).
     */
    public static void main(final String[] args)
    {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        if (args.length < 2 || !args[1].equals("map"))
        {
            growAnax(n);
        }
        growHashMap(n);
    }

    private static void growAnax(final int n)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[16]);
        final UnsafeBuffer value = new UnsafeBuffer(new byte[32]);
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        final Histogram anax = new Histogram(60_000_000_000L, 3);
        for (int round = 0; round < 2; round++)
        {
            anax.reset();
            long slowest = 0;
            long slowestAt = 0;
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++)
            {
                writeKey(key, i);
                final long t0 = System.nanoTime();
                db.insert(key, 0, 16, 32).setString(Encoding.EMBSTR, value, 0, 32);
                keyspace.endCommand();
                final long t = System.nanoTime() - t0;
                anax.recordValue(t);
                if (t > slowest)
                {
                    slowest = t;
                    slowestAt = i;
                }
            }
            report("anax table (round " + (round + 1) + ")", anax, slowest, slowestAt, System.nanoTime() - start, n);
            System.out.printf(Locale.ROOT, "  off-heap: %.1f bytes/key (records %.1f, table %.1f)%n",
                keyspace.offHeapBytes() / (double)n, keyspace.recordBytes() / (double)n, db.tableBytes() / (double)n);
            db.clear();
        }
        keyspace.close();
    }

    private static void growHashMap(final int n)
    {
        final Histogram map = new Histogram(60_000_000_000L, 3);
        for (int round = 0; round < 2; round++)
        {
            map.reset();
            final HashMap<KeyspaceBenchmark.Key, byte[]> hashMap = new HashMap<>();
            long slowest = 0;
            long slowestAt = 0;
            final long start = System.nanoTime();
            for (int i = 0; i < n; i++)
            {
                final byte[] k = new byte[16];
                writeKey(new UnsafeBuffer(k), i);
                final KeyspaceBenchmark.Key wrapped = new KeyspaceBenchmark.Key(k);
                final byte[] v = new byte[32];
                final long t0 = System.nanoTime();
                hashMap.put(wrapped, v);
                final long t = System.nanoTime() - t0;
                map.recordValue(t);
                if (t > slowest)
                {
                    slowest = t;
                    slowestAt = i;
                }
            }
            report("java.util.HashMap (round " + (round + 1) + ")", map, slowest, slowestAt, System.nanoTime() - start, n);
        }
    }

    private static void writeKey(final UnsafeBuffer key, final long index)
    {
        key.putByte(0, (byte)'k');
        key.putByte(1, (byte)'e');
        key.putByte(2, (byte)'y');
        key.putByte(3, (byte)':');
        long v = index;
        for (int p = 15; p >= 4; p--)
        {
            key.putByte(p, (byte)('0' + v % 10));
            v /= 10;
        }
    }

    private static void report(
        final String what, final Histogram h, final long slowest, final long slowestAt, final long total, final int n)
    {
        System.out.printf(Locale.ROOT, "%s: %d inserts in %.2f s; p50 %.2f us, p99.99 %.1f us, max %.3f ms " +
            "(insert %d); inserts over 1 ms: %d%n", what, n, total / 1e9, h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99.99) / 1e3, slowest / 1e6, slowestAt, h.getCountBetweenValues(1_000_000, h.getMaxValue()));
    }
}
