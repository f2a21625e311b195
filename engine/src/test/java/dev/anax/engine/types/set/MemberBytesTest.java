package dev.anax.engine.types.set;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MemberBytesTest
{
    private static boolean parses(final String text, final long expected)
    {
        final long[] result = new long[1];
        final byte[] raw = ("xx" + text).getBytes(StandardCharsets.ISO_8859_1);
        return MemberBytes.parseLong(raw, 2, raw.length - 2, result) && result[0] == expected;
    }

    private static boolean rejects(final String text)
    {
        return !MemberBytes.parseLong(text.getBytes(StandardCharsets.ISO_8859_1), new long[1]);
    }

    @Test
    void shouldParseCanonicalIntegersOnly()
    {
        assertThat(parses("0", 0)).isTrue();
        assertThat(parses("-1", -1)).isTrue();
        assertThat(parses("9223372036854775807", Long.MAX_VALUE)).isTrue();
        assertThat(parses("-9223372036854775808", Long.MIN_VALUE)).isTrue();
        assertThat(rejects("")).isTrue();
        assertThat(rejects("-")).isTrue();
        assertThat(rejects("-0")).isTrue();
        assertThat(rejects("01")).isTrue();
        assertThat(rejects("+1")).isTrue();
        assertThat(rejects(" 1")).isTrue();
        assertThat(rejects("1 ")).isTrue();
        assertThat(rejects("0x1")).isTrue();
        assertThat(rejects("9223372036854775808")).isTrue();
        assertThat(rejects("-9223372036854775809")).isTrue();
        assertThat(rejects("123456789012345678901")).isTrue();
    }

    @Test
    void shouldFormatIntegersAsDecimalText()
    {
        for (final long value : new long[] {0, 7, -7, 10, -10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE})
        {
            assertThat(new String(MemberBytes.toBytes(value), StandardCharsets.ISO_8859_1)).isEqualTo(Long.toString(value));
        }
        final byte[] target = new byte[MemberBytes.MAX_DIGITS];
        assertThat(MemberBytes.format(-45, target)).isEqualTo(3);
        assertThat(new String(target, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("-45");
    }
}
