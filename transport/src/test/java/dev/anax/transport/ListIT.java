package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.util.KeyValue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every list command through Jedis over a real socket, RESP2 and RESP3, at 1 and 4 threads (the
 * multi-key commands then cross shards).
 */
class ListIT
{
    static Stream<Arguments> servers()
    {
        return Stream.of(
            Arguments.of(1, RedisProtocol.RESP2),
            Arguments.of(1, RedisProtocol.RESP3),
            Arguments.of(4, RedisProtocol.RESP2),
            Arguments.of(4, RedisProtocol.RESP3));
    }

    private static Jedis connect(final ServerFixture fixture, final RedisProtocol protocol)
    {
        return new Jedis(new HostAndPort("127.0.0.1", fixture.port()),
            DefaultJedisClientConfig.builder().protocol(protocol).build());
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldPushPopAndReadByIndex(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            assertThat(jedis.rpush("l", "c", "d", "e")).isEqualTo(3L);
            assertThat(jedis.lpush("l", "b", "a")).isEqualTo(5L);
            assertThat(jedis.lpushx("missing", "x")).isEqualTo(0L);
            assertThat(jedis.rpushx("l", "f")).isEqualTo(6L);
            assertThat(jedis.llen("l")).isEqualTo(6L);
            assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "b", "c", "d", "e", "f");
            assertThat(jedis.lindex("l", -2)).isEqualTo("e");
            assertThat(jedis.lindex("l", 10)).isNull();
            assertThat(jedis.lset("l", 1, "B")).isEqualTo("OK");
            assertThat(jedis.lpop("l")).isEqualTo("a");
            assertThat(jedis.rpop("l")).isEqualTo("f");
            assertThat(jedis.lpop("l", 2)).containsExactly("B", "c");
            assertThat(jedis.rpop("l", 5)).containsExactly("e", "d");
            assertThat(jedis.exists("l")).isFalse();
            assertThat(jedis.lpop("l")).isNull();
            assertThat(jedis.lpop("l", 3)).isNull();
            assertThat(jedis.rpop("l", 3)).isNull();
        }
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldTrimRemoveInsertAndFind(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            jedis.rpush("l", "a", "b", "c", "1", "2", "3", "c", "c");
            assertThat(jedis.lpos("l", "c")).isEqualTo(2L);
            assertThat(jedis.lpos("l", "x")).isNull();
            assertThat(jedis.lpos("l", "c", LPosParams.lPosParams().rank(-1))).isEqualTo(7L);
            assertThat(jedis.lpos("l", "c", LPosParams.lPosParams().rank(2), 0)).containsExactly(6L, 7L);
            assertThat(jedis.lpos("l", "c", LPosParams.lPosParams().maxlen(3), 0)).containsExactly(2L);
            assertThat(jedis.lpos("missing", "c", LPosParams.lPosParams(), 1)).isEmpty();
            assertThat(jedis.linsert("l", ListPosition.BEFORE, "1", "zero")).isEqualTo(9L);
            assertThat(jedis.linsert("l", ListPosition.AFTER, "nope", "x")).isEqualTo(-1L);
            assertThat(jedis.lrem("l", -2, "c")).isEqualTo(2L);
            assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "b", "c", "zero", "1", "2", "3");
            assertThat(jedis.ltrim("l", 1, -2)).isEqualTo("OK");
            assertThat(jedis.lrange("l", 0, -1)).containsExactly("b", "c", "zero", "1", "2");
            assertThatThrownBy(() -> jedis.lpos("l", "c", LPosParams.lPosParams().rank(0)))
                .isInstanceOf(JedisDataException.class).hasMessageStartingWith("ERR RANK can't be zero");
            jedis.set("s", "x");
            assertThatThrownBy(() -> jedis.llen("s"))
                .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
            assertThatThrownBy(() -> jedis.lset("missing", 0, "x"))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR no such key");
            assertThat(jedis.objectEncoding("l")).isEqualTo("quicklist");
            assertThat(jedis.type("l")).isEqualTo("list");
        }
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldMoveAndMultiPopAcrossKeys(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            final List<String> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                keys.add("key:" + i);
            }
            jedis.rpush(keys.get(0), "a", "b", "c");
            assertThat(jedis.lmove(keys.get(0), keys.get(1), ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
            assertThat(jedis.rpoplpush(keys.get(0), keys.get(2))).isEqualTo("c");
            assertThat(jedis.lmove("missing", keys.get(1), ListDirection.LEFT, ListDirection.LEFT)).isNull();
            jedis.set(keys.get(3), "x");
            assertThatThrownBy(() -> jedis.lmove(keys.get(0), keys.get(3), ListDirection.LEFT, ListDirection.LEFT))
                .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
            assertThat(jedis.lrange(keys.get(0), 0, -1)).containsExactly("b");

            final String[] order = {keys.get(5), keys.get(6), keys.get(2), keys.get(1), keys.get(0)};
            final KeyValue<String, List<String>> popped = jedis.lmpop(ListDirection.RIGHT, 2, order);
            assertThat(popped.getKey()).isEqualTo(keys.get(2));
            assertThat(popped.getValue()).containsExactly("c");
            final KeyValue<String, List<String>> next = jedis.lmpop(ListDirection.LEFT, order);
            assertThat(next.getKey()).isEqualTo(keys.get(1));
            assertThat(next.getValue()).containsExactly("a");
            assertThat(jedis.lmpop(ListDirection.LEFT, keys.get(6), keys.get(7))).isNull();
            assertThatThrownBy(() -> jedis.lmpop(ListDirection.LEFT, keys.get(6), keys.get(3), keys.get(0)))
                .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
        }
    }

    @ParameterizedTest(name = "threads={0} protocol={1}")
    @MethodSource("servers")
    void shouldKeepPipelinedMovesInOrder(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = connect(fixture, protocol))
        {
            final int n = 2000;
            final String[] elements = new String[n];
            for (int i = 0; i < n; i++)
            {
                elements[i] = "e" + i;
            }
            jedis.rpush("queue:a", elements);
            final Pipeline pipeline = jedis.pipelined();
            final List<Response<String>> moved = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                // Back and forth between two keys that are likely on different shards.
                moved.add(pipeline.lmove(i % 2 == 0 ? "queue:a" : "queue:b", i % 2 == 0 ? "queue:b" : "queue:a",
                    ListDirection.LEFT, ListDirection.RIGHT));
            }
            final Response<Long> lengthA = pipeline.llen("queue:a");
            final Response<Long> lengthB = pipeline.llen("queue:b");
            pipeline.sync();
            // Even steps move a's head to b, odd steps move it straight back to a's tail.
            for (int i = 0; i < n; i++)
            {
                assertThat(moved.get(i).get()).isEqualTo("e" + (i / 2));
            }
            assertThat(lengthA.get()).isEqualTo(n);
            assertThat(lengthB.get()).isEqualTo(0L);
            final List<String> expected = new ArrayList<>();
            for (int i = n / 2; i < n; i++)
            {
                expected.add("e" + i);
            }
            for (int i = 0; i < n / 2; i++)
            {
                expected.add("e" + i);
            }
            assertThat(jedis.lrange("queue:a", 0, -1)).isEqualTo(expected);
        }
    }
}
