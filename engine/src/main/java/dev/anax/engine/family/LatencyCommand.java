package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.Engine;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LATENCY HISTOGRAM and INFO latencystats, from the per-command HdrHistograms every thread
 * records (see {@link dev.anax.engine.stats.CommandLatency}). A command that runs as parts on
 * several shards is not recorded (its parts are not the command's latency).
 */
final class LatencyCommand
{
    private LatencyCommand()
    {
    }

    /**
     * LATENCY HISTOGRAM [command ...]: for each command called since the last reset, its calls and
     * the cumulative count at each power-of-two microsecond bucket.
     */
    static void histogram(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final Engine engine = d.engine();
        final Set<CommandSpec> wanted = new LinkedHashSet<>();
        if (args.count() > 2)
        {
            for (int i = 2; i < args.count(); i++)
            {
                final CommandSpec spec = engine.table().get(args.string(i));
                if (spec == null)
                {
                    continue;
                }
                if (spec.isContainer())
                {
                    wanted.addAll(spec.subcommands().values());
                }
                wanted.add(spec);
            }
        }
        else
        {
            wanted.addAll(engine.table().all());
        }
        final List<CommandSpec> called = new ArrayList<>();
        final List<Histogram> histograms = new ArrayList<>();
        for (final CommandSpec spec : wanted)
        {
            final Histogram h = engine.latencyReport().histogram(spec.id());
            if (h.getTotalCount() > 0)
            {
                called.add(spec);
                histograms.add(h);
            }
        }
        out.mapHeader(called.size());
        for (int i = 0; i < called.size(); i++)
        {
            final Histogram h = histograms.get(i);
            out.bulk(called.get(i).fullName());
            out.mapHeader(2);
            out.bulk("calls");
            out.integer(h.getTotalCount());
            out.bulk("histogram_usec");
            final List<long[]> buckets = new ArrayList<>();
            long previous = 0;
            for (final HistogramIterationValue v : h.logarithmicBucketValues(1024, 2))
            {
                final long cumulative = v.getTotalCountToThisValue();
                if (cumulative > previous)
                {
                    buckets.add(new long[] {v.getValueIteratedTo() / 1000, cumulative});
                }
                previous = cumulative;
                if (cumulative >= h.getTotalCount())
                {
                    break;
                }
            }
            out.mapHeader(buckets.size());
            for (final long[] bucket : buckets)
            {
                out.integer(bucket[0]);
                out.integer(bucket[1]);
            }
        }
    }

    static void help(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final String[] lines = {
            "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "HISTOGRAM [COMMAND ...]",
            "    Return a cumulative distribution of the latencies of each command, in powers-of-two",
            "    microsecond buckets, for every command named (or every command called).",
            "HELP",
            "    Print this help.",
        };
        out.arrayHeader(lines.length);
        for (final String line : lines)
        {
            out.simpleString(line);
        }
    }

    /**
     * The latencystats section: {@code latency_percentiles_usec_<cmd>:p50=...,p99=...} for every
     * command called, at the percentiles of {@code latency-tracking-info-percentiles}.
     *
     * @param sb     where the section goes.
     * @param engine the engine.
     */
    static void infoSection(final StringBuilder sb, final Engine engine)
    {
        sb.append("# Latencystats\r\n");
        if (!engine.config().require("latency-tracking").asBoolean())
        {
            return;
        }
        final String percentilesText = engine.config().require("latency-tracking-info-percentiles").asString().trim();
        if (percentilesText.isEmpty())
        {
            return;
        }
        final String[] parts = percentilesText.split("\\s+");
        for (final CommandSpec spec : engine.table().all())
        {
            final Histogram h = engine.latencyReport().histogram(spec.id());
            if (h.getTotalCount() == 0)
            {
                continue;
            }
            sb.append("latency_percentiles_usec_").append(spec.fullName()).append(':');
            for (int i = 0; i < parts.length; i++)
            {
                final double p = Double.parseDouble(parts[i]);
                if (i > 0)
                {
                    sb.append(',');
                }
                sb.append('p').append(percentileLabel(p)).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", h.getValueAtPercentile(p) / 1000.0));
            }
            sb.append("\r\n");
        }
    }

    private static String percentileLabel(final double p)
    {
        // Redis prints the percentile with %f trimmed of trailing zeros: 50, 99, 99.9.
        String text = String.format(Locale.ROOT, "%f", p);
        if (text.contains("."))
        {
            text = text.replaceAll("0+$", "");
            if (text.endsWith("."))
            {
                text = text.substring(0, text.length() - 1);
            }
        }
        return text;
    }
}
