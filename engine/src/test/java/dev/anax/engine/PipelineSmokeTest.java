package dev.anax.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineSmokeTest
{
    @Test
    void shouldRoundTripThroughShardRings()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            assertThat(h.send("SET", "a", "1")).isEqualTo("+OK\r\n");
            assertThat(h.send("GET", "a")).isEqualTo("$1\r\n1\r\n");
            for (int i = 0; i < 20; i++)
            {
                h.send("SET", "k" + i, "v" + i);
            }
            assertThat(h.send("MGET", "k1", "k2", "nope", "k3")).isEqualTo(
                "*4\r\n$2\r\nv1\r\n$2\r\nv2\r\n$-1\r\n$2\r\nv3\r\n");
            assertThat(h.send("FOO", "a", "b")).isEqualTo(
                "-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n");
            assertThat(h.send("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            final StringBuilder big = new StringBuilder();
            for (int i = 0; i < 5000; i++)
            {
                big.append('x');
            }
            assertThat(h.send("SET", "big", big.toString())).isEqualTo("+OK\r\n");
            assertThat(h.send("GET", "big")).isEqualTo("$5000\r\n" + big + "\r\n");
        }
    }

    @Test
    void shouldKeepPipelinedRepliesInOrderAcrossShards()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final EngineHarness.Client c = h.client();
            final StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++)
            {
                c.sendNoWait("SET", "key" + i, "value" + i);
                expected.append("+OK\r\n");
                c.sendNoWait("GET", "key" + i);
                expected.append("$").append(("value" + i).length()).append("\r\n").append("value").append(i).append("\r\n");
            }
            assertThat(c.await()).isEqualTo(expected.toString());
        }
    }
}
