package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Differential tester: sends the same seeded random command sequences to a real redis-server and
 * to Anax and compares every reply (see {@link Normalizer} for the few normalizations). On a
 * mismatch it replays and shrinks the sequence ({@link Shrinker}) and prints the shortest
 * reproducer it found as redis-cli lines, with the seed that replays it.
 * <pre>
 * DiffTester [--seed N] [--seconds S] [--sequences N] [--length L]
 *            [--redis HOST:PORT] [--anax HOST:PORT] [--commands LIST] [--commands-file FILE]
 *            [--max-mismatches N] [--timeout MS] [--list] [--resp3]
 * </pre>
 * {@code --resp3}: every connection starts with HELLO 3 on both servers.
 * Exit status: 0 when every reply agreed, 1 on mismatches (or when a command named by the
 * filter is not usable), 2 on setup errors.
 */
public final class DiffTester
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long seed = System.nanoTime() & 0xFFFF_FFFFL;
    private double seconds = 60;
    private long maxSequences;
    private int length = 40;
    private String redisAddress = "127.0.0.1:6379";
    private String anaxAddress = "127.0.0.1:6380";
    private final CommandFilter filter = CommandFilter.all();
    private final List<String> filterSources = new ArrayList<>();
    private int maxMismatches = 20;
    private int timeoutMillis = 5000;
    private int shrinkAttempts = 400;
    private boolean list;
    private boolean resp3;

    private DiffTester()
    {
    }

    /**
     * @param args options, see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out));
    }

    /**
     * Parse the options and run.
     *
     * @param args options.
     * @param out  where the report goes.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out)
    {
        final DiffTester tester = new DiffTester();
        try
        {
            tester.parse(args);
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            out.println("DiffTester: " + ex.getMessage());
            return 2;
        }
        return tester.execute(out);
    }

    /**
     * The seed of sequence {@code k} of a run with seed {@code seed}: sequence 0 has the run's
     * seed, so {@code --seed S --sequences 1} replays the sequence whose seed is S.
     *
     * @param seed the run's seed.
     * @param k    sequence number.
     * @return the sequence's seed.
     */
    public static long sequenceSeed(final long seed, final long k)
    {
        return seed + k * GOLDEN;
    }

    private void parse(final String[] rawArgs) throws IOException
    {
        final List<String> split = new ArrayList<>();
        for (final String a : rawArgs)
        {
            final int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2)
            {
                split.add(a.substring(0, eq));
                split.add(a.substring(eq + 1));
            }
            else
            {
                split.add(a);
            }
        }
        final String[] args = split.toArray(new String[0]);
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            if (a.equals("--list"))
            {
                list = true;
                continue;
            }
            if (a.equals("--resp3"))
            {
                resp3 = true;
                continue;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("missing value of " + a);
            }
            final String v = args[++i];
            switch (a)
            {
                case "--seed":
                    seed = Long.parseLong(v);
                    break;
                case "--seconds":
                    seconds = Double.parseDouble(v);
                    break;
                case "--sequences":
                    maxSequences = Long.parseLong(v);
                    break;
                case "--length":
                    length = Integer.parseInt(v);
                    break;
                case "--redis":
                    redisAddress = v;
                    break;
                case "--anax":
                    anaxAddress = v;
                    break;
                case "--commands":
                    filter.add(v);
                    filterSources.add("--commands " + v);
                    break;
                case "--commands-file":
                    filter.add(java.nio.file.Files.readString(Path.of(v)));
                    filterSources.add("--commands-file " + v);
                    break;
                case "--max-mismatches":
                    maxMismatches = Integer.parseInt(v);
                    break;
                case "--timeout":
                    timeoutMillis = Integer.parseInt(v);
                    break;
                case "--shrink-attempts":
                    shrinkAttempts = Integer.parseInt(v);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a +
                        " (--seed --seconds --sequences --length --redis --anax --commands --commands-file " +
                        "--max-mismatches --timeout --shrink-attempts --list --resp3)");
            }
        }
    }

    private int execute(final PrintStream out)
    {
        final CommandTable table = CommandTable.load();
        try (RespEndpoint redis = RespEndpoint.parse("redis-server", redisAddress, timeoutMillis);
             RespEndpoint anax = RespEndpoint.parse("anax", anaxAddress, timeoutMillis))
        {
            for (final RespEndpoint e : List.of(redis, anax))
            {
                if (resp3)
                {
                    e.handshake(new byte[][] {"HELLO".getBytes(java.nio.charset.StandardCharsets.US_ASCII), {'3'}});
                }
                final Reply pong = e.call(new byte[][] {"PING".getBytes(java.nio.charset.StandardCharsets.US_ASCII)});
                if (pong.isFailure())
                {
                    out.println("DiffTester: cannot reach " + e.name() + ": " + pong.text());
                    return 2;
                }
            }
            final boolean flushall = Boolean.TRUE.equals(CommandCatalog.probe(redis, "flushall", -1)) &&
                Boolean.TRUE.equals(CommandCatalog.probe(anax, "flushall", -1));
            final CommandCatalog catalog = CommandCatalog.discover(table, redis, anax, filter, !flushall);
            out.println("DiffTester: seed " + seed + ", " + redis.name() + " vs " + anax.name() +
                ", filter " + filter + (resp3 ? ", RESP3" : ", RESP2") + ", " + (flushall ? "FLUSHALL between runs" :
                "no FLUSHALL in Anax: keys prefixed per run"));
            out.println("DiffTester: " + catalog.specs().size() + " commands: " + String.join(" ", catalog.names()));
            if (list)
            {
                for (final Map.Entry<String, String> e : catalog.skipped().entrySet())
                {
                    out.println("  not generated: " + e.getKey() + " (" + e.getValue() + ")");
                }
                return 0;
            }
            final List<String> unusable = new ArrayList<>();
            for (final String named : filter.namedCommands())
            {
                if (!usable(named, catalog))
                {
                    unusable.add(named + " (" + catalog.skipped().getOrDefault(named, "not a command of the table") + ")");
                }
            }
            if (!unusable.isEmpty())
            {
                out.println("DiffTester: FAILED: commands named by the filter are not usable: " + String.join(", ", unusable));
                return 1;
            }
            if (catalog.specs().isEmpty())
            {
                out.println("DiffTester: no command to generate");
                return 0;
            }
            return loop(out, redis, anax, new Runner(redis, anax, new Normalizer(table), flushall),
                new Generator(catalog, flushall));
        }
    }

    private static boolean usable(final String named, final CommandCatalog catalog)
    {
        if (catalog.names().contains(named))
        {
            return true;
        }
        for (final CommandSpec s : catalog.specs())
        {
            if (s.container() != null && s.container().fullName().equals(named))
            {
                return true;
            }
        }
        return false;
    }

    private int loop(final PrintStream out, final Endpoint redis, final Endpoint anax, final Runner runner,
        final Generator generator)
    {
        final long start = System.nanoTime();
        final long deadline = start + (long)(seconds * 1e9);
        final Map<String, Integer> mismatches = new TreeMap<>();
        final Map<String, Integer> flaky = new TreeMap<>();
        long sequences = 0;
        long requests = 0;
        int setupErrors = 0;
        while (System.nanoTime() < deadline && (maxSequences <= 0 || sequences < maxSequences))
        {
            final long s = sequenceSeed(seed, sequences);
            sequences++;
            final List<Command> sequence = generator.sequence(s, length);
            final Runner.Outcome outcome = runner.run(sequence);
            if (outcome.setupError() != null)
            {
                out.println("DiffTester: " + outcome.setupError());
                if (++setupErrors >= 3)
                {
                    return 2;
                }
                continue;
            }
            requests += outcome.sent().size();
            if (!outcome.hasMismatch())
            {
                continue;
            }
            final String spec = sequence.get(outcome.mismatch()).spec();
            if (mismatches.containsKey(spec) || flaky.containsKey(spec))
            {
                mismatches.computeIfPresent(spec, (k, n) -> n + 1);
                flaky.computeIfPresent(spec, (k, n) -> n + 1);
                continue;
            }
            if (report(out, redis, anax, runner, sequence, outcome, s, mismatches.size() + 1))
            {
                mismatches.put(spec, 1);
            }
            else
            {
                flaky.put(spec, 1);
            }
            if (mismatches.size() >= maxMismatches)
            {
                out.println("DiffTester: stopping after " + maxMismatches + " distinct mismatches");
                break;
            }
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        out.printf("DiffTester: %d sequences, %d requests in %.1f s (seed %d); %d commands with mismatches%s%n",
            sequences, requests, elapsed, seed, mismatches.size(), mismatches.isEmpty() ? "" : ": " + counts(mismatches));
        if (!flaky.isEmpty())
        {
            out.println("DiffTester: mismatches that did not reproduce on replay (timing?): " + counts(flaky));
        }
        return mismatches.isEmpty() ? 0 : 1;
    }

    private static String counts(final Map<String, Integer> counts)
    {
        final List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " x" + v));
        return String.join(", ", parts);
    }

    /** Replay, shrink and print one mismatch; false when it does not reproduce. */
    private boolean report(final PrintStream out, final Endpoint redis, final Endpoint anax, final Runner runner,
        final List<Command> sequence, final Runner.Outcome first, final long sequenceSeed, final int number)
    {
        final String spec = sequence.get(first.mismatch()).spec();
        final Shrinker shrinker = new Shrinker(candidate ->
        {
            final Runner.Outcome o = runner.run(candidate);
            return o.mismatch();
        }, shrinkAttempts);
        final List<Command> prefix = new ArrayList<>(sequence.subList(0, first.mismatch() + 1));
        final Runner.Outcome replay = runner.run(prefix);
        if (!replay.hasMismatch() || !prefix.get(replay.mismatch()).spec().equals(spec))
        {
            out.println();
            out.println("=== mismatch in '" + spec + "' did not reproduce on replay (sequence seed " + sequenceSeed + ")");
            printReplies(out, redis, anax, first);
            return false;
        }
        final Shrinker.Result shrunk = shrinker.shrink(prefix, replay.mismatch());
        Runner.Outcome last = runner.run(shrunk.sequence());
        if (!last.hasMismatch())
        {
            last = replay;   // flaky under shrinking: show the unshrunk replay
        }
        out.println();
        out.println("=== MISMATCH " + number + " in '" + spec + "': sequence seed " + sequenceSeed + ", shrunk " +
            (first.mismatch() + 1) + " -> " + last.sent().size() + " requests in " + shrunk.attempts() + " runs");
        out.println("  Reproduce on empty servers (FLUSHALL), one connection; redis-cli lines:");
        printReplies(out, redis, anax, last);
        if (resp3)
        {
            out.println("  (in RESP3: HELLO 3 first)");
        }
        out.println("  Replay: DiffTester --seed " + sequenceSeed + " --sequences 1 --length " + length +
            (resp3 ? " --resp3" : "") +
            (filterSources.isEmpty() ? "" : " " + String.join(" ", filterSources)));
        return true;
    }

    private static void printReplies(final PrintStream out, final Endpoint redis, final Endpoint anax,
        final Runner.Outcome outcome)
    {
        final int n = outcome.sent().size();
        for (int i = 0; i < n; i++)
        {
            final String line = outcome.sent().get(i).toCliLine();
            if (i < n - 1)
            {
                out.println("    " + line + "    # " + abbreviate(outcome.left().get(i).toString()));
            }
            else
            {
                out.println("    " + line);
            }
        }
        if (n > 0)
        {
            out.println("  " + redis.name() + " replied: " + abbreviate(outcome.left().get(n - 1).toString()));
            out.println("  " + anax.name() + " replied: " + abbreviate(outcome.right().get(n - 1).toString()));
        }
    }

    private static String abbreviate(final String s)
    {
        return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " chars)";
    }
}
