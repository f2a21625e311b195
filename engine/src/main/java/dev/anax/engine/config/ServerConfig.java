package dev.anax.engine.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one table of server options. It serves the config file, {@code --name value} flags,
 * CONFIG GET/SET and INFO. Options not marked mutable can only be set before the server starts.
 */
public final class ServerConfig
{
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private volatile String configFile = "";

    /** A config with every option at its default. */
    public ServerConfig()
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        integer("port", 6379, 0, 65535, false);
        string("bind", "127.0.0.1", false);
        bool("protected-mode", true, true);
        string("requirepass", "", true);
        integer("databases", 16, 1, 256, false);
        integer("maxclients", 10000, 1, 4_294_967_295L, true);
        integer("timeout", 0, 0, Integer.MAX_VALUE, true);
        integer("tcp-backlog", 511, 0, Integer.MAX_VALUE, false);
        integer("tcp-keepalive", 300, 0, Integer.MAX_VALUE, true);
        integer("threads", cores, 1, 256, false);
        enumeration("threading-mode", "shared", false, "shared", "dedicated");
        integer("hz", 10, 0, Integer.MAX_VALUE, true);
        options.get("hz").clamp(1, 500);
        integer("active-expire-effort", 1, 1, 10, true);
        memory("proto-max-bulk-len", 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, true);
        memory("client-query-buffer-limit", 1024L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, true);
        string("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
            true, ServerConfig::checkOutputBufferLimit);
        memory("maxmemory", 0, 0, Long.MAX_VALUE, true);
        enumeration("maxmemory-policy", "noeviction", true, "volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
        integer("ring-size", 4096, 64, 1 << 20, false);
        bool("pipeline-squash", true, true);
        bool("lazyfree-lazy-user-del", false, true);
        bool("lazyfree-lazy-user-flush", false, true);
        string("dir", System.getProperty("user.dir"), false);
        string("logfile", "", false);
        enumeration("loglevel", "notice", true, "debug", "verbose", "notice", "warning");
        // As Redis 7: "no" by default; "local" allows DEBUG from loopback connections only.
        enumeration("enable-debug-command", "no", false, "no", "yes", "local");
        integer("slowlog-log-slower-than", 10000, -1, Long.MAX_VALUE, true);
        integer("slowlog-max-len", 128, 0, Long.MAX_VALUE, true);
        bool("latency-tracking", true, true);
        string("latency-tracking-info-percentiles", "50 99 99.9", true, ServerConfig::checkPercentiles);
        string("save", "", true, ServerConfig::checkSave);
        bool("appendonly", false, true);
        integer("list-max-listpack-size", -2, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
        integer("list-compress-depth", 0, 0, Integer.MAX_VALUE, true);
        integer("hash-max-listpack-entries", 128, 0, Long.MAX_VALUE, true);
        memory("hash-max-listpack-value", 64, 0, Long.MAX_VALUE, true);
        integer("set-max-intset-entries", 512, 0, Long.MAX_VALUE, true);
        integer("zset-max-listpack-entries", 128, 0, Long.MAX_VALUE, true);
        memory("zset-max-listpack-value", 64, 0, Long.MAX_VALUE, true);
        aliases.put("list-max-ziplist-size", "list-max-listpack-size");
        aliases.put("hash-max-ziplist-entries", "hash-max-listpack-entries");
        aliases.put("hash-max-ziplist-value", "hash-max-listpack-value");
        aliases.put("zset-max-ziplist-entries", "zset-max-listpack-entries");
        aliases.put("zset-max-ziplist-value", "zset-max-listpack-value");
    }

    private void integer(final String name, final long def, final long min, final long max, final boolean mutable)
    {
        add(new Option(name, Option.Type.INTEGER, Long.toString(def), min, max, mutable, null, null));
    }

    private void memory(final String name, final long def, final long min, final long max, final boolean mutable)
    {
        add(new Option(name, Option.Type.MEMORY, Long.toString(def), min, max, mutable, null, null));
    }

    private void bool(final String name, final boolean def, final boolean mutable)
    {
        add(new Option(name, Option.Type.BOOLEAN, def ? "yes" : "no", 0, 1, mutable, null, null));
    }

    private void string(final String name, final String def, final boolean mutable)
    {
        string(name, def, mutable, null);
    }

    private void string(final String name, final String def, final boolean mutable, final Option.Validator validator)
    {
        add(new Option(name, Option.Type.STRING, def, 0, 0, mutable, null, validator));
    }

    private void enumeration(final String name, final String def, final boolean mutable, final String... choices)
    {
        add(new Option(name, Option.Type.ENUM, def, 0, choices.length - 1, mutable, choices, null));
    }

    private void add(final Option option)
    {
        options.put(option.name(), option);
    }

    private static String checkSave(final String value)
    {
        final String trimmed = value.trim();
        if (trimmed.isEmpty())
        {
            return null;
        }
        final String[] parts = trimmed.split("\\s+");
        if (parts.length % 2 != 0)
        {
            return "Invalid save parameters";
        }
        for (final String part : parts)
        {
            final long number = Option.parseInteger(part);
            if (number == Long.MIN_VALUE || number < 0)
            {
                return "Invalid save parameters";
            }
        }
        return null;
    }

    private static String checkPercentiles(final String value)
    {
        final String trimmed = value.trim();
        if (trimmed.isEmpty())
        {
            return null;
        }
        for (final String part : trimmed.split("\\s+"))
        {
            try
            {
                final double p = Double.parseDouble(part);
                if (!(p >= 0 && p <= 100))
                {
                    return "latency-tracking-info-percentiles parameter should be between 0.0 and 100.0";
                }
            }
            catch (final NumberFormatException ex)
            {
                return "Invalid latency-tracking-info-percentiles parameters";
            }
        }
        return null;
    }

    private static String checkOutputBufferLimit(final String value)
    {
        final String[] parts = value.trim().split("\\s+");
        if (parts.length % 4 != 0)
        {
            return "Wrong number of arguments in buffer limit configuration.";
        }
        for (int i = 0; i < parts.length; i += 4)
        {
            final String cls = parts[i].toLowerCase(Locale.ROOT);
            if (!cls.equals("normal") && !cls.equals("slave") && !cls.equals("replica") && !cls.equals("pubsub"))
            {
                return "Invalid client class specified in buffer limit configuration.";
            }
            if (Option.parseMemory(parts[i + 1]) < 0 || Option.parseMemory(parts[i + 2]) < 0 ||
                Option.parseMemory(parts[i + 3]) < 0)
            {
                return "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
            }
        }
        return null;
    }

    /**
     * @param name option name, any case.
     * @return the option or null.
     */
    public Option option(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        final Option option = options.get(lower);
        return option != null ? option : options.get(aliases.getOrDefault(lower, ""));
    }

    /**
     * The option, which must exist.
     *
     * @param name option name.
     * @return the option.
     */
    public Option require(final String name)
    {
        final Option option = option(name);
        if (option == null)
        {
            throw new IllegalArgumentException("no such option: " + name);
        }
        return option;
    }

    public Collection<Option> options()
    {
        return Collections.unmodifiableCollection(options.values());
    }

    /**
     * Call a hook whenever an option changes (CONFIG SET).
     *
     * @param name option name.
     * @param hook called after the value changed.
     */
    public void onChange(final String name, final Consumer<Option> hook)
    {
        require(name).onChange(hook);
    }

    /**
     * Set an option at start-up (immutable ones included).
     *
     * @param name  option name.
     * @param value its text.
     * @throws IllegalArgumentException if the option is unknown or the value is refused.
     */
    public void setAtStartup(final String name, final String value)
    {
        final Option option = option(name);
        if (option == null)
        {
            throw new IllegalArgumentException("Bad directive or wrong number of arguments: " + name);
        }
        final String error = option.set(value);
        if (error != null)
        {
            throw new IllegalArgumentException("Invalid argument '" + value + "' for '" + name + "': " + error);
        }
    }

    /**
     * Read a redis.conf-style file: one directive a line, {@code name value...}, '#' comments.
     *
     * @param file path.
     * @throws IOException on a read error.
     */
    public void load(final Path file) throws IOException
    {
        configFile = file.toAbsolutePath().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null)
            {
                number++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                final int space = trimmed.indexOf(' ');
                final String name = space < 0 ? trimmed : trimmed.substring(0, space);
                String value = space < 0 ? "" : trimmed.substring(space + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
                {
                    value = value.substring(1, value.length() - 1);
                }
                try
                {
                    setAtStartup(name, value);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(file + ":" + number + ": " + ex.getMessage(), ex);
                }
            }
        }
    }

    /**
     * Apply {@code --name value [value...]} command-line flags.
     *
     * @param args the flags.
     */
    public void applyArgs(final List<String> args)
    {
        final List<String> pending = new ArrayList<>(args);
        int i = 0;
        while (i < pending.size())
        {
            final String flag = pending.get(i);
            if (!flag.startsWith("--"))
            {
                throw new IllegalArgumentException("expected --option, got: " + flag);
            }
            final StringBuilder value = new StringBuilder();
            i++;
            while (i < pending.size() && !pending.get(i).startsWith("--"))
            {
                if (value.length() > 0)
                {
                    value.append(' ');
                }
                value.append(pending.get(i));
                i++;
            }
            setAtStartup(flag.substring(2), value.toString());
        }
    }

    /** @return absolute path of the config file loaded, or "" (INFO server config_file). */
    public String configFile()
    {
        return configFile;
    }

    /** @return alias name to canonical option name. */
    public Map<String, String> aliases()
    {
        return Collections.unmodifiableMap(aliases);
    }

    public int databases()
    {
        return require("databases").asInt();
    }
}
