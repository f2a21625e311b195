package dev.anax.perf.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilePlotTest
{
    @TempDir
    Path dir;

    private Path hgrm(final String name, final double scale) throws Exception
    {
        final Histogram h = new Histogram(3);
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++)
        {
            h.recordValue((long)(scale * 100_000 * (1 + -Math.log(1 - random.nextDouble()))));
        }
        final Path file = dir.resolve(name + ".hgrm");
        LatencyStats.writeHgrm(h, file);
        return file;
    }

    @Test
    void shouldReadAnHgrmFileInMilliseconds() throws Exception
    {
        final PercentilePlot.Series s = PercentilePlot.readHgrm(hgrm("a", 1), "a", Color.BLUE, false);
        assertThat(s.percentiles()[0]).isEqualTo(0.0);
        assertThat(s.percentiles()[s.percentiles().length - 1]).isLessThan(100.0);
        // 0.1 ms + exponential(mean 0.1 ms): median 0.1 * (1 + ln 2)
        assertThat(s.valueAt(50)).isBetween(0.16, 0.18);
    }

    @Test
    void shouldWriteANonEmptyPng() throws Exception
    {
        final Path out = dir.resolve("img/plot.png");
        PercentilePlot.main(new String[] {"--out", out.toString(), "--title", "test",
            "Redis=" + hgrm("redis", 1) + ",#1f77b4", "Anax=" + hgrm("anax", 1.5) + ",#d62728,dashed"});
        assertThat(Files.size(out)).isGreaterThan(1000);
        final BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(700);
        boolean red = false;
        for (int x = 0; x < img.getWidth() && !red; x++)
        {
            for (int y = 0; y < img.getHeight() && !red; y++)
            {
                red = img.getRGB(x, y) == (0xFF000000 | 0xd62728);
            }
        }
        assertThat(red).as("a line drawn in the requested colour").isTrue();
    }

    @Test
    void shouldLabelTheNinesScale()
    {
        assertThat(List.of(PercentilePlot.percentLabel(0), PercentilePlot.percentLabel(1),
            PercentilePlot.percentLabel(2), PercentilePlot.percentLabel(3), PercentilePlot.percentLabel(5)))
            .containsExactly("0%", "90%", "99%", "99.9%", "99.999%");
        assertThat(PercentilePlot.nines(99.9)).isBetween(2.999, 3.001);
        assertThat(PercentilePlot.niceStep(0.37)).isEqualTo(0.5);
    }
}
