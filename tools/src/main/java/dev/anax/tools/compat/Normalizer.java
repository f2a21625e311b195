package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether two replies to the same request are the same. Replies are compared exactly,
 * except where Redis does not define the outcome:
 * <ul>
 *   <li>arrays of commands whose order Redis leaves open (tip {@code nondeterministic_output_order}
 *       in the command table: KEYS, SMEMBERS, HKEYS...) are compared sorted; HGETALL-like
 *       flat maps sorted by pair; RESP3 maps and sets of those commands likewise;</li>
 *   <li>TTL and EXPIRETIME (seconds) may differ by {@value #SECONDS_TOLERANCE}, PTTL and
 *       PEXPIRETIME (milliseconds) by {@value #MILLIS_TOLERANCE}, when both are non-negative:
 *       the two servers see the request at slightly different times;</li>
 *   <li>DBSIZE of the server under test may be lower than the reference's: redis-server counts
 *       keys that are logically expired until its active expiry cycle (every 100 ms) or an
 *       access removes them, so its count depends on timing; Anax may never count more.</li>
 * </ul>
 * A SCAN iteration is compared as the set of keys it returns (see {@link Runner}).
 */
public final class Normalizer
{
    /** Tolerance of TTL and EXPIRETIME replies, seconds. */
    public static final long SECONDS_TOLERANCE = 2;
    /** Tolerance of PTTL and PEXPIRETIME replies, milliseconds. */
    public static final long MILLIS_TOLERANCE = 2000;

    /** How the replies of one command are compared. */
    public enum Kind
    {
        /** Byte for byte. */
        EXACT,
        /** An aggregate's elements in any order. */
        UNORDERED,
        /** A flat array of field/value pairs in any pair order. */
        UNORDERED_PAIRS,
        /** An integer number of seconds, within a tolerance. */
        SECONDS,
        /** An integer number of milliseconds, within a tolerance. */
        MILLIS,
        /** An integer that the server under test may report lower, never higher. */
        AT_MOST
    }

    private static final Set<String> PAIR_REPLIES = Set.of("hgetall", "config|get", "hrandfield");
    private static final Map<String, Kind> FIXED = Map.of(
        "ttl", Kind.SECONDS,
        "expiretime", Kind.SECONDS,
        "pttl", Kind.MILLIS,
        "pexpiretime", Kind.MILLIS,
        "scan", Kind.UNORDERED,
        "dbsize", Kind.AT_MOST);

    private static final Comparator<Reply> BY_RENDERING = Comparator.comparing(Reply::toString);

    private final Map<String, Kind> kinds = new HashMap<>();

    /**
     * @param table the command table whose tips decide which replies are unordered.
     */
    public Normalizer(final CommandTable table)
    {
        for (final CommandSpec spec : table.all())
        {
            if (spec.tips().contains("nondeterministic_output_order"))
            {
                kinds.put(spec.fullName(), PAIR_REPLIES.contains(spec.fullName()) ? Kind.UNORDERED_PAIRS : Kind.UNORDERED);
            }
        }
        kinds.putAll(FIXED);
    }

    /**
     * A normalizer with explicit kinds, for tests.
     *
     * @param kinds command name to kind; the others are exact.
     */
    Normalizer(final Map<String, Kind> kinds)
    {
        this.kinds.putAll(kinds);
    }

    /**
     * @param spec lower-case full command name.
     * @return how its replies are compared.
     */
    public Kind kind(final String spec)
    {
        return kinds.getOrDefault(spec, Kind.EXACT);
    }

    /**
     * The reply in a canonical form for its command: unordered aggregates sorted. Errors,
     * scalars and the replies of exact commands are returned as they are.
     *
     * @param spec  lower-case full command name.
     * @param reply the reply.
     * @return the canonical reply.
     */
    public Reply normalize(final String spec, final Reply reply)
    {
        final Kind kind = kind(spec);
        if (!reply.isAggregate() || reply.elements() == null)
        {
            return reply;
        }
        if (kind == Kind.UNORDERED_PAIRS || (kind == Kind.UNORDERED && reply.type() == '%'))
        {
            return Reply.aggregate(reply.type(), sortPairs(reply.elements()));
        }
        if (kind == Kind.UNORDERED)
        {
            final List<Reply> sorted = new ArrayList<>(reply.elements());
            sorted.sort(BY_RENDERING);
            return Reply.aggregate(reply.type(), sorted);
        }
        return reply;
    }

    private static List<Reply> sortPairs(final List<Reply> flat)
    {
        if (flat.size() % 2 != 0)
        {
            final List<Reply> sorted = new ArrayList<>(flat);
            sorted.sort(BY_RENDERING);
            return sorted;
        }
        final List<List<Reply>> pairs = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2)
        {
            pairs.add(List.of(flat.get(i), flat.get(i + 1)));
        }
        pairs.sort(Comparator.comparing((List<Reply> p) -> p.get(0).toString()).thenComparing(p -> p.get(1).toString()));
        final List<Reply> out = new ArrayList<>(flat.size());
        for (final List<Reply> p : pairs)
        {
            out.addAll(p);
        }
        return out;
    }

    /**
     * Whether two replies to the same request agree.
     *
     * @param spec  lower-case full command name.
     * @param left  the reference server's reply (redis-server).
     * @param right the reply of the server under test (Anax).
     * @return true when they agree.
     */
    public boolean equivalent(final String spec, final Reply left, final Reply right)
    {
        if (left.isFailure() || right.isFailure())
        {
            return false;
        }
        final Kind kind = kind(spec);
        if (kind == Kind.AT_MOST && left.type() == ':' && right.type() == ':')
        {
            final long reference = left.asLong();
            final long tested = right.asLong();
            return tested == reference || (tested >= 0 && tested < reference);
        }
        if ((kind == Kind.SECONDS || kind == Kind.MILLIS) && left.type() == ':' && right.type() == ':')
        {
            final long a = left.asLong();
            final long b = right.asLong();
            if (a >= 0 && b >= 0)
            {
                return Math.abs(a - b) <= (kind == Kind.SECONDS ? SECONDS_TOLERANCE : MILLIS_TOLERANCE);
            }
            return a == b;
        }
        return normalize(spec, left).equals(normalize(spec, right));
    }

    /**
     * Whether two EXEC replies agree, each element compared as its own command's reply.
     *
     * @param queued the full names of the commands queued, in order.
     * @param left   the reference server's reply.
     * @param right  the reply of the server under test.
     * @return true when they agree.
     */
    public boolean equivalentExec(final List<String> queued, final Reply left, final Reply right)
    {
        if (left.isAggregate() && right.isAggregate() && left.elements() != null && right.elements() != null &&
            left.elements().size() == queued.size() && right.elements().size() == queued.size())
        {
            for (int i = 0; i < queued.size(); i++)
            {
                if (queued.get(i).equals("scan") && left.elements().get(i).isAggregate() &&
                    right.elements().get(i).isAggregate())
                {
                    // Cursors are each server's own; a whole scan is compared outside EXEC.
                    continue;
                }
                if (!equivalent(queued.get(i), left.elements().get(i), right.elements().get(i)))
                {
                    return false;
                }
            }
            return left.type() == right.type();
        }
        return equivalent("exec", left, right);
    }
}
