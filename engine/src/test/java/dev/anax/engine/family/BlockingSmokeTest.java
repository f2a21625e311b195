package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingSmokeTest
{
    @Test
    void smoke()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.newClient();
            c.sendNoWait("BLPOP", "k", "0");
            assertThat(c.poll()).isEmpty();
            assertThat(h.send("INFO", "clients")).contains("blocked_clients:1");
            assertThat(h.send("RPUSH", "k", "a", "b")).isEqualTo(":2\r\n");
            assertThat(c.poll()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\na\r\n");
            assertThat(h.send("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n$1\r\nb\r\n");
        }
    }
}
