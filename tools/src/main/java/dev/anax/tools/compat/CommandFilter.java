package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which commands a run may use: a list of entries separated by commas, spaces or new lines.
 * An entry is a command ({@code get}, {@code object|encoding}, a container such as
 * {@code object} for all its subcommands) or {@code group:NAME} for every command of a group
 * of the command table ({@code group:string}, {@code group:generic}); an entry starting with
 * {@code -} removes. An empty filter (or only removals) starts from every command. In a file,
 * {@code #} starts a comment.
 */
public final class CommandFilter
{
    private final Set<String> include = new LinkedHashSet<>();
    private final Set<String> exclude = new LinkedHashSet<>();

    private CommandFilter()
    {
    }

    /** @return a filter that accepts every command. */
    public static CommandFilter all()
    {
        return new CommandFilter();
    }

    /**
     * @param text entries, separated by commas, blanks or new lines; '#' comments.
     * @return the filter.
     */
    public static CommandFilter parse(final String text)
    {
        final CommandFilter filter = new CommandFilter();
        filter.add(text);
        return filter;
    }

    /**
     * @param file a file of entries.
     * @return the filter.
     * @throws IOException if it cannot be read.
     */
    public static CommandFilter read(final Path file) throws IOException
    {
        return parse(Files.readString(file));
    }

    /**
     * Add entries.
     *
     * @param text entries, separated by commas, blanks or new lines; '#' comments.
     * @return this.
     */
    public CommandFilter add(final String text)
    {
        for (String line : text.split("\n"))
        {
            final int hash = line.indexOf('#');
            if (hash >= 0)
            {
                line = line.substring(0, hash);
            }
            for (final String raw : line.split("[,\\s]+"))
            {
                final String entry = raw.trim().toLowerCase(Locale.ROOT);
                if (entry.isEmpty())
                {
                    continue;
                }
                if (entry.startsWith("-"))
                {
                    exclude.add(entry.substring(1));
                }
                else
                {
                    include.add(entry);
                }
            }
        }
        return this;
    }

    /**
     * @param spec a command.
     * @return whether the filter lets it through.
     */
    public boolean accepts(final CommandSpec spec)
    {
        if (matches(exclude, spec))
        {
            return false;
        }
        return include.isEmpty() || matches(include, spec);
    }

    private static boolean matches(final Set<String> entries, final CommandSpec spec)
    {
        return entries.contains(spec.fullName()) ||
            entries.contains("group:" + spec.group()) ||
            (spec.container() != null && entries.contains(spec.container().fullName()));
    }

    /** @return the commands named one by one (not groups), which a run requires to be usable. */
    public List<String> namedCommands()
    {
        final List<String> named = new ArrayList<>();
        for (final String e : include)
        {
            if (!e.startsWith("group:"))
            {
                named.add(e);
            }
        }
        return Collections.unmodifiableList(named);
    }

    /** @return whether the filter names anything to include. */
    public boolean isRestricted()
    {
        return !include.isEmpty();
    }

    @Override
    public String toString()
    {
        final List<String> parts = new ArrayList<>(include);
        for (final String e : exclude)
        {
            parts.add("-" + e);
        }
        return parts.isEmpty() ? "(all)" : String.join(",", parts);
    }
}
