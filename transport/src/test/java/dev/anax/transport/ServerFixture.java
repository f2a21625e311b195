package dev.anax.transport;

import dev.anax.engine.config.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real server on a loopback ephemeral port for integration tests.
 */
final class ServerFixture implements AutoCloseable
{
    final AnaxServer server;

    ServerFixture(final int threads, final ThreadingMode mode, final String... options)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("port", "0");
        config.setAtStartup("threads", Integer.toString(threads));
        for (int i = 0; i < options.length; i += 2)
        {
            config.setAtStartup(options[i], options[i + 1]);
        }
        server = new AnaxServer(config, mode, null);
        try
        {
            server.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    int port()
    {
        return server.port();
    }

    /** A raw socket to the server, with a read timeout. */
    Socket socket() throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", port());
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    static void write(final Socket socket, final String text) throws IOException
    {
        final OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Read exactly n bytes (or until EOF). */
    static String read(final Socket socket, final int n) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final byte[] bytes = new byte[n];
        int read = 0;
        while (read < n)
        {
            final int r = in.read(bytes, read, n - read);
            if (r < 0)
            {
                break;
            }
            read += r;
        }
        return new String(bytes, 0, read, StandardCharsets.ISO_8859_1);
    }

    /** Read until EOF. */
    static String readToEnd(final Socket socket) throws IOException
    {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close()
    {
        server.close();
    }
}
