package dev.anax.perf.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopScheduleTest
{
    @Test
    void shouldPlanRequestsAtFixedIntervalsFromTheStart()
    {
        // 1000 req/s over 4 connections: each connection every 4 ms, offset by 1 ms per connection
        final OpenLoopSchedule c0 = new OpenLoopSchedule(5_000, 1000, 4, 0);
        final OpenLoopSchedule c3 = new OpenLoopSchedule(5_000, 1000, 4, 3);
        assertThat(c0.plannedNs(0)).isEqualTo(5_000);
        assertThat(c0.plannedNs(1)).isEqualTo(5_000 + 4_000_000);
        assertThat(c0.plannedNs(250)).isEqualTo(5_000 + 1_000_000_000L);
        assertThat(c3.plannedNs(0)).isEqualTo(5_000 + 3_000_000);
        assertThat(c3.plannedNs(2)).isEqualTo(5_000 + 11_000_000);
        assertThat(c0.intervalNs()).isEqualTo(4_000_000.0);
    }

    @Test
    void shouldInterleaveConnectionsIntoOneEvenStream()
    {
        final int connections = 7;
        final List<Long> all = new ArrayList<>();
        for (int c = 0; c < connections; c++)
        {
            final OpenLoopSchedule s = new OpenLoopSchedule(0, 70_000, connections, c);
            for (int i = 0; i < 100; i++)
            {
                all.add(s.plannedNs(i));
            }
        }
        Collections.sort(all);
        for (int k = 0; k < all.size(); k++)
        {
            // slot k of the whole stream is at k / rate, to the nanosecond (integer division)
            assertThat(all.get(k)).isEqualTo((long)(k * (1e9 / 70_000)));
        }
    }

    @Test
    void shouldNotDriftOverMillionsOfRequests()
    {
        final OpenLoopSchedule s = new OpenLoopSchedule(0, 3, 1, 0);
        assertThat(s.plannedNs(3_000_000L)).isBetween(1_000_000L * 1_000_000_000L - 1, 1_000_000L * 1_000_000_000L);
    }

    @Test
    void shouldCountRequestsDueByAGivenTime()
    {
        final OpenLoopSchedule s = new OpenLoopSchedule(1_000, 1000, 2, 1);
        // planned: 1_000 + 1 ms, + 3 ms, + 5 ms ...
        assertThat(s.dueBy(0)).isEqualTo(0);
        assertThat(s.dueBy(1_000 + 999_999)).isEqualTo(0);
        assertThat(s.dueBy(1_000 + 1_000_000)).isEqualTo(1);
        assertThat(s.dueBy(1_000 + 2_999_999)).isEqualTo(1);
        assertThat(s.dueBy(1_000 + 3_000_000)).isEqualTo(2);
        assertThat(s.dueBy(1_000 + 1_000_000_000L)).isEqualTo(500);
        for (long t = 0; t < 20_000_000; t += 333_333)
        {
            final long due = s.dueBy(t);
            if (due > 0)
            {
                assertThat(s.plannedNs(due - 1)).isLessThanOrEqualTo(t);
            }
            assertThat(s.plannedNs(due)).isGreaterThan(t);
        }
    }

    @Test
    void shouldRejectANonPositiveRate()
    {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 10, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
