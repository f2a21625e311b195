package dev.anax.perf;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small load generator for the keyspace measurements of docs/ARCHITECTURE.md, which runs the
 * same way against Anax and redis-server:
 * <pre>
 *   load  N VALUE_SIZE [CONNS] [WINDOW] [TTL_MS]   SET key:%012d (16 bytes) for 0..N-1, pipelined
 *                                                 WINDOW deep on each of CONNS connections; prints
 *                                                 throughput and per-request latency percentiles
 *   probe SECONDS [KEY]                            one client's GETs, one at a time, for a while;
 *                                                 prints latency percentiles
 *   drain [LEFT]                                   polls DBSIZE every 50 ms until it is down to
 *                                                 LEFT (0); prints how long that took
 *   warm  N VALUE_SIZE                             N SETs of other keys, then FLUSHALL: warms the
 *                                                 server (a JIT) and the loader before a measure
 * </pre>
 * Usage: {@code java -cp perf/target/anax-benchmarks.jar dev.anax.perf.LoadGen host port mode ...}.
 * A request's latency is from the write of its batch to the parse of its reply, so a stall of
 * the server shows whole in the maximum.
 */
public final class LoadGen
{
    private LoadGen()
    {
    }

    /**
     * @param args host port mode arguments...
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String host = args[0];
        final int port = Integer.parseInt(args[1]);
        switch (args[2])
        {
            case "load":
                load(host, port, Long.parseLong(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 4,
                    args.length > 6 ? Integer.parseInt(args[6]) : 64,
                    args.length > 7 ? Long.parseLong(args[7]) : 0);
                break;
            case "probe":
                probe(host, port, Double.parseDouble(args[3]), args.length > 4 ? args[4] : "probe:key");
                break;
            case "drain":
                drain(host, port, args.length > 3 ? Long.parseLong(args[3]) : 0);
                break;
            case "warm":
                warm(host, port, Long.parseLong(args[3]), Integer.parseInt(args[4]));
                break;
            default:
                throw new IllegalArgumentException("mode: load, probe or drain");
        }
    }

    private static void load(
        final String host, final int port, final long keys, final int valueSize, final int conns, final int window,
        final long ttlMs) throws Exception
    {
        final byte[] value = new byte[valueSize];
        for (int i = 0; i < valueSize; i++)
        {
            value[i] = (byte)('a' + i % 26);
        }
        // Warm the loader's JIT with as many GETs of absent keys first: nothing is stored.
        final Histogram warm = new Histogram(3_600_000_000_000L, 3);
        loadConnection(host, port, Math.min(keys, 300_000), 0, 1, window, null, 0, warm, new long[2]);
        final List<Thread> threads = new ArrayList<>();
        final Histogram[] histograms = new Histogram[conns];
        final long[][] worst = new long[conns][2];
        final long start = System.nanoTime();
        for (int c = 0; c < conns; c++)
        {
            final int connection = c;
            histograms[c] = new Histogram(3_600_000_000_000L, 3);
            final Thread thread = new Thread(() ->
            {
                try
                {
                    loadConnection(host, port, keys, connection, conns, window, value, ttlMs, histograms[connection],
                        worst[connection]);
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final Histogram all = new Histogram(3_600_000_000_000L, 3);
        long worstNanos = 0;
        long worstAt = 0;
        for (int c = 0; c < conns; c++)
        {
            all.add(histograms[c]);
            if (worst[c][0] > worstNanos)
            {
                worstNanos = worst[c][0];
                worstAt = worst[c][1];
            }
        }
        System.out.printf(Locale.ROOT, "loaded %d keys (16-byte keys, %d-byte values) in %.1f s: %.0f SET/s%n",
            keys, valueSize, seconds, keys / seconds);
        printLatency("SET", all);
        System.out.printf(Locale.ROOT, "slowest SET: %.3f ms, near key %d of %d%n", worstNanos / 1e6, worstAt, keys);
    }

    private static void warm(final String host, final int port, final long keys, final int valueSize) throws IOException
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final byte[] value = new byte[valueSize];
        loadConnection(host, port, keys, 0, 1, 64, value, 0, histogram, new long[2]);
        try (Socket socket = new Socket(host, port))
        {
            socket.getOutputStream().write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static void loadConnection(
        final String host,
        final int port,
        final long keys,
        final int connection,
        final int conns,
        final int window,
        final byte[] value,
        final long ttlMs,
        final Histogram histogram,
        final long[] worst) throws IOException
    {
        try (Socket socket = new Socket(host, port))
        {
            socket.setTcpNoDelay(true);
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            final InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            final byte[] key = new byte[16];
            final byte[] ttl = ttlMs > 0 ? Long.toString(ttlMs).getBytes(StandardCharsets.US_ASCII) : null;
            final byte[] head = (value == null ? "*2\r\n$3\r\nGET\r\n$16\r\n" :
                "*" + (ttl != null ? 5 : 3) + "\r\n$3\r\nSET\r\n$16\r\n").getBytes(StandardCharsets.US_ASCII);
            final byte[] valueHead = value == null ? new byte[0] :
                ("\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            final byte[] px = ttl != null ? ("\r\n$2\r\nPX\r\n$" + ttl.length + "\r\n").getBytes(StandardCharsets.US_ASCII) : null;
            final byte[] crlf = {'\r', '\n'};
            long i = connection;
            while (i < keys)
            {
                int batch = 0;
                final long first = i;
                for (; batch < window && i < keys; batch++, i += conns)
                {
                    writeKey(key, i);
                    if (value == null)
                    {
                        key[0] = 'w';
                    }
                    out.write(head);
                    out.write(key);
                    out.write(valueHead);
                    if (value != null)
                    {
                        out.write(value);
                    }
                    if (ttl != null)
                    {
                        out.write(px);
                        out.write(ttl);
                    }
                    out.write(crlf);
                }
                final long sent = System.nanoTime();
                out.flush();
                for (int r = 0; r < batch; r++)
                {
                    readLine(in);
                    final long latency = System.nanoTime() - sent;
                    histogram.recordValue(latency);
                    if (latency > worst[0])
                    {
                        worst[0] = latency;
                        worst[1] = first;
                    }
                }
            }
        }
    }

    /** key:%012d without formatting. */
    private static void writeKey(final byte[] key, final long index)
    {
        key[0] = 'k';
        key[1] = 'e';
        key[2] = 'y';
        key[3] = ':';
        long v = index;
        for (int p = 15; p >= 4; p--)
        {
            key[p] = (byte)('0' + v % 10);
            v /= 10;
        }
    }

