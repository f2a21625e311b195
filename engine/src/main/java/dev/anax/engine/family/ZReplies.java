package dev.anax.engine.family;

import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.types.zset.ZEntry;
import dev.anax.engine.types.zset.ZSetValue;
import dev.anax.engine.types.zset.ZVisitor;

/**
 * Replies made of sorted set elements, as Redis 7.0 writes them: members alone, or with their
 * scores, flat (member, score, member, score) in RESP2 and as [member, score] pairs in RESP3.
 */
public final class ZReplies implements ZVisitor
{
    private static final ThreadLocal<ZReplies> LOCAL = ThreadLocal.withInitial(ZReplies::new);

    private RespWriter out;
    private boolean withScores;
    private boolean pairs;

    private ZReplies()
    {
    }

    /**
     * This thread's element writer, set up for one reply.
     *
     * @param out        the reply.
     * @param withScores whether scores follow members.
     * @param pairs      whether each element is an array of two (RESP3 style); with scores only.
     * @return the writer.
     */
    static ZReplies writer(final RespWriter out, final boolean withScores, final boolean pairs)
    {
        final ZReplies w = LOCAL.get();
        w.out = out;
        w.withScores = withScores;
        w.pairs = pairs && withScores;
        return w;
    }

    /**
     * The array header for {@code count} elements in the RESP2/RESP3 range form: 2n items in
     * RESP2 with scores, n otherwise.
     *
     * @param out        the reply.
     * @param count      elements.
     * @param withScores whether scores follow members.
     */
    static void rangeHeader(final RespWriter out, final long count, final boolean withScores)
    {
        out.arrayHeader(withScores && !out.isResp3() ? count * 2 : count);
    }

    @Override
    public void element(final byte[] member, final int offset, final int length, final double score)
    {
        if (pairs)
        {
            out.arrayHeader(2);
        }
        out.bulk(member, offset, length);
        if (withScores)
        {
            ScoreFormat.write(out, score);
        }
    }

    /**
     * Write a run of ranks in the range form (ZRANGE and friends).
     *
     * @param out        the reply.
     * @param set        the set.
     * @param from       first rank.
     * @param count      elements.
     * @param reverse    going down from {@code from}.
     * @param withScores whether scores follow members.
     */
    static void range(
        final RespWriter out,
        final ZSetValue set,
        final int from,
        final int count,
        final boolean reverse,
        final boolean withScores)
    {
        rangeHeader(out, count, withScores);
        if (count > 0)
        {
            set.visit(from, count, reverse, writer(out, withScores, out.isResp3()));
        }
    }

    /**
     * Write entries in the range form (ZUNION and friends).
     *
     * @param out        the reply.
     * @param entries    {@link ZEntry} arrays.
     * @param withScores whether scores follow members.
     */
    public static void entries(final RespWriter out, final byte[][] entries, final boolean withScores)
    {
        rangeHeader(out, entries.length, withScores);
        final ZReplies w = writer(out, withScores, out.isResp3());
        for (final byte[] e : entries)
        {
            w.element(e, 0, ZEntry.memberLength(e), ZEntry.score(e));
        }
    }
}
