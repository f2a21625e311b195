package dev.anax.engine.command;

import dev.anax.engine.shard.ExecContext;

/**
 * The shard half of a command (Dragonfly's OpXxx): runs on the owning shard's thread with that
 * shard's keyspace, parses its arguments and writes its reply into {@code ctx.out}.
 */
@FunctionalInterface
public interface ShardHandler
{
    void execute(ExecContext ctx);
}
