package dev.anax.engine.family;

import dev.anax.engine.command.CommandTable;

/**
 * Server commands.
 */
public final class ServerFamily
{
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
    }
}
