package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;

/**
 * WATCH: each key is watched on its own shard (the shard notes whether the key is live or
 * already expired, and marks the watch dirty when the key is touched); the client remembers
 * which keys and shards it watches, for EXEC's check and for UNWATCH. Not a transaction: a watch
 * only needs to be in place before the client's next command, which the ring order guarantees.
 */
public final class WatchKeys implements Coordinated
{
    private final FanOut fanOut = FanOut.byKeys(Merge.OK);

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        if (session.multi() != null)
        {
            dispatcher.replyError(session, seq, "ERR WATCH inside MULTI is not allowed");
            return;
        }
        for (int i = 1; i < args.count(); i++)
        {
            session.addWatched(session.db(), args.bytes(i), dispatcher.shardOf(args, i), dispatcher.shardCount());
        }
        fanOut.start(dispatcher, session, seq, spec, args);
    }

    @Override
    public boolean atomic()
    {
        return false;
    }
}
