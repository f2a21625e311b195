package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.coord.ScanRoute;
import dev.anax.engine.keyspace.Database;
import dev.anax.engine.keyspace.GlobMatcher;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.stats.ThreadStats;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * KEYS and SCAN on one shard. KEYS runs on every shard ({@code FanOut.allShards}); a SCAN call
 * runs on the one shard its cursor names ({@link ScanRoute}).
 */
final class KeyScans
{
    private static final int DEFAULT_COUNT = 10;

    /** Per shard thread: the entries a command collected, reused from command to command. */
    private static final ThreadLocal<Collector> COLLECTOR = ThreadLocal.withInitial(Collector::new);

    private KeyScans()
    {
    }

    /**
     * KEYS pattern: the live keys of this shard that match.
     *
     * @param ctx the command.
     */
    static void keys(final ExecContext ctx)
    {
        final Collector collector = COLLECTOR.get();
        final byte[] pattern = ctx.args.bytes(1);
        collector.begin(GlobMatcher.isMatchAll(pattern) ? null : pattern, ctx.nowMs());
        ctx.db().forEach(collector);
        writeKeys(ctx, collector);
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over this shard's part of the cursor.
     *
     * @param ctx the command.
     */
    static void scan(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final long[] number = ctx.number;
        if (!ScanRoute.parseCursor(args, 1, number))
        {
            ctx.out.error(RespErrors.INVALID_CURSOR);
            return;
        }
        final long cursor = number[0];
        long count = DEFAULT_COUNT;
        int patternIndex = -1;
        int typeIndex = -1;
        final int argc = args.count();
        for (int i = 2; i < argc; i += 2)
        {
            final boolean hasValue = i + 1 < argc;
            if (hasValue && args.is(i, "count"))
            {
                if (!args.parseLong(i + 1, number))
                {
                    ctx.out.error(RespErrors.NOT_INTEGER);
                    return;
                }
                if (number[0] < 1)
                {
                    ctx.out.error(RespErrors.SYNTAX);
                    return;
                }
                count = number[0];
            }
            else if (hasValue && args.is(i, "match"))
            {
                patternIndex = i + 1;
            }
            else if (hasValue && args.is(i, "type"))
            {
                typeIndex = i + 1;
            }
            else
            {
                ctx.out.error(RespErrors.SYNTAX);
                return;
            }
        }

        final int shardCount = ctx.shard().shardCount();
        final int bits = ScanRoute.shardBits(shardCount);
        final int shard = ctx.shard().index();
        if ((cursor & ScanRoute.shardMask(shardCount)) != shard)
        {
            // The cursor names no shard: nothing more to scan.
            ctx.out.arrayHeader(2);
            ctx.out.bulkLong(0);
            ctx.out.emptyArray();
            return;
        }
        byte[] pattern = null;
        if (patternIndex >= 0)
        {
            pattern = args.bytes(patternIndex);
            if (GlobMatcher.isMatchAll(pattern))
            {
                pattern = null;
            }
        }
        final Database db = ctx.db();
        final Collector collector = COLLECTOR.get();
        collector.beginScan(pattern, ctx.nowMs());
        final long next = db.scan(cursor >>> bits, (int)Math.min(count, Integer.MAX_VALUE), collector);

        final ThreadStats stats = ctx.shard().stats();
        final long nowMs = ctx.nowMs();
        int kept = 0;
        for (int i = 0; i < collector.size; i++)
        {
            final boolean expired = collector.expired[i];
            if (expired)
            {
                // Deleted the way Redis does it: a lookup of the expired key.
                db.get(collector.keys, collector.offsets[i], collector.lengths[i], nowMs);
            }
            if (typeIndex >= 0)
            {
                // Redis looks the key up to learn its type: an expired key is deleted and is of
                // type "none", and then survives the expiry filter because it is gone already.
                stats.increment(expired ? ThreadStats.KEYSPACE_MISSES : ThreadStats.KEYSPACE_HITS);
                if (!args.is(typeIndex, expired ? "none" : ValueType.name(collector.types[i])))
                {
                    continue;
                }
            }
            else if (expired)
            {
                continue;
            }
            collector.keep(kept++, i);
        }
        collector.size = kept;

        final long nextCursor;
        if (next != 0)
        {
            nextCursor = (next << bits) | shard;
        }
        else
        {
            nextCursor = shard + 1 < shardCount ? shard + 1 : 0;
        }
        ctx.out.arrayHeader(2);
        ctx.out.bulkLong(nextCursor);
        writeKeys(ctx, collector);
    }

    private static void writeKeys(final ExecContext ctx, final Collector collector)
    {
        ctx.out.arrayHeader(collector.size);
        final MutableDirectBuffer keys = collector.keys;
        for (int i = 0; i < collector.size; i++)
        {
            ctx.out.bulk(keys, collector.offsets[i], collector.lengths[i]);
        }
        collector.end();
    }

    /**
     * Copies the keys met by a table walk (the entries themselves are only valid during the
     * visit): for KEYS the live ones that match; for SCAN those that match, with their type and
     * whether they have expired.
     */
    private static final class Collector implements Consumer<KeyEntry>
    {
        ExpandableArrayBuffer keys = new ExpandableArrayBuffer(4096);
        int[] offsets = new int[64];
        int[] lengths = new int[64];
        byte[] types = new byte[64];
        boolean[] expired = new boolean[64];
        int size;
        private byte[] subject = new byte[64];
        private int position;
        private byte[] pattern;
        private long nowMs;
        private boolean scan;

        void begin(final byte[] pattern, final long nowMs)
        {
            this.pattern = pattern;
            this.nowMs = nowMs;
            this.scan = false;
            size = 0;
            position = 0;
        }

        void beginScan(final byte[] pattern, final long nowMs)
        {
            begin(pattern, nowMs);
            this.scan = true;
        }

        @Override
        public void accept(final KeyEntry entry)
        {
            final boolean isExpired = entry.hasExpiry() && entry.expireAtMs() <= nowMs;
            if (!scan && isExpired)
            {
                return;
            }
            final int length = entry.keyLength();
            if (pattern != null)
            {
                if (subject.length < length)
                {
                    subject = new byte[Math.max(length, subject.length * 2)];
                }
                entry.keyBuffer().getBytes(entry.keyOffset(), subject, 0, length);
                if (!GlobMatcher.matches(pattern, 0, pattern.length, subject, 0, length))
                {
                    return;
                }
            }
            if (size == offsets.length)
            {
                offsets = Arrays.copyOf(offsets, size << 1);
                lengths = Arrays.copyOf(lengths, size << 1);
                types = Arrays.copyOf(types, size << 1);
                expired = Arrays.copyOf(expired, size << 1);
            }
            keys.putBytes(position, entry.keyBuffer(), entry.keyOffset(), length);
            offsets[size] = position;
            lengths[size] = length;
            types[size] = entry.type();
            expired[size] = isExpired;
            position += length;
            size++;
        }

        void keep(final int to, final int from)
        {
            offsets[to] = offsets[from];
            lengths[to] = lengths[from];
        }

        void end()
        {
            size = 0;
            position = 0;
            pattern = null;
            if (keys.capacity() > 1 << 20)
            {
                keys = new ExpandableArrayBuffer(4096);
            }
            if (offsets.length > 4096)
            {
                offsets = new int[64];
                lengths = new int[64];
                types = new byte[64];
                expired = new boolean[64];
            }
        }
    }
}
