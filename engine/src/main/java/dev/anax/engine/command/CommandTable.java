package dev.anax.engine.command;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.coord.Coordinated;
import org.agrona.DirectBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every command, declared once as data in {@code commands.tsv}, with the handlers the families
 * bind to them. Lookup by the bytes of a request's first argument allocates nothing.
 * Immutable after {@link #seal()}; then shared by every thread.
 */
public final class CommandTable
{
    private static final String RESOURCE = "/dev/anax/engine/command/commands.tsv";

    private final Map<String, CommandSpec> topLevel = new LinkedHashMap<>();
    private final List<CommandSpec> byId = new ArrayList<>();
    private byte[][] hashNames;
    private CommandSpec[] hashSpecs;
    private int hashMask;
    private boolean sealed;

    /**
     * The table as declared in the bundled resource, with no handler bound yet.
     *
     * @return a new table.
     */
    public static CommandTable load()
    {
        try (InputStream in = CommandTable.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static CommandTable parse(final BufferedReader reader) throws IOException
    {
        final CommandTable table = new CommandTable();
        final List<String[]> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null)
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final String[] f = line.split("\t");
            if (f.length != 10)
            {
                throw new IllegalStateException("bad command table row: " + line);
            }
            rows.add(f);
        }
        // Containers before their subcommands.
        rows.sort((a, b) -> Boolean.compare(a[0].contains("|"), b[0].contains("|")));
        for (final String[] f : rows)
        {
            final String fullName = f[0];
            final int bar = fullName.indexOf('|');
            final CommandSpec container = bar < 0 ? null : table.topLevel.get(fullName.substring(0, bar));
            if (bar >= 0 && container == null)
            {
                throw new IllegalStateException("subcommand without container: " + fullName);
            }
            final CommandSpec spec = new CommandSpec(
                table.byId.size(),
                fullName,
                container,
                Integer.parseInt(f[1]),
                CommandFlags.parse(f[2]),
                Integer.parseInt(f[3]),
                Integer.parseInt(f[4]),
                Integer.parseInt(f[5]),
                AclCategories.parse(f[6]),
                f[7].equals("-") ? List.of() : Arrays.asList(f[7].split(",")),
                f[8],
                f[9]);
            table.byId.add(spec);
            if (container == null)
            {
                table.topLevel.put(fullName, spec);
            }
            else
            {
                container.addSubcommand(spec);
            }
        }
        table.buildIndex();
        return table;
    }

    private void buildIndex()
    {
        int size = 16;
        while (size < topLevel.size() * 4)
        {
            size <<= 1;
        }
        hashNames = new byte[size][];
        hashSpecs = new CommandSpec[size];
        hashMask = size - 1;
        for (final CommandSpec spec : topLevel.values())
        {
            final byte[] name = spec.fullName().getBytes(StandardCharsets.US_ASCII);
            int i = lowerHash(name, 0, name.length) & hashMask;
            while (hashNames[i] != null)
            {
                i = (i + 1) & hashMask;
            }
            hashNames[i] = name;
            hashSpecs[i] = spec;
        }
    }

    private static int lowerHash(final byte[] bytes, final int offset, final int length)
    {
        int h = 0;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + lower(bytes[offset + i]);
        }
        return h ^ (h >>> 16);
    }

    private static int lower(final int b)
    {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /**
     * Find a top-level command by the bytes of an argument, ignoring ASCII case.
     *
     * @param args  the request.
     * @param index of the argument holding the name.
     * @return the command, or null.
     */
    public CommandSpec lookup(final CommandArgs args, final int index)
    {
        final DirectBuffer buffer = args.buffer();
        final int offset = args.offset(index);
        final int length = args.length(index);
        if (length > 64)
        {
            return null;
        }
        int h = 0;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + lower(buffer.getByte(offset + i));
        }
        int slot = (h ^ (h >>> 16)) & hashMask;
        byte[] candidate;
        while ((candidate = hashNames[slot]) != null)
        {
            if (candidate.length == length && equalsLower(buffer, offset, candidate))
            {
                return hashSpecs[slot];
            }
            slot = (slot + 1) & hashMask;
        }
        return null;
    }

    private static boolean equalsLower(final DirectBuffer buffer, final int offset, final byte[] lowerName)
    {
        for (int i = 0; i < lowerName.length; i++)
        {
            if (lower(buffer.getByte(offset + i)) != lowerName[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Find a subcommand of a container by an argument, ignoring case.
     *
     * @param container the container command.
     * @param args      the request.
     * @param index     of the subcommand argument.
     * @return the subcommand, or null.
     */
    public CommandSpec lookupSubcommand(final CommandSpec container, final CommandArgs args, final int index)
    {
        for (final CommandSpec sub : container.subcommands().values())
        {
            if (args.is(index, sub.name()))
            {
                return sub;
            }
        }
        return null;
    }

    /**
     * @param name lower or upper case, "client|id" for a subcommand.
     * @return the command, or null.
     */
    public CommandSpec get(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        final int bar = lower.indexOf('|');
        if (bar < 0)
        {
            return topLevel.get(lower);
        }
        final CommandSpec container = topLevel.get(lower.substring(0, bar));
        return container == null ? null : container.subcommands().get(lower.substring(bar + 1));
    }

    public CommandSpec byId(final int id)
    {
        return byId.get(id);
    }

    public int size()
    {
        return byId.size();
    }

    /** @return top-level commands in declaration order. */
    public Collection<CommandSpec> topLevel()
    {
        return Collections.unmodifiableCollection(topLevel.values());
    }

    /** @return every command and subcommand. */
    public List<CommandSpec> all()
    {
        return Collections.unmodifiableList(byId);
    }

    /**
     * Bind a command that runs on the shard owning its first key.
     *
     * @param name    of the command.
     * @param handler its shard half.
     * @return this.
     */
    public CommandTable shard(final String name, final ShardHandler handler)
    {
        require(name).bindShard(handler);
        return this;
    }

    /**
     * Bind a command that runs on the I/O thread.
     *
     * @param name    of the command.
     * @param handler the handler.
     * @return this.
     */
    public CommandTable client(final String name, final ClientHandler handler)
    {
        require(name).bindClient(handler);
        return this;
    }

    /**
     * Bind a command that the coordinator splits across shards.
     *
     * @param name        of the command.
     * @param coordinated how it is split and assembled.
     * @param partHandler what each shard runs for its part.
     * @return this.
     */
    public CommandTable coordinated(final String name, final Coordinated coordinated, final ShardHandler partHandler)
    {
        require(name).bindCoordinated(coordinated, partHandler);
        return this;
    }

    /**
     * Declare how a command whose keys move with its arguments finds them (COMMAND GETKEYS).
     *
     * @param name   of the command.
     * @param finder the key finder.
     * @return this.
     */
    public CommandTable keys(final String name, final KeyFinder finder)
    {
        require(name).bindKeyFinder(finder);
        return this;
    }

    private CommandSpec require(final String name)
    {
        if (sealed)
        {
            throw new IllegalStateException("command table is sealed");
        }
        final CommandSpec spec = get(name);
        if (spec == null)
        {
            throw new IllegalArgumentException("command not declared in commands.tsv: " + name);
        }
        return spec;
    }

    /**
     * Stop accepting bindings. A declared command left without a handler answers as an unknown
     * command; {@code CommandTableTest} fails the build while any is left.
     *
     * @return this.
     */
    public CommandTable seal()
    {
        sealed = true;
        return this;
    }

    /** @return names of declared commands that have no handler. */
    public List<String> unbound()
    {
        final List<String> unbound = new ArrayList<>();
        for (final CommandSpec spec : byId)
        {
            if (!spec.isBound() && !spec.isContainer())
            {
                unbound.add(spec.fullName());
            }
        }
        return unbound;
    }
}
