package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;
import dev.anax.engine.config.Option;
import dev.anax.engine.config.ServerConfig;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.keyspace.KeyEntry;
import dev.anax.engine.keyspace.ValueType;
import dev.anax.engine.shard.ExecContext;
import dev.anax.engine.types.hash.FieldTable;
import dev.anax.engine.types.hash.HashListpack;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Hash commands, as Redis 7.0 runs them: the same replies, errors and error order, and the same
 * encodings. A hash starts as a listpack ({@link HashListpack}, a {@code byte[]} stored directly
 * in the key's entry) and becomes a hashtable ({@link FieldTable}) for good when it holds more
 * than {@code hash-max-listpack-entries} fields, or when a field or value longer than
 * {@code hash-max-listpack-value} bytes is written into it (HSET and HMSET check every argument
 * before writing, HSETNX its two, HINCRBY and HINCRBYFLOAT the pair they write).
 * <p>
 * Arguments are read in place from the event's array; only the bytes stored are copied.
 * HRANDFIELD and HSCAN live in {@link HashScans}.
 */
public final class HashFamily
{
    /** HINCRBY on a value that is not an integer. */
    public static final String HASH_VALUE_NOT_INTEGER = "ERR hash value is not an integer";
    /** HINCRBYFLOAT on a value that is not a float. */
    public static final String HASH_VALUE_NOT_FLOAT = "ERR hash value is not a float";
    /** HINCRBYFLOAT with an infinite increment. */
    public static final String NAN_OR_INFINITY = "ERR value is NaN or Infinity";

    private static final String WRONG_ARITY_HSET = RespErrors.wrongArity("hset");
    private static final String WRONG_ARITY_HMSET = RespErrors.wrongArity("hmset");

    /** The size a listpack may not pass (Redis's LISTPACK_MAX_SAFETY_SIZE). */
    private static final long LISTPACK_MAX_SAFETY_SIZE = 1L << 30;

    /** Per shard thread: the new pairs of one HSET into a listpack. */
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[64]);

    /** Options read for every write, cached per config (shards share one). */
    private static volatile Limits limits;

    private HashFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.shard("hset", HashFamily::hset);
        table.shard("hmset", HashFamily::hmset);
        table.shard("hsetnx", HashFamily::hsetnx);
        table.shard("hget", HashFamily::hget);
        table.shard("hmget", HashFamily::hmget);
        table.shard("hdel", HashFamily::hdel);
        table.shard("hexists", HashFamily::hexists);
        table.shard("hlen", HashFamily::hlen);
        table.shard("hstrlen", HashFamily::hstrlen);
        table.shard("hgetall", HashFamily::hgetall);
        table.shard("hkeys", HashFamily::hkeys);
        table.shard("hvals", HashFamily::hvals);
        table.shard("hincrby", HashFamily::hincrby);
        table.shard("hincrbyfloat", HashFamily::hincrbyfloat);
        table.shard("hrandfield", HashScans::hrandfield);
        table.shard("hscan", HashScans::hscan);
    }

    // ---------------------------------------------------------------- helpers

    /** The listpack thresholds in force. */
    static final class Limits
    {
        final ServerConfig config;
        final Option entries;
        final Option value;

        Limits(final ServerConfig config)
        {
            this.config = config;
            this.entries = config.require("hash-max-listpack-entries");
            this.value = config.require("hash-max-listpack-value");
        }
    }

    static Limits limits(final ExecContext ctx)
    {
        Limits current = limits;
        final ServerConfig config = ctx.shard().config();
        if (current == null || current.config != config)
        {
            current = new Limits(config);
            limits = current;
        }
        return current;
    }

    /**
     * The array holding the arguments (the event's own array: arguments are read in place).
     *
     * @param args the request.
     * @return an array; {@link #base} gives the index of the buffer's byte 0 in it.
     */
    static byte[] array(final CommandArgs args)
    {
        final DirectBuffer buffer = args.buffer();
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            return array;
        }
        final byte[] copy = new byte[buffer.capacity()];
        buffer.getBytes(0, copy);
        return copy;
    }

    /**
     * @param args the request.
     * @return the index in {@link #array} of the buffer's byte 0.
     */
    static int base(final CommandArgs args)
    {
        final DirectBuffer buffer = args.buffer();
        return buffer.byteArray() != null ? buffer.wrapAdjustment() : 0;
    }

    /** Look a key up for writing: expires it lazily and records the access, counts no hit. */
    static KeyEntry lookupWrite(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.lookup(index);
        if (entry != null)
        {
            entry.touch(ctx.nowMs());
        }
        return entry;
    }

    static boolean isHash(final KeyEntry entry)
    {
        return entry.type() == ValueType.HASH;
    }

    private static KeyEntry create(final ExecContext ctx, final int index)
    {
        final KeyEntry entry = ctx.insert(index);
        entry.set(ValueType.HASH, Encoding.LISTPACK, HashListpack.empty());
        return entry;
    }

    /**
     * @param entry a hash.
     * @return how many fields it holds.
     */
    static int size(final KeyEntry entry)
    {
        return entry.encoding() == Encoding.LISTPACK ?
            HashListpack.count((byte[])entry.value()) : ((FieldTable)entry.value()).size();
    }

    private static void convert(final KeyEntry entry)
    {
        entry.set(ValueType.HASH, Encoding.HASHTABLE, HashListpack.toTable((byte[])entry.value()));
    }

    /**
     * Convert a listpack whose arguments {@code from..to} include one longer than
     * hash-max-listpack-value (Redis's hashTypeTryConversion).
     */
    private static void convertForArguments(final ExecContext ctx, final KeyEntry entry, final int from, final int to)
    {
        if (entry.encoding() != Encoding.LISTPACK)
        {
            return;
        }
        final long max = limits(ctx).value.asLong();
        long sum = 0;
        for (int i = from; i <= to; i++)
        {
            final int length = ctx.args.length(i);
            if (length > max)
            {
                convert(entry);
                return;
            }
            sum += length;
        }
        if (!safeToAdd((byte[])entry.value(), sum))
        {
            convert(entry);
        }
    }

    /** Redis's lpSafeToAdd: a listpack never grows past 1 GiB. */
    private static boolean safeToAdd(final byte[] lp, final long added)
    {
        return lp.length + added <= LISTPACK_MAX_SAFETY_SIZE;
    }

    /**
     * Set a field (Redis's hashTypeSet): a listpack converts first if the field or the value is
     * too long for it, and after writing if it holds too many fields.
     *
     * @return true if the field was added.
     */
    private static boolean setField(
        final ExecContext ctx,
        final KeyEntry entry,
        final byte[] field,
        final int foff,
        final int flen,
        final byte[] value,
        final int voff,
        final int vlen)
    {
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final Limits l = limits(ctx);
            final long maxValue = l.value.asLong();
            if (flen > maxValue || vlen > maxValue || !safeToAdd((byte[])entry.value(), (long)flen + vlen))
            {
                convert(entry);
            }
            else
            {
                final byte[] lp = (byte[])entry.value();
                final int pos = HashListpack.find(lp, field, foff, flen);
                final byte[] updated = pos >= 0 ?
                    HashListpack.replaceValue(lp, pos, value, voff, vlen) :
                    HashListpack.append(lp, field, foff, flen, value, voff, vlen);
                entry.set(ValueType.HASH, Encoding.LISTPACK, updated);
                if (HashListpack.count(updated) > l.entries.asLong())
                {
                    convert(entry);
                }
                return pos < 0;
            }
        }
        return ((FieldTable)entry.value()).put(field, foff, flen, value, voff, vlen);
    }

    /**
     * Write a field's value as a bulk string, or the null bulk string if the field is absent.
     */
    private static void writeValue(
        final ExecContext ctx, final KeyEntry entry, final byte[] field, final int offset, final int length)
    {
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            final int pos = HashListpack.find(lp, field, offset, length);
            if (pos < 0)
            {
                ctx.out.nullBulk();
                return;
            }
            final int valuePos = HashListpack.next(lp, pos);
            ctx.out.bulk(lp, HashListpack.offset(lp, valuePos), HashListpack.length(lp, valuePos));
            return;
        }
        final FieldTable table = (FieldTable)entry.value();
        final int index = table.find(field, offset, length);
        if (index < 0)
        {
            ctx.out.nullBulk();
            return;
        }
        ctx.out.bulk(table.array(index), table.valueOffset(index), table.valueLength(index));
    }

    /**
     * @return the length of a field's value, or -1 if the field is absent.
     */
    private static int valueLength(final KeyEntry entry, final byte[] field, final int offset, final int length)
    {
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            final int pos = HashListpack.find(lp, field, offset, length);
            return pos < 0 ? -1 : HashListpack.length(lp, HashListpack.next(lp, pos));
        }
        final FieldTable table = (FieldTable)entry.value();
        final int index = table.find(field, offset, length);
        return index < 0 ? -1 : table.valueLength(index);
    }

    /**
     * A field's value, copied, for other families (SORT's {@code key->field} patterns).
     *
     * @param entry  a hash key's entry (type HASH).
     * @param field  array holding the field name.
     * @param offset of the name.
     * @param length of the name.
     * @return a new array with the value's bytes, or null when the field is absent.
     */
    static byte[] fieldValue(final KeyEntry entry, final byte[] field, final int offset, final int length)
    {
        return copyValue(entry, field, offset, length);
    }

    /**
     * A field's value, copied, or null if the field is absent (HINCRBY, HINCRBYFLOAT).
     */
    private static byte[] copyValue(final KeyEntry entry, final byte[] field, final int offset, final int length)
    {
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            final int pos = HashListpack.find(lp, field, offset, length);
            if (pos < 0)
            {
                return null;
            }
            final int valuePos = HashListpack.next(lp, pos);
            final int from = HashListpack.offset(lp, valuePos);
            return Arrays.copyOfRange(lp, from, from + HashListpack.length(lp, valuePos));
        }
        final FieldTable table = (FieldTable)entry.value();
        final int index = table.find(field, offset, length);
        if (index < 0)
        {
            return null;
        }
        final int from = table.valueOffset(index);
        return Arrays.copyOfRange(table.array(index), from, from + table.valueLength(index));
    }

    private static final int ABSENT = 0;
    private static final int INTEGER = 1;
    private static final int NOT_AN_INTEGER = 2;

    /**
     * Parse a field's value in place as Redis's string2ll (HINCRBY).
     *
     * @return {@link #ABSENT}, {@link #INTEGER} (the value in {@code result[0]}) or
     *         {@link #NOT_AN_INTEGER}.
     */
    private static int integerValue(
        final KeyEntry entry, final byte[] field, final int offset, final int length, final long[] result)
    {
        final byte[] array;
        final int from;
        final int size;
        if (entry.encoding() == Encoding.LISTPACK)
        {
            array = (byte[])entry.value();
            final int pos = HashListpack.find(array, field, offset, length);
            if (pos < 0)
            {
                return ABSENT;
            }
            final int valuePos = HashListpack.next(array, pos);
            from = HashListpack.offset(array, valuePos);
            size = HashListpack.length(array, valuePos);
        }
        else
        {
            final FieldTable table = (FieldTable)entry.value();
            final int index = table.find(field, offset, length);
            if (index < 0)
            {
                return ABSENT;
            }
            array = table.array(index);
            from = table.valueOffset(index);
            size = table.valueLength(index);
        }
        return parseLong(array, from, size, result) ? INTEGER : NOT_AN_INTEGER;
    }

    /**
     * Redis's string2ll over part of an array: optional '-', digits without leading zeros (but
     * "0"), nothing else, within 64 bits.
     */
    static boolean parseLong(final byte[] a, final int offset, final int length, final long[] result)
    {
        if (length == 0 || length > 20)
        {
            return false;
        }
        if (length == 1 && a[offset] == '0')
        {
            result[0] = 0;
            return true;
        }
        int i = offset;
        final int end = offset + length;
        final boolean negative = a[i] == '-';
        if (negative && ++i == end)
        {
            return false;
        }
        if (a[i] < '1' || a[i] > '9')
        {
            return false;
        }
        // Accumulate negatively so that the most negative value parses.
        long acc = 0;
        for (; i < end; i++)
        {
            final int d = a[i] - '0';
            if (d < 0 || d > 9 || acc < Long.MIN_VALUE / 10)
            {
                return false;
            }
            acc *= 10;
            if (acc < Long.MIN_VALUE + d)
            {
                return false;
            }
            acc -= d;
        }
        if (!negative)
        {
            if (acc == Long.MIN_VALUE)
            {
                return false;
            }
            acc = -acc;
        }
        result[0] = acc;
        return true;
    }

    // ---------------------------------------------------------------- writes

    static void hset(final ExecContext ctx)
    {
        if (ctx.args.count() % 2 == 1)
        {
            ctx.out.error(WRONG_ARITY_HSET);
            return;
        }
        final int created = setPairs(ctx);
        if (created >= 0)
        {
            ctx.out.integer(created);
        }
    }

    static void hmset(final ExecContext ctx)
    {
        if (ctx.args.count() % 2 == 1)
        {
            ctx.out.error(WRONG_ARITY_HMSET);
            return;
        }
        if (setPairs(ctx) >= 0)
        {
            ctx.out.ok();
        }
    }

    /** @return fields added, or -1 after replying WRONGTYPE. */
    private static int setPairs(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            entry = create(ctx, 1);
        }
        else if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return -1;
        }
        final int argc = args.count();
        convertForArguments(ctx, entry, 2, argc - 1);
        final byte[] a = array(args);
        final int base = base(args);
        final int pairs = (argc - 2) / 2;
        if (pairs > 1 && entry.encoding() == Encoding.LISTPACK && pairs <= limits(ctx).entries.asLong())
        {
            return setPairsInListpack(ctx, entry, a, base, pairs);
        }
        int created = 0;
        for (int i = 2; i < argc; i += 2)
        {
            if (setField(ctx, entry, a, base + args.offset(i), args.length(i),
                a, base + args.offset(i + 1), args.length(i + 1)))
            {
                created++;
            }
        }
        return created;
    }

    /**
     * HSET of several pairs into a listpack whose arguments all fit it (checked before): fields
     * present are updated in place, new ones (the last value of a field given twice) appended
     * with one new array, then the hash converts if it holds too many fields. The result is the
     * one pair-by-pair writing gives, with one allocation instead of one per pair.
     *
     * @return fields added.
     */
    private static int setPairsInListpack(
        final ExecContext ctx, final KeyEntry entry, final byte[] a, final int base, final int pairs)
    {
        final CommandArgs args = ctx.args;
        byte[] lp = (byte[])entry.value();
        int[] added = SCRATCH.get();
        if (added.length < pairs * 4)
        {
            added = new int[pairs * 4];
            if (added.length <= 4096)
            {
                SCRATCH.set(added);
            }
        }
        int count = 0;
        for (int i = 2; i < 2 + pairs * 2; i += 2)
        {
            final int foff = base + args.offset(i);
            final int flen = args.length(i);
            final int voff = base + args.offset(i + 1);
            final int vlen = args.length(i + 1);
            final int pos = HashListpack.find(lp, a, foff, flen);
            if (pos >= 0)
            {
                lp = HashListpack.replaceValue(lp, pos, a, voff, vlen);
                continue;
            }
            int j = 0;
            while (j < count && !(added[j * 4 + 1] == flen &&
                Arrays.equals(a, added[j * 4], added[j * 4] + flen, a, foff, foff + flen)))
            {
                j++;
            }
            added[j * 4] = foff;
            added[j * 4 + 1] = flen;
            added[j * 4 + 2] = voff;
            added[j * 4 + 3] = vlen;
            if (j == count)
            {
                count++;
            }
        }
        if (count > 0)
        {
            lp = HashListpack.appendAll(lp, a, added, count);
        }
        entry.set(ValueType.HASH, Encoding.LISTPACK, lp);
        if (HashListpack.count(lp) > limits(ctx).entries.asLong())
        {
            convert(entry);
        }
        return count;
    }

    static void hsetnx(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && !isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final byte[] a = array(args);
        final int base = base(args);
        final int foff = base + args.offset(2);
        final int flen = args.length(2);
        if (entry != null && valueLength(entry, a, foff, flen) >= 0)
        {
            ctx.out.integer(0);
            return;
        }
        if (entry == null)
        {
            entry = create(ctx, 1);
        }
        convertForArguments(ctx, entry, 2, 3);
        setField(ctx, entry, a, foff, flen, a, base + args.offset(3), args.length(3));
        ctx.out.integer(1);
    }

    static void hdel(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final KeyEntry entry = lookupWrite(ctx, 1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final byte[] a = array(args);
        final int base = base(args);
        final int argc = args.count();
        int deleted = 0;
        for (int i = 2; i < argc; i++)
        {
            final int off = base + args.offset(i);
            final int len = args.length(i);
            final int remaining;
            if (entry.encoding() == Encoding.LISTPACK)
            {
                final byte[] lp = (byte[])entry.value();
                final int pos = HashListpack.find(lp, a, off, len);
                if (pos < 0)
                {
                    continue;
                }
                final byte[] updated = HashListpack.delete(lp, pos);
                entry.set(ValueType.HASH, Encoding.LISTPACK, updated);
                remaining = HashListpack.count(updated);
            }
            else
            {
                final FieldTable table = (FieldTable)entry.value();
                if (!table.remove(a, off, len))
                {
                    continue;
                }
                remaining = table.size();
            }
            deleted++;
            if (remaining == 0)
            {
                ctx.delete(entry);
                break;
            }
        }
        ctx.out.integer(deleted);
    }

    static void hincrby(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        if (!ctx.parseLong(3))
        {
            ctx.out.error(RespErrors.NOT_INTEGER);
            return;
        }
        final long increment = ctx.number[0];
        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && !isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final byte[] a = array(args);
        final int base = base(args);
        final int foff = base + args.offset(2);
        final int flen = args.length(2);
        long old = 0;
        if (entry != null)
        {
            final int parsed = integerValue(entry, a, foff, flen, ctx.number);
            if (parsed == NOT_AN_INTEGER)
            {
                ctx.out.error(HASH_VALUE_NOT_INTEGER);
                return;
            }
            if (parsed == INTEGER)
            {
                old = ctx.number[0];
            }
        }
        if ((increment < 0 && old < 0 && increment < Long.MIN_VALUE - old) ||
            (increment > 0 && old > 0 && increment > Long.MAX_VALUE - old))
        {
            ctx.out.error(RespErrors.OVERFLOW);
            return;
        }
        final long result = old + increment;
        if (entry == null)
        {
            entry = create(ctx, 1);
        }
        final byte[] value = StringValues.longBytes(result);
        setField(ctx, entry, a, foff, flen, value, 0, value.length);
        ctx.out.integer(result);
    }

    static void hincrbyfloat(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final LongDouble increment = LongDouble.parse(args.buffer(), args.offset(3), args.length(3));
        if (increment == null)
        {
            ctx.out.error(RespErrors.NOT_FLOAT);
            return;
        }
        if (increment.isInfinite())
        {
            ctx.out.error(NAN_OR_INFINITY);
            return;
        }
        KeyEntry entry = lookupWrite(ctx, 1);
        if (entry != null && !isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final byte[] a = array(args);
        final int base = base(args);
        final int foff = base + args.offset(2);
        final int flen = args.length(2);
        LongDouble current = LongDouble.ZERO;
        if (entry != null)
        {
            final byte[] text = copyValue(entry, a, foff, flen);
            if (text != null)
            {
                current = StringValues.parseLong(text, ctx.number) ?
                    LongDouble.of(ctx.number[0]) : LongDouble.parse(text);
                if (current == null)
                {
                    ctx.out.error(HASH_VALUE_NOT_FLOAT);
                    return;
                }
            }
        }
        final LongDouble sum = current.add(increment);
        if (sum == null || sum.isInfinite())
        {
            ctx.out.error(RespErrors.INCR_NAN_OR_INF);
            return;
        }
        if (entry == null)
        {
            entry = create(ctx, 1);
        }
        final byte[] value = sum.toHumanBytes();
        setField(ctx, entry, a, foff, flen, value, 0, value.length);
        ctx.out.bulk(value);
    }

    // ---------------------------------------------------------------- reads

    static void hget(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.nullBulk();
            return;
        }
        if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        writeValue(ctx, entry, array(args), base(args) + args.offset(2), args.length(2));
    }

    static void hmget(final ExecContext ctx)
    {
        final CommandArgs args = ctx.args;
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry != null && !isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int argc = args.count();
        ctx.out.arrayHeader(argc - 2);
        if (entry == null)
        {
            for (int i = 2; i < argc; i++)
            {
                ctx.out.nullBulk();
            }
            return;
        }
        final byte[] a = array(args);
        final int base = base(args);
        for (int i = 2; i < argc; i++)
        {
            writeValue(ctx, entry, a, base + args.offset(i), args.length(i));
        }
    }

    static void hexists(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        ctx.out.integer(valueLength(entry, array(args), base(args) + args.offset(2), args.length(2)) >= 0 ? 1 : 0);
    }

    static void hstrlen(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
            return;
        }
        if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final CommandArgs args = ctx.args;
        final int length = valueLength(entry, array(args), base(args) + args.offset(2), args.length(2));
        ctx.out.integer(Math.max(0, length));
    }

    static void hlen(final ExecContext ctx)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        if (entry == null)
        {
            ctx.out.integer(0);
        }
        else if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
        }
        else
        {
            ctx.out.integer(size(entry));
        }
    }

    private static final int FIELDS = 1;
    private static final int VALUES = 2;

    static void hgetall(final ExecContext ctx)
    {
        getAll(ctx, FIELDS | VALUES);
    }

    static void hkeys(final ExecContext ctx)
    {
        getAll(ctx, FIELDS);
    }

    static void hvals(final ExecContext ctx)
    {
        getAll(ctx, VALUES);
    }

    private static void getAll(final ExecContext ctx, final int what)
    {
        final KeyEntry entry = ctx.lookupRead(1);
        final boolean map = what == (FIELDS | VALUES);
        if (entry == null)
        {
            if (map)
            {
                ctx.out.mapHeader(0);
            }
            else
            {
                ctx.out.emptyArray();
            }
            return;
        }
        if (!isHash(entry))
        {
            ctx.out.error(RespErrors.WRONGTYPE);
            return;
        }
        final int size = size(entry);
        if (map)
        {
            ctx.out.mapHeader(size);
        }
        else
        {
            ctx.out.arrayHeader(size);
        }
        if (entry.encoding() == Encoding.LISTPACK)
        {
            final byte[] lp = (byte[])entry.value();
            int pos = HashListpack.first(lp);
            while (pos < lp.length)
            {
                final int valuePos = HashListpack.next(lp, pos);
                if ((what & FIELDS) != 0)
                {
                    ctx.out.bulk(lp, HashListpack.offset(lp, pos), HashListpack.length(lp, pos));
                }
                if ((what & VALUES) != 0)
                {
                    ctx.out.bulk(lp, HashListpack.offset(lp, valuePos), HashListpack.length(lp, valuePos));
                }
                pos = HashListpack.next(lp, valuePos);
            }
            return;
        }
        final FieldTable table = (FieldTable)entry.value();
        for (int i = 0; i < size; i++)
        {
            final byte[] array = table.array(i);
            if ((what & FIELDS) != 0)
            {
                ctx.out.bulk(array, table.fieldOffset(i), table.fieldLength(i));
            }
            if ((what & VALUES) != 0)
            {
                ctx.out.bulk(array, table.valueOffset(i), table.valueLength(i));
            }
        }
    }
}
