package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.AclCategories;
import dev.anax.engine.command.CommandFlags;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.KeyFinder;
import dev.anax.engine.command.RespErrors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COMMAND and its subcommands, answered from the command table. Only commands Anax runs are
 * shown: a declared command without a handler answers "unknown command", so it is hidden here
 * too, as is a container without any bound subcommand.
 * <p>
 * COMMAND INFO entries have Redis 7's ten fields; the key specifications (field 9) are an empty
 * array for now: the table declares first/last/step only. COMMAND DOCS carries a summary in
 * Anax's own words, the version and the group; complexity and arguments are left out.
 */
final class CommandCommand
{
    private static final String DOCS_RESOURCE = "/dev/anax/engine/family/command-docs.tsv";
    private static final Map<String, String> SUMMARIES = loadSummaries();

    private CommandCommand()
    {
    }

    private static Map<String, String> loadSummaries()
    {
        final Map<String, String> summaries = new HashMap<>();
        try (InputStream in = CommandCommand.class.getResourceAsStream(DOCS_RESOURCE))
        {
            if (in == null)
            {
                return Collections.emptyMap();
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.isBlank() || line.startsWith("#"))
                {
                    continue;
                }
                final int tab = line.indexOf('\t');
                if (tab > 0)
                {
                    summaries.put(line.substring(0, tab), line.substring(tab + 1).trim());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return summaries;
    }

    /**
     * @param name full command name ("client|id").
     * @return Anax's one-line summary, or null.
     */
    static String summary(final String name)
    {
        return SUMMARIES.get(name);
    }

    /** @return whether the command can be run: bound, or a container with a bound subcommand. */
    static boolean available(final CommandSpec spec)
    {
        if (spec.isBound())
        {
            return true;
        }
        for (final CommandSpec sub : spec.subcommands().values())
        {
            if (sub.isBound())
            {
                return true;
            }
        }
        return false;
    }

    private static List<CommandSpec> availableTopLevel(final CommandTable table)
    {
        final List<CommandSpec> list = new ArrayList<>();
        for (final CommandSpec spec : table.topLevel())
        {
            if (available(spec))
            {
                list.add(spec);
            }
        }
        return list;
    }

    private static List<CommandSpec> availableSubcommands(final CommandSpec spec)
    {
        final List<CommandSpec> list = new ArrayList<>();
        for (final CommandSpec sub : spec.subcommands().values())
        {
            if (sub.isBound())
            {
                list.add(sub);
            }
        }
        return list;
    }

    /** Find a command by name as COMMAND INFO and DOCS take it: "get" or "client|id", any case. */
    private static CommandSpec find(final CommandTable table, final String name)
    {
        final CommandSpec spec = table.get(name);
        return spec != null && available(spec) ? spec : null;
    }

    /** COMMAND: the INFO entry of every command. */
    static void all(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final List<CommandSpec> specs = availableTopLevel(d.engine().table());
        out.arrayHeader(specs.size());
        for (final CommandSpec spec : specs)
        {
            writeInfo(out, spec);
        }
    }

    /** COMMAND INFO [name ...]: the entries asked for (null for an unknown name), or all. */
    static void info(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.count() == 2)
        {
            all(d, session, args, out);
            return;
        }
        final CommandTable table = d.engine().table();
        out.arrayHeader(args.count() - 2);
        for (int i = 2; i < args.count(); i++)
        {
            final CommandSpec spec = find(table, args.string(i));
            if (spec == null)
            {
                out.nullBulk();
            }
            else
            {
                writeInfo(out, spec);
            }
        }
    }

    /**
     * One COMMAND INFO entry: name, arity, flags, first key, last key, step, ACL categories, tips,
     * key specifications, subcommands.
     */
    private static void writeInfo(final RespWriter out, final CommandSpec spec)
    {
        out.arrayHeader(10);
        out.bulk(spec.fullName());
        out.integer(spec.arity());
        final List<String> flags = CommandFlags.names(spec.flags());
        out.setHeader(flags.size());
        for (final String flag : flags)
        {
            out.simpleString(flag);
        }
        out.integer(spec.firstKey());
        out.integer(spec.lastKey());
        out.integer(spec.keyStep());
        final List<String> categories = AclCategories.names(spec.aclCategories());
        out.setHeader(categories.size());
        for (final String category : categories)
        {
            out.simpleString(category);
        }
        out.setHeader(spec.tips().size());
        for (final String tip : spec.tips())
        {
            out.bulk(tip);
        }
        out.setHeader(0);
        final List<CommandSpec> subs = availableSubcommands(spec);
        out.setHeader(subs.size());
        for (final CommandSpec sub : subs)
        {
            writeInfo(out, sub);
        }
    }

    static void count(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        out.integer(availableTopLevel(d.engine().table()).size());
    }

    /** COMMAND DOCS [name ...]: a map of name to documentation; unknown names are left out. */
    static void docs(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final CommandTable table = d.engine().table();
        final List<CommandSpec> specs = new ArrayList<>();
        if (args.count() == 2)
        {
            specs.addAll(availableTopLevel(table));
        }
        else
        {
            for (int i = 2; i < args.count(); i++)
            {
                final CommandSpec spec = find(table, args.string(i));
                if (spec != null)
                {
                    specs.add(spec);
                }
            }
        }
        out.mapHeader(specs.size());
        for (final CommandSpec spec : specs)
        {
            out.bulk(spec.fullName());
            writeDocs(out, spec);
        }
    }

    private static void writeDocs(final RespWriter out, final CommandSpec spec)
    {
        final String summary = summary(spec.fullName());
        final List<CommandSpec> subs = availableSubcommands(spec);
        out.mapHeader((summary != null ? 1 : 0) + 2 + (subs.isEmpty() ? 0 : 1));
        if (summary != null)
        {
            out.bulk("summary").bulkUtf8(summary);
        }
        out.bulk("since").bulk(spec.since());
        out.bulk("group").bulk(spec.group());
        if (!subs.isEmpty())
        {
            out.bulk("subcommands");
            out.mapHeader(subs.size());
            for (final CommandSpec sub : subs)
            {
                out.bulk(sub.fullName());
                writeDocs(out, sub);
            }
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]: names, subcommands included. */
    static void list(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        final int filter;
        if (argc == 2)
        {
            filter = 0;
        }
        else if (argc == 5 && args.is(2, "filterby"))
        {
            if (args.is(3, "module"))
            {
                filter = 1;
            }
            else if (args.is(3, "aclcat"))
            {
                filter = 2;
            }
            else if (args.is(3, "pattern"))
            {
                filter = 3;
            }
            else
            {
                out.error(RespErrors.SYNTAX);
                return;
            }
        }
        else
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        final String value = filter == 0 ? null : args.string(4);
        final long category = filter == 2 ? categoryBit(value) : 0;
        final List<String> names = new ArrayList<>();
        for (final CommandSpec spec : availableTopLevel(d.engine().table()))
        {
            final List<CommandSpec> family = new ArrayList<>();
            family.add(spec);
            family.addAll(availableSubcommands(spec));
            for (final CommandSpec candidate : family)
            {
                final boolean keep;
                switch (filter)
                {
                    case 0:
                        keep = true;
                        break;
                    case 2:
                        keep = category != 0 && (candidate.aclCategories() & category) != 0;
                        break;
                    case 3:
                        keep = Glob.matches(value, candidate.fullName(), true);
                        break;
                    default:
                        keep = false;
                        break;
                }
                if (keep)
                {
                    names.add(candidate.fullName());
                }
            }
        }
        out.arrayHeader(names.size());
        for (final String name : names)
        {
            out.bulk(name);
        }
    }

    private static long categoryBit(final String name)
    {
        final String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (long bit = 1; bit != 0; bit <<= 1)
        {
            final List<String> names = AclCategories.names(bit);
            if (names.isEmpty())
            {
                return 0;
            }
            if (names.get(0).substring(1).equals(lower))
            {
                return bit;
            }
        }
        return 0;
    }

    /**
     * COMMAND GETKEYS command [arg ...]: the keys at the command's first/last/step positions,
     * checked in Redis's order (known command, has keys, arity, keys found).
     */
    static void getKeys(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final CommandTable table = d.engine().table();
        final int argc = args.count();
        CommandSpec spec = table.lookup(args, 2);
        if (spec != null && spec.isContainer() && argc > 3)
        {
            spec = table.lookupSubcommand(spec, args, 3);
        }
        if (spec == null || !available(spec))
        {
            out.error("ERR Invalid command specified");
            return;
        }
        final KeyFinder finder = spec.keyFinder();
        if (spec.firstKey() <= 0 && finder == null)
        {
            out.error("ERR The command has no key arguments");
            return;
        }
        final int n = argc - 2;
        if (!spec.arityAccepts(n))
        {
            out.error("ERR Invalid number of arguments specified for command");
            return;
        }
        if (finder != null)
        {
            final int[] keys = finder.keys(args, 2);
            if (keys == null || keys.length == 0)
            {
                noKeys(spec, out);
                return;
            }
            out.arrayHeader(keys.length);
            for (final int k : keys)
            {
                out.bulk(args.buffer(), args.offset(k), args.length(k));
            }
            return;
        }
        final int first = spec.firstKey();
        int last = spec.lastKey() < 0 ? n + spec.lastKey() : spec.lastKey();
        last = Math.min(last, n - 1);
        final int step = Math.max(1, spec.keyStep());
        if (last < first)
        {
            noKeys(spec, out);
            return;
        }
        out.arrayHeader((last - first) / step + 1);
        for (int k = first; k <= last; k += step)
        {
            out.bulk(args.buffer(), args.offset(2 + k), args.length(2 + k));
        }
    }

    private static final long NO_MANDATORY_KEYS = CommandFlags.parse("no_mandatory_keys");

    /** The request names no keys: fine for a command whose keys are optional, else an error. */
    private static void noKeys(final CommandSpec spec, final RespWriter out)
    {
        if (spec.hasFlag(NO_MANDATORY_KEYS))
        {
            out.emptyArray();
        }
        else
        {
            out.error("ERR Invalid arguments specified for command");
        }
    }

    static void help(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        HelpText.write(out, "COMMAND",
            "(no subcommand)",
            "    Describe every command.",
            "COUNT",
            "    Reply with the number of commands.",
            "DOCS [<command-name> ...]",
            "    Document the named commands, or all of them, as a map.",
            "GETKEYS <full-command>",
            "    Reply with the key names a full command line would touch.",
            "INFO [<command-name> ...]",
            "    Describe the named commands, or all of them.",
            "LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]",
            "    Reply with the names of commands and subcommands, optionally filtered.");
    }
}
