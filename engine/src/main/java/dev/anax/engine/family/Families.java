package dev.anax.engine.family;

import dev.anax.engine.command.CommandTable;

/**
 * Binds every family's handlers to the command table.
 */
public final class Families
{
    private Families()
    {
    }

    /**
     * @param table the table to bind.
     */
    public static void bindAll(final CommandTable table)
    {
        StringFamily.register(table);
        SetFamily.register(table);
        KeyFamily.register(table);
        ListFamily.register(table);
        ServerFamily.register(table);
        ConnectionFamily.register(table);
        HashFamily.register(table);
        MemoryCommand.register(table);
        ZSetFamily.register(table);
        SortFamily.register(table);
        TransactionFamily.register(table);
    }
}
