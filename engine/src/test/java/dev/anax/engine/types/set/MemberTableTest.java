package dev.anax.engine.types.set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MemberTableTest
{
    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Set<String> contents(final MemberTable table)
    {
        final Set<String> contents = new HashSet<>();
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            final byte[] member = table.slot(slot);
            if (member != null)
            {
                assertThat(contents.add(new String(member, StandardCharsets.ISO_8859_1))).isTrue();
            }
        }
        return contents;
    }

    /** A member in a direct buffer at an odd offset, as a request's argument may be. */
    private static UnsafeBuffer direct(final String text)
    {
        final byte[] raw = bytes(text);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(raw.length + 3));
        buffer.putBytes(3, raw);
        return buffer;
    }

    @Test
    void shouldStartAtFourSlotsAndGrowAboveThreeQuarters()
    {
        final MemberTable table = new MemberTable(1);
        assertThat(table.capacity()).isEqualTo(MemberTable.MIN_CAPACITY);
        assertThat(table.add(bytes("a"))).isTrue();
        assertThat(table.add(bytes("b"))).isTrue();
        assertThat(table.add(bytes("c"))).isTrue();
        assertThat(table.capacity()).isEqualTo(4);
        assertThat(table.add(bytes("d"))).isTrue();
        assertThat(table.capacity()).isEqualTo(8);
        assertThat(table.add(bytes("d"))).isFalse();
        assertThat(table.size()).isEqualTo(4);
        assertThat(new MemberTable(1000).capacity()).isEqualTo(2048);
        assertThat(new MemberTable(768).capacity()).isEqualTo(1024);
    }

    @Test
    void shouldShrinkBelowOneTenth()
    {
        final MemberTable table = new MemberTable(0);
        for (int i = 0; i < 1000; i++)
        {
            table.add(bytes("m" + i));
        }
        assertThat(table.capacity()).isEqualTo(2048);
        for (int i = 0; i < 995; i++)
        {
            assertThat(table.remove(bytes("m" + i))).isTrue();
        }
        assertThat(table.size()).isEqualTo(5);
        assertThat(table.capacity()).isLessThanOrEqualTo(16);
        assertThat(contents(table)).containsExactlyInAnyOrder("m995", "m996", "m997", "m998", "m999");
    }

    @Test
    void shouldFindMembersGivenInBuffersAndArrayRanges()
    {
        final MemberTable table = new MemberTable(0);
        final String longer = "a member longer than eight bytes";
        assertThat(table.add(direct(longer), 3, longer.length())).isTrue();
        assertThat(table.add(bytes(longer))).isFalse();
        assertThat(table.contains(direct(longer), 3, longer.length())).isTrue();
        assertThat(table.contains(bytes("xx" + longer), 2, longer.length())).isTrue();
        assertThat(table.contains(direct(longer), 3, longer.length() - 1)).isFalse();
        assertThat(table.add(bytes(""))).isTrue();
        assertThat(table.contains(direct(""), 3, 0)).isTrue();
        assertThat(table.remove(direct(longer), 3, longer.length())).isTrue();
        assertThat(table.remove(bytes("zz"), 0, 2)).isFalse();
        assertThat(contents(table)).containsExactly("");
    }

    @Test
    void shouldKeepMemberArraysByReferenceAndShareThemWithCopies()
    {
        final MemberTable table = new MemberTable(0);
        final byte[] member = bytes("m");
        table.add(member);
        final MemberTable copy = table.copy();
        copy.add(bytes("other"));
        assertThat(contents(table)).containsExactly("m");
        assertThat(contents(copy)).containsExactlyInAnyOrder("m", "other");
        boolean same = false;
        for (int slot = 0; slot < copy.capacity(); slot++)
        {
            same |= copy.slot(slot) == member;
        }
        assertThat(same).isTrue();
    }

    @Test
    void shouldBehaveAsAHashSetOfStrings()
    {
        final long seed = System.nanoTime();
        System.out.println("MemberTableTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<String> model = new HashSet<>();
        final MemberTable table = new MemberTable(0);
        for (int op = 0; op < 50_000; op++)
        {
            // Grow to a few thousand, then mostly shrink, to pass through both resizes.
            final int range = op < 25_000 ? 4000 : 300;
            final String member = "k" + random.nextInt(range) + (random.nextBoolean() ? "" : "-suffix-of-some-length");
            switch (random.nextInt(op < 25_000 ? 3 : 2))
            {
                case 0:
                    assertThat(table.remove(bytes(member))).as("seed %d", seed).isEqualTo(model.remove(member));
                    break;
                case 1:
                    assertThat(table.contains(bytes("--" + member), 2, member.length())).isEqualTo(model.contains(member));
                    if (!model.isEmpty())
                    {
                        final int slot = table.randomSlot(ThreadLocalRandom.current());
                        final String removed = new String(table.removeSlot(slot), StandardCharsets.ISO_8859_1);
                        assertThat(model.remove(removed)).as("seed %d", seed).isTrue();
                    }
                    break;
                default:
                    assertThat(table.add(bytes(member))).as("seed %d", seed).isEqualTo(model.add(member));
                    break;
            }
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.size() * 4L).isLessThanOrEqualTo(table.capacity() * 3L);
        }
        assertThat(contents(table)).as("seed %d", seed).isEqualTo(model);
    }

    @Test
    void shouldReturnEveryMemberPresentThroughoutAScanDespiteResizes()
    {
        final long seed = System.nanoTime();
        System.out.println("MemberTableTest scan seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 8; round++)
        {
            final MemberTable table = new MemberTable(0);
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 500; i++)
            {
                table.add(bytes("stable" + i));
                stable.add("stable" + i);
            }
            final Set<String> seen = new HashSet<>();
            final List<String> churn = new ArrayList<>();
            long cursor = 0;
            int steps = 0;
            do
            {
                cursor = table.scan(cursor, member -> seen.add(new String(member, StandardCharsets.ISO_8859_1)));
                // Churn in between: grow a lot or shrink a lot, so the table resizes mid-scan.
                if (random.nextInt(25) == 0)
                {
                    if (random.nextBoolean())
                    {
                        for (int i = 0; i < 600; i++)
                        {
                            final String member = "churn" + random.nextInt(100_000);
                            table.add(bytes(member));
                            churn.add(member);
                        }
                    }
                    else
                    {
                        for (final String member : churn)
                        {
                            table.remove(bytes(member));
                        }
                        churn.clear();
                    }
                }
                steps++;
            }
            while (cursor != 0 && steps < 1_000_000);
            assertThat(cursor).isZero();
            assertThat(seen).as("seed %d", seed).containsAll(stable);
        }
    }

    @Test
    void shouldScanAnUnchangedTableExactlyOnce()
    {
        final MemberTable table = new MemberTable(0);
        for (int i = 0; i < 3000; i++)
        {
            table.add(bytes("m" + i));
        }
        final List<String> seen = new ArrayList<>();
        long cursor = 0;
        do
        {
            cursor = table.scan(cursor, member -> seen.add(new String(member, StandardCharsets.ISO_8859_1)));
        }
        while (cursor != 0);
        assertThat(seen).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void shouldPickRandomMembersUniformly()
    {
        final MemberTable table = new MemberTable(0);
        for (int i = 0; i < 20; i++)
        {
            table.add(bytes("m" + i));
        }
        final Map<String, Integer> counts = new HashMap<>();
        final int draws = 100_000;
        for (int i = 0; i < draws; i++)
        {
            counts.merge(new String(table.slot(table.randomSlot(ThreadLocalRandom.current())),
                StandardCharsets.ISO_8859_1), 1, Integer::sum);
        }
        double chiSquare = 0;
        final double expected = draws / 20.0;
        for (final int count : counts.values())
        {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 19 degrees of freedom: 60 is far beyond the 0.001% tail.
        assertThat(counts).hasSize(20);
        assertThat(chiSquare).isLessThan(60);
    }
}
