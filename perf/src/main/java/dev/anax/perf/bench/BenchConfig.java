package dev.anax.perf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * anax-bench's options.
 */
public final class BenchConfig
{
    /** Server host. */
    public String host = "127.0.0.1";
    /** Server port. */
    public int port = 6379;
    /** Connections in all. */
    public int connections = 50;
    /** Selector threads the connections are spread over. */
    public int threads = 1;
    /** Closed loop: requests in flight per connection. */
    public int pipeline = 1;
    /** Open loop when positive: total requests per second. */
    public double rate;
    /** Open loop: most requests in flight per connection before sending waits. */
    public int maxInFlight = 1024;
    /** Measured window, ns. */
    public long durationNs = 10_000_000_000L;
    /** Unmeasured run before the window, ns. */
    public long warmupNs = 2_000_000_000L;
    /** After the window, how long to wait for outstanding replies, ns. */
    public long drainNs = 10_000_000_000L;
    /** Key space size. */
    public int keys = 100_000;
    /** Key length, bytes. */
    public int keySize = 16;
    /** Value length, bytes. */
    public int valueSize = 32;
    /** {@code uniform}, {@code zipf}, {@code zipf:THETA}. */
    public String distribution = "uniform";
    /** {@code SET:GET}, or null. */
    public String ratio;
    /** Extra templates, {@code [WEIGHT|]TEMPLATE}. */
    public final List<String> commands = new ArrayList<>();
    /** Load every key once before the run. */
    public boolean load = true;
    /** Load the keys and stop. */
    public boolean loadOnly;
    /** Requests in flight per connection while loading. */
    public int loadPipeline = 64;
    /** Seed of values and key choices. */
    public long seed = System.nanoTime();
    /** Directory for .hgrm and .hlog files, or null. */
    public String outDir;
    /** Label of this run (file names, JSON). */
    public String label = "run";
    /** Interval of the interval log, ns. */
    public long intervalNs = 1_000_000_000L;
    /** File the JSON line is appended to, or null. */
    public String jsonFile;
    /** Print only the JSON line. */
    public boolean quiet;
    /** Local server process to sample CPU time and syscalls of, or 0. */
    public long serverPid;
    /**
     * When above 1: the i-th key of a multi-key command lies in shard {@code i mod N} of an Anax
     * server with N shards (keys drawn again until one does).
     */
    public int spreadShards;

    /**
     * @return whether this is an open-loop run.
     */
    public boolean openLoop()
    {
        return rate > 0;
    }

    /**
     * @param args command line.
     * @return the options.
     * @throws IllegalArgumentException on a bad option.
     */
    public static BenchConfig parse(final String[] args)
    {
        final BenchConfig c = new BenchConfig();
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            switch (a)
            {
                case "-h": case "--host": c.host = value(args, ++i, a); break;
                case "-p": case "--port": c.port = Integer.parseInt(value(args, ++i, a)); break;
                case "-c": case "--connections": c.connections = positive(value(args, ++i, a), a); break;
                case "-t": case "--threads": c.threads = positive(value(args, ++i, a), a); break;
                case "-P": case "--pipeline": c.pipeline = positive(value(args, ++i, a), a); break;
                case "-R": case "--rate": c.rate = Double.parseDouble(value(args, ++i, a)); break;
                case "--max-inflight": c.maxInFlight = positive(value(args, ++i, a), a); break;
                case "-d": case "--duration": c.durationNs = duration(value(args, ++i, a)); break;
                case "-w": case "--warmup": c.warmupNs = duration(value(args, ++i, a)); break;
                case "--drain": c.drainNs = duration(value(args, ++i, a)); break;
                case "-k": case "--keys": c.keys = positive(value(args, ++i, a), a); break;
                case "--key-size": c.keySize = positive(value(args, ++i, a), a); break;
                case "-s": case "--value-size": c.valueSize = positive(value(args, ++i, a), a); break;
                case "--distribution": c.distribution = value(args, ++i, a); break;
                case "--ratio": c.ratio = value(args, ++i, a); break;
                case "--command": c.commands.add(value(args, ++i, a)); break;
                case "--no-load": c.load = false; break;
                case "--load-only": c.loadOnly = true; break;
                case "--load-pipeline": c.loadPipeline = positive(value(args, ++i, a), a); break;
                case "--seed": c.seed = Long.parseLong(value(args, ++i, a)); break;
                case "-o": case "--out": c.outDir = value(args, ++i, a); break;
                case "-l": case "--label": c.label = value(args, ++i, a); break;
                case "--interval": c.intervalNs = duration(value(args, ++i, a)); break;
                case "--json": c.jsonFile = value(args, ++i, a); break;
                case "-q": case "--quiet": c.quiet = true; break;
                case "--server-pid": c.serverPid = Long.parseLong(value(args, ++i, a)); break;
                case "--spread-shards": c.spreadShards = positive(value(args, ++i, a), a); break;
                default: throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
        }
        if (c.connections < c.threads)
        {
            c.threads = c.connections;
        }
        if (c.loadOnly)
        {
            c.load = true;
        }
        return c;
    }

