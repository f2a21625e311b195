package dev.anax.engine.shard;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordering rules of one shard's transaction queue.
 */
class TxQueueTest
{
    private static TxQueue.LockKey[] keys(final String... names)
    {
        final TxQueue.LockKey[] keys = new TxQueue.LockKey[names.length];
        for (int i = 0; i < names.length; i++)
        {
            keys[i] = new TxQueue.LockKey(0, names[i].getBytes(StandardCharsets.US_ASCII));
        }
        return keys;
    }

    @Test
    void shouldRunAFreeTransactionAtOnceAndAConflictingOneWhenItsBlockersLeft()
    {
        final TxQueue queue = new TxQueue();
        final TxQueue.Entry first = queue.schedule(1, true, 10, keys("a"), true, false);
        final TxQueue.Entry unrelated = queue.schedule(2, true, 11, keys("b"), true, false);
        final TxQueue.Entry conflicting = queue.schedule(3, true, 12, keys("a", "c"), true, false);
        assertThat(first.free).isTrue();
        assertThat(unrelated.free).isTrue();
        assertThat(conflicting.free).isFalse();
        assertThat(queue.runnable(first)).isTrue();
        assertThat(queue.runnable(unrelated)).isTrue();
        assertThat(queue.runnable(conflicting)).isFalse();
        // Waiting for entry 1 only: the unrelated entry 2, queued before it, does not block it.
        final TxQueue.Entry behind = queue.schedule(4, true, 13, keys("c"), false, false);
        assertThat(queue.runnable(behind)).isFalse();
        queue.conclude(1);
        assertThat(queue.runnable(conflicting)).isTrue();
        assertThat(queue.runnable(behind)).isFalse();
        queue.conclude(3);
        assertThat(queue.runnable(behind)).isTrue();
        assertThat(queue.runnable(unrelated)).isTrue();
    }

    @Test
    void shouldRefuseAnIdBelowOneThatAlreadyRan()
    {
        final TxQueue queue = new TxQueue();
        final TxQueue.Entry later = queue.schedule(5, true, 10, keys("a"), true, false);
        queue.started(later);
        queue.conclude(5);
        assertThat(queue.schedule(3, true, 11, keys("z"), true, false)).isNull();
        assertThat(queue.schedule(6, true, 11, keys("z"), true, false)).isNotNull();
        assertThat(queue.refused()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAConflictingIdBelowAQueuedOneButAcceptAFreeOne()
    {
        final TxQueue queue = new TxQueue();
        queue.schedule(7, true, 10, keys("a"), true, false);
        assertThat(queue.schedule(4, true, 11, keys("a"), true, false)).isNull();
        assertThat(queue.schedule(4, true, 11, keys("b"), true, false)).isNotNull();
        assertThat(queue.schedule(8, true, 12, keys("a"), false, false)).isNotNull();
    }

    @Test
    void shouldShareReadLocksAndLetAShardLockWaitForEveryone()
    {
        final TxQueue queue = new TxQueue();
        final TxQueue.Entry reader = queue.schedule(1, true, 10, keys("a"), false, false);
        final TxQueue.Entry otherReader = queue.schedule(2, true, 11, keys("a"), false, false);
        assertThat(reader.free).isTrue();
        assertThat(otherReader.free).isTrue();
        final TxQueue.Entry flush = queue.schedule(3, true, 12, keys(), true, true);
        assertThat(flush.free).isFalse();
        assertThat(queue.mustDefer(13, keys("zzz"), false, false)).isTrue();
        queue.conclude(1);
        queue.conclude(2);
        assertThat(queue.runnable(flush)).isTrue();
        queue.conclude(3);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.mustDefer(13, keys("zzz"), true, false)).isFalse();
    }

    @Test
    void shouldKeepALaterCommandOfAConnectionBehindItsDeferredOne()
    {
        final TxQueue queue = new TxQueue();
        queue.schedule(1, true, 10, keys("a"), true, false);
        assertThat(queue.mustDefer(20, keys("a"), true, false)).isTrue();
        queue.defer(20, keys("a"), true, false, new byte[0], null);
        // An unlocked key, but the same connection waits already: it must not overtake.
        assertThat(queue.mustDefer(20, keys("b"), true, false)).isTrue();
        assertThat(queue.mustDefer(21, keys("b"), true, false)).isFalse();
        assertThat(queue.nextReady()).isNull();
        queue.conclude(1);
        final TxQueue.Entry ready = queue.nextReady();
        assertThat(ready).isNotNull();
        assertThat(ready.single).isTrue();
        ready.pending.poll();
        queue.finishSingle(ready);
        assertThat(queue.mustDefer(20, keys("b"), true, false)).isFalse();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void shouldNeverRefuseALocalTransaction()
    {
        final TxQueue queue = new TxQueue();
        final TxQueue.Entry running = queue.schedule(9, true, 10, keys("a"), true, false);
        queue.started(running);
        final TxQueue.Entry local = queue.schedule(2, false, 11, keys("a"), true, false);
        assertThat(local).isNotNull();
        assertThat(queue.runnable(local)).isFalse();
        queue.conclude(9);
        assertThat(queue.runnable(local)).isTrue();
    }
}
