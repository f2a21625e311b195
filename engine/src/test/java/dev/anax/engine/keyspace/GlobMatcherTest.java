package dev.anax.engine.keyspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The glob semantics of Redis 7.0's KEYS: the cases below were checked against redis-server
 * 7.0.15 with one key per subject.
 */
class GlobMatcherTest
{
    private static final String[] SUBJECTS = {
        "", "a", "ab", "]", "-", "\\", "[", "b", "x]", "a-", "\u00ff", "^", "*", "?",
    };

    @Test
    void shouldMatchLikeRedisKeys()
    {
        assertMatches("**", "*", "-", "?", "[", "\\", "]", "^", "a", "a-", "ab", "b", "x]", "\u00ff");
        assertMatches("?", "*", "-", "?", "[", "\\", "]", "^", "a", "b", "\u00ff");
        assertMatches("*?", "*", "-", "?", "[", "\\", "]", "^", "a", "a-", "ab", "b", "x]", "\u00ff");
        assertMatches("[]a]");
        assertMatches("[^]", "*", "-", "?", "[", "\\", "]", "^", "a", "b", "\u00ff");
        assertMatches("[^]]", "x]");
        assertMatches("[a-]", "]", "^", "a");
        assertMatches("[a-]x", "]", "^", "a");
        assertMatches("[");
        assertMatches("[a", "a");
        assertMatches("\\", "\\");
        assertMatches("a\\");
        assertMatches("\\a", "a");
        assertMatches("[\\]]", "]");
        assertMatches("[\\\\]", "\\");
        assertMatches("[z-a]", "a", "b");
        assertMatches("[a-\u00ff]", "*", "-", "?", "[", "\\", "]", "^", "a", "\u00ff");
        assertMatches("*a*", "a", "a-", "ab");
        assertMatches("[^a]", "*", "-", "?", "[", "\\", "]", "^", "b", "\u00ff");
        assertMatches("a[");
        assertMatches("x[]]");
        assertMatches("x]", "x]");
        assertMatches("[x-", "-");
        assertMatches("[]");
        assertMatches("[^", "*", "-", "?", "[", "\\", "]", "^", "a", "b", "\u00ff");
        assertMatches("*[");
        assertMatches("?*", "*", "-", "?", "[", "\\", "]", "^", "a", "a-", "ab", "b", "x]", "\u00ff");
        assertMatches("a**", "a", "a-", "ab");
        assertMatches("*\\*", "*");
        assertMatches("[-]", "-");
        assertMatches("[--a]", "-", "?", "[", "\\", "]", "^", "a");
    }

    @Test
    void shouldMatchOnlyTheEmptyPatternAgainstTheEmptySubject()
    {
        assertThat(matches("", "")).isTrue();
        assertThat(matches("*", "")).isFalse();
        assertThat(matches("**", "")).isFalse();
        assertThat(matches("", "a")).isFalse();
        assertThat(GlobMatcher.isMatchAll(bytes("*"))).isTrue();
        assertThat(GlobMatcher.isMatchAll(bytes("**"))).isFalse();
    }