    private static String value(final String[] args, final int i, final String name)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int positive(final String v, final String name)
    {
        final int n = Integer.parseInt(v);
        if (n <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
        return n;
    }

    /**
     * @param text {@code 10}, {@code 10s}, {@code 500ms}, {@code 2m}.
     * @return nanoseconds.
     */
    static long duration(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms"))
        {
            return (long)(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6);
        }
        if (t.endsWith("s"))
        {
            return (long)(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9);
        }
        if (t.endsWith("m"))
        {
            return (long)(Double.parseDouble(t.substring(0, t.length() - 1)) * 60e9);
        }
        return (long)(Double.parseDouble(t) * 1e9);
    }

    /**
     * @return the usage text.
     */
    public static String usage()
    {
        return String.join("\n",
            "Usage: anax-bench [options]",
            "  -h, --host HOST          server (127.0.0.1)            -p, --port PORT   (6379)",
            "  -c, --connections N      connections (50)              -t, --threads N   selector threads (1)",
            "  -P, --pipeline N         closed loop: requests in flight per connection (1)",
            "  -R, --rate R             open loop at R requests/s in all (latency from the PLANNED send time)",
            "      --max-inflight N     open loop: in-flight cap per connection (1024)",
            "  -d, --duration T         measured time (10s)           -w, --warmup T    unmeasured run first (2s)",
            "  -k, --keys N             key space (100000)            --key-size N      key bytes (16)",
            "  -s, --value-size N       value bytes (32)              --distribution D  uniform | zipf | zipf:THETA",
            "      --ratio S:G          SET:GET mix (1:1 when no --command is given)",
            "      --command 'W|TMPL'   extra template, weight W (1); placeholders __key__ __value__ __rand_int__;",
            "                           'CMD1; N*CMD2; ...' sends the commands as one request (one operation),",
            "                           e.g. 'MULTI; 10*SET __key__ __value__; EXEC'",
            "      --spread-shards N    key i of a multi-key command lies in Anax shard i mod N (N shards)",
            "      --no-load            do not SET every key first    --load-only       SET every key, then stop",
            "      --load-pipeline N    in flight per connection while loading (64)",
            "      --seed N             values and key choices        --interval T      interval log period (1s)",
            "  -o, --out DIR            write LABEL-CMD.hgrm, LABEL-ALL.hgrm, LABEL.hlog there",
            "  -l, --label NAME         run label (run)               --json FILE       append the JSON line",
            "  -q, --quiet              print only the JSON line",
            "      --server-pid PID     local server: report its CPU time and syscalls per operation",
            "Replies are checked: GET must return what this run last SET (or nil if never set); error",
            "replies and wrong answers are counted and make the exit status non-zero.");
    }
}
