package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipeline squashing over real sockets, at 1 and 4 threads: the same pipelines give the same
 * bytes back with squashing on and off, and stay correct with full rings and when squashing is
 * switched at run time.
 */
class PipelineSquashIT
{
    private static final long SEED = Long.getLong("anax.test.seed", System.nanoTime());
    private static final String END = "end-of-pipeline";

    private static String resp(final List<String[]> commands)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String[] command : commands)
        {
            sb.append('*').append(command.length).append("\r\n");
            for (final String arg : command)
            {
                sb.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
        }
        return sb.toString();
    }

    /** A mix over every shard: strings, counters, lists, hashes, multi-key and I/O-thread commands, errors. */
    private static List<String[]> mix(final long seed, final int n)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String[]> commands = new ArrayList<>();
        final String big = "x".repeat(4000);
        for (int i = 0; i < n; i++)
        {
            final String s = "s:" + random.nextInt(40);
            final String t = "s:" + random.nextInt(40);
            final String c = "c:" + random.nextInt(10);
            final String v = "v" + random.nextInt(1_000_000);
            final int pick = random.nextInt(100);
            if (pick < 25)
            {
                commands.add(new String[] {"SET", s, v});
            }
            else if (pick < 50)
            {
                commands.add(new String[] {"GET", s});
            }
            else if (pick < 60)
            {
                commands.add(new String[] {"INCR", c});
            }
            else if (pick < 65)
            {
                commands.add(new String[] {"RPUSH", "l:" + random.nextInt(5), v});
            }
            else if (pick < 68)
            {
                commands.add(new String[] {"LRANGE", "l:" + random.nextInt(5), "0", "-1"});
            }
            else if (pick < 72)
            {
                commands.add(new String[] {"HSET", "h:" + random.nextInt(5), "f" + random.nextInt(3), v});
            }
            else if (pick < 74)
            {
                commands.add(new String[] {"HGETALL", "h:" + random.nextInt(5)});
            }
            else if (pick < 77)
            {
                commands.add(new String[] {"MGET", s, t, c});
            }
            else if (pick < 79)
            {
                commands.add(new String[] {"DEL", s, t});
            }
            else if (pick < 81)
            {
                commands.add(new String[] {"RENAME", s, t});
            }
            else if (pick < 83)
            {
                commands.add(new String[] {"PING"});
            }
            else if (pick < 84)
            {
                commands.add(new String[] {"GET", "l:0"});
            }
            else if (pick < 85)
            {
                commands.add(new String[] {"NOSUCH", s});
            }
            else if (pick < 87)
            {
                commands.add(new String[] {"SET", s, big});
            }
            else if (pick < 88)
            {
                commands.add(new String[] {"DBSIZE"});
            }
            else
            {
                commands.add(new String[] {"APPEND", s, v});
            }
        }
        commands.add(new String[] {"ECHO", END});
        return commands;
    }

    /** Write the whole pipeline, reading replies meanwhile, until the reply of the final ECHO. */
    private static String exchange(final ServerFixture fixture, final String pipeline) throws Exception
    {
        try (Socket socket = fixture.socket())
        {
            final ExecutorService writer = Executors.newSingleThreadExecutor();
            try
            {
                final Future<?> written = writer.submit(() ->
                {
                    socket.getOutputStream().write(pipeline.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    return null;
                });
                final String replies = readUntil(socket, "$" + END.length() + "\r\n" + END + "\r\n");
                written.get(30, TimeUnit.SECONDS);
                return replies;
            }
            finally
            {
                writer.shutdownNow();
            }
        }
    }

    private static String readUntil(final Socket socket, final String suffix) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final byte[] end = suffix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[1 << 20];
        int length = 0;
        while (true)
        {
            if (length == bytes.length)
            {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            final int n = in.read(bytes, length, bytes.length - length);
            if (n < 0)
            {
                break;
            }
            length += n;
            if (length >= end.length &&
                java.util.Arrays.equals(bytes, length - end.length, length, end, 0, end.length))
            {
                break;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldGiveTheSameBytesWithSquashingOnAndOff(final int threads) throws Exception
    {
        System.out.println("PipelineSquashIT seed = " + SEED + "L (rerun with -Danax.test.seed=" + SEED + ")");
        final String pipeline = resp(mix(SEED, 20_000));
        final String off;
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED, "pipeline-squash", "no"))
        {
            off = exchange(fixture, pipeline);
        }
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            assertThat(exchange(fixture, pipeline)).isEqualTo(off);
            assertThat(squashGroups(jedis)).isPositive();
        }
    }

    private static long squashGroups(final Jedis jedis)
    {
        for (final String line : jedis.info("stats").split("\r\n"))
        {
            if (line.startsWith("anax_pipeline_squash_groups:"))
            {
                return Long.parseLong(line.substring(line.indexOf(':') + 1));
            }
        }
        throw new AssertionError("no anax_pipeline_squash_groups in INFO stats");
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldCountCorrectlyThroughFullRingsFromManyConnections(final int threads) throws Exception
    {
        // The smallest rings: groups and replies wait in outboxes.
        final int clients = 16;
        final int perClient = 4800; // a multiple of the 32 counters
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED, "ring-size", "64"))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(clients);
            try
            {
                final List<Future<Boolean>> results = new ArrayList<>();
                for (int c = 0; c < clients; c++)
                {
                    results.add(pool.submit(() -> incrementsRise(fixture, perClient)));
                }
                for (final Future<Boolean> result : results)
                {
                    assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
                }
            }
            finally
            {
                pool.shutdownNow();
            }
            try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
            {
                for (int k = 0; k < 32; k++)
                {
                    assertThat(jedis.get("n:" + k)).isEqualTo(Integer.toString(clients * perClient / 32));
                }
            }
        }
    }

    /** Pipelined INCRs over 32 counters; each counter's replies must rise on one connection. */
    private static boolean incrementsRise(final ServerFixture fixture, final int count)
    {
        try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            final Pipeline pipeline = jedis.pipelined();
            final List<Response<Long>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                replies.add(pipeline.incr("n:" + (i % 32)));
            }
            pipeline.sync();
            final long[] last = new long[32];
            for (int i = 0; i < count; i++)
            {
                final long value = replies.get(i).get();
                if (value <= last[i % 32])
                {
                    return false;
                }
                last[i % 32] = value;
            }
            return true;
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldStayCorrectWhileSquashingIsSwitchedAtRunTime(final int threads) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis admin = new Jedis("127.0.0.1", fixture.port()))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(4);
            try
            {
                final List<Future<Boolean>> results = new ArrayList<>();
                for (int c = 0; c < 4; c++)
                {
                    final int client = c;
                    results.add(pool.submit(() -> roundTrips(fixture, client, 20)));
                }
                for (int i = 0; i < 20; i++)
                {
                    assertThat(admin.configSet("pipeline-squash", i % 2 == 0 ? "no" : "yes")).isEqualTo("OK");
                    Thread.sleep(10);
                }
                for (final Future<Boolean> result : results)
                {
                    assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(admin.configGet("pipeline-squash")).containsEntry("pipeline-squash", "yes");
            }
            finally
            {
                pool.shutdownNow();
            }
        }
    }

    /** Pipelines of SET then GET of the same keys; every GET must see its SET. */
    private static boolean roundTrips(final ServerFixture fixture, final int client, final int rounds)
    {
        try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            for (int round = 0; round < rounds; round++)
            {
                final Pipeline pipeline = jedis.pipelined();
                final List<Response<String>> gets = new ArrayList<>();
                for (int i = 0; i < 500; i++)
                {
                    final String key = "k:" + client + ":" + i;
                    pipeline.set(key, round + ":" + i);
                    gets.add(pipeline.get(key));
                }
                pipeline.sync();
                for (int i = 0; i < 500; i++)
                {
                    if (!gets.get(i).get().equals(round + ":" + i))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
