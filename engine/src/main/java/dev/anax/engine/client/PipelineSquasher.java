package dev.anax.engine.client;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.sbe.CommandEventEncoder;
import dev.anax.codecs.sbe.CommandGroupEncoder;
import dev.anax.codecs.sbe.MessageHeaderEncoder;
import dev.anax.codecs.sbe.Op;
import dev.anax.codecs.sbe.Protocol;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.config.Option;
import dev.anax.engine.shard.CommandGroup;
import dev.anax.engine.shard.CommandSlot;
import dev.anax.engine.stats.ThreadStats;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Pipeline squashing, the dispatcher's side: single-shard commands decoded from one batch of
 * input (an I/O cycle's reads) are encoded, per shard, into one {@link CommandGroup}; at the end of the batch (or before
 * anything else of this I/O thread goes to that shard) each group is published as ONE event, and
 * comes back as ONE reply event whose replies complete their requests' sequence numbers.
 * <pre>
 *   batch of input: SET a (shard 0)  GET b (shard 1)  SET c (shard 0)  INCR d (shard 1)
 *   pending groups: shard 0 [SET a, SET c]   shard 1 [GET b, INCR d]
 *   flush():        one CommandGroup event on each shard's ring; the shards run them in parallel
 * </pre>
 * Groups are per shard, not per connection: every connection whose input is handled before the
 * next {@link Dispatcher#flush()} shares them (the transport flushes once per I/O cycle). A group
 * of one command travels as the lone event it is. Owned by the dispatcher's I/O thread; the groups it hands out come back to its
 * pool with their replies, so a warm server allocates nothing per request here.
 */
public final class PipelineSquasher
{
    /** Commands in one group at most; then it is published and another begun. */
    static final int MAX_GROUP_COMMANDS = 256;
    /** Bytes of encoded commands in one group at most; a larger command goes on its own. */
    static final int MAX_GROUP_BYTES = 64 * 1024;
    private static final int MAX_POOLED = 256;
    private static final int FIXED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + CommandEventEncoder.BLOCK_LENGTH +
        CommandEventEncoder.ArgsEncoder.sbeHeaderSize();

    private final Dispatcher dispatcher;
    private final int ioId;
    private final Option enabled;
    private final CommandGroup[] pending;
    private final CommandGroup[] pool = new CommandGroup[MAX_POOLED];
    private int pooled;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandEventEncoder eventEncoder = new CommandEventEncoder();
    private final CommandGroupEncoder groupEncoder = new CommandGroupEncoder();
    private final UnsafeBuffer groupHeader =
        new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + CommandGroupEncoder.BLOCK_LENGTH]);
    private final ThreadStats stats;
    private int pendingCount;

    PipelineSquasher(final Dispatcher dispatcher, final int ioId, final Option enabled, final int shardCount)
    {
        this.dispatcher = dispatcher;
        this.stats = dispatcher.stats();
        this.ioId = ioId;
        this.enabled = enabled;
        this.pending = new CommandGroup[shardCount];
    }

    /**
     * Add a single-shard command to the shard's pending group, if squashing is on and the
     * command is small enough.
     *
     * @param shard   the shard that owns its key.
     * @param session the client.
     * @param seq     its request sequence.
     * @param spec    the command.
     * @param args    the request; copied here.
     * @return false if the caller must publish the command itself (after {@link #publish(int)}).
     */
    public boolean offer(final int shard, final ClientSession session, final long seq, final CommandSpec spec,
        final CommandArgs args)
    {
        if (!enabled.asBoolean() || session.eventConcludes())
        {
            // Off, or each event ends the client's transaction on its shard: each goes alone.
            return false;
        }
        final int n = args.count();
        long length = FIXED_LENGTH;
        for (int i = 0; i < n; i++)
        {
            length += CommandEventEncoder.ArgsEncoder.argHeaderLength() + args.length(i);
        }
        if (length > MAX_GROUP_BYTES || n > 0xFFFF)
        {
            return false;
        }
        CommandGroup group = pending[shard];
        if (group != null && (group.count() >= MAX_GROUP_COMMANDS ||
            group.requestLength() + CommandGroup.LENGTH_PREFIX + length > MAX_GROUP_BYTES))
        {
            publish(shard);
            group = null;
        }
        if (group == null)
        {
            group = take();
            pending[shard] = group;
            pendingCount++;
        }
        final MutableDirectBuffer buffer = group.reserve((int)length);
        encode(buffer, group.requestLength() + CommandGroup.LENGTH_PREFIX, session, seq, spec, args, n);
        group.appended((int)length);
        return true;
    }

    private void encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final ClientSession session,
        final long seq,
        final CommandSpec spec,
        final CommandArgs args,
        final int n)
    {
        final CommandEventEncoder e = eventEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .connectionId(session.id())
            .requestSeq(seq)
            .ioThread(ioId)
            .shard(0)
            .db((short)session.db())
            .protocol(session.protocol() >= 3 ? Protocol.RESP3 : Protocol.RESP2)
            .op(Op.EXECUTE)
            .commandId(spec.id())
            .subOp(0)
            .part(0)
            .txId(session.eventTxId());
        // Commands of an EXEC carry its transaction's id and run as inside MULTI.
        e.flags().clear().multi(session.eventInMulti());
        final CommandEventEncoder.ArgsEncoder group = e.argsCount(n);
        final DirectBuffer src = args.buffer();
        for (int i = 0; i < n; i++)
        {
            group.next().putArg(src, args.offset(i), args.length(i));
        }
    }

    /**
     * Publish the shard's pending group, if any: before any other event of this I/O thread for
     * that shard, so that nothing overtakes it.
     *
     * @param shard the shard.
     */
    void publish(final int shard)
    {
        final CommandGroup group = pending[shard];
        if (group == null)
        {
            return;
        }
        pending[shard] = null;
        pendingCount--;
        final int count = group.count();
        final int single = group.requestLength() - CommandGroup.LENGTH_PREFIX;
        if (count == 1 && single <= CommandSlot.SLOT_BYTES)
        {
            // A group of one is the lone event it holds: no reference, no reply group.
            dispatcher.publishEncoded(shard, group.requests(), CommandGroup.LENGTH_PREFIX, single, null);
            recycle(group);
            return;
        }
        groupEncoder.wrapAndApplyHeader(groupHeader, 0, headerEncoder)
            .ioThread(ioId)
            .count(count)
            .length(group.requestLength());
        dispatcher.publishEncoded(shard, groupHeader, 0, groupHeader.capacity(), group);
        stats.increment(ThreadStats.SQUASH_GROUPS);
        stats.add(ThreadStats.SQUASH_COMMANDS, count);
    }

    /** Publish every pending group: at the end of a batch of input, and before a command that is not single-shard. */
    void publishAll()
    {
        if (pendingCount == 0)
        {
            return;
        }
        for (int shard = 0; shard < pending.length; shard++)
        {
            publish(shard);
        }
    }

    /**
     * A group came back: complete each reply it carries, then keep the group for reuse.
     *
     * @param group the group, with the replies its shard produced.
     * @return how many replies it carried.
     */
    int onReplies(final CommandGroup group)
    {
        final UnsafeBuffer replies = group.replies();
        final int n = group.replyCount();
        int offset = 0;
        long lastId = Long.MIN_VALUE;
        ClientSession session = null;
        for (int i = 0; i < n; i++)
        {
            final long connectionId = replies.getLong(offset);
            final long seq = replies.getLong(offset + 8);
            final int length = replies.getInt(offset + 16);
            if (connectionId != lastId)
            {
                lastId = connectionId;
                session = dispatcher.session(connectionId);
            }
            if (session != null)
            {
                session.complete(seq, replies, offset + CommandGroup.REPLY_HEADER, length);
            }
            offset += CommandGroup.REPLY_HEADER + length;
        }
        recycle(group);
        return n;
    }

    private CommandGroup take()
    {
        return pooled > 0 ? pool[--pooled] : new CommandGroup();
    }

    private void recycle(final CommandGroup group)
    {
        if (group.reset() && pooled < MAX_POOLED)
        {
            pool[pooled++] = group;
        }
    }

    /** @return squashed groups published (groups of one, sent as lone events, not counted); any thread. */
    public long groups()
    {
        return stats.get(ThreadStats.SQUASH_GROUPS);
    }

    /** @return commands published inside squashed groups; any thread. */
    public long commands()
    {
        return stats.get(ThreadStats.SQUASH_COMMANDS);
    }
}
