package dev.anax.engine.types.list;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry codec: sizes of each encoding, round trips forwards and backwards, and which strings
 * count as integers.
 */
class ListPackTest
{
    private static UnsafeBuffer text(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int size(final String s)
    {
        final UnsafeBuffer b = text(s);
        return ListPack.entrySize(b, 0, b.capacity());
    }

    @Test
    void shouldTakeEighteenBytesForASixteenByteString()
    {
        assertThat(size("abcdefghijklmnop")).isEqualTo(18);
    }

    @Test
    void shouldPackSmallIntegersIntoOneOrTwoBytes()
    {
        assertThat(size("0")).isEqualTo(2);
        assertThat(size("15")).isEqualTo(2);
        assertThat(size("16")).isEqualTo(3);
        assertThat(size("-4096")).isEqualTo(3);
        assertThat(size("4095")).isEqualTo(3);
        assertThat(size("4096")).isEqualTo(4);
        assertThat(size("-32768")).isEqualTo(4);
        assertThat(size("8388607")).isEqualTo(5);
        assertThat(size("2147483647")).isEqualTo(6);
        assertThat(size("9223372036854775807")).isEqualTo(10);
        assertThat(size("-9223372036854775808")).isEqualTo(10);
    }

    @Test
    void shouldKeepNonCanonicalIntegersAsStrings()
    {
        for (final String s : new String[] {"-0", "007", "+1", " 1", "1 ", "", "-", "9223372036854775808",
            "-9223372036854775809", "1.0", "0x10"})
        {
            final UnsafeBuffer b = text(s);
            assertThat(ListPack.isCanonicalInt(b, 0, b.capacity())).as(s).isFalse();
            assertThat(ListPack.entrySize(b, 0, b.capacity())).as(s).isEqualTo(ListPack.stringEntrySize(s.length()));
        }
    }

    @Test
    void shouldUseLongerHeadersAndBacklensForLongStrings()
    {
        assertThat(ListPack.stringEntrySize(127)).isEqualTo(1 + 127 + 2);
        assertThat(ListPack.stringEntrySize(128)).isEqualTo(2 + 128 + 2);
        assertThat(ListPack.stringEntrySize(16383)).isEqualTo(2 + 16383 + 3);
        assertThat(ListPack.stringEntrySize(16384)).isEqualTo(5 + 16384 + 3);
        assertThat(ListPack.stringEntrySize(1 << 21)).isEqualTo(5 + (1 << 21) + 4);
    }

    @Test
    void shouldRoundTripRandomEntriesInBothDirections()
    {
        final long seed = System.nanoTime();
        System.out.println("ListPackTest seed " + seed);
        final Random random = new Random(seed);
        final String[] values = new String[2000];
        int total = 0;
        for (int i = 0; i < values.length; i++)
        {
            values[i] = randomValue(random);
            total += size(values[i]);
        }
        final byte[] data = new byte[total];
        int pos = 0;
        final int[] starts = new int[values.length];
        for (int i = 0; i < values.length; i++)
        {
            starts[i] = pos;
            final UnsafeBuffer b = text(values[i]);
            pos = ListPack.write(data, pos, b, 0, b.capacity());
        }
        assertThat(pos).as("seed " + seed).isEqualTo(total);
        final ListCursor cursor = new ListCursor();
        int p = 0;
        for (int i = 0; i < values.length; i++)
        {
            final int length = ListPack.entryLength(data, p);
            cursor.view(data, p, length);
            assertThat(new String(cursor.toBytes(), StandardCharsets.ISO_8859_1)).as("seed " + seed).isEqualTo(values[i]);
            p += length;
        }
        int end = total;
        for (int i = values.length - 1; i >= 0; i--)
        {
            end = ListPack.entryStartBefore(data, end);
            assertThat(end).as("seed " + seed).isEqualTo(starts[i]);
        }
    }

    static String randomValue(final Random random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return Long.toString(random.nextInt(20) - 2);
            case 1:
                return Long.toString(random.nextLong());
            case 2:
                return Long.toString(random.nextInt(1 << 25) - (1 << 24));
            case 3:
                return "x".repeat(random.nextInt(300));
            case 4:
                return random.nextInt(50) == 0 ? "y".repeat(16384 + random.nextInt(100)) : "z".repeat(random.nextInt(20));
            default:
                return "0" + random.nextInt(100);
        }
    }
}
