package dev.anax.engine.client;

import dev.anax.engine.coord.Coordination;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * The engine's state of one client connection, owned by its I/O thread: selected database,
 * protocol, authentication, name, and the request sequence that keeps replies in request order
 * even when consecutive requests run on different shards.
 * <p>
 * Every request takes the next sequence number; a reply is written to the {@link ReplySink} when
 * every earlier request has been answered, otherwise it waits here.
 */
public final class ClientSession
{
    /** Reply modes of CLIENT REPLY. */
    public enum ReplyMode
    {
        /** Replies are sent. */
        ON,
        /** No reply is sent. */
        OFF,
        /** The reply of the next command is not sent. */
        SKIP
    }

    private final long id;
    private final Dispatcher dispatcher;
    private final ReplySink sink;
    private final long createdMs;

    private final Long2ObjectHashMap<byte[]> earlyReplies = new Long2ObjectHashMap<>();
    private final LongHashSet silenced = new LongHashSet();
    private final Long2ObjectHashMap<Coordination> coordinations = new Long2ObjectHashMap<>();

    private long nextSeq;
    private long nextToWrite;
    private int db;
    private int protocol = 2;
    private boolean authenticated;
    private ReplyMode replyMode = ReplyMode.ON;
    private volatile String name = "";
    private volatile String libName = "";
    private volatile String libVersion = "";
    private volatile long lastInteractionMs;
    private volatile String lastCommand = "NULL";
    private volatile boolean killed;
    private volatile int dbVisible;
    private int holds;
    private java.util.ArrayDeque<byte[][]> heldRequests;
    private dev.anax.engine.coord.Transaction transaction;
    private ReplyCapture capture;
    private long nextInternalSeq = -1;
    private boolean closed;
    private MultiState multi;
    private java.util.ArrayList<WatchedKey> watched;
    private boolean[] watchedShards;
    private boolean noEvict;
    private boolean noTouch;
    private boolean closing;
    private volatile dev.anax.engine.shard.BlockToken blockToken;

    /**
     * @param id         process-wide unique id (CLIENT ID).
     * @param dispatcher of the owning I/O thread.
     * @param sink       the transport's connection.
     * @param nowMs      creation time.
     */
    public ClientSession(final long id, final Dispatcher dispatcher, final ReplySink sink, final long nowMs)
    {
        this.id = id;
        this.dispatcher = dispatcher;
        this.sink = sink;
        this.createdMs = nowMs;
        this.lastInteractionMs = nowMs;
    }

    public long id()
    {
        return id;
    }

    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    public ReplySink sink()
    {
        return sink;
    }

    public int db()
    {
        return db;
    }

    public void db(final int db)
    {
        this.db = db;
        this.dbVisible = db;
    }

    /** @return the database as last published, for other threads (CLIENT LIST). */
    public int dbForDisplay()
    {
        return dbVisible;
    }

    public int protocol()
    {
        return protocol;
    }

    public void protocol(final int protocol)
    {
        this.protocol = protocol;
    }

    public boolean isAuthenticated()
    {
        return authenticated;
    }

    public void authenticated(final boolean authenticated)
    {
        this.authenticated = authenticated;
    }

    public String name()
    {
        return name;
    }

    public void name(final String name)
    {
        this.name = name;
    }

    public String libName()
    {
        return libName;
    }

    public void libName(final String libName)
    {
        this.libName = libName;
    }

    public String libVersion()
    {
        return libVersion;
    }

    public void libVersion(final String libVersion)
    {
        this.libVersion = libVersion;
    }

    public long createdMs()
    {
        return createdMs;
    }

    public long lastInteractionMs()
    {
        return lastInteractionMs;
    }

    public String lastCommand()
    {
        return lastCommand;
    }

    /**
     * Note a request (CLIENT LIST's idle and cmd fields, the idle timeout).
     *
     * @param nowMs   clock.
     * @param command full name of the command.
     */
    public void interaction(final long nowMs, final String command)
    {
        lastInteractionMs = nowMs;
        lastCommand = command;
    }

    public ReplyMode replyMode()
    {
        return replyMode;
    }

    public void replyMode(final ReplyMode replyMode)
    {
        this.replyMode = replyMode;
    }

    /**
     * CLIENT REPLY ON: replies are sent again, the reply of the current request included (it may
     * have been silenced by OFF or SKIP when its sequence number was taken). I/O thread only, while
     * the current request is the one that took the latest sequence number.
     */
    public void replyOn()
    {
        replyMode = ReplyMode.ON;
        if (!silenced.isEmpty())
        {
            silenced.remove(nextSeq - 1);
        }
    }