    private static String readLine(final InputStream in) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n')
        {
            if (b < 0)
            {
                throw new IOException("connection closed");
            }
            if (b != '\r')
            {
                sb.append((char)b);
            }
        }
        final String line = sb.toString();
        if (line.startsWith("-"))
        {
            throw new IOException("error reply: " + line);
        }
        return line;
    }

    private static void probe(final String host, final int port, final double seconds, final String key) throws IOException
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final byte[] request = ("*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(host, port))
        {
            socket.setTcpNoDelay(true);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final long end = System.nanoTime() + (long)(seconds * 1e9);
            while (System.nanoTime() < end)
            {
                final long start = System.nanoTime();
                out.write(request);
                out.flush();
                final String line = readLine(in);
                if (line.startsWith("$") && !line.equals("$-1"))
                {
                    final int length = Integer.parseInt(line.substring(1));
                    for (int i = 0; i < length + 2; i++)
                    {
                        in.read();
                    }
                }
                histogram.recordValue(System.nanoTime() - start);
            }
        }
        printLatency("GET", histogram);
    }

    private static void drain(final String host, final int port, final long left) throws IOException, InterruptedException
    {
        final byte[] request = "*1\r\n$6\r\nDBSIZE\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(host, port))
        {
            final OutputStream out = socket.getOutputStream();
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final long start = System.nanoTime();
            long size;
            long last = -1;
            do
            {
                out.write(request);
                out.flush();
                size = Long.parseLong(readLine(in).substring(1));
                if (size != last && (last < 0 || size <= left || (System.nanoTime() - start) / 1_000_000 % 500 < 50))
                {
                    System.out.printf(Locale.ROOT, "%6.2f s: %d keys%n", (System.nanoTime() - start) / 1e9, size);
                    last = size;
                }
                if (size > left)
                {
                    Thread.sleep(50);
                }
            }
            while (size > left);
            System.out.printf(Locale.ROOT, "drained in %.2f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    private static void printLatency(final String what, final Histogram h)
    {
        System.out.printf(Locale.ROOT,
            "%s latency (%d requests): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, p99.99 %.3f ms, max %.3f ms%n",
            what, h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
            h.getValueAtPercentile(99.9) / 1e6, h.getValueAtPercentile(99.99) / 1e6, h.getMaxValue() / 1e6);
    }
}
