package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * COMMAND conformance: for every command Anax implements, its {@code COMMAND INFO} entry must
 * equal redis-server 7.0's (name, arity, flags, first/last/step key, ACL categories, tips, and
 * the same for its subcommands). Key specifications are reported apart and never fail: Anax
 * gives them as an empty array on purpose (docs/differences.md). Also lists, per group of
 * Redis's {@code COMMAND DOCS}, the commands Redis 7.0 has and Anax lacks.
 * <pre>
 * CommandConformance [--redis HOST:PORT] [--anax HOST:PORT] [--out DIR] [--timeout MS]
 * </pre>
 * "Implemented" is probed ({@link CommandCatalog#probe}) for the commands of Anax's command
 * table; a declared command without a handler answers as unknown and counts as missing.
 * SHUTDOWN is probed last, with an option that does not exist (redis-server answers
 * "ERR syntax error"); QUIT on a connection of its own.
 * <p>
 * {@code --out DIR} writes groups.tsv (group, implemented, total), missing.tsv (group, command),
 * mismatches.txt and summary.txt for compat/report.sh.
 * Exit status: 0 conformant, 1 mismatches among implemented commands, 2 setup errors. When Anax
 * does not answer COMMAND INFO at all, nothing can be compared: that is reported, and the exit
 * status is 0 (COMMAND INFO is then listed among the missing commands).
 */
public final class CommandConformance
{
    private static final String[] FIELDS = {
        "name", "arity", "flags", "first key", "last key", "key step", "acl categories", "tips", "key specs", "subcommands",
    };

    private String redisAddress = "127.0.0.1:6379";
    private String anaxAddress = "127.0.0.1:6380";
    private Path outDir;
    private int timeoutMillis = 5000;

    private CommandConformance()
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
     * @param args options.
     * @param out  where the report goes.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out)
    {
        final CommandConformance c = new CommandConformance();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--redis":
                    c.redisAddress = args[i + 1];
                    break;
                case "--anax":
                    c.anaxAddress = args[i + 1];
                    break;
                case "--out":
                    c.outDir = Path.of(args[i + 1]);
                    break;
                case "--timeout":
                    c.timeoutMillis = Integer.parseInt(args[i + 1]);
                    break;
                default:
                    out.println("command-conformance: unknown option " + args[i] + " (--redis --anax --out --timeout)");
                    return 2;
            }
        }
        if (args.length % 2 != 0)
        {
            out.println("command-conformance: missing value of " + args[args.length - 1]);
            return 2;
        }
        try
        {
            return c.execute(out);
        }
        catch (final IOException ex)
        {
            out.println("command-conformance: " + ex.getMessage());
            return 2;
        }
    }

    private static byte[][] words(final String... words)
    {
        final byte[][] b = new byte[words.length][];
        for (int i = 0; i < words.length; i++)
        {
            b[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    private int execute(final PrintStream out) throws IOException
    {
        final CommandTable table = CommandTable.load();
        try (RespEndpoint redis = RespEndpoint.parse("redis-server", redisAddress, timeoutMillis);
             RespEndpoint anax = RespEndpoint.parse("anax", anaxAddress, timeoutMillis))
        {
            final Reply redisInfo = redis.call(words("COMMAND", "INFO"));
            final Reply redisDocs = redis.call(words("COMMAND", "DOCS"));
            if (redisInfo.type() != '*' || redisDocs.type() != '*' || redisInfo.elements() == null)
            {
                throw new IOException("redis-server at " + redisAddress + " did not answer COMMAND INFO/DOCS: " +
                    redisInfo + " " + redisDocs);
            }
            final Map<String, Reply> redisEntries = new TreeMap<>();
            collectEntries(redisInfo, redisEntries);
            final Map<String, String> groups = new TreeMap<>();
            collectGroups(redisDocs, groups);

            // Leaves: commands without subcommands, and subcommands.
            final Map<String, Reply> leaves = new TreeMap<>();
            for (final Map.Entry<String, Reply> e : redisEntries.entrySet())
            {
                if (subcommands(e.getValue()).isEmpty())
                {
                    leaves.put(e.getKey(), e.getValue());
                }
            }
            // COMMAND INFO of Anax, before probing (the SHUTDOWN probe comes last).
            final Map<String, Reply> anaxEntries = new TreeMap<>();
            final String anaxInfoProblem = anaxEntries(anax, table, anaxEntries);

            final Set<String> implemented = new TreeSet<>();
            final Set<String> unprobed = new TreeSet<>();
            for (final Map.Entry<String, Reply> e : leaves.entrySet())
            {
                final String name = e.getKey();
                final CommandSpec spec = table.get(name);
                if (spec == null)
                {
                    continue;
                }
                if (name.equals("shutdown"))
                {
                    continue;   // probed last
                }
                final int arity = (int)e.getValue().elements().get(1).asLong();
                final Boolean has = name.equals("quit") ? probeQuit() : CommandCatalog.probe(anax, name, arity);
                if (Boolean.TRUE.equals(has))
                {
                    implemented.add(name);
                }
                else if (has == null)
                {
                    unprobed.add(name);
                }
            }

            final List<String> mismatches = new ArrayList<>();
            if (leaves.containsKey("shutdown") && table.get("shutdown") != null)
            {
                final Boolean has = probeShutdown(anax);
                if (Boolean.TRUE.equals(has))
                {
                    implemented.add("shutdown");
                }
                else if (has == null)
                {
                    mismatches.add("shutdown: Anax stopped answering after SHUTDOWN with an invalid option " +
                        "(redis-server answers ERR syntax error)");
                }
            }

            // Per group counts and missing commands.
            final Map<String, int[]> perGroup = new TreeMap<>();
            final Map<String, List<String>> missing = new TreeMap<>();
            for (final String name : leaves.keySet())
            {
                final String group = groups.getOrDefault(name, "unknown");
                final int[] counts = perGroup.computeIfAbsent(group, g -> new int[2]);
                counts[1]++;
                if (implemented.contains(name))
                {
                    counts[0]++;
                }
                else
                {
                    missing.computeIfAbsent(group, g -> new ArrayList<>()).add(name);
                }
            }

            final List<String> declaredMismatches = new ArrayList<>();
            final List<String> keySpecs = new ArrayList<>();
            final List<String> notInRedis = new ArrayList<>();
            int compared = 0;
            if (anaxInfoProblem == null)
            {
                for (final Map.Entry<String, Reply> e : anaxEntries.entrySet())
                {
                    final String name = e.getKey();
                    final Reply theirs = redisEntries.get(name);
                    if (theirs == null)
                    {
                        notInRedis.add(name);
                        continue;
                    }
                    final boolean isImplemented = implemented.contains(name) ||
                        (subcommands(theirs).size() > 0 && anyImplemented(theirs, implemented));
                    final List<String> diffs = compare(theirs, e.getValue(), keySpecs);
                    if (isImplemented)
                    {
                        compared++;
                    }
                    for (final String d : diffs)
                    {
                        (isImplemented ? mismatches : declaredMismatches).add(name + ": " + d);
                    }
                }
                for (final String name : implemented)
                {
                    if (!anaxEntries.containsKey(name))
                    {
                        mismatches.add(name + ": implemented but missing from COMMAND INFO");
                    }
                }
            }

            // Report.
            final List<String> report = new ArrayList<>();
            final int redisTop = redisInfo.elements().size();
            report.add(String.format("command-conformance: redis-server %s has %d commands (%d counting subcommands " +
                "instead of their containers); Anax implements %d of them", redisAddress, redisTop, leaves.size(),
                implemented.size()));
            report.add("Per group (Redis COMMAND DOCS group): implemented / Redis 7.0, missing commands");
            for (final Map.Entry<String, int[]> g : perGroup.entrySet())
            {
                final List<String> m = missing.getOrDefault(g.getKey(), List.of());
                report.add(String.format("  %-13s %3d / %-3d %s", g.getKey(), g.getValue()[0], g.getValue()[1],
                    m.isEmpty() ? "" : "missing: " + String.join(" ", m)));
            }
            if (!unprobed.isEmpty())
            {
                report.add("Could not be probed (counted as missing): " + String.join(" ", unprobed));
            }
            if (anaxInfoProblem != null)
            {
                report.add("COMMAND INFO: NOT CHECKED: " + anaxInfoProblem);
            }
            else
            {
                report.add("COMMAND INFO of the " + compared + " implemented commands (and containers) Anax declares: " +
                    (mismatches.isEmpty() ? "all equal to redis-server's" : mismatches.size() + " MISMATCHES"));
                for (final String m : mismatches)
                {
                    report.add("  MISMATCH " + m);
                }
                if (!declaredMismatches.isEmpty())
                {
                    report.add("Declared but not implemented yet, differing from redis-server (not failing): " +
                        declaredMismatches.size());
                    for (final String m : declaredMismatches)
                    {
                        report.add("  " + m);
                    }
                }
                report.add("Key specs: " + keySpecs.size() + " declared commands have key specs in Redis that Anax " +
                    "gives as an empty array (knowingly, docs/differences.md)" +
                    (keySpecs.stream().anyMatch(s -> s.contains("differ")) ? "; others differ: " + keySpecs : ""));
                if (!notInRedis.isEmpty())
                {
                    report.add("Declared by Anax, not in Redis 7.0 (docs/differences.md): " + String.join(" ", notInRedis));
                }
            }
            for (final String line : report)
            {
                out.println(line);
            }
            if (outDir != null)
            {
                write(perGroup, missing, mismatches, report, anaxInfoProblem);
            }
            return mismatches.isEmpty() ? 0 : 1;
        }
    }

    /**
     * SHUTDOWN with an option that does not exist: redis-server answers "ERR syntax error" and
     * keeps running. Null when Anax stops answering.
     */
    private Boolean probeShutdown(final Endpoint anax)
    {
        try (RespEndpoint once = RespEndpoint.parse("anax", anaxAddress, timeoutMillis))
        {
            final Reply r = once.call(words("SHUTDOWN", "__anax_probe__"));
            final Reply alive = anax.call(words("ECHO", "alive"));
            if (r.isFailure() || alive.isFailure())
            {
                return null;
            }
            return !(r.isError() && r.text().startsWith("ERR unknown command"));
        }
    }

    private Boolean probeQuit()
    {
        try (RespEndpoint once = RespEndpoint.parse("anax", anaxAddress, timeoutMillis))
        {
            final Reply r = once.call(words("QUIT"));
            if (r.isFailure())
            {
                return null;
            }
            return !(r.isError() && r.text().startsWith("ERR unknown command"));
        }
    }

    private static boolean anyImplemented(final Reply container, final Set<String> implemented)
    {
        for (final Reply sub : subcommands(container))
        {
            if (implemented.contains(sub.elements().get(0).text()))
            {
                return true;
            }
        }
        return false;
    }

    /** Fill entries from Anax: COMMAND INFO of everything, else name by name; null or the problem. */
    private static String anaxEntries(final Endpoint anax, final CommandTable table, final Map<String, Reply> entries)
    {
        final Reply all = anax.call(words("COMMAND", "INFO"));
        if (all.type() == '*' && all.elements() != null && !all.elements().isEmpty())
        {
            collectEntries(all, entries);
            return null;
        }
        final List<String> names = new ArrayList<>();
        for (final CommandSpec spec : table.topLevel())
        {
            names.add(spec.fullName());
        }
        final List<String> request = new ArrayList<>(List.of("COMMAND", "INFO"));
        request.addAll(names);
        final Reply some = anax.call(words(request.toArray(new String[0])));
        if (some.type() == '*' && some.elements() != null)
        {
            collectEntries(some, entries);
            return entries.isEmpty() ? "Anax's COMMAND INFO returned no entry" : null;
        }
        return "Anax does not answer COMMAND INFO (" + some + ")";
    }

    private static void collectEntries(final Reply array, final Map<String, Reply> into)
    {
        for (final Reply entry : array.elements())
        {
            if (entry.type() != '*' || entry.elements() == null || entry.elements().size() < 7)
            {
                continue;   // a null for an unknown name
            }
            into.put(entry.elements().get(0).text().toLowerCase(java.util.Locale.ROOT), entry);
            final List<Reply> subs = subcommands(entry);
            if (!subs.isEmpty())
            {
                collectEntries(Reply.array(subs), into);
            }
        }
    }

    private static List<Reply> subcommands(final Reply entry)
    {
        final List<Reply> e = entry.elements();
        if (e.size() < 10 || e.get(9).elements() == null)
        {
            return List.of();
        }
        return e.get(9).elements();
    }

    private static void collectGroups(final Reply docs, final Map<String, String> into)
    {
        final List<Reply> e = docs.elements();
        for (int i = 0; i + 1 < e.size(); i += 2)
        {
            final String name = e.get(i).text().toLowerCase(java.util.Locale.ROOT);
            final List<Reply> fields = e.get(i + 1).elements();
            if (fields == null)
            {
                continue;
            }
            for (int j = 0; j + 1 < fields.size(); j += 2)
            {
                final String key = fields.get(j).text();
                if (key.equals("group"))
                {
                    into.put(name, fields.get(j + 1).text());
                }
                else if (key.equals("subcommands") && fields.get(j + 1).elements() != null)
                {
                    collectGroups(fields.get(j + 1), into);
                }
            }
        }
    }

    /**
     * The fields of two COMMAND INFO entries that differ, key specs aside (noted in keySpecs) and
     * subcommands aside (each is compared as an entry of its own).
     *
     * @param redis    redis-server's entry.
     * @param anax     Anax's entry.
     * @param keySpecs where key-spec differences are noted.
     * @return descriptions of the differences.
     */
    static List<String> compare(final Reply redis, final Reply anax, final List<String> keySpecs)
    {
        final List<String> diffs = new ArrayList<>();
        final List<Reply> r = redis.elements();
        final List<Reply> a = anax.elements();
        if (r.size() != a.size())
        {
            diffs.add("entry has " + a.size() + " fields, redis-server's " + r.size());
        }
        for (int i = 0; i < Math.min(r.size(), a.size()); i++)
        {
            if (i == 9)
            {
                continue;
            }
            if (i == 8)
            {
                if (!r.get(8).equals(a.get(8)))
                {
                    final boolean empty = a.get(8).elements() != null && a.get(8).elements().isEmpty();
                    keySpecs.add(r.get(0).text() + (empty ? "" : " (differ)"));
                }
                continue;
            }
            if (!r.get(i).equals(a.get(i)))
            {
                diffs.add(FIELDS[i] + ": redis " + r.get(i) + ", anax " + a.get(i));
            }
        }
        return diffs;
    }

    private void write(final Map<String, int[]> perGroup, final Map<String, List<String>> missing,
        final List<String> mismatches, final List<String> report, final String anaxInfoProblem) throws IOException
    {
        Files.createDirectories(outDir);
        final StringBuilder g = new StringBuilder("group\timplemented\ttotal\n");
        perGroup.forEach((k, v) -> g.append(k).append('\t').append(v[0]).append('\t').append(v[1]).append('\n'));
        Files.writeString(outDir.resolve("groups.tsv"), g.toString());
        final StringBuilder m = new StringBuilder();
        missing.forEach((k, v) -> v.forEach(name -> m.append(k).append('\t').append(name).append('\n')));
        Files.writeString(outDir.resolve("missing.tsv"), m.toString());
        final Map<String, String> status = new LinkedHashMap<>();
        status.put("status", anaxInfoProblem != null ? "not-checked" : mismatches.isEmpty() ? "conformant" : "mismatches");
        final StringBuilder mm = new StringBuilder();
        status.forEach((k, v) -> mm.append("# ").append(k).append(": ").append(v).append('\n'));
        mismatches.forEach(x -> mm.append(x).append('\n'));
        Files.writeString(outDir.resolve("mismatches.txt"), mm.toString());
        Files.writeString(outDir.resolve("summary.txt"), String.join("\n", report) + "\n");
    }
}
