package dev.anax.tools.compat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one sequence on two servers from the same starting point and finds the first request
 * whose replies differ.
 * <p>
 * Starting point: when both servers have FLUSHALL, every run begins with FLUSHALL (and a new
 * connection after a run that changed connection state: SELECT, CLIENT SETNAME, RESET, a
 * failure...). Without FLUSHALL, every key of the pool gets a prefix unique to the run instead,
 * so runs cannot see each other's keys.
 * <p>
 * {@code SCAN 0 ...} is run as a whole iteration, following the cursor to 0, and compared as
 * the set of keys returned: cursors are the server's business.
 */
public final class Runner
{
    private static final int MAX_SCAN_CALLS = 100_000;
    private static final byte[] FLUSHALL = "FLUSHALL".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> CONNECTION_STATE = Set.of(
        "select", "client|setname", "client|reply", "client|no-evict", "client|no-touch", "reset", "auth",
        "hello", "multi", "exec", "discard", "watch", "unwatch", "readonly", "readwrite", "subscribe",
        "psubscribe", "ssubscribe");

    /** The result of one run. */
    public static final class Outcome
    {
        private final List<Command> sent;
        private final List<Reply> left;
        private final List<Reply> right;
        private final int mismatch;
        private final String setupError;

        Outcome(final List<Command> sent, final List<Reply> left, final List<Reply> right, final int mismatch,
            final String setupError)
        {
            this.sent = sent;
            this.left = left;
            this.right = right;
            this.mismatch = mismatch;
            this.setupError = setupError;
        }

        /** @return the requests as sent (keys prefixed in prefix mode), up to the mismatch. */
        public List<Command> sent()
        {
            return sent;
        }

        /** @return the first server's replies, one per sent request. */
        public List<Reply> left()
        {
            return left;
        }

        /** @return the second server's replies. */
        public List<Reply> right()
        {
            return right;
        }

        /** @return index of the first request whose replies differ, or -1. */
        public int mismatch()
        {
            return mismatch;
        }

        /** @return why the run could not start (FLUSHALL failed), or null. */
        public String setupError()
        {
            return setupError;
        }

        /** @return whether some replies differ. */
        public boolean hasMismatch()
        {
            return mismatch >= 0;
        }
    }

    private final Endpoint left;
    private final Endpoint right;
    private final Normalizer normalizer;
    private final boolean flushall;
    private boolean dirty = true;
    private long runs;

    /**
     * @param left       the reference server.
     * @param right      the server under test.
     * @param normalizer how replies are compared.
     * @param flushall   whether both servers have FLUSHALL (else keys are prefixed per run).
     */
    public Runner(final Endpoint left, final Endpoint right, final Normalizer normalizer, final boolean flushall)
    {
        this.left = left;
        this.right = right;
        this.normalizer = normalizer;
        this.flushall = flushall;
    }

    /** @return whether runs start with FLUSHALL (false: keys are prefixed). */
    public boolean flushes()
    {
        return flushall;
    }

