package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.coord.MultiExec;
import dev.anax.engine.coord.WatchKeys;
import dev.anax.engine.shard.ExecContext;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH. Queuing happens in the dispatcher's gate (a command
 * sent after MULTI is checked, then queued and answered +QUEUED); EXEC runs the queue as one
 * transaction ({@link MultiExec}); WATCH registers each key on its shard ({@link WatchKeys}).
 */
public final class TransactionFamily
{
    private TransactionFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.client("multi", TransactionFamily::multi);
        table.client("discard", TransactionFamily::discard);
        table.client("unwatch", TransactionFamily::unwatch);
        table.coordinated("watch", new WatchKeys(), TransactionFamily::watch);
        table.coordinated("exec", new MultiExec.Strategy(), ctx -> ctx.out.error("ERR EXEC runs on the coordinator"));
    }

    static void multi(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (session.multi() != null)
        {
            out.error("ERR MULTI calls can not be nested");
            return;
        }
        session.multi(new ClientSession.MultiState());
        out.ok();
    }

    static void discard(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (session.multi() == null)
        {
            out.error("ERR DISCARD without MULTI");
            return;
        }
        session.multi(null);
        MultiExec.unwatchAll(d, session, 0, d.engine().table().get("discard"));
        out.ok();
    }

    static void unwatch(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        MultiExec.unwatchAll(d, session, 0, d.engine().table().get("unwatch"));
        out.ok();
    }

    /** A shard's part of WATCH: watch each given key here. */
    static void watch(final ExecContext ctx)
    {
        for (int i = 1; i < ctx.args.count(); i++)
        {
            ctx.shard().watch(ctx.connectionId(), ctx.dbIndex(), ctx.args.bytes(i));
        }
        ctx.out.ok();
    }
}
