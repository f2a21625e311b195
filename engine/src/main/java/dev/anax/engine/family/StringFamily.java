package dev.anax.engine.family;

import dev.anax.engine.command.CommandTable;

/**
 * String commands.
 */
public final class StringFamily
{
    private StringFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("get", StringFamily::get);
        table.shard("set", StringFamily::set);
        table.coordinated("mget", dev.anax.engine.coord.FanOut.byKeys(dev.anax.engine.coord.Merge.INTERLEAVE),
            StringFamily::mget);
    }

    static void get(final dev.anax.engine.shard.ExecContext ctx)
    {
        final dev.anax.engine.keyspace.KeyEntry e = ctx.lookupRead(1);
        if (e == null)
        {
            ctx.out.nullBulk();
        }
        else
        {
            ctx.out.bulk(e.bytes());
        }
    }

    static void mget(final dev.anax.engine.shard.ExecContext ctx)
    {
        ctx.out.arrayHeader(ctx.args.count() - 1);
        for (int i = 1; i < ctx.args.count(); i++)
        {
            final dev.anax.engine.keyspace.KeyEntry e = ctx.lookupRead(i);
            if (e == null)
            {
                ctx.out.nullBulk();
            }
            else
            {
                ctx.out.bulk(e.bytes());
            }
        }
    }

    static void set(final dev.anax.engine.shard.ExecContext ctx)
    {
        dev.anax.engine.keyspace.KeyEntry e = ctx.lookup(1);
        if (e == null)
        {
            e = ctx.insert(1);
        }
        e.set(dev.anax.engine.keyspace.ValueType.STRING, dev.anax.engine.keyspace.Encoding.RAW, ctx.args.bytes(2));
        ctx.out.ok();
    }
}
