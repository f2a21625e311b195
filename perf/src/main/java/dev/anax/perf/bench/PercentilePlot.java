package dev.anax.perf.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws HdrHistogram percentile distributions (.hgrm files, values in milliseconds) on one chart,
 * as HdrHistogram's own plotter does: x is the percentile on a "number of nines" scale (0%, 90%,
 * 99%, 99.9%, ... equally spaced, i.e. {@code log10(1 / (1 - p))}), y is latency in ms. Java2D
 * only. Usage:
 * <pre>
 * PercentilePlot --out plot.png [--title T] [--width 1200] [--height 700] [--nines 5] [--y-max MS] [--log-y]
 *                LABEL=FILE.hgrm[,#rrggbb][,dashed] ...
 * </pre>
 */
public final class PercentilePlot
{
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /**
     * One distribution.
     *
     * @param label       legend text.
     * @param percentiles percentiles in {@code [0, 100)}, increasing.
     * @param valuesMs    latency at each percentile, ms.
     * @param color       line colour.
     * @param dashed      whether the line is dashed.
     */
    public record Series(String label, double[] percentiles, double[] valuesMs, Color color, boolean dashed)
    {
        /**
         * @param percentile a percentile, e.g. 99.9.
         * @return the latency there, interpolated between the recorded points around it (NaN if none).
         */
        public double valueAt(final double percentile)
        {
            if (percentiles.length == 0)
            {
                return Double.NaN;
            }
            for (int i = 0; i < percentiles.length; i++)
            {
                if (percentiles[i] >= percentile - 1e-9)
                {
                    if (i == 0 || percentiles[i] - percentiles[i - 1] <= 0)
                    {
                        return valuesMs[i];
                    }
                    final double f = (percentile - percentiles[i - 1]) / (percentiles[i] - percentiles[i - 1]);
                    return valuesMs[i - 1] + f * (valuesMs[i] - valuesMs[i - 1]);
                }
            }
            return valuesMs[valuesMs.length - 1];
        }
    }

    private static final int TOP = 60;

    private PercentilePlot()
    {
    }

    private static int bottomOf(final int height)
    {
        return height - 70;
    }

    /**
     * Reads a .hgrm file as written by {@code Histogram.outputPercentileDistribution}.
     *
     * @param file   the file.
     * @param label  legend text.
     * @param color  line colour.
     * @param dashed dashed line.
     * @return the series (the 100% row, at infinity on this scale, is left out).
     * @throws IOException if it cannot be read or holds no rows.
     */
    public static Series readHgrm(final Path file, final String label, final Color color, final boolean dashed)
        throws IOException
    {
        final List<double[]> rows = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            final String t = line.trim();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("Value"))
            {
                continue;
            }
            final String[] f = t.split("\\s+");
            if (f.length < 3)
            {
                continue;
            }
            try
            {
                final double value = Double.parseDouble(f[0]);
                final double fraction = Double.parseDouble(f[1]);
                if (fraction < 1.0)
                {
                    rows.add(new double[] {fraction * 100.0, value});
                }
            }
            catch (final NumberFormatException ignored)
            {
                // not a data row
            }
        }
        if (rows.isEmpty())
        {
            throw new IOException("no percentile rows in " + file);
        }
        final double[] p = new double[rows.size()];
        final double[] v = new double[rows.size()];
        for (int i = 0; i < p.length; i++)
        {
            p[i] = rows.get(i)[0];
            v[i] = rows.get(i)[1];
        }
        return new Series(label, p, v, color, dashed);
    }

    /**
     * @param percentile in {@code [0, 100)}.
     * @return its x position: the number of nines, {@code log10(100 / (100 - p))}.
     */
    static double nines(final double percentile)
    {
        return Math.log10(100.0 / (100.0 - Math.min(percentile, 99.9999999)));
    }

    /**
     * Draws the chart.
     *
     * @param series   the distributions.
     * @param title    the title.
     * @param width    pixels.
     * @param height   pixels.
     * @param maxNines right edge of the x axis in nines (5 = 99.999%); clipped to the data.
     * @param yMaxMs   top of the y axis, or 0 to fit the data.
     * @param logY     a logarithmic latency axis (for runs whose latencies differ by orders of magnitude).
     * @return the image.
     */
    public static BufferedImage draw(final List<Series> series, final String title, final int width, final int height,
        final double maxNines, final double yMaxMs, final boolean logY)
    {
        double dataNines = 1;
        for (final Series s : series)
        {
            for (final double p : s.percentiles())
            {
                dataNines = Math.max(dataNines, nines(p));
            }
        }
        final int xMax = (int)Math.max(2, Math.min(maxNines, Math.ceil(dataNines - 1e-6)));
        double dataMax = 0;
        double dataMin = Double.MAX_VALUE;
        for (final Series s : series)
        {
            for (int i = 0; i < s.percentiles().length; i++)
            {
                if (nines(s.percentiles()[i]) <= xMax + 1e-9)
                {
                    dataMax = Math.max(dataMax, s.valuesMs()[i]);
                    if (s.valuesMs()[i] > 0)
                    {
                        dataMin = Math.min(dataMin, s.valuesMs()[i]);
                    }
                }
            }
        }
        final double tick = niceStep((yMaxMs > 0 ? yMaxMs : Math.max(dataMax, 1e-3)) / 6);
        final double yMax;
        final double yMin;
        if (logY)
        {
            yMin = Math.pow(10, Math.floor(Math.log10(Math.max(1e-3, Math.min(dataMin, dataMax)))));
            yMax = yMaxMs > 0 ? yMaxMs : Math.pow(10, Math.ceil(Math.log10(Math.max(dataMax, yMin * 10))));
        }
        else
        {
            yMin = 0;
            yMax = yMaxMs > 0 ? yMaxMs : Math.max(tick, Math.ceil(dataMax * 1.05 / tick) * tick);
        }
        final java.util.function.DoubleUnaryOperator yOf = v -> logY ?
            bottomOf(height) - (bottomOf(height) - TOP) * (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) /
                (Math.log10(yMax) - Math.log10(yMin)) :
            bottomOf(height) - (bottomOf(height) - TOP) * v / yMax;

        final BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        final int left = 90;
        final int right = width - 30;
        final int top = TOP;
        final int bottom = bottomOf(height);
        final Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        g.setFont(base.deriveFont(Font.BOLD, 18f));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(title, (width - fm.stringWidth(title)) / 2, 35);

        g.setFont(base);
        fm = g.getFontMetrics();
        final List<Double> ticks = new ArrayList<>();
        if (logY)
        {
            for (double decade = yMin; decade <= yMax * 1.0001; decade *= 10)
            {
                for (final double m : new double[] {1, 2, 5})
                {
                    if (decade * m <= yMax * 1.0001)
                    {
                        ticks.add(decade * m);
                    }
                }
            }
        }
        else
        {
            for (int i = 0; i * tick <= yMax + tick / 1000; i++)
            {
                ticks.add(i * tick);
            }
        }
        for (final double v : ticks)
        {
            final int y = (int)Math.round(yOf.applyAsDouble(v));
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            int decimals = 0;
            while (decimals < 6 && Math.abs(Math.rint(v * Math.pow(10, decimals)) - v * Math.pow(10, decimals)) > 1e-6)
            {
                decimals++;
            }
            final String label = String.format(Locale.ROOT, "%." + decimals + "f", v);
            g.drawString(label, left - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 2);
        }
        for (int n = 0; n <= xMax; n++)
        {
            final int x = (int)Math.round(left + (right - left) * (double)n / xMax);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            final String label = percentLabel(n);
            g.drawString(label, x - fm.stringWidth(label) / 2, bottom + fm.getAscent() + 6);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        final String xTitle = "Percentile";
        g.drawString(xTitle, (left + right - fm.stringWidth(xTitle)) / 2, height - 18);
        final String yTitle = logY ? "Latency (ms, log scale)" : "Latency (ms)";
        final Graphics2D gy = (Graphics2D)g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yTitle, -(top + bottom + fm.stringWidth(yTitle)) / 2, 22);
        gy.dispose();

        final float width0 = series.size() > 4 ? 1.6f : 2.2f;
        final Stroke solid = new BasicStroke(width0, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        final Stroke dashed = new BasicStroke(width0, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 6f}, 0f);
        final Graphics2D clip = (Graphics2D)g.create();
        clip.clipRect(left, top - 2, right - left + 1, bottom - top + 4);
        for (final Series s : series)
        {
            final Path2D.Double path = new Path2D.Double();
            boolean first = true;
            for (int i = 0; i < s.percentiles().length; i++)
            {
                final double n = nines(s.percentiles()[i]);
                if (n > xMax + 1e-9)
                {
                    break;
                }
                final double x = left + (right - left) * n / xMax;
                final double y = yOf.applyAsDouble(Math.min(s.valuesMs()[i], yMax * 1.02));
                if (first)
                {
                    path.moveTo(x, y);
                    first = false;
                }
                else
                {
                    path.lineTo(x, y);
                }
            }
            clip.setColor(s.color());
            clip.setStroke(s.dashed() ? dashed : solid);
            clip.draw(path);
        }
        clip.dispose();

        final List<String> entries = new ArrayList<>();
        int legendWidth = 0;
        for (final Series s : series)
        {
            final String e = String.format(Locale.ROOT, "%s  (p99 %.3f, p99.9 %.3f ms)", s.label(), s.valueAt(99),
                s.valueAt(99.9));
            entries.add(e);
            legendWidth = Math.max(legendWidth, fm.stringWidth(e));
        }
        final int lineHeight = fm.getHeight() + 4;
        // percentile curves rise to the right, so the bottom right corner is the emptiest place
        final int boxW = legendWidth + 60;
        final int boxH = lineHeight * series.size() + 10;
        final int boxX = right - 12 - boxW;
        final int boxY = bottom - 12 - boxH;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(boxX, boxY, boxW, boxH);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(boxX, boxY, boxW, boxH);
        for (int i = 0; i < series.size(); i++)
        {
            final Series s = series.get(i);
            final int y = boxY + 5 + lineHeight * i + lineHeight / 2;
            g.setColor(s.color());
            g.setStroke(s.dashed() ? dashed : solid);
            g.drawLine(boxX + 10, y, boxX + 42, y);
            g.setColor(Color.BLACK);
            g.drawString(entries.get(i), boxX + 50, y + fm.getAscent() / 2 - 2);
        }
        g.dispose();
        return img;
    }

    /**
     * Draws the chart into a PNG file.
     *
     * @param series   the distributions.
     * @param title    the title.
     * @param width    pixels.
     * @param height   pixels.
     * @param maxNines right edge of the x axis in nines.
     * @param yMaxMs   top of the y axis, or 0 to fit.
     * @param logY     a logarithmic latency axis.
     * @param out      the PNG file.
     * @throws IOException if it cannot be written.
     */
    public static void write(final List<Series> series, final String title, final int width, final int height,
        final double maxNines, final double yMaxMs, final boolean logY, final Path out) throws IOException
    {
        final BufferedImage img = draw(series, title, width, height, maxNines, yMaxMs, logY);
        if (out.getParent() != null)
        {
            Files.createDirectories(out.getParent());
        }
        if (!ImageIO.write(img, "png", out.toFile()))
        {
            throw new IOException("no PNG writer");
        }
    }

    static String percentLabel(final int nines)
    {
        switch (nines)
        {
            case 0: return "0%";
            case 1: return "90%";
            case 2: return "99%";
            default: return "99." + "9".repeat(nines - 2) + "%";
        }
    }

    static double niceStep(final double raw)
    {
        final double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        final double f = raw / exp;
        final double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    /**
     * @param args see the class comment.
     * @throws IOException if a file cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        Path out = null;
        String title = "Latency by percentile";
        int width = 1200;
        int height = 700;
        double nines = 5;
        double yMax = 0;
        boolean logY = false;
        final List<Series> series = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--out": out = Path.of(args[++i]); break;
                case "--title": title = args[++i]; break;
                case "--width": width = Integer.parseInt(args[++i]); break;
                case "--height": height = Integer.parseInt(args[++i]); break;
                case "--nines": nines = Double.parseDouble(args[++i]); break;
                case "--y-max": yMax = Double.parseDouble(args[++i]); break;
                case "--log-y": logY = true; break;
                default:
                    final int eq = args[i].indexOf('=');
                    if (eq <= 0)
                    {
                        System.err.println("PercentilePlot: expected LABEL=FILE.hgrm[,#rrggbb][,dashed], got " + args[i]);
                        System.exit(64);
                    }
                    final String[] spec = args[i].substring(eq + 1).split(",");
                    Color color = PALETTE[series.size() % PALETTE.length];
                    boolean dashed = false;
                    for (int k = 1; k < spec.length; k++)
                    {
                        if (spec[k].startsWith("#"))
                        {
                            color = new Color(Integer.parseInt(spec[k].substring(1), 16));
                        }
                        else if (spec[k].equals("dashed"))
                        {
                            dashed = true;
                        }
                    }
                    series.add(readHgrm(Path.of(spec[0]), args[i].substring(0, eq), color, dashed));
                    break;
            }
        }
        if (out == null || series.isEmpty())
        {
            System.err.println("Usage: PercentilePlot --out plot.png [--title T] [--width W] [--height H] " +
                "[--nines 5] [--y-max MS] [--log-y] LABEL=FILE.hgrm[,#rrggbb][,dashed] ...");
            System.exit(64);
        }
        write(series, title, width, height, nines, yMax, logY, out);
        System.out.println("wrote " + out);
    }
}
