package dev.anax.engine.family;

import dev.anax.engine.command.CommandTable;

/**
 * Key commands.
 */
public final class KeyFamily
{
    private KeyFamily()
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
