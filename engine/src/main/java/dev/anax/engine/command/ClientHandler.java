package dev.anax.engine.command;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;

/**
 * A command that runs on the connection's I/O thread and touches no shard: connection state,
 * server information assembled from published counters.
 */
@FunctionalInterface
public interface ClientHandler
{
    /**
     * @param dispatcher of the I/O thread.
     * @param session    the client.
     * @param args       the arguments, name first.
     * @param out        where to write the reply.
     */
    void execute(Dispatcher dispatcher, ClientSession session, CommandArgs args, RespWriter out);
}
