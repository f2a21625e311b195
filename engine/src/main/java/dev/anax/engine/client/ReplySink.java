package dev.anax.engine.client;

import org.agrona.DirectBuffer;

/**
 * The transport's side of a client: where its replies go, in request order.
 */
public interface ReplySink
{
    /**
     * Append reply bytes to the client's output.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the range.
     */
    void write(DirectBuffer buffer, int offset, int length);

    /** Close the connection once everything written so far has been sent (QUIT). */
    void closeAfterFlush();

    /** Close the connection now (CLIENT KILL). */
    void closeNow();

    /** @return bytes written but not yet sent. */
    long pendingOutputBytes();

    /** @return bytes read but not yet parsed. */
    long pendingInputBytes();

    /** @return "ip:port" of the peer. */
    String remoteAddress();

    /** @return "ip:port" of the local end. */
    String localAddress();
}
