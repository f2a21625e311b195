package dev.anax.engine;

import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipeline squashing through the real dispatcher and shards: with it on, the same pipelines give
 * exactly the replies they give with it off, in the same order.
 */
class PipelineSquashTest
{
    private static final long SEED = Long.getLong("anax.test.seed", System.nanoTime());

    private static EngineHarness harness(final int shards, final boolean squash, final String... options)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("pipeline-squash", squash ? "yes" : "no");
        for (int i = 0; i < options.length; i += 2)
        {
            config.setAtStartup(options[i], options[i + 1]);
        }
        return new EngineHarness(shards, config);
    }

    /**
     * A mix over every type, single-shard, coordinated, multi-hop and I/O-thread commands, errors,
     * RESP3, large requests and replies, CLIENT REPLY and SELECT.
     */
    static List<String[]> mix(final SplittableRandom random, final int n, final String prefix)
    {
        final List<String[]> commands = new ArrayList<>();
        final String big = "b".repeat(3000);
        final String huge = "h".repeat(70 * 1024);
        for (int i = 0; i < n; i++)
        {
            final String s = prefix + "s" + random.nextInt(24);
            final String t = prefix + "s" + random.nextInt(24);
            final String l = prefix + "l" + random.nextInt(8);
            final String h = prefix + "h" + random.nextInt(8);
            final String z = prefix + "z" + random.nextInt(8);
            final String c = prefix + "c" + random.nextInt(8);
            final String v = "v" + random.nextInt(1000);
            final int pick = random.nextInt(100);
            if (pick < 18)
            {
                commands.add(new String[] {"SET", s, v});
            }
            else if (pick < 34)
            {
                commands.add(new String[] {"GET", s});
            }
            else if (pick < 40)
            {
                commands.add(new String[] {"INCR", c});
            }
            else if (pick < 44)
            {
                commands.add(new String[] {"APPEND", s, v});
            }
            else if (pick < 48)
            {
                commands.add(new String[] {"RPUSH", l, v, "x"});
            }
            else if (pick < 51)
            {
                commands.add(new String[] {"LRANGE", l, "0", "-1"});
            }
            else if (pick < 54)
            {
                commands.add(new String[] {"HSET", h, "f" + random.nextInt(4), v});
            }
            else if (pick < 56)
            {
                commands.add(new String[] {"HGETALL", h});
            }
            else if (pick < 59)
            {
                commands.add(new String[] {"ZADD", z, Integer.toString(random.nextInt(50)), v});
            }
            else if (pick < 61)
            {
                commands.add(new String[] {"ZRANGE", z, "0", "-1", "WITHSCORES"});
            }
            else if (pick < 63)
            {
                commands.add(new String[] {"GET", l});
            }
            else if (pick < 65)
            {
                commands.add(new String[] {"EXPIRE", s, "1000"});
            }
            else if (pick < 67)
            {
                commands.add(new String[] {"TTL", s});
            }
            else if (pick < 70)
            {
                commands.add(new String[] {"MGET", s, t, c});
            }
            else if (pick < 72)
            {
                commands.add(new String[] {"DEL", s, t});
            }
            else if (pick < 74)
            {
                commands.add(new String[] {"MSET", s, v, t, v});
            }
            else if (pick < 76)
            {
                commands.add(new String[] {"RENAME", s, t});
            }
            else if (pick < 78)
            {
                commands.add(new String[] {"PING"});
            }
            else if (pick < 79)
            {
                commands.add(new String[] {"SELECT", Integer.toString(random.nextInt(2))});
            }
            else if (pick < 80)
            {
                commands.add(new String[] {"HELLO", Integer.toString(2 + random.nextInt(2))});
            }
            else if (pick < 81)
            {
                commands.add(new String[] {"NOSUCH", s});
            }
            else if (pick < 82)
            {
                commands.add(new String[] {"GET"});
            }
            else if (pick < 84)
            {
                commands.add(new String[] {"SET", s, big});
            }
            else if (pick < 85)
            {
                commands.add(new String[] {"SET", s, huge});
            }
            else if (pick < 86)
            {
                commands.add(new String[] {"CLIENT", "REPLY", "SKIP"});
            }
            else if (pick < 88)
            {
                commands.add(new String[] {"SADD", prefix + "set", v});
            }
            else if (pick < 89)
            {
                commands.add(new String[] {"SCARD", prefix + "set"});
            }
            else if (pick < 90)
            {
                commands.add(new String[] {"DBSIZE"});
            }
            else
            {
                commands.add(new String[] {"STRLEN", s});
            }
        }
        return commands;
    }

    /**
     * Send the commands as batches of input of random sizes (a flush after each, as after each
     * read of a socket), sometimes stepping the engine between batches, and collect the replies.
     */
    private static String run(final EngineHarness h, final List<String[]> commands, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineHarness.Client client = h.newClient();
        final Dispatcher dispatcher = h.engine().dispatchers()[0];
        int i = 0;
        while (i < commands.size())
        {
            final int batch = 1 + random.nextInt(random.nextBoolean() ? 4 : 200);
            for (int j = 0; j < batch && i < commands.size(); j++, i++)
            {
                client.sendNoWait(commands.get(i));
            }
            dispatcher.flush();
            if (random.nextInt(4) == 0)
            {
                h.step();
            }
        }
        return client.await();
    }

    @Test
    void shouldGiveTheSameRepliesInOrderWithSquashingOnAndOff()
    {
        System.out.println("PipelineSquashTest seed = " + SEED + "L (rerun with -Danax.test.seed=" + SEED + ")");
        for (final int shards : new int[] {1, 4})
        {
            final List<String[]> commands = mix(new SplittableRandom(SEED), 3000, "k:");
            final String off;
            try (EngineHarness h = harness(shards, false))
            {
                off = run(h, commands, SEED);
                assertThat(h.engine().dispatchers()[0].squasher().groups()).isZero();
            }
            try (EngineHarness h = harness(shards, true))
            {
                assertThat(run(h, commands, SEED)).isEqualTo(off);
                final Dispatcher dispatcher = h.engine().dispatchers()[0];
                assertThat(dispatcher.squasher().groups()).isPositive();
                assertThat(dispatcher.squasher().commands()).isGreaterThan(dispatcher.squasher().groups());
            }
        }
    }

    @Test
    void shouldGroupTheCommandsOfOneBatchPerShard()
    {
        try (EngineHarness h = harness(4, true))
        {
            final EngineHarness.Client client = h.client();
            final StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++)
            {
                client.sendNoWait("SET", "key:" + i, "value:" + i);
                expected.append("+OK\r\n");
            }
            for (int i = 0; i < 100; i++)
            {
                client.sendNoWait("GET", "key:" + i);
                expected.append('$').append(("value:" + i).length()).append("\r\nvalue:").append(i).append("\r\n");
            }
            assertThat(client.await()).isEqualTo(expected.toString());
            // One batch of input: one group per shard.
            assertThat(h.engine().dispatchers()[0].squasher().groups()).isEqualTo(4);
            assertThat(h.engine().dispatchers()[0].squasher().commands()).isEqualTo(200);
            assertThat(h.send("INFO", "stats")).contains("anax_pipeline_squash_groups:4\r\n", "anax_pipeline_squash_commands:200\r\n");
        }
    }

    @Test
    void shouldShareGroupsBetweenConnectionsOfOneBatch()
    {
        final List<String[]> a = mix(new SplittableRandom(SEED + 1), 1500, "a:");
        final List<String[]> b = mix(new SplittableRandom(SEED + 2), 1500, "b:");
        final String[] off = interleave(harness(4, false), a, b);
        final String[] on = interleave(harness(4, true), a, b);
        assertThat(on[0]).isEqualTo(off[0]);
        assertThat(on[1]).isEqualTo(off[1]);
    }

    private static String[] interleave(final EngineHarness h, final List<String[]> a, final List<String[]> b)
    {
        try (h)
        {
            final EngineHarness.Client ca = h.newClient();
            final EngineHarness.Client cb = h.newClient();
            final Dispatcher dispatcher = h.engine().dispatchers()[0];
            for (int i = 0; i < a.size(); i++)
            {
                ca.sendNoWait(a.get(i));
                cb.sendNoWait(b.get(i));
                if (i % 50 == 49)
                {
                    dispatcher.flush();
                }
            }
            return new String[] {ca.await(), cb.await()};
        }
    }

    @Test
    void shouldKeepOrderWhenShardRingsAndReplyRingsAreFull()
    {
        // The smallest rings: groups wait in the dispatcher's outboxes, replies in the shards'.
        for (final boolean squash : new boolean[] {false, true})
        {
            try (EngineHarness h = harness(4, squash, "ring-size", "64"))
            {
                final EngineHarness.Client client = h.client();
                final Dispatcher dispatcher = h.engine().dispatchers()[0];
                final StringBuilder expected = new StringBuilder();
                boolean congested = false;
                for (int i = 0; i < 3000; i++)
                {
                    client.sendNoWait("INCR", "c:" + (i % 40));
                    expected.append(':').append(i / 40 + 1).append("\r\n");
                    client.sendNoWait("GET", "c:" + (i % 40));
                    expected.append('$').append(Integer.toString(i / 40 + 1).length()).append("\r\n")
                        .append(i / 40 + 1).append("\r\n");
                    client.sendNoWait("RPUSH", "l:" + (i % 7), "x");
                    expected.append(':').append(i / 7 + 1).append("\r\n");
                    dispatcher.flush();
                    congested |= dispatcher.isCongested();
                }
                assertThat(congested).isTrue();
                assertThat(client.await()).isEqualTo(expected.toString());
                assertThat(dispatcher.squasher().groups() > 0).isEqualTo(squash);
            }
        }
    }

    @Test
    void shouldSwitchSquashingOffAndOnAtRunTime()
    {
        try (EngineHarness h = harness(4, true))
        {
            final EngineHarness.Client client = h.client();
            final Dispatcher dispatcher = h.engine().dispatchers()[0];
            final StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 50; i++)
            {
                client.sendNoWait("SET", "key:" + i, "a" + i);
                expected.append("+OK\r\n");
            }
            client.sendNoWait("CONFIG", "SET", "pipeline-squash", "no");
            expected.append("+OK\r\n");
            for (int i = 0; i < 50; i++)
            {
                client.sendNoWait("APPEND", "key:" + i, "b");
                expected.append(':').append(("a" + i).length() + 1).append("\r\n");
            }
            assertThat(client.await()).isEqualTo(expected.toString());
            final long groups = dispatcher.squasher().groups();
            assertThat(groups).isPositive();
            assertThat(h.send("CONFIG", "GET", "pipeline-squash")).isEqualTo("*2\r\n$15\r\npipeline-squash\r\n$2\r\nno\r\n");

            for (int i = 0; i < 50; i++)
            {
                client.sendNoWait("GET", "key:" + i);
            }
            client.await();
            assertThat(dispatcher.squasher().groups()).isEqualTo(groups);

            assertThat(h.send("CONFIG", "SET", "pipeline-squash", "yes")).isEqualTo("+OK\r\n");
            expected.setLength(0);
            for (int i = 0; i < 50; i++)
            {
                client.sendNoWait("GET", "key:" + i);
                expected.append('$').append(("a" + i).length() + 1).append("\r\na").append(i).append("b\r\n");
            }
            assertThat(client.await()).isEqualTo(expected.toString());
            assertThat(dispatcher.squasher().groups()).isGreaterThan(groups);
        }
    }

    @Test
    void shouldDropTheRepliesOfAClosedConnection()
    {
        try (EngineHarness h = harness(4, true))
        {
            final EngineHarness.Client gone = h.newClient();
            for (int i = 0; i < 100; i++)
            {
                gone.sendNoWait("SET", "key:" + i, "v");
            }
            h.engine().dispatchers()[0].flush();
            h.engine().dispatchers()[0].close(gone.session());
            for (int i = 0; i < 10; i++)
            {
                h.step();
            }
            assertThat(h.send("DBSIZE")).isEqualTo(":100\r\n");
        }
    }

    @Test
    void shouldDeferSquashedCommandsBehindATransactionsLocks()
    {
        for (final boolean squash : new boolean[] {false, true})
        {
            try (EngineHarness h = harness(4, squash))
            {
                final EngineHarness.Client a = h.newClient();
                final EngineHarness.Client b = h.newClient();
                final Dispatcher dispatcher = h.engine().dispatchers()[0];
                final StringBuilder expectedA = new StringBuilder("+OK\r\n");
                a.sendNoWait("MULTI");
                for (int i = 0; i < 10; i++)
                {
                    a.sendNoWait("SET", "k" + i, "a");
                    expectedA.append("+QUEUED\r\n");
                }
                // EXEC schedules the transaction (locks on every shard it touches) ...
                a.sendNoWait("EXEC");
                expectedA.append("*10\r\n").append("+OK\r\n".repeat(10));
                // ... and B's batch, read in the same cycle, reaches the shards after the schedule
                // and before the transaction's writes: each GET waits for the lock, then sees "a".
                final StringBuilder expectedB = new StringBuilder();
                for (int i = 0; i < 10; i++)
                {
                    b.sendNoWait("GET", "k" + i);
                    expectedB.append("$1\r\na\r\n");
                    b.sendNoWait("INCR", "n" + i);
                    expectedB.append(":1\r\n");
                }
                dispatcher.flush();
                assertThat(a.await()).isEqualTo(expectedA.toString());
                assertThat(b.await()).isEqualTo(expectedB.toString());
                long deferred = 0;
                for (final dev.anax.engine.shard.Shard shard : h.engine().shards())
                {
                    deferred += shard.stats().get(dev.anax.engine.stats.ThreadStats.TX_DEFERRED);
                }
                assertThat(deferred).isPositive();
                assertThat(dispatcher.squasher().groups() > 0).isEqualTo(squash);
            }
        }
    }
}
