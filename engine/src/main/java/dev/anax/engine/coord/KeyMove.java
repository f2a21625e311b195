package dev.anax.engine.coord;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.RespErrors;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * RENAME, RENAMENX and COPY, whose two keys may live on different shards. When both keys are on
 * one shard the command runs there whole (sub-operation 0). Otherwise it runs as hops, one shard
 * at a time, the value travelling between them as a {@link MovedValue} attachment:
 * <pre>
 *   RENAME    TAKE(source) -> PUT(destination)
 *   RENAMENX  DEST_EXISTS(destination) -> CHECK_SOURCE(source)                  when it exists
 *                                      -> TAKE(source) -> PUT_NX(destination)
 *                                                      -> RESTORE(source)       lost a race
 *   COPY      COPY_OUT(source) -> PUT or PUT_NX(destination)
 * </pre>
 * The client's later requests are held back while the hops run ({@link ClientSession#hold()}),
 * so none of them can overtake a hop on its shard. Each hop replies {@code +OK}, {@code :n} or an
 * error; the shard handlers are in {@code KeyMoves}.
 */
public final class KeyMove implements Coordinated
{
    /** Remove the source key and hand its value over; "-ERR no such key" when it is missing. */
    public static final int TAKE = 1;
    /** Hand over a deep copy of the source's value; ":0" when it is missing. */
    public static final int COPY_OUT = 2;
    /** Install the attached value at the destination, replacing any key there; ":1". */
    public static final int PUT = 3;
    /** Install the attached value unless the destination exists (":0", value handed back); ":1". */
    public static final int PUT_NX = 4;
    /** Put the attached value back under the source key unless it was recreated; "+OK". */
    public static final int RESTORE = 5;
    /** Whether the destination exists: ":1" or ":0". */
    public static final int DEST_EXISTS = 6;
    /** "-ERR no such key" when the source is missing, else ":0". */
    public static final int CHECK_SOURCE = 7;

    /** The error COPY and MOVE give when source and destination are the same key. */
    public static final String SAME_OBJECT = "ERR source and destination objects are the same";
    /** getIntFromObjectOrReply's range error (sic). */
    public static final String INT_RANGE = "ERR value is out of range, value must between -2147483648 and 2147483647";

    /** The commands this strategy serves. */
    public enum Kind
    {
        RENAME,
        RENAMENX,
        COPY
    }

    private final Kind kind;

    /**
     * @param kind the command served.
     */
    public KeyMove(final Kind kind)
    {
        this.kind = kind;
    }

    @Override
    public void start(
        final Dispatcher dispatcher,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args)
    {
        final int sourceShard = dispatcher.shardOf(args, 1);
        final int destinationShard = dispatcher.shardOf(args, 2);
        if (sourceShard == destinationShard)
        {
            dispatcher.publish(sourceShard, session, seq, Op.EXECUTE, spec, 0, 0, args, null, 0, null);
            return;
        }
        int targetDb = session.db();
        boolean replace = kind == Kind.RENAME;
        if (kind == Kind.COPY)
        {
            final long[] options = new long[1];
            final String error = parseCopyOptions(args, dispatcher.engine().config().databases(), session.db(), options);
            if (error != null)
            {
                dispatcher.replyError(session, seq, error);
                return;
            }
            targetDb = copyTargetDb(options[0]);
            replace = copyReplace(options[0]);
        }
        final Hops hops = new Hops(dispatcher, session, seq, spec, kind, ArgsCopy.of(args),
            sourceShard, destinationShard, targetDb, replace);
        session.hold();
        hops.begin();
    }

    /**
     * Parse COPY's options (from argument 3): {@code DB n} and {@code REPLACE}, in any order,
     * with Redis's errors.
     *
     * @param args      the request.
     * @param dbCount   the number of databases.
     * @param currentDb the client's database, the default target.
     * @param result    receives the options packed: see {@link #copyTargetDb} and {@link #copyReplace}.
     * @return null, or the error to reply.
     */
    public static String parseCopyOptions(
        final CommandArgs args, final int dbCount, final int currentDb, final long[] result)
    {
        int targetDb = currentDb;
        boolean replace = false;
        for (int i = 3; i < args.count(); i++)
        {
            if (args.is(i, "replace"))
            {
                replace = true;
            }
            else if (args.is(i, "db") && i + 1 < args.count())
            {
                final String error = parseInt(args, i + 1, result, null);
                if (error != null)
                {
                    return error;
                }
                if (result[0] < 0 || result[0] >= dbCount)
                {
                    return RespErrors.INVALID_DB;
                }
                targetDb = (int)result[0];
                i++;
            }
            else
            {
                return RespErrors.SYNTAX;
            }
        }
        result[0] = (replace ? 1L << 32 : 0) | targetDb;
        return null;
    }

    /**
     * @param packed options from {@link #parseCopyOptions}.
     * @return the target database.
     */
    public static int copyTargetDb(final long packed)
    {
        return (int)packed;
    }

