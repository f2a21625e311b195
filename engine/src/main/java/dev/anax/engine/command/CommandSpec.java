package dev.anax.engine.command;

import dev.anax.engine.coord.Coordinated;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command or subcommand as data: what COMMAND reports, what the dispatcher gate checks, how
 * its keys are found, and the handler that runs it.
 */
public final class CommandSpec
{
    private final int id;
    private final String name;
    private final String fullName;
    private final CommandSpec container;
    private final int arity;
    private final long flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final long aclCategories;
    private final List<String> tips;
    private final String group;
    private final String since;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    private Routing routing;
    private ShardHandler shardHandler;
    private ClientHandler clientHandler;
    private Coordinated coordinated;
    private KeyFinder keyFinder;

    CommandSpec(
        final int id,
        final String fullName,
        final CommandSpec container,
        final int arity,
        final long flags,
        final int firstKey,
        final int lastKey,
        final int keyStep,
        final long aclCategories,
        final List<String> tips,
        final String group,
        final String since)
    {
        this.id = id;
        this.fullName = fullName;
        this.name = container == null ? fullName : fullName.substring(fullName.indexOf('|') + 1);
        this.container = container;
        this.arity = arity;
        this.flags = flags;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.aclCategories = aclCategories;
        this.tips = List.copyOf(tips);
        this.group = group;
        this.since = since;
    }

    public int id()
    {
        return id;
    }

    /** @return the name within its container ("id" for client|id). */
    public String name()
    {
        return name;
    }

    /** @return "get" or "client|id". */
    public String fullName()
    {
        return fullName;
    }

    public CommandSpec container()
    {
        return container;
    }

    public int arity()
    {
        return arity;
    }

    public long flags()
    {
        return flags;
    }

    public boolean hasFlag(final long flag)
    {
        return (flags & flag) != 0;
    }

    public int firstKey()
    {
        return firstKey;
    }

    public int lastKey()
    {
        return lastKey;
    }

    public int keyStep()
    {
        return keyStep;
    }

    public long aclCategories()
    {
        return aclCategories;
    }

    public List<String> tips()
    {
        return tips;
    }

    public String group()
    {
        return group;
    }

    public String since()
    {
        return since;
    }

    public Map<String, CommandSpec> subcommands()
    {
        return Collections.unmodifiableMap(subcommands);
    }

    void addSubcommand(final CommandSpec sub)
    {
        subcommands.put(sub.name(), sub);
    }

    public boolean isContainer()
    {
        return !subcommands.isEmpty();
    }

    /**
     * @param argc arguments including the name (and the container's name for a subcommand).
     * @return true if argc fits the arity.
     */
    public boolean arityAccepts(final int argc)
    {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public Routing routing()
    {
        return routing;
    }

    public ShardHandler shardHandler()
    {
        return shardHandler;
    }

    public ClientHandler clientHandler()
    {
        return clientHandler;
    }

    public Coordinated coordinated()
    {
        return coordinated;
    }

    /**
     * The argument indexes of a request's keys: positions from the table, or the key finder of a
     * command with movable keys.
     *
     * @param args the request, name first.
     * @return the indexes (empty when the arguments name no valid keys), or null when the command
     *         names no keys at all.
     */
    public int[] keyIndexes(final dev.anax.codecs.CommandArgs args)
    {
        if (keyFinder() != null)
        {
            final int[] found = keyFinder().keys(args, 0);
            return found == null ? new int[0] : found;
        }
        if (firstKey <= 0)
        {
            return null;
        }
        final int last = lastKey < 0 ? args.count() + lastKey : Math.min(lastKey, args.count() - 1);
        final int step = Math.max(1, keyStep);
        final int n = last < firstKey ? 0 : (last - firstKey) / step + 1;
        final int[] indexes = new int[n];
        for (int i = 0; i < n; i++)
        {
            indexes[i] = firstKey + i * step;
        }
        return indexes;
    }

    /** @return how to find the keys of a movablekeys command, or null. */
    public KeyFinder keyFinder()
    {
        return keyFinder;
    }

    void bindKeyFinder(final KeyFinder finder)
    {
        keyFinder = finder;
    }

    public boolean isBound()
    {
        return routing != null;
    }

    void bindShard(final ShardHandler handler)
    {
        checkUnbound();
        routing = Routing.KEY;
        shardHandler = handler;
    }

    void bindClient(final ClientHandler handler)
    {
        checkUnbound();
        routing = Routing.CLIENT;
        clientHandler = handler;
    }

    void bindCoordinated(final Coordinated coordinated, final ShardHandler partHandler)
    {
        checkUnbound();
        routing = Routing.COORDINATED;
        this.coordinated = coordinated;
        this.shardHandler = partHandler;
    }

    private void checkUnbound()
    {
        if (routing != null)
        {
            throw new IllegalStateException("command bound twice: " + fullName);
        }
    }

    @Override
    public String toString()
    {
        return fullName;
    }
}
