package dev.anax.engine.family;

import dev.anax.engine.command.CommandTable;

/**
 * Connection commands.
 */
public final class ConnectionFamily
{
    private ConnectionFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
    }
}
