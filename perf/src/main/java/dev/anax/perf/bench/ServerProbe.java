package dev.anax.perf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and system calls of a local server process, from {@code /proc/PID/stat} and
 * {@code /proc/PID/io}: sampled at the start and end of the measured window, they give the
 * server's CPU cost per operation, which neighbours on a shared machine disturb far less than
 * throughput.
 */
final class ServerProbe
{
    /** Linux USER_HZ: the unit of utime and stime. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ServerProbe(final long pid)
    {
        this.pid = pid;
    }

    /**
     * @return {cpu seconds, read syscalls, write syscalls}, or null when /proc cannot be read.
     */
    double[] sample()
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
            final double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            double reads = Double.NaN;
            double writes = Double.NaN;
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc/" + pid + "/io")))
                {
                    if (line.startsWith("syscr:"))
                    {
                        reads = Double.parseDouble(line.substring(6).trim());
                    }
                    else if (line.startsWith("syscw:"))
                    {
                        writes = Double.parseDouble(line.substring(6).trim());
                    }
                }
            }
            catch (final IOException ex)
            {
                // /proc/PID/io needs the same user (or root): leave syscalls unknown
            }
            return new double[] {cpu, reads, writes};
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
