package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.shard.Shard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.anax.engine.family.KeyTestSupport.error;
import static dev.anax.engine.family.KeyTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with their options, TTL, PTTL, EXPIRETIME, PEXPIRETIME,
 * PERSIST, lazy and active expiry. Expected replies were taken from redis-server 7.0.15.
 */
class KeyExpireTest
{
    private static final long NOW = 1_700_000_000_000L;
    private static final String NX_AND_OTHERS =
        "ERR NX and XX, GT or LT options at the same time are not compatible";
    private static final String GT_AND_LT = "ERR GT and LT options at the same time are not compatible";

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetRelativeExpiryInSecondsAndMillis(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            assertThat(h.send("EXPIRE", "a", "100")).isEqualTo(integer(1));
            assertThat(h.send("PEXPIRE", "b", "1500")).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(100));
            assertThat(h.send("PTTL", "a")).isEqualTo(integer(100_000));
            assertThat(h.send("TTL", "b")).isEqualTo(integer(2));
            assertThat(h.send("PTTL", "b")).isEqualTo(integer(1500));
            assertThat(h.send("EXPIRETIME", "a")).isEqualTo(integer(NOW / 1000 + 100));
            assertThat(h.send("PEXPIRETIME", "a")).isEqualTo(integer(NOW + 100_000));
            assertThat(h.send("PEXPIRETIME", "b")).isEqualTo(integer(NOW + 1500));
            assertThat(h.send("EXPIRETIME", "b")).isEqualTo(integer(NOW / 1000 + 2));
            h.clock().advance(1_001);
            assertThat(h.send("PTTL", "b")).isEqualTo(integer(499));
            assertThat(h.send("TTL", "b")).isEqualTo(integer(0));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(99));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldSetAbsoluteExpiry(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            h.send("SET", "b", "1");
            assertThat(h.send("EXPIREAT", "a", Long.toString(NOW / 1000 + 50))).isEqualTo(integer(1));
            assertThat(h.send("PEXPIREAT", "b", Long.toString(NOW + 2_499))).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(50));
            assertThat(h.send("PTTL", "b")).isEqualTo(integer(2_499));
            assertThat(h.send("TTL", "b")).isEqualTo(integer(2));
            assertThat(h.send("EXPIRETIME", "b")).isEqualTo(integer(NOW / 1000 + 2));
            assertThat(h.send("PEXPIRETIME", "b")).isEqualTo(integer(NOW + 2_499));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAnswerMinusTwoAndMinusOne(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            for (final String command : new String[] {"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"})
            {
                assertThat(h.send(command, "nope")).isEqualTo(integer(-2));
                assertThat(h.send(command, "a")).isEqualTo(integer(-1));
            }
            assertThat(h.send("TTL", "a", "b")).isEqualTo(error("ERR wrong number of arguments for 'ttl' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldDeleteKeyWhenTimeIsInThePast(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "-1")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "0")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
            h.send("SET", "a", "1");
            assertThat(h.send("PEXPIREAT", "a", Long.toString(NOW))).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIREAT", "a", "1")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
            h.send("SET", "a", "1");
            assertThat(h.send("PEXPIRE", "a", "-9223372036854775808")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "-9223372036854775")).isEqualTo(integer(1));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            assertThat(h.send("EXPIRE", "nope", "-1")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectExpireTimesThatOverflow(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "9223372036854775807")).isEqualTo(
                error("ERR invalid expire time in 'expire' command"));
            assertThat(h.send("EXPIRE", "a", "9223372036854775")).isEqualTo(
                error("ERR invalid expire time in 'expire' command"));
            assertThat(h.send("EXPIRE", "a", "-9223372036854775808")).isEqualTo(
                error("ERR invalid expire time in 'expire' command"));
            assertThat(h.send("PEXPIRE", "a", "9223372036854775807")).isEqualTo(
                error("ERR invalid expire time in 'pexpire' command"));
            assertThat(h.send("PEXPIRE", "a", "9223372036854775000")).isEqualTo(
                error("ERR invalid expire time in 'pexpire' command"));
            assertThat(h.send("EXPIREAT", "a", "9223372036854775807")).isEqualTo(
                error("ERR invalid expire time in 'expireat' command"));
            assertThat(h.send("EXPIREAT", "a", "-9223372036854775807")).isEqualTo(
                error("ERR invalid expire time in 'expireat' command"));
            assertThat(h.send("EXPIRE", "nope", "9223372036854775807")).isEqualTo(
                error("ERR invalid expire time in 'expire' command"));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldAcceptTheLargestAbsoluteTimes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("PEXPIREAT", "a", "9223372036854775807")).isEqualTo(integer(1));
            assertThat(h.send("EXPIRETIME", "a")).isEqualTo(integer(9223372036854776L));
            assertThat(h.send("PEXPIRETIME", "a")).isEqualTo(integer(Long.MAX_VALUE));
            assertThat(h.send("PTTL", "a")).isEqualTo(integer(Long.MAX_VALUE - NOW));
            assertThat(h.send("TTL", "a")).isEqualTo(integer((Long.MAX_VALUE - NOW + 500) / 1000));
            assertThat(h.send("EXPIREAT", "a", "9223372036854775")).isEqualTo(integer(1));
            assertThat(h.send("PEXPIRETIME", "a")).isEqualTo(integer(9223372036854775000L));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldRejectBadExpireArguments(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "abc")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(h.send("EXPIRE", "nope", "abc")).isEqualTo(
                error("ERR value is not an integer or out of range"));
            assertThat(h.send("EXPIRE", "a", "1.5")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(h.send("EXPIRE", "a", "10", "foo")).isEqualTo(error("ERR Unsupported option foo"));
            assertThat(h.send("EXPIRE", "a", "abc", "foo")).isEqualTo(error("ERR Unsupported option foo"));
            assertThat(h.send("EXPIRE", "a", "10", "nx", "xx", "foo")).isEqualTo(error("ERR Unsupported option foo"));
            assertThat(h.send("PEXPIREAT", "a", "10", "bar")).isEqualTo(error("ERR Unsupported option bar"));
            assertThat(h.send("EXPIRE", "a", "10", "nx", "xx")).isEqualTo(error(NX_AND_OTHERS));
            assertThat(h.send("EXPIRE", "a", "10", "nx", "gt")).isEqualTo(error(NX_AND_OTHERS));
            assertThat(h.send("EXPIRE", "a", "10", "NX", "LT")).isEqualTo(error(NX_AND_OTHERS));
            assertThat(h.send("EXPIRE", "nope", "abc", "nx", "xx")).isEqualTo(error(NX_AND_OTHERS));
            assertThat(h.send("EXPIRE", "a", "10", "gt", "lt")).isEqualTo(error(GT_AND_LT));
            assertThat(h.send("EXPIRE", "a", "10", "xx", "gt", "lt")).isEqualTo(error(GT_AND_LT));
            assertThat(h.send("EXPIRE", "a")).isEqualTo(error("ERR wrong number of arguments for 'expire' command"));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldApplyNxAndXx(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "10", "xx")).isEqualTo(integer(0));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-1));
            assertThat(h.send("EXPIRE", "a", "10", "nx")).isEqualTo(integer(1));
            assertThat(h.send("EXPIRE", "a", "20", "nx")).isEqualTo(integer(0));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(10));
            assertThat(h.send("EXPIRE", "a", "30", "xx")).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(30));
            assertThat(h.send("EXPIRE", "a", "40", "nx", "nx")).isEqualTo(integer(0));
            assertThat(h.send("EXPIRE", "nope", "40", "xx")).isEqualTo(integer(0));
            assertThat(h.send("EXPIRE", "nope", "40", "nx")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldApplyGtAndLtTreatingNoTtlAsInfinite(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("EXPIRE", "a", "100", "gt")).isEqualTo(integer(0));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-1));
            assertThat(h.send("EXPIRE", "a", "100", "lt")).isEqualTo(integer(1));
            assertThat(h.send("EXPIRE", "a", "50", "gt")).isEqualTo(integer(0));
            assertThat(h.send("EXPIRE", "a", "100", "gt")).isEqualTo(integer(0));
            assertThat(h.send("EXPIRE", "a", "200", "GT")).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(200));
            assertThat(h.send("EXPIRE", "a", "200", "lt")).isEqualTo(integer(0));
            assertThat(h.send("PEXPIRE", "a", "199999", "lt")).isEqualTo(integer(1));
            assertThat(h.send("PTTL", "a")).isEqualTo(integer(199_999));
            assertThat(h.send("EXPIRE", "a", "300", "xx", "gt")).isEqualTo(integer(1));
            assertThat(h.send("EXPIRE", "a", "-5", "gt")).isEqualTo(integer(0));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(1));
            assertThat(h.send("EXPIRE", "a", "-5", "lt")).isEqualTo(integer(1));
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldPersist(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "a", "1");
            assertThat(h.send("PERSIST", "a")).isEqualTo(integer(0));
            h.send("EXPIRE", "a", "10");
            assertThat(h.send("PERSIST", "a")).isEqualTo(integer(1));
            assertThat(h.send("PERSIST", "a")).isEqualTo(integer(0));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-1));
            assertThat(h.send("PERSIST", "nope")).isEqualTo(integer(0));
            h.clock().advance(20_000);
            assertThat(h.send("EXISTS", "a")).isEqualTo(integer(1));
            assertThat(h.send("PERSIST")).isEqualTo(error("ERR wrong number of arguments for 'persist' command"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldExpireLazilyOnAccess(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            for (final Shard shard : h.engine().shards())
            {
                shard.activeExpire(false);
            }
            h.send("SET", "a", "1");
            h.send("PEXPIRE", "a", "100");
            h.clock().advance(99);
            assertThat(h.send("PTTL", "a")).isEqualTo(integer(1));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
            h.clock().advance(1);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(1));
            assertThat(h.send("TTL", "a")).isEqualTo(integer(-2));
            assertThat(h.send("DBSIZE")).isEqualTo(integer(0));
            assertThat(h.send("GET", "a")).isEqualTo("$-1\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldActivelyExpireTenThousandKeysNobodyTouches(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            final EngineHarness.Client c = h.client();
            for (int i = 0; i < 10_000; i++)
            {
                c.sendNoWait("SET", "short:" + i, "v");
                c.sendNoWait("PEXPIRE", "short:" + i, Integer.toString(50 + i % 100));
            }
            for (int i = 0; i < 100; i++)
            {
                c.sendNoWait("SET", "long:" + i, "v");
                c.sendNoWait("EXPIRE", "long:" + i, "3600");
                c.sendNoWait("SET", "forever:" + i, "v");
            }
            c.await();
            assertThat(h.send("DBSIZE")).isEqualTo(integer(10_200));
            h.clock().advance(200);
            int steps = 0;
            while (liveKeys(h) > 200 && steps < 100_000)
            {
                h.clock().advance(1);
                h.step();
                steps++;
            }
            assertThat(liveKeys(h)).isEqualTo(200);
            assertThat(h.send("DBSIZE")).isEqualTo(integer(200));
            assertThat(expiresCount(h)).isEqualTo(100);
            assertThat(h.send("TTL", "long:7")).isEqualTo(integer((3_600_000L - 200 - steps + 500) / 1000));
            assertThat(h.send("TTL", "forever:7")).isEqualTo(integer(-1));
            long expired = 0;
            for (final Shard shard : h.engine().shards())
            {
                expired += shard.database(0).expiredKeys();
            }
            assertThat(expired).isEqualTo(10_000);
        }
    }

    private static long liveKeys(final EngineHarness h)
    {
        long size = 0;
        for (final Shard shard : h.engine().shards())
        {
            size += shard.database(0).size();
        }
        return size;
    }

    private static long expiresCount(final EngineHarness h)
    {
        long count = 0;
        for (final Shard shard : h.engine().shards())
        {
            final Database db = shard.database(0);
            count += db.expiresCount();
        }
        return count;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void shouldFormatUnsupportedOptionsAsRedisDoes(final int shards)
    {
        try (EngineHarness h = new EngineHarness(shards))
        {
            h.send("SET", "k", "v");
            // Checked on redis-server 7.0.15: trailing CR/LF trimmed, text ends at a NUL byte.
            assertThat(h.send("PEXPIRE", "k", "86400000", "\r\n")).isEqualTo("-ERR Unsupported option \r\n");
            assertThat(h.send("EXPIREAT", "k", "1000000000", "NX", "\0zz")).isEqualTo("-ERR Unsupported option \r\n");
            assertThat(h.send("EXPIRE", "k", "10", "a\nb")).isEqualTo("-ERR Unsupported option a b\r\n");
        }
    }
}
