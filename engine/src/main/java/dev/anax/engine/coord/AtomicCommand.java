package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandFlags;
import dev.anax.engine.command.CommandSpec;

import java.nio.charset.StandardCharsets;

/**
 * A coordinated command over several shards run as one transaction: scheduled with locks on all
 * its keys (or on every shard, for a command without keys such as FLUSHALL or DBSIZE), then its
 * usual strategy runs (fan-out, hops) with every event under the transaction's id, so no other
 * client sees it half done: MSET is all or nothing to every reader, MGET a consistent view,
 * RENAME never shows the key in both places or in neither.
 */
public final class AtomicCommand extends Transaction
{
    private final CommandArgs args;

    private AtomicCommand(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final LockPlan plan,
        final CommandArgs args)
    {
        super(dispatcher, session, seq, spec, plan, false);
        this.args = args;
    }

    /**
     * Start a coordinated command: directly when it touches one shard, else as a transaction.
     *
     * @param dispatcher the client's dispatcher.
     * @param session    the client.
     * @param seq        the request.
     * @param spec       the command.
     * @param args       its arguments, valid only during the call.
     */
    public static void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final Coordinated strategy = spec.coordinated();
        if (dispatcher.shardCount() == 1 || !strategy.atomic() || session.transaction() != null)
        {
            strategy.start(dispatcher, session, seq, spec, args);
            return;
        }
        final LockPlan plan = new LockPlan(dispatcher.shardCount(), spec.fullName().getBytes(StandardCharsets.US_ASCII));
        if (!plan.add(dispatcher, spec, args))
        {
            plan.allShards();
        }
        if (plan.shardCount() <= 1)
        {
            strategy.start(dispatcher, session, seq, spec, args);
            return;
        }
        plan.exclusive(!spec.hasFlag(CommandFlags.READONLY));
        new AtomicCommand(dispatcher, session, seq, spec, plan, ArgsCopy.of(args)).begin();
    }

    @Override
    public boolean concludesInline()
    {
        return spec.coordinated().singleHop();
    }

    @Override
    public boolean isMultiExec()
    {
        return false;
    }

    @Override
    protected void run()
    {
        spec.coordinated().start(dispatcher, session, seq, spec, args);
    }
}
