package dev.anax.tools.compat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for the compatibility tools: writes requests as arrays of bulk
 * strings and reads replies (RESP2 and RESP3) into {@link Reply} values. Not thread-safe.
 */
public final class RespConnection implements AutoCloseable
{
    private static final int MAX_DEPTH = 64;

    private final String host;
    private final int port;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /**
     * Connect.
     *
     * @param host          server host.
     * @param port          server port.
     * @param timeoutMillis connect timeout, and the longest wait for a reply.
     * @throws IOException if the server cannot be reached.
     */
    public RespConnection(final String host, final int port, final int timeoutMillis) throws IOException
    {
        this.host = host;
        this.port = port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** @return "host:port". */
    public String address()
    {
        return host + ":" + port;
    }

    /**
     * Send one request and read its reply.
     *
     * @param args the request, name first.
     * @return the reply.
     * @throws IOException on a timeout, a closed connection or a malformed reply.
     */
    public Reply call(final byte[]... args) throws IOException
    {
        send(args);
        return read();
    }

    /**
     * Send one request and read its reply.
     *
     * @param args the request as text (UTF-8), name first.
     * @return the reply.
     * @throws IOException on a timeout, a closed connection or a malformed reply.
     */
    public Reply call(final String... args) throws IOException
    {
        final byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++)
        {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(bytes);
    }

    /**
     * Write a request and flush it without reading the reply.
     *
     * @param args the request, name first.
     * @throws IOException if writing fails.
     */
    public void send(final byte[]... args) throws IOException
    {
        out.write(encode(args));
        out.flush();
    }

    /**
     * Encode a request as RESP: an array of bulk strings.
     *
     * @param args the request.
     * @return its bytes.
     */
    public static byte[] encode(final byte[]... args)
    {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        writeAscii(buf, "*" + args.length + "\r\n");
        for (final byte[] arg : args)
        {
            writeAscii(buf, "$" + arg.length + "\r\n");
            buf.writeBytes(arg);
            writeAscii(buf, "\r\n");
        }
        return buf.toByteArray();
    }

    private static void writeAscii(final ByteArrayOutputStream buf, final String s)
    {
        buf.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Read the next reply. RESP3 attributes are read and dropped.
     *
     * @return the reply.
     * @throws IOException on a timeout, a closed connection or a malformed reply.
     */
    public Reply read() throws IOException
    {
        return parse(in, 0);
    }

    /**
     * Parse one reply from a stream.
     *
     * @param in    the stream.
     * @param depth nesting depth so far.
     * @return the reply.
     * @throws IOException if the stream ends or the reply is malformed.
     */
    static Reply parse(final InputStream in, final int depth) throws IOException
    {
        if (depth > MAX_DEPTH)
        {
            throw new IOException("reply nested too deep");
        }
        final int type = in.read();
        if (type < 0)
        {
            throw new EOFException("connection closed");
        }
        final byte[] line = readLine(in);
        switch (type)
        {
            case '+':
            case '-':
            case ':':
            case ',':
            case '(':
            case '#':
                return Reply.scalar((char)type, line);
            case '_':
                return Reply.scalar('_', null);
            case '$':
            case '!':
            case '=':
            {
                final long length = parseLength(line);
                if (length < 0)
                {
                    return Reply.scalar((char)type, null);
                }
                final byte[] data = in.readNBytes((int)length);
                if (data.length != length)
                {
                    throw new EOFException("connection closed in a bulk string");
                }
                if (in.read() != '\r' || in.read() != '\n')
                {
                    throw new IOException("bulk string not followed by CRLF");
                }
                return Reply.scalar((char)type, data);
            }
            case '*':
            case '~':
            case '>':
            case '%':
            case '|':
            {
                final long count = parseLength(line);
                if (count < 0)
                {
                    return Reply.aggregate((char)type, null);
                }
                final long n = type == '%' || type == '|' ? count * 2 : count;
                final List<Reply> elements = new ArrayList<>((int)Math.min(n, 1024));
                for (long i = 0; i < n; i++)
                {
                    elements.add(parse(in, depth + 1));
                }
                if (type == '|')
                {
                    return parse(in, depth);   // an attribute precedes the reply it describes
                }
                return Reply.aggregate((char)type, elements);
            }
            default:
                throw new IOException("unknown RESP type byte " + type + " ('" + (char)type + "')");
        }
    }

    private static long parseLength(final byte[] line) throws IOException
    {
        try
        {
            return Long.parseLong(new String(line, StandardCharsets.US_ASCII));
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("bad length: " + new String(line, StandardCharsets.US_ASCII));
        }
    }

    private static byte[] readLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new EOFException("connection closed in a reply line");
            }
            if (b == '\r')
            {
                final int lf = in.read();
                if (lf != '\n')
                {
                    throw new IOException("CR not followed by LF");
                }
                return line.toByteArray();
            }
            line.write(b);
        }
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
    }
}
