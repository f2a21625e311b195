package dev.anax.perf.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Weighted command templates, and the command names (one histogram each) they map to.
 */
public final class CommandMix
{
    private final CommandTemplate[] templates;
    private final int[] cumulative;
    private final int total;
    private final String[] names;
    private final int[] nameIndex;

    /**
     * @param templates the templates.
     * @param weights   their weights (positive), parallel to {@code templates}.
     */
    public CommandMix(final List<CommandTemplate> templates, final List<Integer> weights)
    {
        if (templates.isEmpty() || templates.size() != weights.size())
        {
            throw new IllegalArgumentException("a command mix needs at least one weighted template");
        }
        this.templates = templates.toArray(new CommandTemplate[0]);
        cumulative = new int[weights.size()];
        int sum = 0;
        for (int i = 0; i < weights.size(); i++)
        {
            if (weights.get(i) <= 0)
            {
                throw new IllegalArgumentException("weights must be positive: " + weights.get(i));
            }
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        total = sum;
        final Map<String, Integer> byName = new LinkedHashMap<>();
        nameIndex = new int[this.templates.length];
        for (int i = 0; i < this.templates.length; i++)
        {
            nameIndex[i] = byName.computeIfAbsent(this.templates[i].name(), n -> byName.size());
        }
        names = byName.keySet().toArray(new String[0]);
    }

    /**
     * Builds the mix from {@code --ratio SET:GET} and {@code --command [WEIGHT|]TEMPLATE} options.
     *
     * @param ratio    e.g. {@code 1:10}, or null.
     * @param commands extra templates, each optionally prefixed by {@code WEIGHT|}.
     * @param keys     key names.
     * @param values   values.
     * @return the mix.
     */
    public static CommandMix parse(final String ratio, final List<String> commands, final KeyFormat keys,
        final ValueCodec values)
    {
        final List<CommandTemplate> t = new ArrayList<>();
        final List<Integer> w = new ArrayList<>();
        if (ratio != null || commands.isEmpty())
        {
            final String r = ratio == null ? "1:1" : ratio;
            final String[] parts = r.split(":");
            if (parts.length != 2)
            {
                throw new IllegalArgumentException("--ratio wants SET:GET, e.g. 1:10, not " + r);
            }
            final int sets = Integer.parseInt(parts[0].trim());
            final int gets = Integer.parseInt(parts[1].trim());
            if (sets > 0)
            {
                t.add(new CommandTemplate("SET __key__ __value__", keys, values));
                w.add(sets);
            }
            if (gets > 0)
            {
                t.add(new CommandTemplate("GET __key__", keys, values));
                w.add(gets);
            }
        }
        for (final String c : commands)
        {
            final int bar = c.indexOf('|');
            int weight = 1;
            String text = c;
            if (bar > 0 && c.substring(0, bar).trim().matches("\\d+"))
            {
                weight = Integer.parseInt(c.substring(0, bar).trim());
                text = c.substring(bar + 1);
            }
            t.add(new CommandTemplate(text, keys, values));
            w.add(weight);
        }
        return new CommandMix(t, w);
    }

    /**
     * @param random the caller's random source.
     * @return the index of a template, drawn by weight.
     */
    public int pick(final SplittableRandom random)
    {
        if (templates.length == 1)
        {
            return 0;
        }
        final int r = random.nextInt(total);
        for (int i = 0; i < cumulative.length; i++)
        {
            if (r < cumulative[i])
            {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /**
     * @param i template index.
     * @return the template.
     */
    public CommandTemplate template(final int i)
    {
        return templates[i];
    }

    /**
     * @return number of templates.
     */
    public int size()
    {
        return templates.length;
    }

    /**
     * @param template template index.
     * @return index of its command name in {@link #names()}.
     */
    public int nameIndex(final int template)
    {
        return nameIndex[template];
    }

    /**
     * @return distinct command names, in order of first appearance.
     */
    public String[] names()
    {
        return names.clone();
    }

    /**
     * @return the largest number of keys a template draws.
     */
    public int maxKeys()
    {
        int m = 1;
        for (final CommandTemplate t : templates)
        {
            m = Math.max(m, t.keyCount());
        }
        return m;
    }

    /**
     * @return the largest encoded request.
     */
    public int maxEncodedLength()
    {
        int m = 0;
        for (final CommandTemplate t : templates)
        {
            m = Math.max(m, t.maxEncodedLength());
        }
        return m;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < templates.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]))
                .append("x '").append(templates[i]).append('\'');
        }
        return sb.toString();
    }
}
