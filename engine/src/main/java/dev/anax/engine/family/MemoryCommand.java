package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.hash.FieldTable;

/**
 * MEMORY USAGE key [SAMPLES count]: an estimate of the heap a key takes, with Redis's argument
 * checks and replies. The estimate counts the key's entry, the key bytes and the value: exact
 * for values held in arrays (strings, packed collections) and hash tables, a flat guess for
 * value types that do not report their size yet.
 */
public final class MemoryCommand
{
    /** A key's entry object and its slot in the database's bucket array. */
    private static final long ENTRY_BYTES = 80;
    /** For a value whose size this command cannot tell. */
    private static final long UNKNOWN_VALUE_BYTES = 64;

    private MemoryCommand()
    {
    }

    /**
     * Bind this command.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("memory|usage", MemoryCommand::usage);
    }

    static void usage(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final int argc = args.count();
        for (int i = 3; i < argc; i += 2)
        {
            if (i + 1 < argc && args.is(i, "samples"))
            {
                if (!ctx.parseLong(i + 1))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                if (ctx.number[0] < 0)
                {
                    ctx.out.error(RespErrors.SYNTAX);
                    return;
                }
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final KeyEntry entry = ctx.lookup(2);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        ctx.out.integer(ENTRY_BYTES + arrayBytes(entry.key().length) + valueBytes(entry.value()));
    }

    private static long valueBytes(final Object value)
    {
        if (value instanceof byte[])
        {
            return arrayBytes(((byte[])value).length);
        }
        if (value instanceof FieldTable)
        {
            return ((FieldTable)value).memoryUsage();
        }
        return UNKNOWN_VALUE_BYTES;
    }

    private static long arrayBytes(final long length)
    {
        return (16 + length + 7) & ~7L;
    }
}
