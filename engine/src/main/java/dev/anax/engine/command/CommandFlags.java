package dev.anax.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Command flags as bits, with the names Redis 7 reports in COMMAND INFO.
 */
public final class CommandFlags
{
    /** Names in bit order: bit i is NAMES[i]. */
    static final String[] NAMES = {
        "write", "readonly", "denyoom", "module", "admin", "pubsub", "noscript", "blocking", "loading", "stale",
        "skip_monitor", "skip_slowlog", "asking", "fast", "no_auth", "may_replicate", "sentinel", "only_sentinel",
        "no_mandatory_keys", "protected", "no_async_loading", "no_multi", "movablekeys", "allow_busy",
    };

    public static final long WRITE = bit("write");
    public static final long READONLY = bit("readonly");
    public static final long DENYOOM = bit("denyoom");
    public static final long ADMIN = bit("admin");
    public static final long PUBSUB = bit("pubsub");
    public static final long NOSCRIPT = bit("noscript");
    public static final long BLOCKING = bit("blocking");
    public static final long LOADING = bit("loading");
    public static final long STALE = bit("stale");
    public static final long FAST = bit("fast");
    public static final long NO_AUTH = bit("no_auth");
    public static final long NO_MULTI = bit("no_multi");
    public static final long MOVABLEKEYS = bit("movablekeys");
    public static final long PROTECTED = bit("protected");

    private CommandFlags()
    {
    }

    private static long bit(final String name)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equals(name))
            {
                return 1L << i;
            }
        }
        throw new IllegalArgumentException("unknown command flag: " + name);
    }

    /**
     * Parse a comma separated list of flag names ("-" for none).
     *
     * @param text the list.
     * @return the bits.
     */
    public static long parse(final String text)
    {
        long flags = 0;
        if (!text.equals("-"))
        {
            for (final String name : text.split(","))
            {
                flags |= bit(name);
            }
        }
        return flags;
    }

    /**
     * The names of the set bits, in Redis's order.
     *
     * @param flags bits.
     * @return names.
     */
    public static List<String> names(final long flags)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++)
        {
            if ((flags & (1L << i)) != 0)
            {
                names.add(NAMES[i]);
            }
        }
        return names;
    }
}
