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
            if (table.occupied(slot))
            {
                final String member = new String(table.array(slot), table.offset(slot), table.length(slot),
                    StandardCharsets.ISO_8859_1);
                assertThat(contents.add(member)).isTrue();
                assertThat(table.copyOf(slot)).isEqualTo(bytes(member));
            }
        }
        assertThat(contents).hasSize(table.size());
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
    void shouldCopyIndependently()
    {
        final MemberTable table = new MemberTable(0);
        table.add(bytes("m"));
        table.add(new byte[MemberTable.BIG]);
        final MemberTable copy = table.copy();
        copy.add(bytes("other"));
        copy.remove(bytes("m"));
        assertThat(contents(table)).containsExactlyInAnyOrder("m", new String(new byte[MemberTable.BIG],
            StandardCharsets.ISO_8859_1));
        assertThat(contents(copy)).hasSize(2).contains("other");
    }

    @Test
    void shouldKeepMembersOfEveryLength()
    {
        final MemberTable table = new MemberTable(0);
        final Set<String> model = new HashSet<>();
        for (final int length : new int[] {0, 1, 127, 128, 129, 1000, MemberTable.BIG - 1, MemberTable.BIG,
            MemberTable.BIG + 1, 70_000, 200_000})
        {
            final String member = "x".repeat(length);
            assertThat(table.add(bytes(member))).isTrue();
            assertThat(table.add(direct(member), 3, length)).isFalse();
            assertThat(table.contains(direct(member), 3, length)).isTrue();
            model.add(member);
        }
        assertThat(contents(table)).isEqualTo(model);
        for (final int length : new int[] {128, MemberTable.BIG, 70_000, 0})
        {
            assertThat(table.remove(bytes("x".repeat(length)))).isTrue();
            model.remove("x".repeat(length));
        }
        assertThat(table.add(bytes("y".repeat(MemberTable.BIG + 5)))).isTrue();
        model.add("y".repeat(MemberTable.BIG + 5));
        assertThat(contents(table)).isEqualTo(model);
    }

    @Test
    void shouldRepackWhenMostBytesAreGarbage()
    {
        final MemberTable table = new MemberTable(0);
        for (int i = 0; i < 20_000; i++)
        {
            table.add(bytes("member:" + i));
        }
        for (int i = 0; i < 19_990; i++)
        {
            assertThat(table.remove(bytes("member:" + i))).isTrue();
        }
        final Set<String> expected = new HashSet<>();
        for (int i = 19_990; i < 20_000; i++)
        {
            expected.add("member:" + i);
            assertThat(table.contains(bytes("member:" + i))).isTrue();
        }
        assertThat(contents(table)).isEqualTo(expected);
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
            final int key = random.nextInt(range);
            final String member = "k" + key + (key % 3 == 0 ? "" : key % 3 == 1 ? "-suffix-of-some-length" :
                "-long".repeat(key % 97 == 0 ? 2000 : 30));
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
                        final String removed = new String(table.copyOf(slot), StandardCharsets.ISO_8859_1);
                        table.removeSlot(slot);
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
                cursor = table.scan(cursor, (array, offset, length) ->
                    seen.add(new String(array, offset, length, StandardCharsets.ISO_8859_1)));
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
            cursor = table.scan(cursor, (array, offset, length) ->
                    seen.add(new String(array, offset, length, StandardCharsets.ISO_8859_1)));
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
            counts.merge(new String(table.copyOf(table.randomSlot(ThreadLocalRandom.current())),
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
