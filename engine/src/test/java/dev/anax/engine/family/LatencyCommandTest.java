package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyCommandTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldReportCallsAndCumulativeBucketsPerCommand(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (int i = 0; i < 5; i++)
            {
                h.send("SET", "k" + i, "v");
            }
            h.send("PING");
            final String reply = h.send("LATENCY", "HISTOGRAM", "set", "nosuchcommand");
            // *2 "set" *4 "calls" :5 "histogram_usec" *2n (bucket, cumulative)...
            assertThat(reply).startsWith("*2\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:5\r\n$14\r\nhistogram_usec\r\n*");
            assertThat(reply).endsWith(":5\r\n");
            final String all = h.send("LATENCY", "HISTOGRAM");
            assertThat(all).contains("$3\r\nset\r\n").contains("$4\r\nping\r\n");
            h.send("HELLO", "3");
            assertThat(h.send("LATENCY", "HISTOGRAM", "ping")).startsWith("%1\r\n$4\r\nping\r\n%2\r\n$5\r\ncalls\r\n:1\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldShowPercentilesInInfoUntilResetstat(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("GET", "a");
            final String info = h.send("INFO", "latencystats");
            assertThat(info).containsPattern("latency_percentiles_usec_set:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}\r\n");
            assertThat(info).contains("latency_percentiles_usec_get:p50=");
            h.send("CONFIG", "SET", "latency-tracking-info-percentiles", "50 99.99");
            assertThat(h.send("INFO", "latencystats")).containsPattern("latency_percentiles_usec_set:p50=[0-9.]+,p99.99=[0-9.]+\r\n");
            assertThat(h.send("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
            assertThat(h.send("LATENCY", "HISTOGRAM", "set")).isEqualTo("*0\r\n");
            assertThat(h.send("INFO", "latencystats")).doesNotContain("latency_percentiles_usec_set");
            h.send("CONFIG", "SET", "latency-tracking", "no");
            h.send("SET", "b", "2");
            assertThat(h.send("LATENCY", "HISTOGRAM", "set")).isEqualTo("*0\r\n");
            assertThat(h.send("CONFIG", "SET", "latency-tracking-info-percentiles", "101"))
                .startsWith("-ERR CONFIG SET failed");
        }
    }
}
