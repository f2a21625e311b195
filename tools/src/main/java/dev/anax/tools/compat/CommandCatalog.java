package dev.anax.tools.compat;

import dev.anax.engine.command.CommandFlags;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which commands the differential tester may send: those of Anax's command table that both
 * servers implement (found by probing, see {@link #probe}), minus those whose replies cannot be
 * compared or that disturb the run ({@link #exclusionReason}), restricted by a filter.
 */
public final class CommandCatalog
{
    private static final byte[] PROBE_ARG = "__anax_probe__".getBytes(StandardCharsets.US_ASCII);

    /** Commands never generated, with the reason. */
    static final Map<String, String> EXCLUDED = excluded();

    /**
     * Commands of arity -1 (or subcommands of arity -2) that the probe may run without
     * arguments: harmless, and there is no other way to tell them from unknown commands.
     */
    static final Set<String> SAFE_BARE = Set.of(
        "ping", "info", "hello", "flushall", "flushdb", "command", "command|docs", "command|info",
        "command|list", "client|list", "lastsave", "time", "dbsize", "randomkey", "discard", "unwatch",
        "exec", "lolwut", "acl|log", "function|flush", "function|list", "script|flush", "pubsub|channels",
        "pubsub|numsub", "pubsub|shardchannels", "pubsub|shardnumsub", "slowlog|get", "latency|histogram",
        "latency|reset");

    /** Commands that see or change the whole keyspace: not generated when keys are prefixed. */
    static final Set<String> GLOBAL = Set.of(
        "keys", "scan", "dbsize", "flushall", "flushdb", "swapdb", "randomkey");

    /** Tips of nondeterministic commands that the normalizer or the runner handles anyway. */
    static final Set<String> NONDETERMINISTIC_HANDLED = Set.of(
        "ttl", "pttl", "expiretime", "pexpiretime", "scan", "object|encoding");

    private final List<CommandSpec> specs;
    private final Map<String, String> skipped;

    private CommandCatalog(final List<CommandSpec> specs, final Map<String, String> skipped)
    {
        this.specs = specs;
        this.skipped = skipped;
    }

    private static Map<String, String> excluded()
    {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("shutdown", "stops the server");
        m.put("quit", "closes the connection");
        m.put("hello", "reply holds the server version and the client id");
        m.put("info", "server state and timings");
        m.put("debug", "debugging internals");
        m.put("monitor", "changes the connection into a feed");
        m.put("time", "the clock");
        m.put("lastsave", "the clock");
        m.put("randomkey", "random");
        m.put("object|idletime", "the clock");
        m.put("object|freq", "access frequency counters");
        m.put("object|refcount", "always 1 in Anax (docs/differences.md)");
        m.put("dump", "serialization format");
        m.put("restore", "needs DUMP payloads");
        m.put("migrate", "network");
        m.put("sync", "replication");
        m.put("psync", "replication");
        m.put("replconf", "replication");
        m.put("replicaof", "replication");
        m.put("slaveof", "replication");
        m.put("failover", "replication");
        m.put("wait", "replication");
        m.put("waitaof", "replication");
        m.put("save", "writes files");
        m.put("bgsave", "writes files");
        m.put("bgrewriteaof", "writes files");
        m.put("eval", "scripting");
        m.put("evalsha", "scripting");
        m.put("eval_ro", "scripting");
        m.put("evalsha_ro", "scripting");
        m.put("fcall", "scripting");
        m.put("fcall_ro", "scripting");
        m.put("lolwut", "version art");
        m.put("pfdebug", "debugging internals");
        m.put("pfselftest", "self test");
        m.put("readonly", "cluster");
        m.put("readwrite", "cluster");
        m.put("asking", "cluster");
        return Collections.unmodifiableMap(m);
    }

    private static final Map<String, String> EXCLUDED_CONTAINERS = Map.ofEntries(
        Map.entry("client", "connection-specific (ids, addresses, timings)"),
        Map.entry("command", "key specs and docs differ knowingly; checked by command-conformance"),
        Map.entry("config", "server configuration"),
        Map.entry("memory", "memory figures"),
        Map.entry("latency", "timings"),
        Map.entry("slowlog", "timings"),
        Map.entry("acl", "users and permissions"),
        Map.entry("cluster", "cluster"),
        Map.entry("module", "modules"),
        Map.entry("script", "scripting"),
        Map.entry("function", "scripting"),
        Map.entry("pubsub", "pub/sub"),
        Map.entry("xinfo", "stream internals"));

    private static final Set<String> ALLOWED_IN_EXCLUDED_CONTAINERS = Set.of("client|getname", "client|setname");

    /**
     * Why a command is never generated.
     *
     * @param spec the command.
     * @return the reason, or null if it may be generated.
     */
    public static String exclusionReason(final CommandSpec spec)
    {
        final String name = spec.fullName();
        if (spec.isContainer())
        {
            return "container (its subcommands are generated)";
        }
        if (EXCLUDED.containsKey(name))
        {
            return EXCLUDED.get(name);
        }
        if (name.endsWith("|help"))
        {
            return "help text is in Anax's own words";
        }
        if (spec.container() != null && EXCLUDED_CONTAINERS.containsKey(spec.container().fullName()) &&
            !ALLOWED_IN_EXCLUDED_CONTAINERS.contains(name))
        {
            return EXCLUDED_CONTAINERS.get(spec.container().fullName());
        }
        if (spec.hasFlag(CommandFlags.BLOCKING))
        {
            return "blocking";
        }
        if (spec.hasFlag(CommandFlags.PUBSUB))
        {
            return "pub/sub";
        }
        if (spec.hasFlag(CommandFlags.ADMIN))
        {
            return "admin";
        }
        if (spec.tips().contains("nondeterministic_output") && !NONDETERMINISTIC_HANDLED.contains(name))
        {
            return "nondeterministic output";
        }
        return null;
    }

    /**
     * Whether a server implements a command, without running it when that can be avoided: the
     * request gets one argument too many (fixed arity) or too few (variadic), so a server that
     * has the command answers "wrong number of arguments" and one that lacks it "unknown
     * command"/"unknown subcommand". Commands that accept a bare call are run bare when they
     * are in {@link #SAFE_BARE}; the others cannot be probed.
     *
     * @param endpoint the server.
     * @param fullName "get" or "object|encoding".
     * @param arity    the command's arity (name and container included).
     * @return true or false, or null when the command cannot be probed or the server failed.
     */
    public static Boolean probe(final Endpoint endpoint, final String fullName, final int arity)
    {
        final String[] words = fullName.split("\\|");
        final List<byte[]> args = new ArrayList<>();
        for (final String w : words)
        {
            args.add(w.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
        if (arity >= 0)
        {
            while (args.size() < arity + 1)
            {
                args.add(PROBE_ARG);
            }
        }
        else if (-arity <= words.length && !SAFE_BARE.contains(fullName))
        {
            return null;
        }
        final Reply reply = endpoint.call(args.toArray(new byte[0][]));
        if (reply.isFailure())
        {
            return null;
        }
        if (reply.isError())
        {
            final String text = reply.text();
            return !(text.startsWith("ERR unknown command") || text.startsWith("ERR unknown subcommand"));
        }
        return true;
    }

    /**
     * Probe both servers for every command of the table that may be generated and passes the
     * filter.
     *
     * @param table    Anax's command table.
     * @param redis    the reference server.
     * @param anax     the server under test.
     * @param filter   which commands to consider.
     * @param prefixed true when keys are prefixed per run (no FLUSHALL): global commands are left out.
     * @return the catalog.
     */
    public static CommandCatalog discover(
        final CommandTable table,
        final Endpoint redis,
        final Endpoint anax,
        final CommandFilter filter,
        final boolean prefixed)
    {
        final List<CommandSpec> usable = new ArrayList<>();
        final Map<String, String> skipped = new TreeMap<>();
        for (final CommandSpec spec : table.all())
        {
            if (!filter.accepts(spec))
            {
                continue;
            }
            String reason = exclusionReason(spec);
            if (reason == null && prefixed && GLOBAL.contains(spec.fullName()))
            {
                reason = "sees the whole keyspace, and Anax has no FLUSHALL to start from empty";
            }
            if (reason == null)
            {
                final Boolean inRedis = probe(redis, spec.fullName(), spec.arity());
                final Boolean inAnax = probe(anax, spec.fullName(), spec.arity());
                if (!Boolean.TRUE.equals(inRedis))
                {
                    reason = inRedis == null ? "cannot be probed on redis-server" : "not in redis-server";
                }
                else if (!Boolean.TRUE.equals(inAnax))
                {
                    reason = inAnax == null ? "cannot be probed on Anax" : "not implemented by Anax";
                }
            }
            if (reason == null)
            {
                usable.add(spec);
            }
            else
            {
                skipped.put(spec.fullName(), reason);
            }
        }
        usable.sort((a, b) -> a.fullName().compareTo(b.fullName()));
        return new CommandCatalog(Collections.unmodifiableList(usable), Collections.unmodifiableMap(skipped));
    }

    /**
     * A catalog of given commands, for tests and replays.
     *
     * @param specs the commands.
     * @return the catalog.
     */
    public static CommandCatalog of(final List<CommandSpec> specs)
    {
        final List<CommandSpec> sorted = new ArrayList<>(specs);
        sorted.sort((a, b) -> a.fullName().compareTo(b.fullName()));
        return new CommandCatalog(Collections.unmodifiableList(sorted), Map.of());
    }

    /** @return the commands that may be generated, sorted by name. */
    public List<CommandSpec> specs()
    {
        return specs;
    }

    /** @return the names of the commands considered but left out, with the reason. */
    public Map<String, String> skipped()
    {
        return skipped;
    }

    /** @return the names of the usable commands. */
    public Set<String> names()
    {
        final Set<String> names = new LinkedHashSet<>();
        for (final CommandSpec s : specs)
        {
            names.add(s.fullName());
        }
        return names;
    }
}
