package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;

import java.time.Instant;

/**
 * Server commands: INFO, CONFIG, COMMAND, DEBUG, TIME, LASTSAVE, SHUTDOWN and the FUNCTION
 * subcommands clients send before any work (Anax has no functions yet: the library is always
 * empty). Everything but DEBUG's shard parts runs on the I/O thread and reads only published
 * state.
 */
public final class ServerFamily
{
    static final String NO_SHUTDOWN_IN_PROGRESS = "ERR No shutdown in progress.";
    static final String SHUTDOWN_FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";
    static final String FUNCTION_FLUSH_MODE = "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
    static final String LIBRARY_NAME_MISSING = "ERR library name argument was not given";

    private ServerFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.client("info", InfoCommand::info);
        table.client("config|get", ConfigCommand::get);
        table.client("config|set", ConfigCommand::set);
        table.client("config|resetstat", ConfigCommand::resetStat);
        table.client("config|help", ConfigCommand::help);
        table.client("command", CommandCommand::all);
        table.client("command|count", CommandCommand::count);
        table.client("command|docs", CommandCommand::docs);
        table.client("command|getkeys", CommandCommand::getKeys);
        table.client("command|help", CommandCommand::help);
        table.client("command|info", CommandCommand::info);
        table.client("command|list", CommandCommand::list);
        table.coordinated("debug", new DebugCommand(), DebugCommand::part);
        table.client("time", ServerFamily::time);
        table.client("lastsave", (d, s, a, out) -> out.integer(d.engine().startTimeMs() / 1000));
        table.client("shutdown", ServerFamily::shutdown);
        table.client("function|flush", ServerFamily::functionFlush);
        table.client("function|list", ServerFamily::functionList);
    }

    static void time(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final Instant now = Instant.now();
        out.arrayHeader(2);
        out.bulkLong(now.getEpochSecond());
        out.bulkLong(now.getNano() / 1000);
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Anax has no persistence: an explicit SAVE fails
     * as a failed save does in Redis (unless FORCE), and ABORT finds no shutdown to abort. Otherwise
     * the engine's shutdown hook runs and the connection closes without a reply.
     */
    static void shutdown(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        boolean save = false;
        boolean noSave = false;
        boolean now = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < args.count(); i++)
        {
            if (args.is(i, "nosave"))
            {
                noSave = true;
            }
            else if (args.is(i, "save"))
            {
                save = true;
            }
            else if (args.is(i, "now"))
            {
                now = true;
            }
            else if (args.is(i, "force"))
            {
                force = true;
            }
            else if (args.is(i, "abort"))
            {
                abort = true;
            }
            else
            {
                out.error(RespErrors.SYNTAX);
                return;
            }
        }
        if ((abort && (save || noSave || now || force)) || (save && noSave))
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        if (abort)
        {
            out.error(NO_SHUTDOWN_IN_PROGRESS);
            return;
        }
        if (save && !force)
        {
            out.error(SHUTDOWN_FAILED);
            return;
        }
        session.closing(true);
        session.sink().closeAfterFlush();
        d.engine().shutdownHook().run();
    }

    /** FUNCTION FLUSH [ASYNC|SYNC]: there are no functions, so nothing is deleted. */
    static void functionFlush(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.count() > 3)
        {
            out.error("ERR unknown subcommand or wrong number of arguments for '" + args.string(1) +
                "'. Try FUNCTION HELP.");
            return;
        }
        if (args.count() == 3 && !args.is(2, "async") && !args.is(2, "sync"))
        {
            out.error(FUNCTION_FLUSH_MODE);
            return;
        }
        out.ok();
    }

    /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]: always the empty list. */
    static void functionList(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        boolean withCode = false;
        boolean pattern = false;
        for (int i = 2; i < args.count(); i++)
        {
            if (args.is(i, "withcode") && !withCode)
            {
                withCode = true;
            }
            else if (args.is(i, "libraryname") && !pattern)
            {
                if (i + 1 >= args.count())
                {
                    out.error(LIBRARY_NAME_MISSING);
                    return;
                }
                pattern = true;
                i++;
            }
            else
            {
                out.error("ERR Unknown argument " + args.string(i));
                return;
            }
        }
        out.emptyArray();
    }
}
