package dev.anax.engine.family;

/**
 * Glob-style matching as Redis applies it to names: {@code *} any run, {@code ?} one character,
 * {@code [abc]}, {@code [^abc]}, {@code [a-z]} classes and {@code \x} escapes.
 */
final class Glob
{
    private Glob()
    {
    }

    /**
     * @param pattern    the glob.
     * @param text       the candidate.
     * @param ignoreCase whether ASCII case is ignored.
     * @return true if the whole text matches.
     */
    static boolean matches(final String pattern, final String text, final boolean ignoreCase)
    {
        return match(pattern, 0, text, 0, ignoreCase, 0);
    }

    private static boolean match(
        final String p, final int pStart, final String s, final int sStart, final boolean nocase, final int depth)
    {
        if (depth > 1000)
        {
            return false;
        }
        int pi = pStart;
        int si = sStart;
        while (pi < p.length())
        {
            final char pc = p.charAt(pi);
            switch (pc)
            {
                case '*':
                {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*')
                    {
                        pi++;
                    }
                    if (pi + 1 == p.length())
                    {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++)
                    {
                        if (match(p, pi + 1, s, k, nocase, depth + 1))
                        {
                            return true;
                        }
                    }
                    return false;
                }
                case '?':
                    if (si >= s.length())
                    {
                        return false;
                    }
                    si++;
                    pi++;
                    break;
                case '[':
                {
                    if (si >= s.length())
                    {
                        return false;
                    }
                    pi++;
                    final boolean not = pi < p.length() && p.charAt(pi) == '^';
                    if (not)
                    {
                        pi++;
                    }
                    boolean found = false;
                    final char c = fold(s.charAt(si), nocase);
                    while (pi < p.length() && p.charAt(pi) != ']')
                    {
                        if (p.charAt(pi) == '\\' && pi + 1 < p.length())
                        {
                            pi++;
                            found |= fold(p.charAt(pi), nocase) == c;
                            pi++;
                        }
                        else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-' && p.charAt(pi + 2) != ']')
                        {
                            char lo = fold(p.charAt(pi), nocase);
                            char hi = fold(p.charAt(pi + 2), nocase);
                            if (lo > hi)
                            {
                                final char t = lo;
                                lo = hi;
                                hi = t;
                            }
                            found |= c >= lo && c <= hi;
                            pi += 3;
                        }
                        else
                        {
                            found |= fold(p.charAt(pi), nocase) == c;
                            pi++;
                        }
                    }
                    if (pi < p.length())
                    {
                        pi++;
                    }
                    if (found == not)
                    {
                        return false;
                    }
                    si++;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length())
                    {
                        pi++;
                    }
                    // fall through: the escaped character is literal
                default:
                    if (si >= s.length() || fold(p.charAt(pi), nocase) != fold(s.charAt(si), nocase))
                    {
                        return false;
                    }
                    si++;
                    pi++;
                    break;
            }
        }
        return si == s.length();
    }

    private static char fold(final char c, final boolean nocase)
    {
        return nocase && c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
    }
}
