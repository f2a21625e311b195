package dev.anax.engine.command;

import dev.anax.codecs.CommandArgs;

/**
 * Finds the keys of a command whose key positions depend on its arguments ("movablekeys": SORT
 * ... STORE, ZUNION numkeys ..., ZMPOP numkeys ...), for COMMAND GETKEYS and anything else that
 * needs a request's keys.
 */
@FunctionalInterface
public interface KeyFinder
{
    /**
     * @param args the request.
     * @param from index of the command name in {@code args} (the request may be embedded, as in
     *             COMMAND GETKEYS).
     * @return the argument indexes of the keys, in {@code args}' numbering, or null when the
     *         arguments do not name keys validly.
     */
    int[] keys(CommandArgs args, int from);
}