    /**
     * Run a sequence on both servers, stopping at the first difference.
     *
     * @param sequence the requests.
     * @return what happened.
     */
    public Outcome run(final List<Command> sequence)
    {
        runs++;
        if (dirty)
        {
            left.reconnect();
            right.reconnect();
            dirty = false;
        }
        final byte[] prefix = flushall ? null : ("r" + runs + ":").getBytes(StandardCharsets.US_ASCII);
        if (flushall)
        {
            final Reply a = left.call(new byte[][] {FLUSHALL});
            final Reply b = right.call(new byte[][] {FLUSHALL});
            if (!"OK".equals(a.text()) || !"OK".equals(b.text()))
            {
                dirty = true;
                return new Outcome(List.of(), List.of(), List.of(), -1,
                    "FLUSHALL failed: " + left.name() + " " + a + ", " + right.name() + " " + b);
            }
        }
        final List<Command> sent = new ArrayList<>();
        final List<Reply> leftReplies = new ArrayList<>();
        final List<Reply> rightReplies = new ArrayList<>();
        // Commands queued by MULTI, so that EXEC's reply is compared element by element.
        List<String> queued = null;
        for (final Command original : sequence)
        {
            final Command command = prefix == null ? original : original.mapArgs(arg -> prefixed(prefix, arg));
            if (CONNECTION_STATE.contains(command.spec()))
            {
                dirty = true;
            }
            final Reply a = execute(left, command);
            final Reply b = execute(right, command);
            sent.add(command);
            leftReplies.add(a);
            rightReplies.add(b);
            if (a.isFailure() || b.isFailure())
            {
                dirty = true;
            }
            final boolean same = command.spec().equals("exec") && queued != null ?
                normalizer.equivalentExec(queued, a, b) : normalizer.equivalent(command.spec(), a, b);
            if (!same)
            {
                return new Outcome(sent, leftReplies, rightReplies, sent.size() - 1, null);
            }
            if (command.spec().equals("multi") && "OK".equals(a.text()))
            {
                queued = new ArrayList<>();
            }
            else if (command.spec().equals("exec") || command.spec().equals("discard"))
            {
                queued = null;
            }
            else if (queued != null && "QUEUED".equals(a.text()))
            {
                queued.add(command.spec());
            }
        }
        return new Outcome(sent, leftReplies, rightReplies, -1, null);
    }

    private static byte[] prefixed(final byte[] prefix, final byte[] arg)
    {
        for (final String key : Values.KEYS)
        {
            if (Arrays.equals(arg, Values.bytes(key)))
            {
                final byte[] out = Arrays.copyOf(prefix, prefix.length + arg.length);
                System.arraycopy(arg, 0, out, prefix.length, arg.length);
                return out;
            }
        }
        return arg;
    }

    private static Reply execute(final Endpoint endpoint, final Command command)
    {
        final byte[][] args = command.args();
        if (command.spec().equals("scan") && args.length >= 2 && isZeroCursor(args[1]))
        {
            return scanAll(endpoint, args);
        }
        return endpoint.call(args);
    }

    /** Cursors Redis reads as 0: digits that are all zeros, or nothing at all (strtoul). */
    static boolean isZeroCursor(final byte[] cursor)
    {
        for (final byte b : cursor)
        {
            if (b != '0')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A whole SCAN iteration from cursor 0.
     *
     * @param endpoint the server.
     * @param args     SCAN 0 and its options.
     * @return the first reply if it is not a SCAN reply; else [0, [every key returned, sorted]].
     */
    static Reply scanAll(final Endpoint endpoint, final byte[][] args)
    {
        final byte[][] call = args.clone();
        final Set<Reply> keys = new LinkedHashSet<>();
        Reply reply = endpoint.call(call);
        for (int calls = 1; ; calls++)
        {
            if (!isScanReply(reply))
            {
                return reply;
            }
            keys.addAll(reply.elements().get(1).elements());
            final byte[] cursor = reply.elements().get(0).data();
            if (Arrays.equals(cursor, new byte[] {'0'}))
            {
                break;
            }
            if (calls >= MAX_SCAN_CALLS)
            {
                return Reply.failure("SCAN did not return to cursor 0 after " + MAX_SCAN_CALLS + " calls");
            }
            call[1] = cursor;
            reply = endpoint.call(call);
        }
        final List<Reply> sorted = new ArrayList<>(keys);
        sorted.sort((x, y) -> Arrays.compareUnsigned(x.data(), y.data()));
        return Reply.array(Reply.bulk("0"), Reply.array(Collections.unmodifiableList(sorted)));
    }

    private static boolean isScanReply(final Reply reply)
    {
        if (reply.type() != '*' || reply.elements() == null || reply.elements().size() != 2)
        {
            return false;
        }
        final Reply cursor = reply.elements().get(0);
        final Reply keys = reply.elements().get(1);
        if (cursor.type() != '$' || cursor.data() == null || keys.type() != '*' || keys.elements() == null)
        {
            return false;
        }
        for (final Reply k : keys.elements())
        {
            if (k.type() != '$' || k.data() == null)
            {
                return false;
            }
        }
        return true;
    }
}
