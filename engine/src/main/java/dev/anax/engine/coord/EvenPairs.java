package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;

/**
 * A command of key/value pairs (MSET): refuses an odd number of pair arguments with Redis's
 * arity error before the keys are split by shard, then lets another strategy run it.
 */
public final class EvenPairs implements Coordinated
{
    private final Coordinated delegate;

    /**
     * @param delegate runs the command once its pairs are whole.
     */
    public EvenPairs(final Coordinated delegate)
    {
        this.delegate = delegate;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        if (args.count() % 2 == 0)
        {
            dispatcher.replyError(session, seq, RespErrors.wrongArity(spec.fullName()));
            return;
        }
        delegate.start(dispatcher, session, seq, spec, args);
    }
}
