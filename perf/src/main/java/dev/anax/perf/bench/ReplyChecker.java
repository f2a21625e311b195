package dev.anax.perf.bench;

import java.nio.charset.StandardCharsets;

/**
 * Checks complete replies against what the server must have answered (see {@link KeyspaceModel}),
 * so that a broken server cannot look fast. Allocates only to describe a failure.
 */
public final class ReplyChecker
{
    /** The reply is what was expected. */
    public static final int OK = 0;
    /** The server answered with an error reply. */
    public static final int ERROR_REPLY = 1;
    /** The reply is well formed but wrong (wrong value, wrong type). */
    public static final int MISMATCH = 2;

    private static final int MAX_SCAN = 4096;

    private final KeyspaceModel model;
    private final ValueCodec codec;
    private String lastProblem = "";

    /**
     * @param model what the run has written.
     * @param codec how values are made.
     */
    public ReplyChecker(final KeyspaceModel model, final ValueCodec codec)
    {
        this.model = model;
        this.codec = codec;
    }

    /**
     * @return a description of the last non-OK result (for the report).
     */
    public String lastProblem()
    {
        return lastProblem;
    }

    /**
     * Checks the reply to {@code SET key value} and records it in the model.
     *
     * @param key   key index.
     * @param b     bytes.
     * @param start reply start.
     * @param end   reply end.
     * @return {@link #OK}, {@link #ERROR_REPLY} or {@link #MISMATCH}.
     */
    public int checkSet(final int key, final byte[] b, final int start, final int end)
    {
        final boolean ok = end - start == 5 && b[start] == '+' && b[start + 1] == 'O' && b[start + 2] == 'K';
        model.endSet(key, ok);
        if (ok)
        {
            return OK;
        }
        return problem(b[start] == '-' ? ERROR_REPLY : MISMATCH, "SET", key, b, start, end);
    }

    /**
     * Checks the reply to {@code GET key}.
     *
     * @param key         key index.
     * @param floorAtSend {@link KeyspaceModel#floor(int)} when the GET was sent.
     * @param b           bytes.
     * @param start       reply start.
     * @param end         reply end.
     * @return {@link #OK}, {@link #ERROR_REPLY} or {@link #MISMATCH}.
     */
    public int checkGet(final int key, final int floorAtSend, final byte[] b, final int start, final int end)
    {
        if (b[start] == '-')
        {
            return problem(ERROR_REPLY, "GET", key, b, start, end);
        }
        final int r = checkBulk(key, floorAtSend, b, start, end);
        return r == OK ? OK : problem(r, "GET", key, b, start, end);
    }

    /**
     * Checks the reply to {@code MGET k1 k2 ...}.
     *
     * @param keys       key indexes.
     * @param floors     floors at send time, parallel to {@code keys}.
     * @param offset     where this request's keys start in both arrays.
     * @param count      number of keys.
     * @param b          bytes.
     * @param start      reply start.
     * @param end        reply end.
     * @return {@link #OK}, {@link #ERROR_REPLY} or {@link #MISMATCH}.
     */
    public int checkMget(final int[] keys, final int[] floors, final int offset, final int count,
        final byte[] b, final int start, final int end)
    {
        if (b[start] == '-')
        {
            return problem(ERROR_REPLY, "MGET", keys[offset], b, start, end);
        }
        final int eol = RespReplies.lineEnd(b, start + 1, end);
        if (b[start] != '*' || eol < 0 || RespReplies.parseLong(b, start + 1, eol) != count)
        {
            return problem(MISMATCH, "MGET", keys[offset], b, start, end);
        }
        int p = eol + 2;
        for (int i = 0; i < count; i++)
        {
            final int e = RespReplies.scan(b, p, end);
            if (e < 0 || checkBulk(keys[offset + i], floors[offset + i], b, p, e) != OK)
            {
                return problem(MISMATCH, "MGET", keys[offset + i], b, start, end);
            }
            p = e;
        }
        return OK;
    }

    /**
     * Checks any other reply: only error replies count.
     *
     * @param name  command name (for the report).
     * @param b     bytes.
     * @param start reply start.
     * @param end   reply end.
     * @return {@link #OK} or {@link #ERROR_REPLY}.
     */
    public int checkOther(final String name, final byte[] b, final int start, final int end)
    {
        return b[start] == '-' ? problem(ERROR_REPLY, name, -1, b, start, end) : OK;
    }

    /**
     * Checks the replies to a sequence of commands sent as one request.
     *
     * @param name        the sequence's name (for the report).
     * @param b           bytes.
     * @param start       start of the first reply.
     * @param end         end of the last reply.
     * @param transaction whether the last reply is EXEC's.
     * @return {@link #OK}, {@link #ERROR_REPLY} or {@link #MISMATCH}.
     */
    public int checkSequence(final String name, final byte[] b, final int start, final int end,
        final boolean transaction)
    {
        int p = start;
        int last = start;
        while (p < end)
        {
            if (b[p] == '-')
            {
                return problem(ERROR_REPLY, name, -1, b, p, end);
            }
            last = p;
            p = RespReplies.scan(b, p, end);
            if (p < 0)
            {
                return problem(MISMATCH, name, -1, b, start, end);
            }
        }
        if (!transaction)
        {
            return OK;
        }
        final int eol = RespReplies.lineEnd(b, last + 1, end);
        final long n = b[last] == '*' && eol > 0 ? RespReplies.parseLong(b, last + 1, eol) : -1;
        if (n < 0)
        {
            // nil: the transaction was aborted (WATCH), or no array at all
            return problem(MISMATCH, name, -1, b, last, end);
        }
        int q = eol + 2;
        for (long i = 0; i < n; i++)
        {
            if (b[q] == '-')
            {
                return problem(ERROR_REPLY, name, -1, b, q, end);
            }
            q = RespReplies.scan(b, q, end);
            if (q < 0)
            {
                return problem(MISMATCH, name, -1, b, last, end);
            }
        }
        return OK;
    }

    private int checkBulk(final int key, final int floorAtSend, final byte[] b, final int start, final int end)
    {
        if (b[start] == '_' || (b[start] == '$' && b[start + 1] == '-'))
        {
            return floorAtSend == 0 || model.isUnknown(key) ? OK : MISMATCH;
        }
        if (b[start] != '$')
        {
            return MISMATCH;
        }
        if (model.isUnknown(key))
        {
            return OK;
        }
        final int eol = RespReplies.lineEnd(b, start + 1, end);
        final int valueStart = eol + 2;
        final int length = end - 2 - valueStart;
        final int issued = model.issued(key);
        if (codec.hasHeader())
        {
            if (length != codec.size())
            {
                return MISMATCH;
            }
            final int v = codec.versionOf(b, valueStart);
            return v >= Math.max(floorAtSend, 1) && v <= issued && codec.matches(key, v, b, valueStart, length) ?
                OK : MISMATCH;
        }
        final int lowest = Math.max(Math.max(floorAtSend, 1), issued - MAX_SCAN);
        for (int v = issued; v >= lowest; v--)
        {
            if (codec.matches(key, v, b, valueStart, length))
            {
                return OK;
            }
        }
        return MISMATCH;
    }

    private int problem(final int result, final String command, final int key, final byte[] b, final int start,
        final int end)
    {
        final int n = Math.min(end - start, 120);
        lastProblem = command + (key >= 0 ? " key#" + key : "") + ": " +
            new String(b, start, n, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n") +
            (n < end - start ? "..." : "");
        return result;
    }
}
