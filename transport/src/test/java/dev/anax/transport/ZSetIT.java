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
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SortingParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZIncrByParams;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sorted set commands and SORT over real sockets with Jedis, in RESP2 and RESP3, with one and four
 * threads (keys spread over the shards).
 */
class ZSetIT
{
    static Stream<Arguments> servers()
    {
        return Stream.of(
            Arguments.of(1, RedisProtocol.RESP2),
            Arguments.of(4, RedisProtocol.RESP2),
            Arguments.of(1, RedisProtocol.RESP3),
            Arguments.of(4, RedisProtocol.RESP3));
    }

    private static Jedis connect(final ServerFixture fixture, final RedisProtocol protocol)
    {
        return new Jedis(new HostAndPort("127.0.0.1", fixture.port()),
            DefaultJedisClientConfig.builder().protocol(protocol).build());
    }

    private static List<String> render(final List<Tuple> tuples)
    {
        final List<String> out = new ArrayList<>();
        for (final Tuple t : tuples)
        {
            out.add(t.getElement() + "=" + t.getScore());
        }
        return out;
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldServeSingleKeyCommands(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED); Jedis jedis = connect(fixture, protocol))
        {
            final Map<String, Double> members = new LinkedHashMap<>();
            members.put("a", 1.0);
            members.put("b", 2.0);
            members.put("c", 3.0);
            assertThat(jedis.zadd("z", members)).isEqualTo(3L);
            assertThat(jedis.zadd("z", 0.5, "x", ZAddParams.zAddParams().nx().ch())).isEqualTo(1L);
            assertThat(jedis.zadd("z", 9, "x", ZAddParams.zAddParams().lt().ch())).isEqualTo(0L);
            assertThat(jedis.zincrby("z", 0.25, "x")).isEqualTo(0.75);
            assertThat(jedis.zincrby("z", 1, "nope", ZIncrByParams.zIncrByParams().xx())).isNull();
            assertThat(jedis.zcard("z")).isEqualTo(4L);
            assertThat(jedis.zscore("z", "b")).isEqualTo(2.0);
            assertThat(jedis.zscore("z", "nope")).isNull();
            assertThat(jedis.zmscore("z", "a", "nope")).containsExactly(1.0, null);
            assertThat(jedis.zrank("z", "c")).isEqualTo(3L);
            assertThat(jedis.zrevrank("z", "c")).isEqualTo(0L);
            assertThat(jedis.zrank("z", "nope")).isNull();
            assertThat(jedis.zcount("z", "(1", "+inf")).isEqualTo(2L);
            assertThat(jedis.zrange("z", 0, -1)).containsExactly("x", "a", "b", "c");
            assertThat(render(jedis.zrangeWithScores("z", 0, 1))).containsExactly("x=0.75", "a=1.0");
            assertThat(jedis.zrevrange("z", 0, 1)).containsExactly("c", "b");
            assertThat(render(jedis.zrevrangeWithScores("z", 0, 0))).containsExactly("c=3.0");
            assertThat(jedis.zrangeByScore("z", "(1", "3")).containsExactly("b", "c");
            assertThat(render(jedis.zrangeByScoreWithScores("z", "-inf", "+inf", 1, 2))).containsExactly("a=1.0", "b=2.0");
            assertThat(jedis.zrevrangeByScore("z", "3", "1", 0, 2)).containsExactly("c", "b");
            assertThat(jedis.zrange("z", ZRangeParams.zrangeByScoreParams(3, 1).rev().limit(1, 5))).containsExactly("b", "a");
            assertThat(jedis.zrem("z", "x", "nope")).isEqualTo(1L);
            assertThat(jedis.zremrangeByScore("z", "-inf", "(2")).isEqualTo(1L);
            assertThat(jedis.zremrangeByRank("z", -1, -1)).isEqualTo(1L);
            assertThat(jedis.zrange("z", 0, -1)).containsExactly("b");
            jedis.set("str", "v");
            assertThatThrownBy(() -> jedis.zcard("str")).hasMessageStartingWith("WRONGTYPE");
            assertThatThrownBy(() -> jedis.zadd("z", Double.NaN, "m")).hasMessageContaining("not a valid float");
        }
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldServeLexRangesPopsAndRandomMembers(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED); Jedis jedis = connect(fixture, protocol))
        {
            for (final String m : new String[] {"alpha", "bar", "cool", "down", "elephant"})
            {
                jedis.zadd("lex", 0, m);
            }
            assertThat(jedis.zrangeByLex("lex", "[bar", "(down")).containsExactly("bar", "cool");
            assertThat(jedis.zrevrangeByLex("lex", "+", "[cool", 0, 2)).containsExactly("elephant", "down");
            assertThat(jedis.zlexcount("lex", "-", "+")).isEqualTo(5L);
            assertThat(jedis.zremrangeByLex("lex", "[alpha", "[bar")).isEqualTo(2L);
            assertThat(jedis.zpopmin("lex").getElement()).isEqualTo("cool");
            assertThat(render(jedis.zpopmax("lex", 5))).containsExactly("elephant=0.0", "down=0.0");
            assertThat(jedis.exists("lex")).isFalse();
            assertThat(jedis.zpopmin("lex")).isNull();

            jedis.zadd("r", 1, "a");
            jedis.zadd("r", 2, "b");
            assertThat(jedis.zrandmember("r")).isIn("a", "b");
            assertThat(new HashSet<>(jedis.zrandmember("r", 5))).containsExactlyInAnyOrder("a", "b");
            assertThat(render(jedis.zrandmemberWithScores("r", -3))).hasSize(3).allMatch(s -> s.equals("a=1.0") || s.equals("b=2.0"));

            final Set<String> scanned = new HashSet<>();
            for (int i = 0; i < 300; i++)
            {
                jedis.zadd("big", i, "m" + i);
            }
            String cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<Tuple> page = jedis.zscan("big", cursor, new ScanParams().count(25).match("m1*"));
                for (final Tuple t : page.getResult())
                {
                    scanned.add(t.getElement());
                    assertThat(t.getElement()).isEqualTo("m" + (long)t.getScore());
                }
                cursor = page.getCursor();
            }
            while (!cursor.equals("0"));
            assertThat(scanned).hasSize(111);
        }
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldServeMultiKeyCommandsAcrossShards(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED); Jedis jedis = connect(fixture, protocol))
        {
            jedis.zadd("k1", 1, "a");
            jedis.zadd("k1", 2, "b");
            jedis.zadd("k2", 1, "b");
            jedis.zadd("k2", 3, "c");
            jedis.zadd("k3", 5, "c");
            assertThat(jedis.zunion(new ZParams(), "k1", "k2", "k3")).containsExactly("a", "b", "c");
            assertThat(render(jedis.zunionWithScores(new ZParams().weights(1, 2, 0).aggregate(ZParams.Aggregate.MAX), "k1", "k2", "k3")))
                .containsExactly("a=1.0", "b=2.0", "c=6.0");
            assertThat(render(jedis.zinterWithScores(new ZParams(), "k1", "k2"))).containsExactly("b=3.0");
            assertThat(jedis.zdiff("k1", "k2")).containsExactly("a");
            assertThat(render(jedis.zdiffWithScores("k2", "k3"))).containsExactly("b=1.0");
            assertThat(jedis.zintercard("k1", "k2")).isEqualTo(1L);
            assertThat(jedis.zintercard(1, "k2", "k3")).isEqualTo(1L);
            assertThat(jedis.zunionstore("dst", "k1", "k2", "k3")).isEqualTo(3L);
            assertThat(render(jedis.zrangeWithScores("dst", 0, -1))).containsExactly("a=1.0", "b=3.0", "c=8.0");
            assertThat(jedis.zinterstore("dst", new ZParams().aggregate(ZParams.Aggregate.MIN), "k2", "k3")).isEqualTo(1L);
            assertThat(render(jedis.zrangeWithScores("dst", 0, -1))).containsExactly("c=3.0");
            assertThat(jedis.zdiffstore("dst", "k1", "k1")).isEqualTo(0L);
            assertThat(jedis.exists("dst")).isFalse();
            assertThat(jedis.zrangestore("dst", "k2", ZRangeParams.zrangeParams(0, 0))).isEqualTo(1L);
            assertThat(jedis.zrange("dst", 0, -1)).containsExactly("b");

            final KeyValue<String, List<Tuple>> popped = jedis.zmpop(SortedSetOption.MAX, 2, "none", "k2", "k1");
            assertThat(popped.getKey()).isEqualTo("k2");
            assertThat(render(popped.getValue())).containsExactly("c=3.0", "b=1.0");
            assertThat(jedis.zmpop(SortedSetOption.MIN, "none", "k2")).isNull();
        }
    }

    @ParameterizedTest(name = "threads={0} {1}")
    @MethodSource("servers")
    void shouldSortSortedSetsAndKeepPipelinesInOrder(final int threads, final RedisProtocol protocol)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED); Jedis jedis = connect(fixture, protocol))
        {
            jedis.zadd("{s}z", 1, "3");
            jedis.zadd("{s}z", 2, "1");
            jedis.zadd("{s}z", 3, "2");
            jedis.set("{s}w_1", "30");
            jedis.set("{s}w_2", "20");
            jedis.set("{s}w_3", "10");
            assertThat(jedis.sort("{s}z")).containsExactly("1", "2", "3");
            assertThat(jedis.sort("{s}z", new SortingParams().by("nosort").desc())).containsExactly("2", "1", "3");
            assertThat(jedis.sortReadonly("{s}z", new SortingParams().by("{s}w_*").get("#", "{s}w_*").limit(0, 2)))
                .containsExactly("3", "10", "2", "20");
            assertThat(jedis.sort("{s}z", new SortingParams().alpha().desc())).containsExactly("3", "2", "1");

            final Pipeline pipeline = jedis.pipelined();
            final List<Response<Long>> adds = new ArrayList<>();
            for (int i = 0; i < 2000; i++)
            {
                adds.add(pipeline.zadd("p" + (i % 7), i, "m" + i));
            }
            final Response<Long> stored = pipeline.zunionstore("pall", "p0", "p1", "p2", "p3", "p4", "p5", "p6");
            final Response<Long> card = pipeline.zcard("pall");
            pipeline.sync();
            assertThat(adds).allMatch(r -> r.get() == 1L);
            assertThat(stored.get()).isEqualTo(2000L);
            assertThat(card.get()).isEqualTo(2000L);
            assertThat(jedis.zrange("pall", 1999, 1999)).containsExactly("m1999");
        }
    }
}