    /**
     * @param packed options from {@link #parseCopyOptions}.
     * @return whether REPLACE was given.
     */
    public static boolean copyReplace(final long packed)
    {
        return (packed >>> 32) != 0;
    }

    /**
     * Parse an argument as a C int the way Redis's getIntFromObjectOrReply does.
     *
     * @param args    the request.
     * @param index   of the argument.
     * @param result  receives the value.
     * @param message the error for any failure, or null for Redis's default messages.
     * @return null, or the error to reply.
     */
    public static String parseInt(final CommandArgs args, final int index, final long[] result, final String message)
    {
        if (!args.parseLong(index, result))
        {
            return message != null ? message : RespErrors.NOT_INTEGER;
        }
        if (result[0] < Integer.MIN_VALUE || result[0] > Integer.MAX_VALUE)
        {
            return message != null ? message : INT_RANGE;
        }
        return null;
    }


    /**
     * The state of one cross-shard RENAME, RENAMENX or COPY between its hops.
     */
    private static final class Hops extends Coordination
    {
        private final CommandSpec spec;
        private final Kind kind;
        private final CommandArgs args;
        private final int sourceShard;
        private final int destinationShard;
        private final int targetDb;
        private final boolean replace;

        private int hop;
        private String error;
        private long number;
        private MovedValue value;

        Hops(
            final Dispatcher dispatcher,
            final ClientSession session,
            final long seq,
            final CommandSpec spec,
            final Kind kind,
            final CommandArgs args,
            final int sourceShard,
            final int destinationShard,
            final int targetDb,
            final boolean replace)
        {
            super(dispatcher, session, seq);
            this.spec = spec;
            this.kind = kind;
            this.args = args;
            this.sourceShard = sourceShard;
            this.destinationShard = destinationShard;
            this.targetDb = targetDb;
            this.replace = replace;
        }

        void begin()
        {
            switch (kind)
            {
                case RENAME:
                    send(TAKE, sourceShard);
                    break;
                case RENAMENX:
                    send(DEST_EXISTS, destinationShard);
                    break;
                default:
                    send(COPY_OUT, sourceShard);
                    break;
            }
        }

        private void send(final int subOp, final int shard)
        {
            hop = subOp;
            error = null;
            number = 0;
            final MovedValue attachment = value;
            value = null;
            session.coordination(seq, this);
            expectPart();
            dispatcher.publish(shard, session, seq, Op.PART, spec, subOp, 0, args, null, 0, attachment);
        }

        @Override
        protected void part(final int part, final DirectBuffer reply, final int length, final Object attachment)
        {
            final byte type = reply.getByte(0);
            if (type == '-')
            {
                final byte[] text = new byte[length - 3];
                reply.getBytes(1, text);
                error = new String(text, StandardCharsets.ISO_8859_1);
            }
            else if (type == ':')
            {
                number = dev.anax.codecs.resp.RespSkipper.headerNumber(reply, 0);
            }
            if (attachment instanceof MovedValue moved)
            {
                value = moved;
            }
        }

        @Override
        protected void allPartsDone()
        {
            if (error != null)
            {
                finish(null, error);
                return;
            }
            switch (hop)
            {
                case TAKE:
                    if (kind == Kind.RENAME)
                    {
                        value.targetDb = targetDb;
                        send(PUT, destinationShard);
                    }
                    else
                    {
                        value.targetDb = targetDb;
                        send(PUT_NX, destinationShard);
                    }
                    break;
                case PUT:
                    finish(kind == Kind.RENAME ? "+OK\r\n" : ":1\r\n", null);
                    break;
                case DEST_EXISTS:
                    if (number == 1)
                    {
                        send(CHECK_SOURCE, sourceShard);
                    }
                    else
                    {
                        send(TAKE, sourceShard);
                    }
                    break;
                case CHECK_SOURCE:
                    finish(":0\r\n", null);
                    break;
                case PUT_NX:
                    if (number == 1 || kind == Kind.COPY || value == null)
                    {
                        // A copy that found the destination taken is simply dropped.
                        value = null;
                        finish(number == 1 ? ":1\r\n" : ":0\r\n", null);
                    }
                    else
                    {
                        // RENAMENX lost a race for the destination: give the value back.
                        value.targetDb = targetDb;
                        send(RESTORE, sourceShard);
                    }
                    break;
                case RESTORE:
                    finish(":0\r\n", null);
                    break;
                case COPY_OUT:
                    if (value == null)
                    {
                        finish(":0\r\n", null);
                    }
                    else
                    {
                        value.targetDb = targetDb;
                        send(replace ? PUT : PUT_NX, destinationShard);
                    }
                    break;
                default:
                    throw new IllegalStateException("hop " + hop);
            }
        }

        private void finish(final String reply, final String errorMessage)
        {
            final RespWriter out = dispatcher.scratch(session);
            if (errorMessage != null)
            {
                out.error(errorMessage);
            }
            else
            {
                out.raw(reply.getBytes(StandardCharsets.US_ASCII));
            }
            dispatcher.complete(session, seq, out);
            dispatcher.release(session);
        }
    }
}
