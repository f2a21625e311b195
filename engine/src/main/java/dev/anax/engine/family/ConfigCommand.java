package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.Engine;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.Option;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.stats.ThreadStats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CONFIG GET, SET, RESETSTAT and HELP over the one table of options ({@link ServerConfig}).
 */
final class ConfigCommand
{
    static final String UNKNOWN_OPTION = "ERR Unknown option or number of arguments for CONFIG SET - '%s'";
    static final String SET_FAILED = "ERR CONFIG SET failed (possibly related to argument '%s') - %s";

    private ConfigCommand()
    {
    }

    /**
     * CONFIG GET pattern [pattern ...]: a map of name to value. A pattern without glob characters
     * is looked up as given (an alias too) and shown with the name as sent; a glob is matched,
     * ignoring case, against every option and alias. Each option appears once.
     */
    static void get(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final ServerConfig config = d.engine().config();
        final Map<String, String> matches = new LinkedHashMap<>();
        final Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int i = 2; i < args.count(); i++)
        {
            final String pattern = args.string(i);
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0)
            {
                final Option option = config.option(pattern);
                if (option != null && seen.putIfAbsent(pattern.toLowerCase(Locale.ROOT), Boolean.TRUE) == null)
                {
                    matches.put(pattern, option.asString());
                }
                continue;
            }
            for (final Option option : config.options())
            {
                if (Glob.matches(pattern, option.name(), true) && seen.putIfAbsent(option.name(), Boolean.TRUE) == null)
                {
                    matches.put(option.name(), option.asString());
                }
            }
            for (final Map.Entry<String, String> alias : config.aliases().entrySet())
            {
                if (Glob.matches(pattern, alias.getKey(), true) &&
                    seen.putIfAbsent(alias.getKey(), Boolean.TRUE) == null)
                {
                    matches.put(alias.getKey(), config.require(alias.getValue()).asString());
                }
            }
        }
        out.mapHeader(matches.size());
        for (final Map.Entry<String, String> entry : matches.entrySet())
        {
            out.bulk(entry.getKey());
            out.bulkUtf8(entry.getValue());
        }
    }

    /**
     * CONFIG SET name value [name value ...]: every name is checked first (unknown, immutable,
     * repeated), then every value, and only when all are valid is anything changed.
     */
    static void set(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        if (argc % 2 != 0)
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        final ServerConfig config = d.engine().config();
        final int pairs = (argc - 2) / 2;
        final Option[] options = new Option[pairs];
        final String[] values = new String[pairs];
        for (int p = 0; p < pairs; p++)
        {
            final int nameIndex = 2 + 2 * p;
            final String name = args.string(nameIndex);
            final Option option = config.option(name);
            if (option == null)
            {
                out.error(String.format(UNKNOWN_OPTION, name));
                return;
            }
            if (!option.isMutable())
            {
                out.error(String.format(SET_FAILED, name, "can't set immutable config"));
                return;
            }
            for (int q = 0; q < p; q++)
            {
                if (options[q] == option)
                {
                    out.error(String.format(SET_FAILED, name, "duplicate parameter"));
                    return;
                }
            }
            options[p] = option;
            values[p] = args.utf8(nameIndex + 1);
        }
        for (int p = 0; p < pairs; p++)
        {
            final String error = options[p].validate(values[p]);
            if (error != null)
            {
                out.error(String.format(SET_FAILED, args.string(2 + 2 * p), error));
                return;
            }
        }
        for (int p = 0; p < pairs; p++)
        {
            options[p].set(values[p]);
        }
        out.ok();
    }

    /**
     * CONFIG RESETSTAT: every thread's statistics read as zero from now on. No counter of another
     * thread is written: each keeps a baseline that readers subtract.
     */
    static void resetStat(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final Engine engine = d.engine();
        for (final ThreadStats stats : engine.allStats())
        {
            stats.resetBaseline();
        }
        engine.metrics().reset();
        engine.statsReset(System.currentTimeMillis());
        out.ok();
    }

    static void help(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        HelpText.write(out, "CONFIG",
            "GET <pattern> [<pattern> ...]",
            "    Reply with the options whose names match any glob-style pattern, and their values.",
            "SET <option> <value> [<option> <value> ...]",
            "    Change options; either every value is accepted or none is applied.",
            "RESETSTAT",
            "    Zero the statistics INFO reports.");
    }
}
