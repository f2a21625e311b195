package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrency checks of cross-shard atomicity with many clients on every shard, for a bounded
 * time each ({@code -Danax.concurrency.millis}, default 2,000): money moved between accounts on
 * different shards never appears or vanishes for any reader, an MSET is never seen half done,
 * and WATCH-based optimistic increments add up exactly.
 */
class TransactionConcurrencyIT
{
    private static final long MILLIS = Long.getLong("anax.concurrency.millis", 2_000);
    private static final int ACCOUNTS = 16;
    private static final int BALANCE = 1_000;

    static Stream<Arguments> servers()
    {
        return Stream.of(Arguments.of(2, ThreadingMode.SHARED), Arguments.of(4, ThreadingMode.DEDICATED));
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldKeepTheTotalOfTransfersForEveryReader(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            final String[] accounts = new String[ACCOUNTS];
            try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
            {
                for (int i = 0; i < ACCOUNTS; i++)
                {
                    accounts[i] = "account:" + i;
                    jedis.set(accounts[i], Integer.toString(BALANCE));
                }
            }
            final long total = (long)ACCOUNTS * BALANCE;
            final AtomicLong transfers = new AtomicLong();
            final AtomicLong reads = new AtomicLong();
            final List<Runnable> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++)
            {
                // Transfers with MULTI/DECRBY/INCRBY/EXEC between any two accounts.
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    final ThreadLocalRandom random = ThreadLocalRandom.current();
                    final int from = random.nextInt(ACCOUNTS);
                    final int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    final int amount = 1 + random.nextInt(50);
                    final Transaction t = jedis.multi();
                    t.decrBy(accounts[from], amount);
                    t.incrBy(accounts[to], amount);
                    final List<Object> result = t.exec();
                    assertThat(result).hasSize(2);
                    transfers.incrementAndGet();
                }));
            }
            for (int w = 0; w < 2; w++)
            {
                // Transfers as one MSET of a pair: read both (consistently), write both at once.
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    final ThreadLocalRandom random = ThreadLocalRandom.current();
                    final int pair = random.nextInt(ACCOUNTS / 2);
                    final String a = accounts[2 * pair];
                    final String b = accounts[2 * pair + 1];
                    jedis.watch(a, b);
                    final List<String> values = jedis.mget(a, b);
                    final long va = Long.parseLong(values.get(0));
                    final long vb = Long.parseLong(values.get(1));
                    final long amount = random.nextInt(20);
                    final Transaction t = jedis.multi();
                    t.mset(a, Long.toString(va - amount), b, Long.toString(vb + amount));
                    if (t.exec() != null)
                    {
                        transfers.incrementAndGet();
                    }
                }));
            }
            for (int r = 0; r < 3; r++)
            {
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    long sum = 0;
                    for (final String value : jedis.mget(accounts))
                    {
                        sum += Long.parseLong(value);
                    }
                    assertThat(sum).as("sum of every account seen by one MGET").isEqualTo(total);
                    reads.incrementAndGet();
                }));
            }
            runAll(workers);
            try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
            {
                long sum = 0;
                for (final String value : jedis.mget(accounts))
                {
                    sum += Long.parseLong(value);
                }
                assertThat(sum).isEqualTo(total);
            }
            assertThat(transfers.get()).isPositive();
            assertThat(reads.get()).isPositive();
        }
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldNeverShowAnMsetHalfDone(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            final String[] keys = new String[8];
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = "mset:" + i;
            }
            final AtomicLong reads = new AtomicLong();
            final List<Runnable> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++)
            {
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    final String value = Long.toString(ThreadLocalRandom.current().nextLong());
                    final String[] args = new String[2 * keys.length];
                    for (int i = 0; i < keys.length; i++)
                    {
                        args[2 * i] = keys[i];
                        args[2 * i + 1] = value;
                    }
                    jedis.mset(args);
                }));
            }
            for (int r = 0; r < 4; r++)
            {
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    final List<String> values = jedis.mget(keys);
                    assertThat(values).as("one MGET of keys written together").containsOnly(values.get(0));
                    reads.incrementAndGet();
                }));
            }
            runAll(workers);
            assertThat(reads.get()).isPositive();
        }
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldCountEveryWatchedIncrementExactlyOnce(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            final String counter = "counter";
            final String shadow = "shadow";
            final AtomicLong done = new AtomicLong();
            final List<Runnable> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++)
            {
                workers.add(() -> clientLoop(fixture, jedis ->
                {
                    jedis.watch(counter, shadow);
                    final String value = jedis.get(counter);
                    final long next = value == null ? 1 : Long.parseLong(value) + 1;
                    final Transaction t = jedis.multi();
                    t.set(counter, Long.toString(next));
                    t.set(shadow, Long.toString(next));
                    if (t.exec() != null)
                    {
                        done.incrementAndGet();
                    }
                }));
            }
            runAll(workers);
            try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
            {
                assertThat(done.get()).isPositive();
                assertThat(jedis.get(counter)).isEqualTo(Long.toString(done.get()));
                assertThat(jedis.get(shadow)).isEqualTo(Long.toString(done.get()));
            }
        }
    }

    /** One client: repeat the body until the time is up; a failure stops everything. */
    private interface Body
    {
        void run(Jedis jedis) throws Exception;
    }

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
    private static final AtomicBoolean STOP = new AtomicBoolean();
    private static final ConcurrentLinkedQueue<Throwable> FAILURES = new ConcurrentLinkedQueue<>();

    private static void clientLoop(final ServerFixture fixture, final Body body)
    {
        try (Jedis jedis = new Jedis("127.0.0.1", fixture.port(), 20_000))
        {
            while (!STOP.get() && System.currentTimeMillis() < DEADLINE.get())
            {
                body.run(jedis);
            }
        }
        catch (final Throwable t)
        {
            FAILURES.add(t);
            STOP.set(true);
        }
    }

    private static void runAll(final List<Runnable> workers) throws Exception
    {
        STOP.set(false);
        FAILURES.clear();
        final long deadline = System.currentTimeMillis() + MILLIS;
        final List<Thread> threads = new ArrayList<>();
        for (final Runnable worker : workers)
        {
            final Thread thread = new Thread(() ->
            {
                DEADLINE.set(deadline);
                worker.run();
            });
            thread.start();
            threads.add(thread);
        }
        for (final Thread thread : threads)
        {
            thread.join(MILLIS + 60_000);
            assertThat(thread.isAlive()).as("a client never finished: deadlock?").isFalse();
        }
        if (!FAILURES.isEmpty())
        {
            final AssertionError error = new AssertionError("a client failed: " + FAILURES.peek(), FAILURES.peek());
            throw error;
        }
    }
}
