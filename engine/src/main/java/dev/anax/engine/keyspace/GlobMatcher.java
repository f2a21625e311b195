package dev.anax.engine.keyspace;

import org.agrona.DirectBuffer;

/**
 * Glob-style matching of byte strings as KEYS, SCAN MATCH and friends do in Redis 7:
 * <ul>
 *   <li>{@code *} any run of bytes, {@code ?} exactly one byte;</li>
 *   <li>{@code [abc]} one byte of a set, {@code [^abc]} one byte not in it, {@code [a-z]} a range
 *       (ends in either order, compared as signed bytes), {@code \x} inside a set a literal;</li>
 *   <li>{@code \x} outside a set the literal x; a trailing lone backslash is itself.</li>
 * </ul>
 * The quirks of Redis's matcher are kept: an empty subject matches only an empty pattern (so
 * {@code **} does not match the empty key; callers treat a lone {@code *} as "everything"), a set
 * left open at the end of the pattern ends there, a {@code ]} right after {@code [} (or {@code [^})
 * closes an empty set, and {@code x-]} inside a set is a range ending at {@code ]}.
 * <p>
 * Iterative with one backtrack point, so any pattern costs at most O(pattern x subject); no
 * recursion and no allocation.
 */
public final class GlobMatcher
{
    private GlobMatcher()
    {
    }

    /**
     * Whether a whole array matches a whole pattern.
     *
     * @param pattern the glob.
     * @param subject the bytes to test.
     * @return true on a match.
     */
    public static boolean matches(final byte[] pattern, final byte[] subject)
    {
        return matches(pattern, 0, pattern.length, subject, 0, subject.length);
    }

    /**
     * Whether a range of an array matches a range of a pattern.
     *
     * @param pattern       the glob.
     * @param patternOffset of the glob.
     * @param patternLength of the glob.
     * @param subject       the bytes to test.
     * @param subjectOffset of the bytes.
     * @param subjectLength of the bytes.
     * @return true on a match.
     */
    public static boolean matches(
        final byte[] pattern,
        final int patternOffset,
        final int patternLength,
        final byte[] subject,
        final int subjectOffset,
        final int subjectLength)
    {
        if (subjectLength == 0)
        {
            return patternLength == 0;
        }
        if (starGroupsBeforeEnd(pattern, patternOffset, patternLength) > MAX_NESTING)
        {
            return false;
        }
        return match(pattern, patternOffset, patternLength, subject, subjectOffset, subjectLength);
    }

    /**
     * Redis's matcher recurses once per run of '*' that is not at the end of the pattern and gives
     * up (no match) past this depth; a match must pass every such run, so a pattern with more runs
     * never matches.
     */
    static final int MAX_NESTING = 1000;

    private static int starGroupsBeforeEnd(final byte[] pat, final int off, final int len)
    {
        int groups = 0;
        int i = 0;
        while (i < len)
        {
            final byte c = pat[off + i];
            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '[')
            {
                i++;
                if (i < len && pat[off + i] == '^')
                {
                    i++;
                }
                while (i < len && pat[off + i] != ']')
                {
                    i += pat[off + i] == '\\' ? 2 : 1;
                }
                i++;
            }
            else if (c == '*')
            {
                while (i < len && pat[off + i] == '*')
                {
                    i++;
                }
                if (i < len)
                {
                    groups++;
                }
            }
            else
            {
                i++;
            }
        }
        return groups;
    }

    /**
     * Whether a pattern is the lone {@code *} that KEYS and SCAN treat as "every key" (which also
     * matches the empty key, unlike any other pattern).
     *
     * @param pattern buffer holding the glob.
     * @param offset  of the glob.
     * @param length  of the glob.
     * @return true for exactly "*".
     */
    public static boolean isMatchAll(final DirectBuffer pattern, final int offset, final int length)
    {
        return length == 1 && pattern.getByte(offset) == '*';
    }

    /**
     * Whether a pattern is the lone {@code *}.
     *
     * @param pattern the glob.
     * @return true for exactly "*".
     */
    public static boolean isMatchAll(final byte[] pattern)
    {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static boolean match(
        final byte[] pat, final int poff, final int plen, final byte[] s, final int soff, final int slen)
    {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (true)
        {
            if (i == slen)
            {
                while (p < plen && pat[poff + p] == '*')
                {
                    p++;
                }
                return p == plen;
            }
            if (p < plen && pat[poff + p] == '*')
            {
                while (p + 1 < plen && pat[poff + p + 1] == '*')
                {
                    p++;
                }
                if (p == plen - 1)
                {
                    return true;
                }
                starP = p;
                starI = i;
                p++;
                continue;
            }
            final int next = p < plen ? element(pat, poff, plen, p, s[soff + i]) : -1;
            if (next >= 0)
            {
                p = next;
                i++;
                continue;
            }
            if (starP < 0)
            {
                return false;
            }
            starI++;
            if (starI == slen)
            {
                return false;
            }
            i = starI;
            p = starP + 1;
        }
    }

    /**
     * Match one non-star element of the pattern at {@code p} against byte {@code c}.
     *
     * @return the index after the element, or -1 if it does not match.
     */
    private static int element(final byte[] pat, final int poff, final int plen, final int p, final byte c)
    {
        final byte b = pat[poff + p];
        switch (b)
        {
            case '?':
                return p + 1;
            case '[':
            {
                int j = p + 1;
                final boolean negate = j < plen && pat[poff + j] == '^';
                if (negate)
                {
                    j++;
                }
                boolean match = false;
                while (true)
                {
                    if (j >= plen)
                    {
                        // An open set ends with the pattern.
                        j = plen - 1;
                        break;
                    }
                    final byte m = pat[poff + j];
                    if (m == '\\' && plen - j >= 2)
                    {
                        j++;
                        if (pat[poff + j] == c)
                        {
                            match = true;
                        }
                    }
                    else if (m == ']')
                    {
                        break;
                    }
                    else if (plen - j >= 3 && pat[poff + j + 1] == '-')
                    {
                        int start = m;
                        int end = pat[poff + j + 2];
                        if (start > end)
                        {
                            final int t = start;
                            start = end;
                            end = t;
                        }
                        if (c >= start && c <= end)
                        {
                            match = true;
                        }
                        j += 2;
                    }
                    else if (m == c)
                    {
                        match = true;
                    }
                    j++;
                }
                return match != negate ? j + 1 : -1;
            }
            case '\\':
                if (plen - p >= 2)
                {
                    return pat[poff + p + 1] == c ? p + 2 : -1;
                }
                return b == c ? p + 1 : -1;
            default:
                return b == c ? p + 1 : -1;
        }
    }
}
