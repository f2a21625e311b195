package dev.anax.engine.types.set;

import dev.anax.engine.keyspace.Encoding;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SetValueTest
{
    private final long[] scratch = new long[1];

    private static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private SetValue create(final String first)
    {
        return SetValue.createFor(buffer(first), 0, first.length(), scratch);
    }

    private boolean add(final SetValue set, final String member, final long max)
    {
        return set.add(buffer(member), 0, member.length(), max, scratch);
    }

    static Set<String> contents(final SetValue set)
    {
        final Set<String> contents = new HashSet<>();
        for (int position = 0; position < set.positionLimit(); position++)
        {
            if (set.occupied(position))
            {
                final boolean added = contents.add(set.hasLongMembers() ? Long.toString(set.longAt(position)) :
                    new String(set.memberArray(position), set.memberOffset(position), set.memberLength(position),
                        StandardCharsets.ISO_8859_1));
                assertThat(added).isTrue();
            }
        }
        assertThat(contents).hasSize(set.size());
        return contents;
    }

    @Test
    void shouldStartAsAnIntsetForAnIntegerAndAsATableOtherwise()
    {
        assertThat(create("12").encoding()).isEqualTo(Encoding.INTSET);
        assertThat(create("-0").encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(create("a").encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(create("12345678901234567890").encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(create("1").size()).isZero();
    }

    @Test
    void shouldConvertToATableForGoodOnANonIntegerOrTooManyMembers()
    {
        final SetValue set = create("1");
        assertThat(add(set, "1", 3)).isTrue();
        assertThat(add(set, "2", 3)).isTrue();
        assertThat(add(set, "3", 3)).isTrue();
        assertThat(set.encoding()).isEqualTo(Encoding.INTSET);
        assertThat(add(set, "4", 3)).isTrue();
        assertThat(set.encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(set.remove(buffer("4"), 0, 1, scratch)).isTrue();
        assertThat(set.encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(contents(set)).containsExactlyInAnyOrder("1", "2", "3");

        final SetValue mixed = create("7");
        add(mixed, "7", 512);
        assertThat(add(mixed, "x", 512)).isTrue();
        assertThat(mixed.encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(mixed.containsLong(7, new byte[20])).isTrue();
        assertThat(mixed.contains(buffer("7"), 0, 1, scratch)).isTrue();
    }

    @Test
    void shouldKeepIntegersInATableOfIntegersPastTheLimitUntilAStringArrives()
    {
        final SetValue set = create("1");
        for (int i = 0; i < 10; i++)
        {
            add(set, Integer.toString(i), 4);
        }
        add(set, "-9223372036854775808", 4);
        assertThat(set.encoding()).isEqualTo(Encoding.HASHTABLE);
        assertThat(set.longTable()).isNotNull();
        assertThat(set.hasLongMembers()).isTrue();
        assertThat(set.containsLong(Long.MIN_VALUE, new byte[20])).isTrue();
        assertThat(set.contains(buffer("7"), 0, 1, scratch)).isTrue();
        assertThat(set.contains(buffer("07"), 0, 2, scratch)).isFalse();
        assertThat(set.remove(buffer("3"), 0, 1, scratch)).isTrue();
        assertThat(set.size()).isEqualTo(10);
        assertThat(add(set, "x", 4)).isTrue();
        assertThat(set.longTable()).isNull();
        assertThat(set.hasLongMembers()).isFalse();
        assertThat(contents(set)).containsExactlyInAnyOrder(
            "0", "1", "2", "4", "5", "6", "7", "8", "9", "-9223372036854775808", "x");
    }

    @Test
    void shouldConvertAtTheFirstMemberWhenTheLimitIsZero()
    {
        final SetValue set = create("1");
        assertThat(add(set, "1", 0)).isTrue();
        assertThat(set.encoding()).isEqualTo(Encoding.HASHTABLE);
    }

    @Test
    void shouldCapTheIntsetLimitAsRedisDoes()
    {
        assertThat(SetValue.intsetLimit(512)).isEqualTo(512);
        assertThat(SetValue.intsetLimit(Long.MAX_VALUE)).isEqualTo(1L << 30);
    }

    @Test
    void shouldCopyDeeplyAndLeaveTheOriginalUnchanged()
    {
        final SetValue table = create("a");
        add(table, "a", 512);
        table.share();
        final SetValue copy = table.deepCopy();
        assertThat(copy.isShared()).isFalse();
        add(copy, "b", 512);
        assertThat(contents(table)).containsExactly("a");
        assertThat(contents(copy)).containsExactlyInAnyOrder("a", "b");

        final SetValue ints = create("1");
        add(ints, "1", 512);
        final SetValue intsCopy = ints.deepCopy();
        add(intsCopy, "2", 512);
        assertThat(contents(ints)).containsExactly("1");
    }

    @Test
    void shouldRemoveAndPopAtRandomPositions()
    {
        for (final String first : new String[] {"1", "a", "2"})
        {
            final SetValue set = create(first);
            final Set<String> model = new HashSet<>();
            for (int i = 0; i < 50; i++)
            {
                final String member = first.equals("a") ? "m" + i : Integer.toString(i);
                add(set, member, first.equals("2") ? 10 : 512);
                model.add(member);
            }
            while (set.size() > 0)
            {
                final int position = set.randomPosition(ThreadLocalRandom.current());
                final String member = set.hasLongMembers() ? Long.toString(set.longAt(position)) :
                    new String(set.memberArray(position), set.memberOffset(position), set.memberLength(position),
                        StandardCharsets.ISO_8859_1);
                assertThat(model.remove(member)).isTrue();
                set.removeAt(position);
                assertThat(contents(set)).isEqualTo(model);
            }
        }
    }

    @Test
    void shouldBehaveAsASetOfStringsWithRedisEncodings()
    {
        final long seed = System.nanoTime();
        System.out.println("SetValueTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] digits = new byte[MemberBytes.MAX_DIGITS];
        for (int round = 0; round < 50; round++)
        {
            final long max = 1 + random.nextInt(64);
            final boolean intsOnly = random.nextBoolean();
            final Set<String> model = new HashSet<>();
            SetValue set = null;
            boolean converted = false;
            for (int op = 0; op < 400; op++)
            {
                final String member = intsOnly || random.nextInt(20) > 0 ?
                    Long.toString(random.nextLong(-80, 80)) : "s" + random.nextInt(10);
                if (set == null)
                {
                    set = create(member);
                    converted = !set.isIntSet();
                }
                if (random.nextInt(3) == 0)
                {
                    final byte[] raw = member.getBytes(StandardCharsets.ISO_8859_1);
                    assertThat(set.remove(raw, 0, raw.length, scratch))
                        .as("seed %d", seed).isEqualTo(model.remove(member));
                }
                else
                {
                    assertThat(add(set, member, max)).as("seed %d", seed).isEqualTo(model.add(member));
                    converted |= model.size() > max || !MemberBytes.parseLong(
                        member.getBytes(StandardCharsets.ISO_8859_1), scratch);
                }
                final long value = random.nextLong(-80, 80);
                assertThat(set.containsLong(value, digits)).isEqualTo(model.contains(Long.toString(value)));
                assertThat(set.size()).isEqualTo(model.size());
                assertThat(set.isIntSet()).as("seed %d", seed).isEqualTo(!converted);
            }
            assertThat(contents(set)).as("seed %d", seed).isEqualTo(model);
        }
    }
}
