package dev.anax.tools.compat;

/**
 * A server the differential tester talks to over one connection.
 */
public interface Endpoint extends AutoCloseable
{
    /** @return a short name for reports ("redis 127.0.0.1:6379"). */
    String name();

    /**
     * Send one request and wait for its reply. Never throws: a timeout, a closed connection or
     * a malformed reply comes back as a {@link Reply#FAILURE} reply, and the next call starts
     * over on a new connection.
     *
     * @param args the request, name first.
     * @return the reply.
     */
    Reply call(byte[][] args);

    /** Drop the connection; the next call opens a new one (a fresh client: db 0, no name, RESP2). */
    void reconnect();

    @Override
    void close();
}