    public boolean noEvict()
    {
        return noEvict;
    }

    public void noEvict(final boolean value)
    {
        noEvict = value;
    }

    public boolean noTouch()
    {
        return noTouch;
    }

    public void noTouch(final boolean value)
    {
        noTouch = value;
    }

    /** Ask the owning I/O thread to close this client (CLIENT KILL from any thread). */
    public void kill()
    {
        killed = true;
        dispatcher.requestAttention();
    }

    public boolean isKilled()
    {
        return killed;
    }

    /**
     * The attempt of the blocking command this client is blocked in (I/O thread only sets it).
     *
     * @param token the attempt's token, or null when the client is not blocked.
     */
    public void blockToken(final dev.anax.engine.shard.BlockToken token)
    {
        blockToken = token;
    }

    /** @return the token of the attempt the client is blocked in, or null (any thread). */
    public dev.anax.engine.shard.BlockToken blockToken()
    {
        return blockToken;
    }

    /** @return whether the client waits in a blocking command (any thread: CLIENT LIST, INFO). */
    public boolean isBlocked()
    {
        return blockToken != null;
    }

    /** @return true once QUIT (or a fatal error) asked for the connection to close. */
    public boolean isClosing()
    {
        return closing;
    }

    public void closing(final boolean closing)
    {
        this.closing = closing;
    }

    /** @return requests sent and not yet answered to the client. */
    public long inFlight()
    {
        return nextSeq - nextToWrite;
    }

    /**
     * Take the sequence number of a new request; applies CLIENT REPLY OFF/SKIP to it.
     *
     * @return the sequence number.
     */
    public long nextSequence()
    {
        final long seq = nextSeq++;
        if (replyMode == ReplyMode.OFF)
        {
            silenced.add(seq);
        }
        else if (replyMode == ReplyMode.SKIP)
        {
            silenced.add(seq);
            replyMode = ReplyMode.ON;
        }
        return seq;
    }

