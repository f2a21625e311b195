package dev.anax.perf.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * anax-bench: a RESP load generator that checks its answers. Closed loop for peak throughput,
 * open loop at a fixed rate for latency without coordinated omission. Prints a summary and one
 * JSON line; optionally writes .hgrm percentile files and an HdrHistogram interval log.
 * Run {@code perf/anax-bench --help}.
 */
public final class AnaxBench
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private AnaxBench()
    {
    }

    /**
     * @param args options, see {@link BenchConfig#usage()}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        for (final String a : args)
        {
            if (a.equals("--help"))
            {
                System.out.println(BenchConfig.usage());
                return;
            }
        }
        final BenchConfig config;
        try
        {
            config = BenchConfig.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("anax-bench: " + ex.getMessage());
            System.exit(64);
            return;
        }
        System.exit(run(config));
    }

    /**
     * Runs one benchmark.
     *
     * @param config options.
     * @return the exit status: 0 clean, 2 error replies, 3 wrong answers or lost requests, 1 failure.
     * @throws Exception on failure.
     */
    public static int run(final BenchConfig config) throws Exception
    {
        final KeyFormat keyFormat = new KeyFormat(config.keySize, config.keys);
        final ValueCodec values = new ValueCodec(config.seed, config.valueSize);
        final CommandMix mix = CommandMix.parse(config.ratio, config.commands, keyFormat, values);
        final KeyDistribution distribution = KeyDistribution.parse(config.distribution, config.keys);
        final KeyspaceModel model = new KeyspaceModel(config.keys);
        final LatencyStats stats = new LatencyStats(mix.names());
        final RunClock clock = new RunClock();
        final CyclicBarrier barrier = new CyclicBarrier(config.threads + 1, () -> clock.start(config));
        final ShardSpread spread = new ShardSpread(config.spreadShards, keyFormat, config.keys);

        final LoadThread[] workers = new LoadThread[config.threads];
        final Thread[] threads = new Thread[config.threads];
        for (int t = 0; t < config.threads; t++)
        {
            final List<Integer> mine = new ArrayList<>();
            for (int c = t; c < config.connections; c += config.threads)
            {
                mine.add(c);
            }
            workers[t] = new LoadThread(t, config, mix, distribution, model, values, keyFormat, stats, clock,
                barrier, mine, spread);
            threads[t] = new Thread(workers[t], "anax-bench-" + t);
            threads[t].setDaemon(true);
        }
        final String settings = describe(config, mix, distribution);
        if (!config.quiet)
        {
            System.out.println("anax-bench " + settings);
        }
        final long loadStart = System.nanoTime();
        for (final Thread t : threads)
        {
            t.start();
        }
        try
        {
            barrier.await();
        }
        catch (final java.util.concurrent.BrokenBarrierException ex)
        {
            for (final Thread t : threads)
            {
                t.join(5000);
            }
            for (final LoadThread w : workers)
            {
                if (w.failure != null)
                {
                    System.err.println("anax-bench: " + w.failure);
                    return 1;
                }
            }
            throw ex;
        }
        final double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long loaded = 0;
        long loadProblems = 0;
        for (final LoadThread w : workers)
        {
            loaded += w.loaded;
            loadProblems += w.loadProblems;
        }
        if (config.load && !config.quiet)
        {
            System.out.printf(Locale.ROOT, "loaded %,d keys in %.2f s (%,.0f SET/s), %d problems%n",
                loaded, loadSeconds, loaded / loadSeconds, loadProblems);
        }

        Path out = null;
        if (config.outDir != null && !config.loadOnly)
        {
            out = Path.of(config.outDir);
            Files.createDirectories(out);
            stats.openLog(out.resolve(config.label + ".hlog"), "anax-bench " + settings);
        }
        double cpuSeconds = 0;
        final ServerProbe probe = config.serverPid > 0 ? new ServerProbe(config.serverPid) : null;
        double[] server0 = null;
        double[] server1 = null;
        if (!config.loadOnly)
        {
            sleepUntil(clock.measureStartNs);
            final long cpu0 = processCpuNs();
            server0 = probe == null ? null : probe.sample();
            long next = clock.measureStartNs + config.intervalNs;
            while (next < clock.measureEndNs)
            {
                sleepUntil(next);
                stats.flushInterval();
                next += config.intervalNs;
            }
            sleepUntil(clock.measureEndNs);
            cpuSeconds = (processCpuNs() - cpu0) / 1e9;
            server1 = probe == null ? null : probe.sample();
        }
        for (final Thread t : threads)
        {
            t.join();
        }
        stats.flushInterval();
        stats.close();

        final String[] names = mix.names();
        final long[] measured = new long[names.length];
        final long[] errors = new long[names.length];
        final long[] mismatches = new long[names.length];
        long lost = 0;
        long disconnects = 0;
        String firstProblem = null;
        final Histogram sendLag = new Histogram(3);
        for (final LoadThread w : workers)
        {
            if (w.failure != null)
            {
                System.err.println("anax-bench: " + w.failure);
                return 1;
            }
            for (int i = 0; i < names.length; i++)
            {
                measured[i] += w.measured[i];
                errors[i] += w.errors[i];
                mismatches[i] += w.mismatches[i];
            }
            lost += w.lost;
            disconnects += w.disconnects;
            sendLag.add(w.sendLag);
            if (firstProblem == null)
            {
                firstProblem = w.firstProblem;
            }
        }
        long totalErrors = 0;
        long totalMismatches = 0;
        long totalMeasured = 0;
        for (int i = 0; i < names.length; i++)
        {
            totalErrors += errors[i];
            totalMismatches += mismatches[i];
            totalMeasured += measured[i];
        }
        final double seconds = config.durationNs / 1e9;
        final double opsPerSec = config.loadOnly ? 0 : totalMeasured / seconds;
        // server CPU (cores), CPU microseconds per op, syscalls per op; NaN when not sampled
        final double[] server = {Double.NaN, Double.NaN, Double.NaN};
        if (server0 != null && server1 != null && totalMeasured > 0)
        {
            server[0] = (server1[0] - server0[0]) / seconds;
            server[1] = (server1[0] - server0[0]) * 1e6 / totalMeasured;
            server[2] = (server1[1] - server0[1] + server1[2] - server0[2]) / totalMeasured;
        }

        if (out != null)
        {
            for (int i = 0; i < names.length; i++)
            {
                LatencyStats.writeHgrm(stats.total(i), out.resolve(config.label + "-" + names[i] + ".hgrm"));
            }
            LatencyStats.writeHgrm(stats.all(), out.resolve(config.label + "-" + LatencyStats.ALL + ".hgrm"));
        }

        if (!config.quiet && !config.loadOnly)
        {
            System.out.printf(Locale.ROOT, "measured %.1f s: %,.0f ops/s%s; generator CPU %.0f%% of one core%n",
                seconds, opsPerSec, config.openLoop() ? String.format(Locale.ROOT, " (offered %,.0f/s)", config.rate) : "",
                100 * cpuSeconds / seconds);
            System.out.printf(Locale.ROOT, "%-8s %10s %10s %9s %9s %9s %9s %9s %9s   latency in ms%s%n", "command",
                "count", "ops/s", "p50", "p90", "p99", "p99.9", "p99.99", "max",
                config.openLoop() ? " from the planned send time" : "");
            for (int i = 0; i < names.length; i++)
            {
                printRow(names[i], stats.total(i), measured[i], seconds);
            }
            if (names.length > 1)
            {
                printRow(LatencyStats.ALL, stats.all(), totalMeasured, seconds);
            }
            if (server0 != null && server1 != null)
            {
                System.out.printf(Locale.ROOT, "server pid %d: %.2f cores, %.2f CPU us/op, %.3f syscalls/op%n",
                    config.serverPid, server[0], server[1], server[2]);
            }
            if (config.openLoop())
            {
                System.out.printf(Locale.ROOT, "send lag (actual - planned send): p99 %.3f ms, max %.3f ms%n",
                    sendLag.getValueAtPercentile(99) / 1e6, sendLag.getMaxValue() / 1e6);
            }
        }
        if (!config.quiet)
        {
            System.out.printf(Locale.ROOT, "checks: %d error replies, %d wrong answers, %d lost, %d disconnects%s%n",
                totalErrors + loadProblems, totalMismatches, lost, disconnects,
                firstProblem == null ? "" : "; first: " + firstProblem);
        }

        final String json = json(config, mix, distribution, names, stats, measured, errors, mismatches, opsPerSec,
            lost, disconnects, loaded, loadSeconds, loadProblems, cpuSeconds, sendLag, firstProblem, server);
        System.out.println(json);
        if (config.jsonFile != null)
        {
            Files.writeString(Path.of(config.jsonFile), json + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (totalMismatches > 0 || lost > 0 || disconnects > 0)
        {
            return 3;
        }
        return totalErrors + loadProblems > 0 ? 2 : 0;
    }

    private static void printRow(final String name, final Histogram h, final long count, final double seconds)
    {
        System.out.printf(Locale.ROOT, "%-8s %10d %10.0f", name, count, count / seconds);
        for (final double p : PERCENTILES)
        {
            System.out.printf(Locale.ROOT, " %9.3f", h.getValueAtPercentile(p) / 1e6);
        }
        System.out.printf(Locale.ROOT, " %9.3f%n", h.getMaxValue() / 1e6);
    }

    private static String describe(final BenchConfig c, final CommandMix mix, final KeyDistribution d)
    {
        return String.format(Locale.ROOT, "%s:%d %s, %d connections, %d thread(s), keys %,d %s (%d B), values %d B," +
            " mix %s, seed %d", c.host, c.port,
            c.openLoop() ? String.format(Locale.ROOT, "open loop at %,.0f req/s", c.rate) :
                "closed loop, pipeline " + c.pipeline,
            c.connections, c.threads, c.keys, d.describe(), c.keySize, c.valueSize, mix, c.seed);
    }

    private static String json(final BenchConfig c, final CommandMix mix, final KeyDistribution d, final String[] names,
        final LatencyStats stats, final long[] measured, final long[] errors, final long[] mismatches,
        final double opsPerSec, final long lost, final long disconnects, final long loaded, final double loadSeconds,
        final long loadProblems, final double cpuSeconds, final Histogram sendLag, final String firstProblem,
        final double[] server)
    {
        final StringBuilder sb = new StringBuilder(512);
        sb.append("{\"tool\":\"anax-bench\",\"label\":").append(quote(c.label))
            .append(",\"target\":").append(quote(c.host + ":" + c.port))
            .append(",\"mode\":").append(quote(c.loadOnly ? "load" : c.openLoop() ? "open" : "closed"))
            .append(",\"rate\":").append(num(c.rate))
            .append(",\"connections\":").append(c.connections)
            .append(",\"threads\":").append(c.threads)
            .append(",\"pipeline\":").append(c.pipeline)
            .append(",\"keys\":").append(c.keys)
            .append(",\"key_size\":").append(c.keySize)
            .append(",\"value_size\":").append(c.valueSize)
            .append(",\"distribution\":").append(quote(d.describe()))
            .append(",\"mix\":").append(quote(mix.toString()))
            .append(",\"seed\":").append(c.seed)
            .append(",\"duration_s\":").append(num(c.durationNs / 1e9))
            .append(",\"warmup_s\":").append(num(c.warmupNs / 1e9))
            .append(",\"ops_per_sec\":").append(num(opsPerSec))
            .append(",\"generator_cpu\":").append(num(c.loadOnly ? 0 : cpuSeconds / (c.durationNs / 1e9)))
            .append(",\"server_cpu\":").append(num(server[0]))
            .append(",\"server_cpu_us_per_op\":").append(num(server[1]))
            .append(",\"server_syscalls_per_op\":").append(num(server[2]))
            .append(",\"loaded\":").append(loaded)
            .append(",\"load_seconds\":").append(num(loadSeconds))
            .append(",\"load_problems\":").append(loadProblems)
            .append(",\"lost\":").append(lost)
            .append(",\"disconnects\":").append(disconnects)
            .append(",\"send_lag_p99_ms\":").append(num(sendLag.getValueAtPercentile(99) / 1e6))
            .append(",\"send_lag_max_ms\":").append(num(sendLag.getMaxValue() / 1e6))
            .append(",\"first_problem\":").append(firstProblem == null ? "null" : quote(firstProblem))
            .append(",\"commands\":{");
        long totalErrors = 0;
        long totalMismatches = 0;
        long total = 0;
        for (int i = 0; i < names.length; i++)
        {
            sb.append(i == 0 ? "" : ",").append(quote(names[i])).append(':');
            histogramJson(sb, stats.total(i), measured[i], errors[i], mismatches[i]);
            totalErrors += errors[i];
            totalMismatches += mismatches[i];
            total += measured[i];
        }
        sb.append(",\"ALL\":");
        histogramJson(sb, stats.all(), total, totalErrors, totalMismatches);
        sb.append("}}");
        return sb.toString();
    }

    private static void histogramJson(final StringBuilder sb, final Histogram h, final long count, final long errors,
        final long mismatches)
    {
        sb.append("{\"count\":").append(count).append(",\"errors\":").append(errors)
            .append(",\"wrong\":").append(mismatches);
        for (int p = 0; p < PERCENTILES.length; p++)
        {
            sb.append(",\"").append(PERCENTILE_NAMES[p]).append("_ms\":")
                .append(num(h.getValueAtPercentile(PERCENTILES[p]) / 1e6));
        }
        sb.append(",\"max_ms\":").append(num(h.getMaxValue() / 1e6))
            .append(",\"mean_ms\":").append(num(h.getTotalCount() == 0 ? 0 : h.getMean() / 1e6)).append('}');
    }

    private static String num(final double v)
    {
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String quote(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char ch = s.charAt(i);
            switch (ch)
            {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (ch < 0x20 || ch > 0x7e)
                    {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int)ch));
                    }
                    else
                    {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        long left;
        while ((left = deadlineNs - System.nanoTime()) > 0)
        {
            Thread.sleep(Math.max(1, left / 1_000_000L), 0);
            if (left < 1_000_000L)
            {
                return;
            }
        }
    }

    private static long processCpuNs()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            return ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime();
        }
        return 0;
    }
}