    @Test
    void shouldMatchCommonGlobs()
    {
        assertThat(matches("h?llo", "hello")).isTrue();
        assertThat(matches("h?llo", "hllo")).isFalse();
        assertThat(matches("h*llo", "hllo")).isTrue();
        assertThat(matches("h*llo", "heeeello")).isTrue();
        assertThat(matches("h[ae]llo", "hallo")).isTrue();
        assertThat(matches("h[ae]llo", "hillo")).isFalse();
        assertThat(matches("h[^e]llo", "hallo")).isTrue();
        assertThat(matches("h[^e]llo", "hello")).isFalse();
        assertThat(matches("h[a-b]llo", "hbllo")).isTrue();
        assertThat(matches("h[a-b]llo", "hcllo")).isFalse();
        assertThat(matches("user:*:name", "user:42:name")).isTrue();
        assertThat(matches("user:*:name", "user:42:names")).isFalse();
        assertThat(matches("*:*:*", "a:b:c")).isTrue();
        assertThat(matches("*:*:*", "a:b")).isFalse();
        assertThat(matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(matches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(matches("\\*", "*")).isTrue();
        assertThat(matches("\\*", "a")).isFalse();
        assertThat(matches("\\?", "?")).isTrue();
        assertThat(matches("[\\-]", "-")).isTrue();
    }

    @Test
    void shouldMatchRangesOfArraysAndBinaryBytes()
    {
        final byte[] pattern = {'x', 'a', '*', 0, 'x'};
        final byte[] subject = {'y', 'a', 1, 2, 0, 'y'};
        assertThat(GlobMatcher.matches(pattern, 1, 3, subject, 1, 4)).isTrue();
        assertThat(GlobMatcher.matches(pattern, 1, 3, subject, 1, 3)).isFalse();
        assertThat(GlobMatcher.matches(new byte[] {'[', (byte)0x80, '-', (byte)0xff, ']'}, new byte[] {(byte)0x90}))
            .isTrue();
        assertThat(GlobMatcher.matches(new byte[] {'[', (byte)0x80, '-', (byte)0xff, ']'}, new byte[] {'a'}))
            .isFalse();
    }

    @Test
    @Timeout(5)
    void shouldStayFastOnPathologicalPatterns()
    {
        final String subject = "a".repeat(5_000);
        assertThat(matches("a*".repeat(200) + "b", subject)).isFalse();
        // Past 1,000 nested stars Redis 7.0 gives up: no match (checked on redis-server 7.0.15).
        assertThat(matches("*a".repeat(2_000) + "*", subject)).isFalse();
        assertThat(matches("*a".repeat(1_000) + "*", subject)).isTrue();
        assertThat(matches("*".repeat(100_000) + "b", subject)).isFalse();
        assertThat(matches("[a".repeat(10_000), "a")).isTrue();
    }

    @Test
    void shouldAgreeWithARecursiveReferenceOnRandomInputs()
    {
        final Random random = new Random(7);
        final byte[] alphabet = {'a', 'b', '*', '?', '[', ']', '^', '-', '\\'};
        for (int round = 0; round < 200_000; round++)
        {
            final byte[] pattern = randomBytes(random, alphabet, random.nextInt(8));
            final byte[] subject = randomBytes(random, alphabet, random.nextInt(7));
            assertThat(GlobMatcher.matches(pattern, subject))
                .as("%s ~ %s", new String(pattern, StandardCharsets.ISO_8859_1),
                    new String(subject, StandardCharsets.ISO_8859_1))
                .isEqualTo(reference(pattern, 0, subject, 0));
        }
    }

    private static byte[] randomBytes(final Random random, final byte[] alphabet, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    /**
     * A direct recursive statement of the semantics: one element of the pattern at a time, a star
     * trying the rest of the pattern at every non-empty remainder of the subject.
     */
    private static boolean reference(final byte[] p, final int pi, final byte[] s, final int si)
    {
        if (s.length == 0)
        {
            return p.length == 0;
        }
        int i = pi;
        int j = si;
        while (i < p.length && j < s.length)
        {
            final byte c = p[i];
            if (c == '*')
            {
                while (i + 1 < p.length && p[i + 1] == '*')
                {
                    i++;
                }
                if (i == p.length - 1)
                {
                    return true;
                }
                for (int k = j; k < s.length; k++)
                {
                    if (reference(p, i + 1, s, k))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (c == '?')
            {
                i++;
            }
            else if (c == '[')
            {
                i++;
                final boolean not = i < p.length && p[i] == '^';
                if (not)
                {
                    i++;
                }
                boolean match = false;
                while (true)
                {
                    if (i < p.length && p[i] == '\\' && p.length - i >= 2)
                    {
                        i++;
                        match |= p[i] == s[j];
                    }
                    else if (i < p.length && p[i] == ']')
                    {
                        break;
                    }
                    else if (i >= p.length)
                    {
                        i--;
                        break;
                    }
                    else if (p.length - i >= 3 && p[i + 1] == '-')
                    {
                        final int lo = Math.min(p[i], p[i + 2]);
                        final int hi = Math.max(p[i], p[i + 2]);
                        match |= s[j] >= lo && s[j] <= hi;
                        i += 2;
                    }
                    else
                    {
                        match |= p[i] == s[j];
                    }
                    i++;
                }
                if (match == not)
                {
                    return false;
                }
                i++;
            }
            else
            {
                if (c == '\\' && p.length - i >= 2)
                {
                    i++;
                }
                if (p[i] != s[j])
                {
                    return false;
                }
                i++;
            }
            j++;
            if (j == s.length)
            {
                while (i < p.length && p[i] == '*')
                {
                    i++;
                }
                break;
            }
        }
        return i == p.length && j == s.length;
    }

    private static void assertMatches(final String pattern, final String... expected)
    {
        final List<String> matched = new ArrayList<>();
        for (final String subject : SUBJECTS)
        {
            if (matches(pattern, subject))
            {
                matched.add(subject);
            }
        }
        assertThat(matched).as(pattern).containsExactlyInAnyOrder(expected);
    }

    private static boolean matches(final String pattern, final String subject)
    {
        return GlobMatcher.matches(bytes(pattern), bytes(subject));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldGiveUpPastRedisNestingLimit()
    {
        final byte[] subject = "a".repeat(50_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(GlobMatcher.matches("*?".repeat(50_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            subject)).isFalse();
        assertThat(GlobMatcher.matches("*a".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "a".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
        assertThat(GlobMatcher.matches(("*a".repeat(1000) + "*").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "a".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
        assertThat(GlobMatcher.matches("*a".repeat(1001).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "a".repeat(1001).getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isFalse();
    }
}
