package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random command sequences over a {@link CommandCatalog}: the same seed and catalog give
 * the same sequence, whatever the servers answer. Commands with a dedicated argument generator
 * ({@link StringKeyArgs}) get valid and invalid calls with every option; the others get the
 * generic generator: as many arguments as the arity allows, keys from the key pool at the key
 * positions, edge values elsewhere. A few calls in a hundred get one argument too few or too
 * many, and command names come in mixed case.
 */
public final class Generator
{
    /** Commands drawn more often: they create the state the others look at. */
    private static final Map<String, Integer> WEIGHTS = Map.ofEntries(
        Map.entry("set", 8), Map.entry("get", 3), Map.entry("mset", 2), Map.entry("incr", 2),
        Map.entry("incrby", 2), Map.entry("append", 2), Map.entry("setrange", 2), Map.entry("incrbyfloat", 2),
        Map.entry("expire", 2), Map.entry("del", 2));
    /** The weight of {@code flushall}, {@code flushdb}... in tenths: they wipe the state. */
    private static final Map<String, Integer> RARE = Map.of(
        "flushall", 2, "flushdb", 3, "swapdb", 5, "reset", 3, "select", 8);

    private final List<CommandSpec> specs;
    private final int[] cumulative;
    private final boolean emptyKey;

    /**
     * @param catalog  the commands to draw from.
     * @param emptyKey whether the empty string is a key of the pool (not when keys are prefixed).
     */
    public Generator(final CommandCatalog catalog, final boolean emptyKey)
    {
        this.specs = catalog.specs();
        this.emptyKey = emptyKey;
        this.cumulative = new int[specs.size()];
        int total = 0;
        for (int i = 0; i < specs.size(); i++)
        {
            final String name = specs.get(i).fullName();
            total += RARE.containsKey(name) ? RARE.get(name) : 10 * WEIGHTS.getOrDefault(name, 1);
            cumulative[i] = total;
        }
    }

    /** @return whether there is anything to generate. */
    public boolean isEmpty()
    {
        return specs.isEmpty();
    }

    /**
     * @param seed   the sequence's seed.
     * @param length number of commands.
     * @return the sequence.
     */
    public List<Command> sequence(final long seed, final int length)
    {
        final Values values = new Values(new Random(seed), emptyKey);
        final List<Command> sequence = new ArrayList<>(length);
        for (int i = 0; i < length && !specs.isEmpty(); i++)
        {
            sequence.add(next(values));
        }
        return sequence;
    }

    private Command next(final Values v)
    {
        final int r = v.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (cumulative[i] <= r)
        {
            i++;
        }
        return command(specs.get(i), v);
    }

    /**
     * One call of a command.
     *
     * @param spec the command.
     * @param v    the value source.
     * @return the call.
     */
    static Command command(final CommandSpec spec, final Values v)
    {
        final List<byte[]> args = new ArrayList<>();
        final String name = spec.fullName();
        final int bar = name.indexOf('|');
        if (bar < 0)
        {
            args.add(v.word(name));
        }
        else
        {
            args.add(v.word(name.substring(0, bar)));
            args.add(v.word(name.substring(bar + 1)));
        }
        if (!StringKeyArgs.generate(name, v, args))
        {
            generic(spec, v, args);
        }
        if (v.chance(0.03))
        {
            if (args.size() > (bar < 0 ? 1 : 2) && v.chance(0.6))
            {
                args.remove(args.size() - 1);
            }
            else
            {
                // Not a number: after an option word it must not become a short expiry time.
                args.add(v.bytesOf(v.pick("x", "FOO", "", "-", "k1")));
            }
        }
        return new Command(name, args.toArray(new byte[0][]));
    }

    /**
     * Arguments from the arity and the key positions alone.
     */
    private static void generic(final CommandSpec spec, final Values v, final List<byte[]> args)
    {
        final int arity = spec.arity();
        final int argc = arity >= 0 ? arity : -arity + v.nextInt(4);
        final int first = spec.firstKey();
        final int step = Math.max(1, spec.keyStep());
        for (int i = args.size(); i < argc; i++)
        {
            final int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
            final boolean isKey = first > 0 && i >= first && i <= last && (i - first) % step == 0;
            if (isKey)
            {
                args.add(v.key());
            }
            else
            {
                switch (v.nextInt(6))
                {
                    case 0:
                        args.add(v.integer());
                        break;
                    case 1:
                        args.add(v.smallInteger());
                        break;
                    case 2:
                        args.add(v.floating());
                        break;
                    default:
                        args.add(v.value());
                        break;
                }
            }
        }
    }
}
