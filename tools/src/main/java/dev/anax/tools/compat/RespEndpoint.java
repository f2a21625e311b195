package dev.anax.tools.compat;

import java.io.IOException;

/**
 * An {@link Endpoint} on a real server, reached by {@link RespConnection}.
 */
public final class RespEndpoint implements Endpoint
{
    private final String name;
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private byte[][] handshake;
    private RespConnection connection;

    /**
     * @param name          for reports ("redis", "anax").
     * @param host          server host.
     * @param port          server port.
     * @param timeoutMillis connect timeout and longest wait for a reply.
     */
    public RespEndpoint(final String name, final String host, final int port, final int timeoutMillis)
    {
        this.name = name;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @param name          for reports.
     * @param hostPort      "host:port" or "port".
     * @param timeoutMillis connect timeout and longest wait for a reply.
     * @return the endpoint.
     */
    public static RespEndpoint parse(final String name, final String hostPort, final int timeoutMillis)
    {
        final int colon = hostPort.lastIndexOf(':');
        final String host = colon < 0 ? "127.0.0.1" : hostPort.substring(0, colon);
        final int port = Integer.parseInt(hostPort.substring(colon + 1));
        return new RespEndpoint(name, host, port, timeoutMillis);
    }

    /**
     * A request sent on every new connection before anything else (e.g. HELLO 3); its reply is
     * checked to be no error.
     *
     * @param request the request, or null for none.
     */
    public void handshake(final byte[][] request)
    {
        this.handshake = request;
        reconnect();
    }

    @Override
    public String name()
    {
        return name + " " + host + ":" + port;
    }

    @Override
    public Reply call(final byte[][] args)
    {
        try
        {
            if (connection == null)
            {
                connection = new RespConnection(host, port, timeoutMillis);
                if (handshake != null)
                {
                    final Reply r = connection.call(handshake);
                    if (r.isError())
                    {
                        reconnect();
                        return Reply.failure("handshake " + new String(handshake[0], java.nio.charset.StandardCharsets.UTF_8) +
                            " refused: " + r.text());
                    }
                }
            }
            return connection.call(args);
        }
        catch (final IOException ex)
        {
            reconnect();
            return Reply.failure(ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        }
    }

    @Override
    public void reconnect()
    {
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close()
    {
        reconnect();
    }
}