    /**
     * Deliver the reply of request {@code seq}: written now if every earlier reply was, else kept.
     *
     * @param seq    the request.
     * @param buffer holding the reply.
     * @param offset of the reply.
     * @param length of the reply.
     */
    public void complete(final long seq, final DirectBuffer buffer, final int offset, final int length)
    {
        if (seq < 0)
        {
            // A command run on behalf of the client (inside EXEC): its reply goes to the runner.
            if (capture != null)
            {
                capture.captured(seq, buffer, offset, length);
            }
            return;
        }
        if (seq != nextToWrite)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            earlyReplies.put(seq, copy);
        }
        else
        {
            emit(seq, buffer, offset, length);
            nextToWrite++;
            byte[] next;
            while (!earlyReplies.isEmpty() && (next = earlyReplies.remove(nextToWrite)) != null)
            {
                emit(nextToWrite, new org.agrona.concurrent.UnsafeBuffer(next), 0, next.length);
                nextToWrite++;
            }
        }
        final dev.anax.engine.coord.Transaction tx = transaction;
        if (tx != null && tx.seq() == seq)
        {
            tx.finished();
        }
    }

    /** Receives the replies of commands run on the client's behalf (negative sequence numbers). */
    @FunctionalInterface
    public interface ReplyCapture
    {
        /**
         * @param seq    the internal sequence number of the command.
         * @param buffer holding the reply, valid only during the call.
         * @param offset of the reply.
         * @param length of the reply.
         */
        void captured(long seq, DirectBuffer buffer, int offset, int length);
    }

    /**
     * Route the replies of internal requests to a runner (EXEC), or stop (null).
     *
     * @param capture the receiver.
     */
    public void capture(final ReplyCapture capture)
    {
        this.capture = capture;
    }

    /** @return a sequence number for a command run on the client's behalf, never sent to it. */
    public long internalSequence()
    {
        return nextInternalSeq--;
    }

    /**
     * The transaction this client runs now: events it publishes carry its id, and completing
     * the transaction's request concludes it.
     *
     * @param transaction the transaction, or null when it is over.
     */
    public void transaction(final dev.anax.engine.coord.Transaction transaction)
    {
        this.transaction = transaction;
    }

    /** @return the running transaction, or null. */
    public dev.anax.engine.coord.Transaction transaction()
    {
        return transaction;
    }

    /** @return the id events of this client carry now (its running transaction's), or 0. */
    public long eventTxId()
    {
        return transaction == null ? 0 : transaction.txId();
    }

    /** @return whether each event of this client now is its transaction's last on its shard. */
    public boolean eventConcludes()
    {
        return transaction != null && transaction.concludesInline();
    }

    /** @return whether events of this client now run inside MULTI/EXEC (blocking commands must not block). */
    public boolean eventInMulti()
    {
        return transaction != null && transaction.isMultiExec();
    }

    /** @return true once the connection is gone (the session lives on until its transaction ends). */
    public boolean isClosed()
    {
        return closed;
    }

    void markClosed()
    {
        closed = true;
        if (heldRequests != null)
        {
            heldRequests.clear();
        }
    }

    /** @return whether a multi-shard request of this client is still in flight. */
    public boolean hasCoordinations()
    {
        return !coordinations.isEmpty() || transaction != null;
    }

    /** The state of MULTI: queued commands and whether queuing failed. */
    public static final class MultiState
    {
        /** Commands queued, each with its arguments. */
        public final java.util.ArrayList<Queued> commands = new java.util.ArrayList<>();
        /** A command was refused while queuing: EXEC answers EXECABORT. */
        public boolean failed;
    }

    /**
     * A command queued by MULTI.
     *
     * @param spec the command (a subcommand when it is one).
     * @param args a copy of its arguments, the name first.
     */
    public record Queued(dev.anax.engine.command.CommandSpec spec, dev.anax.codecs.CommandArgs args)
    {
    }

    /** @return the MULTI state, or null when not in MULTI. */
    public MultiState multi()
    {
        return multi;
    }

    /**
     * Enter (a new state) or leave (null) MULTI.
     *
     * @param multi the state.
     */
    public void multi(final MultiState multi)
    {
        this.multi = multi;
    }

    /**
     * A key this client WATCHes.
     *
     * @param db  its database.
     * @param key its bytes.
     */
    public record WatchedKey(int db, byte[] key)
    {
    }

    /** @return the keys watched, or null if none. */
    public java.util.List<WatchedKey> watched()
    {
        return watched;
    }

    /**
     * Remember a watched key and its shard.
     *
     * @param db         the key's database.
     * @param key        the key.
     * @param shard      its shard.
     * @param shardCount how many shards there are.
     */
    public void addWatched(final int db, final byte[] key, final int shard, final int shardCount)
    {
        if (watched == null)
        {
            watched = new java.util.ArrayList<>();
            watchedShards = new boolean[shardCount];
        }
        watched.add(new WatchedKey(db, key));
        watchedShards[shard] = true;
    }

    /** @return per shard, whether some watched key lives there; null if nothing is watched. */
    public boolean[] watchedShards()
    {
        return watchedShards;
    }

    /** Forget the watched keys here (the shards are told separately). */
    public void clearWatched()
    {
        watched = null;
        watchedShards = null;
    }

    private void emit(final long seq, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > 0 && buffer.getByte(offset) == '-')
        {
            // Every error a client is sent passes here, whichever thread produced it (INFO errorstats).
            dispatcher.stats().errorReply(buffer, offset, length);
        }
        if (!silenced.isEmpty() && silenced.remove(seq))
        {
            return;
        }
        if (length > 0 && !closed)
        {
            sink.write(buffer, offset, length);
        }
    }

    /**
     * Remember the coordinator's state of a request that runs on several shards.
     *
     * @param seq          the request.
     * @param coordination its state.
     */
    public void coordination(final long seq, final Coordination coordination)
    {
        coordinations.put(seq, coordination);
    }

    /**
     * @param seq the request.
     * @return its coordination, or null.
     */
    public Coordination coordination(final long seq)
    {
        return coordinations.get(seq);
    }

    /**
     * Forget a finished coordination.
     *
     * @param seq the request.
     */
    public void endCoordination(final long seq)
    {
        coordinations.remove(seq);
    }

    /**
     * Keep this client's next requests back until {@link Dispatcher#release} (a command whose
     * hops run one after another on several shards, so that a later request cannot overtake
     * one of its hops on some shard).
     */
    public void hold()
    {
        holds++;
    }

    /** @return whether requests are being kept back. */
    public boolean isHeld()
    {
        return holds > 0;
    }

    void unhold()
    {
        if (holds > 0)
        {
            holds--;
        }
    }

    /**
     * Keep a request back, copying its arguments.
     *
     * @param args the request, valid only during the call.
     */
    void keepBack(final dev.anax.codecs.CommandArgs args)
    {
        if (heldRequests == null)
        {
            heldRequests = new java.util.ArrayDeque<>();
        }
        final byte[][] copy = new byte[args.count()][];
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = args.bytes(i);
        }
        heldRequests.add(copy);
    }

    /** @return the oldest request kept back, or null. */
    byte[][] nextKeptBack()
    {
        return heldRequests == null ? null : heldRequests.poll();
    }
}
