package dev.anax.engine.types.set;

import dev.anax.codecs.Bytes;
import dev.anax.engine.family.DeepCopyable;
import dev.anax.engine.keyspace.Encoding;
import dev.anax.engine.types.ElementSink;
import dev.anax.engine.types.ElementSource;
import org.agrona.DirectBuffer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A set value in one of Redis 7.0's two encodings: an {@link IntSet} while every member is the
 * canonical text of a 64-bit integer and there are at most {@code set-max-intset-entries} of
 * them, else a hash table. A set moves to the hash table for good the first time either rule
 * breaks; only new sets (SPOP's rebuilt remainder, the STORE commands' results) start again
 * from an intset, as in Redis.
 * <p>
 * The hash table has two forms, both reported as "hashtable": a {@link LongTable} while every
 * member is still an integer (an intset that outgrew its limit: 8 bytes a member), and a
 * {@link MemberTable} of byte strings from the first member that is not.
 * <p>
 * <b>Positions.</b> Members are visited by position, from 0 to {@link #positionLimit()} - 1,
 * skipping positions that are not {@link #occupied}; {@link #hasLongMembers()} says whether a
 * position holds an integer ({@link #longAt}) or bytes ({@link #bytesAt}).
 * <p>
 * <b>Sharing.</b> A shard may hand a set to another thread by reference (the multi-key commands
 * read the sets of several shards on the I/O thread). It marks it {@link #share() shared} first;
 * from then on nobody modifies it, and its owner copies it before its next write
 * ({@link #isShared()}). Intset arrays are never modified at all (every change makes a new
 * one), so copies share them.
 */
public final class SetValue implements DeepCopyable, ElementSource
{
    /** Redis caps set-max-intset-entries here. */
    public static final long INTSET_CAP = 1L << 30;

    private byte[] ints;
    private LongTable longs;
    private MemberTable table;
    private boolean shared;

    private SetValue(final byte[] ints, final LongTable longs, final MemberTable table)
    {
        this.ints = ints;
        this.longs = longs;
        this.table = table;
    }

    /**
     * @param ints an intset array, owned by the value from now on.
     * @return a set over it.
     */
    public static SetValue ofIntSet(final byte[] ints)
    {
        return new SetValue(ints, null, null);
    }

    /**
     * @param longs a table of integers, owned by the value from now on.
     * @return a set over it, encoded as a hash table.
     */
    public static SetValue ofLongs(final LongTable longs)
    {
        return new SetValue(null, longs, null);
    }

    /**
     * @param table a table, owned by the value from now on.
     * @return a set over it.
     */
    public static SetValue ofTable(final MemberTable table)
    {
        return new SetValue(null, null, table);
    }

    /**
     * An empty set in the encoding Redis creates for a first member (SADD, SMOVE): an intset when
     * the member is an integer, else a table.
     *
     * @param buffer holding the first member.
     * @param offset of its first byte.
     * @param length of the member.
     * @param scratch receives the parsed integer.
     * @return the empty set.
     */
    public static SetValue createFor(final DirectBuffer buffer, final int offset, final int length, final long[] scratch)
    {
        return Bytes.parseLong(buffer, offset, length, scratch) ?
            ofIntSet(IntSet.empty()) : ofTable(new MemberTable(1));
    }

    /**
     * The effective intset limit: the option, capped as Redis caps it.
     *
     * @param configured set-max-intset-entries.
     * @return the limit.
     */
    public static long intsetLimit(final long configured)
    {
        return Math.min(configured, INTSET_CAP);
    }

    /** @return {@link Encoding#INTSET} or {@link Encoding#HASHTABLE}. */
    public byte encoding()
    {
        return ints != null ? Encoding.INTSET : Encoding.HASHTABLE;
    }

    /** @return true while encoded as an intset. */
    public boolean isIntSet()
    {
        return ints != null;
    }

    /** @return the intset array, or null when encoded as a table. */
    public byte[] intSet()
    {
        return ints;
    }

    /** @return the table of byte strings, or null in the other forms. */
    public MemberTable table()
    {
        return table;
    }

    /** @return the table of integers, or null in the other forms. */
    public LongTable longTable()
    {
        return longs;
    }

    /** @return true when every position holds an integer (an intset or a table of integers). */
    public boolean hasLongMembers()
    {
        return table == null;
    }

    /** @return the number of members. */
    public int size()
    {
        if (ints != null)
        {
            return IntSet.size(ints);
        }
        return longs != null ? longs.size() : table.size();
    }

    /** @return one past the last position. */
    public int positionLimit()
    {
        if (ints != null)
        {
            return IntSet.size(ints);
        }
        return longs != null ? longs.positionLimit() : table.capacity();
    }

    /**
     * @param position from 0 to {@link #positionLimit()} - 1.
     * @return true when a member is there.
     */
    public boolean occupied(final int position)
    {
        if (ints != null)
        {
            return true;
        }
        return longs != null ? longs.occupied(position) : table.occupied(position);
    }

    /** @return true once handed to another thread: the owner must copy before writing. */
    public boolean isShared()
    {
        return shared;
    }

    /** Mark this value as read by another thread from now on. */
    public void share()
    {
        shared = true;
    }

    @Override
    public SetValue deepCopy()
    {
        if (ints != null)
        {
            return ofIntSet(ints);
        }
        return longs != null ? ofLongs(longs.copy()) : ofTable(table.copy());
    }

    /** The intset outgrew its limit: keep its integers in a table of integers. */
    private void toLongs()
    {
        final byte[] source = ints;
        final int size = IntSet.size(source);
        final LongTable converted = new LongTable(size);
        for (int i = 0; i < size; i++)
        {
            converted.add(IntSet.get(source, i));
        }
        longs = converted;
        ints = null;
    }

    /** A member that is not an integer arrives: every member becomes a byte string. */
    private void toTable(final int extra)
    {
        final int limit = positionLimit();
        final MemberTable converted = new MemberTable(size() + extra);
        final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
        for (int position = 0; position < limit; position++)
        {
            if (occupied(position))
            {
                converted.add(digits, 0, MemberBytes.format(longAt(position), digits));
            }
        }
        table = converted;
        ints = null;
        longs = null;
    }

    // ---------------------------------------------------------------- adding

    /**
     * Add an integer member.
     *
     * @param value      the member.
     * @param maxIntset  the intset limit ({@link #intsetLimit}).
     * @return true if it was added.
     */
    public boolean addLong(final long value, final long maxIntset)
    {
        if (ints == null)
        {
            return longs != null ? longs.add(value) : table.add(MemberBytes.toBytes(value));
        }
        final byte[] grown = IntSet.add(ints, value);
        if (grown == ints)
        {
            return false;
        }
        ints = grown;
        if (IntSet.size(grown) > maxIntset)
        {
            toLongs();
        }
        return true;
    }

    /**
     * Add a member given as a range of a buffer (a request's argument); it is copied if new.
     *
     * @param buffer    holding the member.
     * @param offset    of its first byte.
     * @param length    of the member.
     * @param maxIntset the intset limit.
     * @param scratch   for parsing integers.
     * @return true if it was added.
     */
    public boolean add(
        final DirectBuffer buffer, final int offset, final int length, final long maxIntset, final long[] scratch)
    {
        if (table == null)
        {
            if (Bytes.parseLong(buffer, offset, length, scratch))
            {
                return addLong(scratch[0], maxIntset);
            }
            toTable(1);
        }
        return table.add(buffer, offset, length);
    }

    /**
     * Add a member given as part of an array (copied if new).
     *
     * @param bytes     holding the member.
     * @param offset    of its first byte.
     * @param length    of the member.
     * @param maxIntset the intset limit.
     * @param scratch   for parsing integers.
     * @return true if it was added.
     */
    public boolean add(
        final byte[] bytes, final int offset, final int length, final long maxIntset, final long[] scratch)
    {
        if (table == null)
        {
            if (MemberBytes.parseLong(bytes, offset, length, scratch))
            {
                return addLong(scratch[0], maxIntset);
            }
            toTable(1);
        }
        return table.add(bytes, offset, length);
    }

    // ---------------------------------------------------------------- removing

    /**
     * Remove a member given as a range of a buffer.
     *
     * @param buffer  holding the member.
     * @param offset  of its first byte.
     * @param length  of the member.
     * @param scratch for parsing integers.
     * @return true if it was a member.
     */
    public boolean remove(final DirectBuffer buffer, final int offset, final int length, final long[] scratch)
    {
        if (table == null)
        {
            return Bytes.parseLong(buffer, offset, length, scratch) && removeInteger(scratch[0]);
        }
        return table.remove(buffer, offset, length);
    }

    private boolean removeInteger(final long value)
    {
        if (longs != null)
        {
            return longs.remove(value);
        }
        final byte[] shrunk = IntSet.remove(ints, value);
        if (shrunk == ints)
        {
            return false;
        }
        ints = shrunk;
        return true;
    }

    /**
     * Remove a member given as part of an array.
     *
     * @param bytes   holding the member.
     * @param offset  of its first byte.
     * @param length  of the member.
     * @param scratch for parsing integers.
     * @return true if it was a member.
     */
    public boolean remove(final byte[] bytes, final int offset, final int length, final long[] scratch)
    {
        if (table == null)
        {
            return MemberBytes.parseLong(bytes, offset, length, scratch) && removeInteger(scratch[0]);
        }
        return table.remove(bytes, offset, length);
    }

    /**
     * Remove an integer member.
     *
     * @param value  the member.
     * @param digits at least {@link MemberBytes#MAX_DIGITS} bytes of scratch.
     * @return true if it was a member.
     */
    public boolean removeLong(final long value, final byte[] digits)
    {
        if (table == null)
        {
            return removeInteger(value);
        }
        return table.remove(digits, 0, MemberBytes.format(value, digits));
    }

    // ---------------------------------------------------------------- membership

    /**
     * @param buffer  holding the candidate.
     * @param offset  of its first byte.
     * @param length  of the candidate.
     * @param scratch for parsing integers.
     * @return true when it is a member.
     */
    public boolean contains(final DirectBuffer buffer, final int offset, final int length, final long[] scratch)
    {
        if (table == null)
        {
            return Bytes.parseLong(buffer, offset, length, scratch) && containsInteger(scratch[0]);
        }
        return table.contains(buffer, offset, length);
    }

    /**
     * @param bytes   holding the candidate.
     * @param offset  of its first byte.
     * @param length  of the candidate.
     * @param scratch for parsing integers.
     * @return true when it is a member.
     */
    public boolean contains(final byte[] bytes, final int offset, final int length, final long[] scratch)
    {
        if (table == null)
        {
            return MemberBytes.parseLong(bytes, offset, length, scratch) && containsInteger(scratch[0]);
        }
        return table.contains(bytes, offset, length);
    }

    /**
     * @param value  the candidate.
     * @param digits at least {@link MemberBytes#MAX_DIGITS} bytes of scratch.
     * @return true when it is a member.
     */
    public boolean containsLong(final long value, final byte[] digits)
    {
        if (table == null)
        {
            return containsInteger(value);
        }
        return table.contains(digits, 0, MemberBytes.format(value, digits));
    }

    private boolean containsInteger(final long value)
    {
        return ints != null ? IntSet.contains(ints, value) : longs.contains(value);
    }

    // ---------------------------------------------------------------- random members

    /**
     * A uniformly random member's position. Valid until the next change.
     *
     * @param random the calling thread's source.
     * @return the position; the set must not be empty.
     */
    public int randomPosition(final ThreadLocalRandom random)
    {
        if (ints != null)
        {
            return random.nextInt(IntSet.size(ints));
        }
        return longs != null ? longs.randomPosition(random) : table.randomSlot(random);
    }

    /**
     * @param position an occupied position ({@link #hasLongMembers()} only).
     * @return the integer member there.
     */
    public long longAt(final int position)
    {
        return ints != null ? IntSet.get(ints, position) : longs.valueAt(position);
    }

    /**
     * @param position an occupied position (not {@link #hasLongMembers()}).
     * @return the array holding the member there; not to be modified or kept.
     */
    public byte[] memberArray(final int position)
    {
        return table.array(position);
    }

    /**
     * @param position an occupied position (not {@link #hasLongMembers()}).
     * @return the offset of the member there in {@link #memberArray}.
     */
    public int memberOffset(final int position)
    {
        return table.offset(position);
    }

    /**
     * @param position an occupied position (not {@link #hasLongMembers()}).
     * @return the length of the member there.
     */
    public int memberLength(final int position)
    {
        return table.length(position);
    }

    /**
     * Remove the member at a position from {@link #randomPosition}.
     *
     * @param position the position.
     */
    public void removeAt(final int position)
    {
        if (ints != null)
        {
            ints = IntSet.removeAt(ints, position);
        }
        else if (longs != null)
        {
            longs.removeAt(position);
        }
        else
        {
            table.removeSlot(position);
        }
    }
    // ---------------------------------------------------------------- element source

    @Override
    public long elementCount()
    {
        return size();
    }

    /**
     * Visit a run of members in position order (SMEMBERS's order); integers are written as their
     * decimal text.
     *
     * @param from    the ordinal of the first member visited.
     * @param count   how many.
     * @param reverse true to go towards ordinal 0.
     * @param sink    receives each member.
     */
    @Override
    public void visitElements(final long from, final long count, final boolean reverse, final ElementSink sink)
    {
        final int limit = positionLimit();
        final boolean longMembers = hasLongMembers();
        final byte[] digits = longMembers ? new byte[MemberBytes.MAX_DIGITS] : null;
        final long first = reverse ? from - count + 1 : from;
        final long last = reverse ? from : from + count - 1;
        long ordinal = 0;
        if (reverse)
        {
            ordinal = size() - 1;
            for (int position = limit - 1; position >= 0 && ordinal >= first; position--)
            {
                if (occupied(position))
                {
                    if (ordinal <= last)
                    {
                        emit(position, longMembers, digits, sink);
                    }
                    ordinal--;
                }
            }
            return;
        }
        for (int position = 0; position < limit && ordinal <= last; position++)
        {
            if (occupied(position))
            {
                if (ordinal >= first)
                {
                    emit(position, longMembers, digits, sink);
                }
                ordinal++;
            }
        }
    }

    private void emit(final int position, final boolean longMembers, final byte[] digits, final ElementSink sink)
    {
        if (longMembers)
        {
            sink.element(digits, 0, MemberBytes.format(longAt(position), digits));
        }
        else
        {
            sink.element(table.array(position), table.offset(position), table.length(position));
        }
    }
}
