package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.coord.StoreHops;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.ElementSource;
import dev.anax.engine.types.zset.ZSetAlgebra;
import dev.anax.engine.types.zset.ZSetValue;
import dev.anax.engine.types.zset.ZSets;

import java.util.Arrays;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Inputs may be sorted sets or sets (a
 * set's members count with score 1). When every key lives on one shard the command runs there
 * whole ({@link #execute}); otherwise each shard hands over copies of its inputs (sub-operation
 * {@link #FETCH}), the I/O thread computes the result with the same functions, and a STORE
 * installs it on the destination's shard ({@link StoreHops#INSTALL}); see
 * {@code coord.ZCombine}.
 */
public final class ZSetCombine
{
    /** ZUNION, ZUNIONSTORE. */
    public static final int UNION = 0;
    /** ZINTER, ZINTERSTORE. */
    public static final int INTER = 1;
    /** ZDIFF, ZDIFFSTORE. */
    public static final int DIFF = 2;
    /** ZINTERCARD. */
    public static final int INTERCARD = 3;

    /** Sub-operation: reply +OK with the inputs given as arguments 1.. as a ZSetValue[] attachment. */
    public static final int FETCH = StoreHops.FETCH;

    static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    /** A set value that cannot be read as an input (its family does not offer its elements). */
    static final String SET_UNREADABLE = "ERR this set value cannot be read by sorted set commands";

    private ZSetCombine()
    {
    }

    /** The options after the keys. */
    public static final class Options
    {
        /** One weight per input. */
        public double[] weights;
        /** {@link ZSetAlgebra#SUM}, MIN or MAX. */
        public int aggregate = ZSetAlgebra.SUM;
        /** WITHSCORES. */
        public boolean withScores;
        /** ZINTERCARD's LIMIT, 0 for none. */
        public long limit;
    }

    /**
     * @param store whether the command has a destination.
     * @return the argument index of numkeys.
     */
    public static int numkeysIndex(final boolean store)
    {
        return store ? 2 : 1;
    }

    /**
     * Parse numkeys with Redis's errors.
     *
     * @param args         the request.
     * @param name         the command's name, lower case.
     * @param numkeysIndex its argument index.
     * @param result       receives numkeys.
     * @return null, or the error to reply.
     */
    public static String parseNumkeys(final CommandArgs args, final String name, final int numkeysIndex,
        final long[] result)
    {
        if (!args.parseLong(numkeysIndex, result))
        {
            return RespErrors.NOT_INTEGER;
        }
        if (result[0] < 1)
        {
            return "ERR at least 1 input key is needed for '" + name + "' command";
        }
        if (result[0] > args.count() - numkeysIndex - 1)
        {
            return RespErrors.SYNTAX;
        }
        return null;
    }

    /**
     * Parse the options after the keys with Redis's errors, in Redis's order.
     *
     * @param args         the request (a heap copy or shard arguments).
     * @param op           {@link #UNION}, {@link #INTER}, {@link #DIFF} or {@link #INTERCARD}.
     * @param store        whether the command has a destination.
     * @param numkeysIndex argument index of numkeys.
     * @param numkeys      the number of inputs.
     * @param options      receives the options.
     * @return null, or the error to reply.
     */
    public static String parseOptions(
        final CommandArgs args,
        final int op,
        final boolean store,
        final int numkeysIndex,
        final int numkeys,
        final Options options)
    {
        final ZArgs z = ZArgs.of(args);
        final boolean cardinality = op == INTERCARD;
        final double[] weights = new double[numkeys];
        Arrays.fill(weights, 1.0);
        options.weights = weights;
        final double[] parsed = new double[1];
        final long[] number = new long[1];
        final int argc = args.count();
        int j = numkeysIndex + 1 + numkeys;
        while (j < argc)
        {
            final int remaining = argc - j;
            if (op != DIFF && !cardinality && remaining >= numkeys + 1 && args.is(j, "weights"))
            {
                j++;
                for (int i = 0; i < numkeys; i++, j++)
                {
                    if (!Strtod.parseValue(z.array(), z.offset(j), z.length(j), parsed))
                    {
                        return WEIGHT_NOT_FLOAT;
                    }
                    weights[i] = parsed[0];
                }
            }
            else if (op != DIFF && !cardinality && remaining >= 2 && args.is(j, "aggregate"))
            {
                j++;
                if (args.is(j, "sum"))
                {
                    options.aggregate = ZSetAlgebra.SUM;
                }
                else if (args.is(j, "min"))
                {
                    options.aggregate = ZSetAlgebra.MIN;
                }
                else if (args.is(j, "max"))
                {
                    options.aggregate = ZSetAlgebra.MAX;
                }
                else
                {
                    return RespErrors.SYNTAX;
                }
                j++;
            }
            else if (!store && !cardinality && args.is(j, "withscores"))
            {
                j++;
                options.withScores = true;
            }
            else if (cardinality && remaining >= 2 && args.is(j, "limit"))
            {
                j++;
                if (!args.parseLong(j, number) || number[0] < 0)
                {
                    return LIMIT_NEGATIVE;
                }
                options.limit = number[0];
                j++;
            }
            else
            {
                return RespErrors.SYNTAX;
            }
        }
        return null;
    }

    /**
     * Compute the result.
     *
     * @param op      the operation.
     * @param sources the inputs in argument order, null for a missing key.
     * @param options the options.
     * @param count   receives the number of elements (ZINTERCARD's answer).
     * @return the elements in rank order (none for ZINTERCARD).
     */
    public static byte[][] compute(final int op, final ZSetValue[] sources, final Options options, final long[] count)
    {
        final byte[][] result;
        switch (op)
        {
            case UNION:
                result = ZSetAlgebra.union(sources, options.weights, options.aggregate);
                break;
            case DIFF:
                result = ZSetAlgebra.diff(sources);
                break;
            default:
                result = ZSetAlgebra.inter(sources, options.weights, options.aggregate, op == INTERCARD,
                    options.limit, count);
                return result;
        }
        count[0] = result.length;
        return result;
    }

    /**
     * The reply of a command without destination.
     *
     * @param out     the reply.
     * @param op      the operation.
     * @param entries the result.
     * @param count   its size (ZINTERCARD).
     * @param options the options.
     */
    public static void reply(final RespWriter out, final int op, final byte[][] entries, final long count,
        final Options options)
    {
        if (op == INTERCARD)
        {
            out.integer(count);
        }
        else
        {
            ZReplies.entries(out, entries, options.withScores);
        }
    }

    /**
     * The value a STORE form stores, or null for an empty result.
     *
     * @param entries the result.
     * @param config  the options (listpack thresholds).
     * @return the value.
     */
    public static ZSetValue storedValue(final byte[][] entries, final ServerConfig config)
    {
        return entries.length == 0 ? null :
            ZSets.of(entries, entries.length, ZSetFamily.maxListpackEntries(config), ZSetFamily.maxListpackValue(config));
    }

    private static int opOf(final String name)
    {
        switch (name)
        {
            case "zunion":
            case "zunionstore":
                return UNION;
            case "zinter":
            case "zinterstore":
                return INTER;
            case "zdiff":
            case "zdiffstore":
                return DIFF;
            default:
                return INTERCARD;
        }
    }

    /**
     * The shard handler of every command of this group: the whole command, or one of its parts.
     *
     * @param ctx the command.
     */
    static void execute(final ExecContext ctx)
    {
        if (ctx.isPart())
        {
            if (ctx.subOp() == StoreHops.INSTALL)
            {
                StoreHops.install(ctx);
            }
            else
            {
                fetch(ctx);
            }
            return;
        }
        final String name = ctx.spec().fullName();
        final int op = opOf(name);
        final boolean store = name.endsWith("store");
        final CommandArgs args = ctx.args;
        final int numkeysIndex = numkeysIndex(store);
        String error = parseNumkeys(args, name, numkeysIndex, ctx.number);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final int numkeys = (int)ctx.number[0];
        final ZSetValue[] sources = new ZSetValue[numkeys];
        final ServerConfig config = ctx.shard().config();
        for (int i = 0; i < numkeys; i++)
        {
            final KeyEntry entry = store ? ZSetFamily.lookupWrite(ctx, numkeysIndex + 1 + i) :
                ctx.lookupRead(numkeysIndex + 1 + i);
            error = input(entry, sources, i, false, config);
            if (error != null)
            {
                ctx.out.error(error);
                return;
            }
        }
        final Options options = new Options();
        error = parseOptions(args, op, store, numkeysIndex, numkeys, options);
        if (error != null)
        {
            ctx.out.error(error);
            return;
        }
        final long[] count = new long[1];
        final byte[][] entries = compute(op, sources, options, count);
        if (store)
        {
            ZSetRanges.storeResult(ctx, 1, storedValue(entries, config));
            ctx.out.integer(entries.length);
        }
        else
        {
            reply(ctx.out, op, entries, count[0], options);
        }
    }

    /**
     * Read one input key.
     *
     * @param entry   the key's entry, or null.
     * @param sources where the input goes.
     * @param i       its position.
     * @param copy    true to copy a sorted set (to hand it to another thread).
     * @param config  the options (listpack thresholds for a set's members).
     * @return null, or the error to reply.
     */
    private static String input(final KeyEntry entry, final ZSetValue[] sources, final int i, final boolean copy,
        final ServerConfig config)
    {
        if (entry == null)
        {
            return null;
        }
        if (entry.type() == ValueType.ZSET)
        {
            final ZSetValue set = ZSetFamily.value(entry);
            sources[i] = copy ? set.deepCopy() : set;
            return null;
        }
        if (entry.type() != ValueType.SET)
        {
            return RespErrors.WRONGTYPE;
        }
        if (!(entry.value() instanceof ElementSource source))
        {
            return SET_UNREADABLE;
        }
        final int n = (int)source.elementCount();
        final byte[][] members = new byte[n][];
        final int[] k = new int[1];
        if (n > 0)
        {
            source.visitElements(0, n, false, (bytes, offset, length) ->
                members[k[0]++] = Arrays.copyOfRange(bytes, offset, offset + length));
        }
        sources[i] = ZSets.ofMembers(members, k[0], 1.0, ZSetFamily.maxListpackEntries(config),
            ZSetFamily.maxListpackValue(config));
        return null;
    }

    /**
     * FETCH: copies of the inputs given as arguments 1.., as a ZSetValue[] attachment.
     *
     * @param ctx the part.
     */
    private static void fetch(final ExecContext ctx)
    {
        final int n = ctx.args.count() - 1;
        final ZSetValue[] sources = new ZSetValue[n];
        final ServerConfig config = ctx.shard().config();
        for (int i = 0; i < n; i++)
        {
            final String error = input(ctx.lookupRead(1 + i), sources, i, true, config);
            if (error != null)
            {
                ctx.out.error(error);
                return;
            }
        }
        ctx.replyAttachment(sources);
        ctx.out.ok();
    }
}
