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
        final Database db = ctx.db();
        final Collector collector = COLLECTOR.get();
        collector.begin(null, Long.MIN_VALUE);
        final long next = db.scan(cursor >>> bits, (int)Math.min(count, Integer.MAX_VALUE), collector);

        byte[] pattern = null;
        if (patternIndex >= 0)
        {
            pattern = args.bytes(patternIndex);
            if (GlobMatcher.isMatchAll(pattern))
            {
                pattern = null;
            }
        }
        final long nowMs = ctx.nowMs();
        final ThreadStats stats = ctx.shard().stats();
        int kept = 0;
        for (int i = 0; i < collector.size; i++)
        {
            final KeyEntry entry = collector.entries[i];
            if (pattern != null && !GlobMatcher.matches(pattern, entry.key()))
            {
                continue;
            }
            final boolean expired = entry.hasExpiry() && entry.expireAtMs() <= nowMs;
            if (expired)
            {
                db.expire(entry);
            }
            if (typeIndex >= 0)
            {
                // Redis looks the key up to learn its type: an expired key is deleted and is of
                // type "none", and then survives the expiry filter because it is gone already.
                stats.increment(expired ? ThreadStats.KEYSPACE_MISSES : ThreadStats.KEYSPACE_HITS);
                if (!args.is(typeIndex, expired ? "none" : ValueType.name(entry.type())))
                {
                    continue;
                }
            }
            else if (expired)
            {
                continue;
            }
            collector.entries[kept++] = entry;
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
        for (int i = 0; i < collector.size; i++)
        {
            ctx.out.bulk(collector.entries[i].key());
        }
        collector.end();
    }

    /**
     * Collects entries met by a table walk: every one, or (with a pattern or a clock) only the
     * live ones that match.
     */
    private static final class Collector implements Consumer<KeyEntry>
    {
        KeyEntry[] entries = new KeyEntry[64];
        int size;
        private byte[] pattern;
        private long nowMs;

        void begin(final byte[] pattern, final long nowMs)
        {
            this.pattern = pattern;
            this.nowMs = nowMs;
            size = 0;
        }

        @Override
        public void accept(final KeyEntry entry)
        {
            if (nowMs != Long.MIN_VALUE && entry.hasExpiry() && entry.expireAtMs() <= nowMs)
            {
                return;
            }
            if (pattern != null && !GlobMatcher.matches(pattern, entry.key()))
            {
                return;
            }
            if (size == entries.length)
            {
                entries = Arrays.copyOf(entries, size << 1);
            }
            entries[size++] = entry;
        }

        void end()
        {
            Arrays.fill(entries, 0, size, null);
            size = 0;
            pattern = null;
            if (entries.length > 4096)
            {
                entries = new KeyEntry[64];
            }
        }
    }
}
