package dev.anax.transport;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.ByteBuffer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server over real sockets with real clients, at 1 and 4 threads, shared and dedicated.
 */
class ServerIT
{
    static Stream<Arguments> servers()
    {
        return Stream.of(
            Arguments.of(1, ThreadingMode.SHARED),
            Arguments.of(4, ThreadingMode.SHARED),
            Arguments.of(4, ThreadingMode.DEDICATED));
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldKeepPipelinedRepliesInOrderAcrossEveryShard(final int threads, final ThreadingMode mode)
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            final Pipeline pipeline = jedis.pipelined();
            final List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 10_000; i++)
            {
                pipeline.set("key:" + i, "value:" + i);
                gets.add(pipeline.get("key:" + i));
            }
            pipeline.sync();
            for (int i = 0; i < 10_000; i++)
            {
                assertThat(gets.get(i).get()).isEqualTo("value:" + i);
            }
            final String[] keys = new String[100];
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = "key:" + (i * 7);
            }
            final List<String> values = jedis.mget(keys);
            for (int i = 0; i < keys.length; i++)
            {
                assertThat(values.get(i)).isEqualTo("value:" + (i * 7));
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldServeJedisOverResp3(final int threads, final ThreadingMode mode)
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            Jedis jedis = new Jedis(new redis.clients.jedis.HostAndPort("127.0.0.1", fixture.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build()))
        {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.set("a", "1")).isEqualTo("OK");
            assertThat(jedis.incr("a")).isEqualTo(2L);
            assertThat(jedis.get("missing")).isNull();
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldServeLettuceOverResp2AndResp3(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            for (final ProtocolVersion version : ProtocolVersion.values())
            {
                final io.lettuce.core.RedisClient client =
                    io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", fixture.port()));
                client.setOptions(io.lettuce.core.ClientOptions.builder().protocolVersion(version).build());
                try (StatefulRedisConnection<String, String> connection = client.connect())
                {
                    final RedisCommands<String, String> sync = connection.sync();
                    assertThat(sync.ping()).isEqualTo("PONG");
                    sync.set("lettuce", version.name());
                    assertThat(sync.get("lettuce")).isEqualTo(version.name());
                    final RedisAsyncCommands<String, String> async = connection.async();
                    final List<io.lettuce.core.RedisFuture<String>> futures = new ArrayList<>();
                    for (int i = 0; i < 1000; i++)
                    {
                        async.set("l" + i, "v" + i);
                        futures.add(async.get("l" + i));
                    }
                    for (int i = 0; i < 1000; i++)
                    {
                        assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("v" + i);
                    }
                }
                finally
                {
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                }
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldParseARequestWrittenOneByteAtATime(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode); Socket socket = fixture.socket())
        {
            final String request = "*3\r\n$3\r\nSET\r\n$5\r\nslow!\r\n$11\r\nhello world\r\n" +
                "*2\r\n$3\r\nGET\r\n$5\r\nslow!\r\nGET slow!\r\n";
            final OutputStream out = socket.getOutputStream();
            for (final byte b : request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
            {
                out.write(b);
                out.flush();
            }
            final String expected = "+OK\r\n$11\r\nhello world\r\n$11\r\nhello world\r\n";
            assertThat(ServerFixture.read(socket, expected.length())).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldAnswerMalformedProtocolWithAnErrorAndClose(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            try (Socket socket = fixture.socket())
            {
                ServerFixture.write(socket, "SET k v\r\n*1\r\n$-10\r\n");
                assertThat(ServerFixture.readToEnd(socket))
                    .isEqualTo("+OK\r\n-ERR Protocol error: invalid bulk length\r\n");
            }
            try (Socket socket = fixture.socket())
            {
                ServerFixture.write(socket, "*3000000000\r\n");
                assertThat(ServerFixture.readToEnd(socket)).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
            }
            try (Socket socket = fixture.socket())
            {
                ServerFixture.write(socket, "*1\r\nfoo\r\n");
                assertThat(ServerFixture.readToEnd(socket)).isEqualTo("-ERR Protocol error: expected '$', got 'f'\r\n");
            }
            try (Socket socket = fixture.socket())
            {
                ServerFixture.write(socket, "set \"k v\r\n");
                assertThat(ServerFixture.readToEnd(socket)).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
            }
            try (Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
            {
                assertThat(jedis.get("k")).isEqualTo("v");
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldStopReadingFromAClientThatNeverReadsItsReplies(final int threads, final ThreadingMode mode)
        throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode);
            Jedis jedis = new Jedis("127.0.0.1", fixture.port()))
        {
            jedis.set("big", "x".repeat(64 * 1024));
            final Runtime runtime = Runtime.getRuntime();
            try (SocketChannel greedy = SocketChannel.open(new InetSocketAddress("127.0.0.1", fixture.port())))
            {
                greedy.configureBlocking(false);
                final ByteBuffer request = ByteBuffer.wrap(
                    "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                long written = 0;
                int stalls = 0;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                // Each request asks for 64 KiB: 1 GiB of replies if the server never pushed back.
                while (written < 16L * 1024 * 1024 && stalls < 200 && System.nanoTime() < deadline)
                {
                    request.rewind();
                    final int n = greedy.write(request);
                    written += n;
                    if (n == 0)
                    {
                        stalls++;
                        Thread.sleep(5);
                    }
                    else
                    {
                        stalls = 0;
                    }
                }
                // The server stopped reading: our writes stalled long before 16 MiB of requests
                // (256 GiB of replies) went out.
                assertThat(stalls).isEqualTo(200);
                assertThat(written).isLessThan(16L * 1024 * 1024);
                // Other clients are still served.
                assertThat(jedis.get("big")).hasSize(64 * 1024);
                assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(900L * 1024 * 1024);
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldServeAThousandConcurrentConnections(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode))
        {
            final List<Socket> sockets = new ArrayList<>();
            try
            {
                for (int i = 0; i < 1000; i++)
                {
                    final Socket socket = fixture.socket();
                    sockets.add(socket);
                    ServerFixture.write(socket, "*3\r\n$3\r\nSET\r\n$" + Integer.toString(i).length() + "\r\n" + i +
                        "\r\n$1\r\nx\r\n");
                }
                for (final Socket socket : sockets)
                {
                    assertThat(ServerFixture.read(socket, 5)).isEqualTo("+OK\r\n");
                }
                for (int i = 0; i < 1000; i++)
                {
                    final Socket socket = sockets.get(i);
                    final String key = Integer.toString(i);
                    ServerFixture.write(socket, "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n");
                }
                for (final Socket socket : sockets)
                {
                    assertThat(ServerFixture.read(socket, 7)).isEqualTo("$1\r\nx\r\n");
                }
            }
            finally
            {
                for (final Socket socket : sockets)
                {
                    socket.close();
                }
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldRefuseClientsBeyondMaxclients(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode, "maxclients", "2");
            Socket a = fixture.socket();
            Socket b = fixture.socket())
        {
            ServerFixture.write(a, "*1\r\n$4\r\nPING\r\n");
            ServerFixture.write(b, "*1\r\n$4\r\nPING\r\n");
            assertThat(ServerFixture.read(a, 7)).isEqualTo("+PONG\r\n");
            assertThat(ServerFixture.read(b, 7)).isEqualTo("+PONG\r\n");
            try (Socket c = fixture.socket())
            {
                assertThat(ServerFixture.readToEnd(c)).isEqualTo("-ERR max number of clients reached\r\n");
            }
        }
    }

    @ParameterizedTest(name = "threads={0} mode={1}")
    @MethodSource("servers")
    void shouldCloseIdleClientsAfterTimeout(final int threads, final ThreadingMode mode) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(threads, mode, "timeout", "1"); Socket socket = fixture.socket())
        {
            socket.setSoTimeout(5_000);
            ServerFixture.write(socket, "*1\r\n$4\r\nPING\r\n");
            assertThat(ServerFixture.read(socket, 7)).isEqualTo("+PONG\r\n");
            try
            {
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            catch (final SocketTimeoutException ex)
            {
                throw new AssertionError("idle client was not closed within 5 s", ex);
            }
        }
    }
}
