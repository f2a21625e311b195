package dev.anax.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for integration tests: writes commands, reads one reply at a
 * time as Java values (String for simple strings and bulks, Long, {@link Error}, List, null).
 */
final class RespClient implements AutoCloseable
{
    /** An error reply. */
    record Error(String message)
    {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(final int port, final int readTimeoutMs) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMs);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Send one command without reading its reply. */
    void send(final String... args) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (final String arg : args)
        {
            final byte[] raw = arg.getBytes(StandardCharsets.UTF_8);
            bytes.write(('$' + Integer.toString(raw.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.write(raw);
            bytes.write('\r');
            bytes.write('\n');
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    /** Send a command and read its reply. */
    Object call(final String... args) throws IOException
    {
        send(args);
        return read();
    }

    /** Read one reply. */
    Object read() throws IOException
    {
        final int type = in.read();
        if (type < 0)
        {
            throw new IOException("connection closed");
        }
        final String line = line();
        switch (type)
        {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return Long.parseLong(line);
            case ',':
                return line;
            case '_':
                return null;
            case '$':
            {
                final int length = Integer.parseInt(line);
                if (length < 0)
                {
                    return null;
                }
                final byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*':
            {
                final int count = Integer.parseInt(line);
                if (count < 0)
                {
                    return null;
                }
                final List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++)
                {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + (char)type + line);
        }
    }

    private String line() throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r')
        {
            if (c < 0)
            {
                throw new IOException("connection closed");
            }
            sb.append((char)c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
