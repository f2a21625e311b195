package dev.anax.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash commands through a real socket with Jedis, over RESP2 and RESP3, on small (listpack)
 * and large (hashtable) hashes.
 */
class HashIT
{
    private static Map<String, String> fields(final int count)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            map.put("field:" + i, "value:" + i);
        }
        return map;
    }

    private static void exerciseEveryCommand(final Jedis jedis, final int size)
    {
        final String key = "hash:" + size;
        final Map<String, String> expected = new HashMap<>(fields(size));
        assertThat(jedis.hset(key, fields(size))).isEqualTo(size);
        assertThat(jedis.hset(key, "field:0", "changed")).isZero();
        expected.put("field:0", "changed");
        assertThat(jedis.hmset(key, Map.of("extra", "1"))).isEqualTo("OK");
        expected.put("extra", "1");
        assertThat(jedis.hsetnx(key, "extra", "2")).isZero();
        assertThat(jedis.hsetnx(key, "nx", "3")).isEqualTo(1L);
        expected.put("nx", "3");
        assertThat(jedis.hget(key, "field:0")).isEqualTo("changed");
        assertThat(jedis.hget(key, "missing")).isNull();
        assertThat(jedis.hmget(key, "extra", "missing", "nx")).containsExactly("1", null, "3");
        assertThat(jedis.hexists(key, "nx")).isTrue();
        assertThat(jedis.hexists(key, "missing")).isFalse();
        assertThat(jedis.hlen(key)).isEqualTo(expected.size());
        assertThat(jedis.hstrlen(key, "field:0")).isEqualTo(7L);
        assertThat(jedis.hgetAll(key)).isEqualTo(expected);
        assertThat(new HashSet<>(jedis.hkeys(key))).isEqualTo(expected.keySet());
        assertThat(jedis.hvals(key)).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(jedis.hincrBy(key, "extra", 41)).isEqualTo(42L);
        assertThat(jedis.hincrByFloat(key, "extra", 0.5)).isEqualTo(42.5);
        expected.put("extra", "42.5");
        assertThatThrownBy(() -> jedis.hincrBy(key, "field:1", 1))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR hash value is not an integer");

        assertThat(expected).containsKey(jedis.hrandfield(key));
        assertThat(jedis.hrandfield(key, -5)).hasSize(5);
        final List<String> distinct = jedis.hrandfield(key, 3);
        assertThat(new HashSet<>(distinct)).hasSize(3);
        assertThat(expected.keySet()).containsAll(distinct);
        for (final Map.Entry<String, String> pair : jedis.hrandfieldWithValues(key, 4))
        {
            assertThat(expected.get(pair.getKey())).isEqualTo(pair.getValue());
        }
        for (final Map.Entry<String, String> pair : jedis.hrandfieldWithValues(key, -4))
        {
            assertThat(expected.get(pair.getKey())).isEqualTo(pair.getValue());
        }

        final Map<String, String> scanned = new HashMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do
        {
            final ScanResult<Map.Entry<String, String>> page = jedis.hscan(key, cursor, new ScanParams().count(50));
            for (final Map.Entry<String, String> pair : page.getResult())
            {
                scanned.put(pair.getKey(), pair.getValue());
            }
            cursor = page.getCursor();
        }
        while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertThat(scanned).isEqualTo(expected);

        final List<String> all = new ArrayList<>(expected.keySet());
        assertThat(jedis.hdel(key, all.toArray(new String[0]))).isEqualTo(expected.size());
        assertThat(jedis.exists(key)).isFalse();
        jedis.set("string", "x");
        assertThatThrownBy(() -> jedis.hget("string", "f"))
            .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldServeEveryHashCommandOverResp2(final int threads)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            exerciseEveryCommand(jedis, 10);
            exerciseEveryCommand(jedis, 1000);
            jedis.hset("enc", "a", "1");
            assertThat(jedis.objectEncoding("enc")).isEqualTo("listpack");
            jedis.hset("enc", fields(200));
            assertThat(jedis.objectEncoding("enc")).isEqualTo("hashtable");
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldServeEveryHashCommandOverResp3(final int threads)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED))
        {
            final Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", fixture.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build());
            try (jedis)
            {
                exerciseEveryCommand(jedis, 10);
                exerciseEveryCommand(jedis, 1000);
            }
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 4})
    void shouldKeepManyHashesAcrossShardsInAPipeline(final int threads)
    {
        try (ServerFixture fixture = new ServerFixture(threads, ThreadingMode.SHARED);
            Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            final Pipeline pipeline = jedis.pipelined();
            final List<Response<Map<String, String>>> replies = new ArrayList<>();
            for (int i = 0; i < 2000; i++)
            {
                pipeline.hset("user:" + i, Map.of("name", "n" + i, "age", Integer.toString(i % 90)));
                pipeline.hincrBy("user:" + i, "visits", i);
                replies.add(pipeline.hgetAll("user:" + i));
            }
            pipeline.sync();
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < 2000; i++)
            {
                assertThat(replies.get(i).get()).isEqualTo(
                    Map.of("name", "n" + i, "age", Integer.toString(i % 90), "visits", Integer.toString(i)));
                seen.add(replies.get(i).get().get("name"));
            }
            assertThat(seen).hasSize(2000);
        }
    }
}
