package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;

/**
 * How a command that may touch several shards is split into per-shard parts and how their
 * replies are assembled. Runs on the client's I/O thread; the parts travel as events on the
 * shards' rings, so no shard state is ever shared.
 */
public interface Coordinated
{
    /**
     * Start the command: publish its parts (or, when every key is on one shard, the whole command)
     * and register a {@link Coordination} with the session if replies must be assembled.
     *
     * @param dispatcher the I/O thread's dispatcher, which publishes and completes.
     * @param session    the client.
     * @param seq        the request's sequence number.
     * @param spec       the command.
     * @param args       the arguments, valid only during this call.
     */
    void start(Dispatcher dispatcher, ClientSession session, long seq, CommandSpec spec, CommandArgs args);

    /**
     * @return whether the command must run as one transaction when it spans shards (true for
     *         every command Redis runs atomically; false for WATCH, SCAN, RANDOMKEY and EXEC,
     *         which schedules itself).
     */
    default boolean atomic()
    {
        return true;
    }

    /**
     * @return whether, over several shards, the command sends exactly one event to each shard
     *         it touches (a fan-out), so that event can end its transaction there.
     */
    default boolean singleHop()
    {
        return false;
    }
}
