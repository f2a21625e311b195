package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Blocking commands over real sockets at 1 and 4 threads: blocking and serving across I/O
 * threads and shards, timeouts, CLIENT UNBLOCK and CLIENT KILL from another connection,
 * disconnects, and a bounded random stress of pushes and blocking pops in which every pushed
 * element must be popped exactly once and no client may stay blocked while its keys have data.
 */
class BlockingIT
{
    private static final int READ_TIMEOUT_MS = 30_000;

    static Stream<Arguments> servers()
    {
        return Stream.of(
            Arguments.of(1, ThreadingMode.SHARED),
            Arguments.of(4, ThreadingMode.SHARED),
            Arguments.of(4, ThreadingMode.DEDICATED));
    }

    private static long blockedClients(final RespClient admin) throws IOException
    {
        final String info = (String)admin.call("INFO", "clients");
        final int at = info.indexOf("blocked_clients:") + "blocked_clients:".length();
        return Long.parseLong(info.substring(at, info.indexOf("\r\n", at)));
    }

    private static void awaitBlocked(final RespClient admin, final long count) throws Exception
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        long now;
        while ((now = blockedClients(admin)) != count)
        {
            if (System.nanoTime() > deadline)
            {
                fail("blocked_clients stays at " + now + ", expected " + count);
            }
            Thread.sleep(2);
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldServeBlockedClientsAcrossIoThreadsAndShards(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            RespClient admin = new RespClient(fixture.port(), READ_TIMEOUT_MS);
            RespClient a = new RespClient(fixture.port(), READ_TIMEOUT_MS);
            RespClient b = new RespClient(fixture.port(), READ_TIMEOUT_MS);
            RespClient c = new RespClient(fixture.port(), READ_TIMEOUT_MS))
        {
            a.send("BLPOP", "k1", "k2", "k3", "0");
            a.send("PING");
            awaitBlocked(admin, 1);
            b.send("BLMOVE", "src", "k2", "RIGHT", "LEFT", "0");
            awaitBlocked(admin, 2);
            c.send("BZPOPMAX", "z1", "z2", "0");
            awaitBlocked(admin, 3);

            assertThat(admin.call("RPUSH", "src", "x", "y")).isEqualTo(2L);
            assertThat(b.read()).isEqualTo("y");
            assertThat(a.read()).isEqualTo(List.of("k2", "y"));
            assertThat(a.read()).isEqualTo("PONG");
            assertThat(admin.call("ZADD", "z2", "1", "m", "2", "n")).isEqualTo(2L);
            assertThat(c.read()).isEqualTo(List.of("z2", "n", "2"));
            awaitBlocked(admin, 0);
            assertThat(admin.call("LRANGE", "src", "0", "-1")).isEqualTo(List.of("x"));

            c.send("BRPOP", "q", "0.05");
            assertThat(c.read()).isNull();
            assertThat(blockedClients(admin)).isZero();
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldBeReleasedByClientUnblockAndClientKillFromAnotherConnection(
        final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            RespClient admin = new RespClient(fixture.port(), READ_TIMEOUT_MS);
            RespClient a = new RespClient(fixture.port(), READ_TIMEOUT_MS))
        {
            final String id = Long.toString((Long)a.call("CLIENT", "ID"));
            a.send("BLMPOP", "0", "2", "l1", "l2", "LEFT");
            awaitBlocked(admin, 1);
            assertThat((String)admin.call("CLIENT", "LIST", "ID", id)).contains(" flags=b ");
            assertThat(admin.call("CLIENT", "UNBLOCK", id)).isEqualTo(1L);
            assertThat(a.read()).isNull();

            a.send("BZPOPMIN", "z", "0");
            awaitBlocked(admin, 1);
            assertThat(admin.call("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(1L);
            assertThat(a.read()).isEqualTo(new RespClient.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            assertThat(admin.call("CLIENT", "UNBLOCK", id)).isEqualTo(0L);

            a.send("BLPOP", "l1", "l2", "0");
            awaitBlocked(admin, 1);
            assertThat(admin.call("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
            awaitBlocked(admin, 0);
            assertThat(admin.call("RPUSH", "l2", "kept")).isEqualTo(1L);
            assertThat(admin.call("LLEN", "l2")).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldPopNothingForClientsThatDisconnectedWhileBlocked(final int threads, final ThreadingMode mode)
        throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            RespClient admin = new RespClient(fixture.port(), READ_TIMEOUT_MS))
        {
            final List<RespClient> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                final RespClient client = new RespClient(fixture.port(), READ_TIMEOUT_MS);
                clients.add(client);
                if (i % 2 == 0)
                {
                    client.send("BLPOP", "g" + (i % 3), "h" + (i % 5), "0");
                }
                else
                {
                    client.send("BRPOPLPUSH", "g" + (i % 3), "dst", "0");
                }
                if (i % 4 < 2)
                {
                    // Requests held behind the blocked one: the connection must still be read
                    // to notice that it closes.
                    client.send("PING");
                    client.send("RPUSH", "h0", "from-a-held-request");
                }
            }
            awaitBlocked(admin, 20);
            for (final RespClient client : clients)
            {
                client.close();
            }
            awaitBlocked(admin, 0);
            for (int i = 0; i < 3; i++)
            {
                admin.call("RPUSH", "g" + i, "v");
            }
            for (int i = 0; i < 5; i++)
            {
                admin.call("RPUSH", "h" + i, "v");
            }
            for (int i = 0; i < 3; i++)
            {
                assertThat(admin.call("LLEN", "g" + i)).isEqualTo(1L);
            }
            for (int i = 0; i < 5; i++)
            {
                assertThat(admin.call("LLEN", "h" + i)).isEqualTo(1L);
            }
            assertThat(admin.call("EXISTS", "dst")).isEqualTo(0L);
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldPopEveryPushedElementExactlyOnceUnderRandomLoad(final int threads, final ThreadingMode mode)
        throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("BlockingIT stress seed " + seed + " threads=" + threads + " mode=" + mode);
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            RespClient admin = new RespClient(fixture.port(), READ_TIMEOUT_MS))
        {
            new Stress(fixture.port(), seed, admin).run();
        }
    }

    /**
     * Producers push unique elements to a few lists and sorted sets (keys on every shard, and a
     * pair sharing a hash tag) while consumers pop them with random blocking commands and
     * timeouts (0 included), and move some between lists. Then the producers stop and STOP
     * elements are pushed to every key until every consumer has popped one: a consumer left
     * blocked while its keys hold elements (a lost wake-up) fails the test.
     */
    private static final class Stress
    {
        private static final String[] LISTS = {"{t}l1", "{t}l2", "la", "lb", "lc", "ld"};
        private static final String[] ZSETS = {"za", "zb", "zc"};
        private static final String[] TIMEOUTS = {"0", "0.01", "0.1", "0.3"};
        private static final int PRODUCERS = 4;
        private static final int CONSUMERS = 12;
        private static final long RUN_NANOS = 3_000_000_000L;

        private final int port;
        private final long seed;
        private final RespClient admin;
        private final ConcurrentLinkedQueue<String> pushed = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> popped = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicInteger consumersLeft = new AtomicInteger(CONSUMERS);
        private final AtomicInteger timedOut = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Stress(final int port, final long seed, final RespClient admin)
        {
            this.port = port;
            this.seed = seed;
            this.admin = admin;
        }

        void run() throws Exception
        {
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < PRODUCERS; i++)
            {
                final int id = i;
                threads.add(new Thread(() -> guard(() -> produce(id)), "producer-" + i));
            }
            final List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++)
            {
                final int id = i;
                consumers.add(new Thread(() -> guard(() -> consume(id)), "consumer-" + i));
            }
            threads.forEach(Thread::start);
            consumers.forEach(Thread::start);
            Thread.sleep(RUN_NANOS / 1_000_000);
            producing.set(false);
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }
            // Every key gets a STOP element until every consumer has popped one.
            final long deadline = System.nanoTime() + 30_000_000_000L;
            int stops = 0;
            while (consumersLeft.get() > 0 && failure.get() == null)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("seed " + seed + ": " + consumersLeft.get() + " consumers still blocked while their keys " +
                        "hold elements (lost wake-up?)");
                }
                for (final String key : LISTS)
                {
                    admin.call("RPUSH", key, "STOP" + stops++);
                }
                for (final String key : ZSETS)
                {
                    admin.call("ZADD", key, "0", "STOP" + stops++);
                }
                Thread.sleep(5);
            }
            for (final Thread consumer : consumers)
            {
                consumer.join(30_000);
            }
            if (failure.get() != null)
            {
                throw new AssertionError("seed " + seed, failure.get());
            }
            final List<String> left = new ArrayList<>();
            for (final String key : LISTS)
            {
                addAll(left, admin.call("LRANGE", key, "0", "-1"));
            }
            for (final String key : ZSETS)
            {
                addAll(left, admin.call("ZRANGE", key, "0", "-1"));
            }
            final Map<String, Integer> seen = new HashMap<>();
            for (final String element : popped)
            {
                if (!element.startsWith("STOP"))
                {
                    seen.merge(element, 1, Integer::sum);
                }
            }
            for (final String element : left)
            {
                if (!element.startsWith("STOP"))
                {
                    seen.merge(element, 1, Integer::sum);
                }
            }
            final List<String> twice = new ArrayList<>();
            seen.forEach((element, times) ->
            {
                if (times > 1)
                {
                    twice.add(element);
                }
            });
            assertThat(twice).as("seed %d: elements popped (or popped and left) more than once", seed).isEmpty();
            final List<String> expected = new ArrayList<>(pushed);
            final List<String> actual = new ArrayList<>(seen.keySet());
            Collections.sort(expected);
            Collections.sort(actual);
            assertThat(actual).as("seed %d: popped and left elements = pushed elements", seed).isEqualTo(expected);
            System.out.println("BlockingIT stress: " + pushed.size() + " pushed, " + popped.size() + " popped (STOPs " +
                "included), " + left.size() + " left, " + timedOut.get() + " timeouts, " + stops + " STOPs");
            assertThat(popped.size()).as("seed %d: elements popped", seed).isGreaterThan(100);
            awaitBlocked(admin, 0);
        }

        @SuppressWarnings("unchecked")
        private static void addAll(final List<String> into, final Object reply)
        {
            into.addAll((List<String>)reply);
        }

        private interface Body
        {
            void run() throws Exception;
        }

        private void guard(final Body body)
        {
            try
            {
                body.run();
            }
            catch (final Throwable t)
            {
                failure.compareAndSet(null, t);
                consumersLeft.set(0);
            }
        }

        private void produce(final int id) throws Exception
        {
            final SplittableRandom random = new SplittableRandom(seed + id);
            try (RespClient client = new RespClient(port, READ_TIMEOUT_MS))
            {
                int n = 0;
                while (producing.get())
                {
                    if (random.nextInt(10) < 7)
                    {
                        final String key = LISTS[random.nextInt(LISTS.length)];
                        final int count = 1 + random.nextInt(3);
                        final String[] args = new String[2 + count];
                        args[0] = random.nextBoolean() ? "RPUSH" : "LPUSH";
                        args[1] = key;
                        for (int i = 0; i < count; i++)
                        {
                            args[2 + i] = "p" + id + ":" + n++;
                        }
                        final Object reply = client.call(args);
                        assertThat(reply).isInstanceOf(Long.class);
                        for (int i = 0; i < count; i++)
                        {
                            pushed.add(args[2 + i]);
                        }
                    }
                    else
                    {
                        final String member = "p" + id + ":" + n++;
                        assertThat(client.call("ZADD", ZSETS[random.nextInt(ZSETS.length)],
                            Integer.toString(random.nextInt(100)), member)).isEqualTo(1L);
                        pushed.add(member);
                    }
                    // Slower than the consumers, so that they block most of the time.
                    Thread.sleep(1);
                }
            }
        }

        private static String[] pick(final SplittableRandom random, final String[] from, final int max)
        {
            final List<String> all = new ArrayList<>(List.of(from));
            Collections.shuffle(all, new java.util.Random(random.nextLong()));
            return all.subList(0, 1 + random.nextInt(Math.min(max, all.size()))).toArray(new String[0]);
        }

        private static String[] command(final String name, final String[] keys, final String... tail)
        {
            final String[] args = new String[1 + keys.length + tail.length];
            args[0] = name;
            System.arraycopy(keys, 0, args, 1, keys.length);
            System.arraycopy(tail, 0, args, 1 + keys.length, tail.length);
            return args;
        }

        @SuppressWarnings("unchecked")
        private void consume(final int id) throws Exception
        {
            final SplittableRandom random = new SplittableRandom(seed * 31 + id);
            try (RespClient client = new RespClient(port, READ_TIMEOUT_MS * 2))
            {
                boolean stopped = false;
                while (!stopped)
                {
                    final String timeout = TIMEOUTS[random.nextInt(TIMEOUTS.length)];
                    final List<String> got = new ArrayList<>();
                    switch (random.nextInt(8))
                    {
                        case 0:
                        case 1:
                        {
                            final Object reply = client.call(command(random.nextBoolean() ? "BLPOP" : "BRPOP",
                                pick(random, LISTS, 3), timeout));
                            if (reply != null)
                            {
                                got.add((String)((List<Object>)reply).get(1));
                            }
                            break;
                        }
                        case 2:
                        {
                            final String[] keys = pick(random, LISTS, 3);
                            final String[] args = new String[6 + keys.length];
                            args[0] = "BLMPOP";
                            args[1] = timeout;
                            args[2] = Integer.toString(keys.length);
                            System.arraycopy(keys, 0, args, 3, keys.length);
                            args[3 + keys.length] = random.nextBoolean() ? "LEFT" : "RIGHT";
                            args[4 + keys.length] = "COUNT";
                            args[5 + keys.length] = Integer.toString(1 + random.nextInt(3));
                            final Object reply = client.call(args);
                            if (reply != null)
                            {
                                got.addAll((List<String>)((List<Object>)reply).get(1));
                            }
                            break;
                        }
                        case 3:
                        {
                            final String source = LISTS[random.nextInt(LISTS.length)];
                            final String destination = LISTS[random.nextInt(LISTS.length)];
                            final Object reply = random.nextBoolean() ?
                                client.call("BRPOPLPUSH", source, destination, timeout) :
                                client.call("BLMOVE", source, destination, random.nextBoolean() ? "LEFT" : "RIGHT",
                                    random.nextBoolean() ? "LEFT" : "RIGHT", timeout);
                            if (reply != null)
                            {
                                assertThat(reply).isInstanceOf(String.class);
                            }
                            break;
                        }
                        case 4:
                        case 5:
                        {
                            final Object reply = client.call(command(random.nextBoolean() ? "BZPOPMIN" : "BZPOPMAX",
                                pick(random, ZSETS, 2), timeout));
                            if (reply != null)
                            {
                                got.add((String)((List<Object>)reply).get(1));
                            }
                            break;
                        }
                        case 6:
                        {
                            final String[] keys = pick(random, ZSETS, 3);
                            final String[] args = new String[6 + keys.length];
                            args[0] = "BZMPOP";
                            args[1] = timeout;
                            args[2] = Integer.toString(keys.length);
                            System.arraycopy(keys, 0, args, 3, keys.length);
                            args[3 + keys.length] = random.nextBoolean() ? "MIN" : "MAX";
                            args[4 + keys.length] = "COUNT";
                            args[5 + keys.length] = Integer.toString(1 + random.nextInt(3));
                            final Object reply = client.call(args);
                            if (reply != null)
                            {
                                for (final Object pair : (List<Object>)((List<Object>)reply).get(1))
                                {
                                    got.add((String)((List<Object>)pair).get(0));
                                }
                            }
                            break;
                        }
                        default:
                        {
                            // A pipeline: a blocking pop with later requests held behind it.
                            client.send(command("BLPOP", pick(random, LISTS, 2), "0.05"));
                            client.send("PING");
                            final Object reply = client.read();
                            assertThat(client.read()).isEqualTo("PONG");
                            if (reply != null)
                            {
                                got.add((String)((List<Object>)reply).get(1));
                            }
                            break;
                        }
                    }
                    if (got.isEmpty())
                    {
                        timedOut.incrementAndGet();
                    }
                    for (final String element : got)
                    {
                        popped.add(element);
                        if (element.startsWith("STOP"))
                        {
                            stopped = true;
                        }
                    }
                    if (!producing.get() && consumersLeft.get() == 0)
                    {
                        break;
                    }
                }
            }
            finally
            {
                consumersLeft.decrementAndGet();
            }
        }
    }
}
