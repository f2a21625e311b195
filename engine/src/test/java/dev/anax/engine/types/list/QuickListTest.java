package dev.anax.engine.types.list;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QuickList} against a {@code java.util.ArrayList} model through long random sequences of
 * every operation, at several node bounds; plus node bounds and sealing.
 */
class QuickListTest
{
    private static UnsafeBuffer text(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String str(final ListCursor cursor)
    {
        return new String(cursor.toBytes(), StandardCharsets.ISO_8859_1);
    }

    private static void pushBack(final QuickList list, final String s)
    {
        final UnsafeBuffer b = text(s);
        list.pushBack(b, 0, b.capacity());
    }

    private static void pushFront(final QuickList list, final String s)
    {
        final UnsafeBuffer b = text(s);
        list.pushFront(b, 0, b.capacity());
    }

    private static List<String> contents(final QuickList list)
    {
        final List<String> out = new ArrayList<>();
        final ListCursor cursor = new ListCursor().first(list);
        while (cursor.next())
        {
            out.add(str(cursor));
        }
        return out;
    }

    private static List<String> contentsBackwards(final QuickList list)
    {
        final List<String> out = new ArrayList<>();
        final ListCursor cursor = new ListCursor().last(list);
        while (cursor.prev())
        {
            out.add(0, str(cursor));
        }
        return out;
    }

    private static String value(final Random random)
    {
        final int kind = random.nextInt(10);
        if (kind < 3)
        {
            return Integer.toString(random.nextInt(8));
        }
        if (kind < 5)
        {
            return "v" + random.nextInt(8);
        }
        return ListPackTest.randomValue(random);
    }

    @Test
    void shouldMatchTheModelThroughRandomOperations()
    {
        for (final int fill : new int[] {-1, -2, -5, -9, 1, 3, 0, 128})
        {
            final long seed = System.nanoTime() ^ fill;
            System.out.println("QuickListTest fill " + fill + " seed " + seed);
            runModel(fill, seed, 20_000);
        }
    }

    private static void runModel(final int fill, final long seed, final int steps)
    {
        final Random random = new Random(seed);
        QuickList list = new QuickList(fill);
        List<String> model = new ArrayList<>();
        final ListCursor cursor = new ListCursor();
        final ListCursor.Needle needle = new ListCursor.Needle();
        final String context = "fill " + fill + " seed " + seed;
        for (int step = 0; step < steps; step++)
        {
            final int op = random.nextInt(100);
            final String where = context + " step " + step + " op " + op;
            if (op < 20)
            {
                final String v = value(random);
                pushBack(list, v);
                model.add(v);
            }
            else if (op < 35)
            {
                final String v = value(random);
                pushFront(list, v);
                model.add(0, v);
            }
            else if (op < 45)
            {
                final boolean front = random.nextBoolean();
                final boolean popped = front ? list.popFront(cursor) : list.popBack(cursor);
                assertThat(popped).as(where).isEqualTo(!model.isEmpty());
                if (popped)
                {
                    assertThat(str(cursor)).as(where).isEqualTo(front ? model.remove(0) : model.remove(model.size() - 1));
                }
            }
            else if (op < 52 && !model.isEmpty())
            {
                final int index = random.nextInt(model.size());
                list.get(cursor, index);
                assertThat(str(cursor)).as(where).isEqualTo(model.get(index));
            }
            else if (op < 58 && !model.isEmpty())
            {
                final int index = random.nextInt(model.size());
                final String v = value(random);
                final UnsafeBuffer b = text(v);
                list.set(cursor, index, b, 0, b.capacity());
                model.set(index, v);
            }
            else if (op < 65)
            {
                final String pivot = value(random);
                final String v = value(random);
                final boolean after = random.nextBoolean();
                final UnsafeBuffer p = text(pivot);
                final UnsafeBuffer b = text(v);
                final boolean inserted = list.insert(cursor, needle.set(p, 0, p.capacity()), after, b, 0, b.capacity());
                final int at = model.indexOf(pivot);
                assertThat(inserted).as(where).isEqualTo(at >= 0);
                if (at >= 0)
                {
                    model.add(after ? at + 1 : at, v);
                }
            }
            else if (op < 70)
            {
                final String v = value(random);
                final long count = random.nextInt(7) - 3;
                final UnsafeBuffer b = text(v);
                final long removed = list.remove(needle.set(b, 0, b.capacity()), count);
                assertThat(removed).as(where).isEqualTo(removeFromModel(model, v, count));
            }
            else if (op < 73 && !model.isEmpty())
            {
                final int start = random.nextInt(model.size());
                final int stop = start + random.nextInt(model.size() - start);
                list.trim(start, stop);
                model = new ArrayList<>(model.subList(start, stop + 1));
            }
            else if (op < 80 && !model.isEmpty())
            {
                final int start = random.nextInt(model.size());
                final int n = random.nextInt(model.size() - start + 1);
                final boolean forward = random.nextBoolean();
                if (forward)
                {
                    list.seek(cursor, start);
                    for (int i = 0; i < n; i++)
                    {
                        assertThat(cursor.next()).as(where).isTrue();
                        assertThat(str(cursor)).as(where).isEqualTo(model.get(start + i));
                    }
                }
                else
                {
                    list.seekBack(cursor, start);
                    for (int i = 0; i <= start && i < n; i++)
                    {
                        assertThat(cursor.prev()).as(where).isTrue();
                        assertThat(str(cursor)).as(where).isEqualTo(model.get(start - i));
                    }
                }
            }
            else if (op < 85 && !model.isEmpty())
            {
                final boolean fromFront = random.nextBoolean();
                final boolean toFront = random.nextBoolean();
                list.moveTo(list, fromFront, toFront, cursor);
                final String moved = fromFront ? model.remove(0) : model.remove(model.size() - 1);
                assertThat(str(cursor)).as(where).isEqualTo(moved);
                if (toFront)
                {
                    model.add(0, moved);
                }
                else
                {
                    model.add(moved);
                }
            }
            else if (op < 87)
            {
                final QuickList copy = list.deepCopy();
                copy.validate();
                assertThat(contents(copy)).as(where).isEqualTo(model);
                list = copy;
            }
            else if (op < 89 && model.size() > 1)
            {
                final int n = random.nextInt(model.size());
                if (random.nextBoolean())
                {
                    list.removeFirst(n);
                    model = new ArrayList<>(model.subList(n, model.size()));
                }
                else
                {
                    list.removeLast(n);
                    model = new ArrayList<>(model.subList(0, model.size() - n));
                }
            }
            else
            {
                // bulk pushes to grow the list past several nodes
                final int n = random.nextInt(60);
                for (int i = 0; i < n; i++)
                {
                    final String v = value(random);
                    pushBack(list, v);
                    model.add(v);
                }
            }
            assertThat(list.size()).as(where).isEqualTo(model.size());
            if (step % 97 == 0)
            {
                list.validate();
                assertThat(contents(list)).as(where).isEqualTo(model);
                assertThat(contentsBackwards(list)).as(where).isEqualTo(model);
            }
        }
        list.validate();
        assertThat(contents(list)).as(context).isEqualTo(model);
    }

    private static long removeFromModel(final List<String> model, final String v, final long count)
    {
        long removed = 0;
        final long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0)
        {
            final Iterator<String> it = model.iterator();
            while (it.hasNext() && removed < limit)
            {
                if (it.next().equals(v))
                {
                    it.remove();
                    removed++;
                }
            }
        }
        else
        {
            final ListIterator<String> it = model.listIterator(model.size());
            while (it.hasPrevious() && removed < limit)
            {
                if (it.previous().equals(v))
                {
                    it.remove();
                    removed++;
                }
            }
        }
        return removed;
    }

    @Test
    void shouldBoundNodesByEntriesForPositiveFill()
    {
        final QuickList list = new QuickList(5);
        for (int i = 0; i < 23; i++)
        {
            pushBack(list, "e" + i);
        }
        assertThat(list.nodeCount()).isEqualTo(5);
        list.validate();
    }

    @Test
    void shouldBoundNodesByBytesForNegativeFill()
    {
        final QuickList list = new QuickList(-2);
        final String sixteen = "abcdefghijklmnop";
        for (int i = 0; i < 100_000; i++)
        {
            pushBack(list, sixteen);
        }
        list.validate();
        // 18 bytes an entry, 8 KiB a node.
        assertThat(list.nodeCount()).isBetween(100_000 * 18 / 8192, 100_000 * 18 / 8000 + 2);
        // Interior nodes are sealed: at most the two end nodes keep spare room.
        assertThat(list.allocatedBytes()).isLessThan(100_000L * 18 + 2 * 8192);
    }

    @Test
    void shouldGiveAnOversizedElementANodeOfItsOwn()
    {
        final QuickList list = new QuickList(-1);
        pushBack(list, "a");
        pushBack(list, "b".repeat(10_000));
        pushBack(list, "c");
        assertThat(list.nodeCount()).isEqualTo(3);
        assertThat(contents(list)).containsExactly("a", "b".repeat(10_000), "c");
        list.validate();
    }

    @Test
    void shouldSplitANodeThatLsetMadeTooBig()
    {
        final QuickList list = new QuickList(-1);
        for (int i = 0; i < 100; i++)
        {
            pushBack(list, "x" + i);
        }
        assertThat(list.nodeCount()).isEqualTo(1);
        final UnsafeBuffer big = text("y".repeat(5000));
        list.set(new ListCursor(), 50, big, 0, big.capacity());
        list.validate();
        assertThat(list.nodeCount()).isEqualTo(3);
        final ListCursor cursor = new ListCursor();
        list.get(cursor, 50);
        assertThat(str(cursor)).isEqualTo("y".repeat(5000));
        list.get(cursor, 51);
        assertThat(str(cursor)).isEqualTo("x51");
    }

    @Test
    void shouldKeepTheMovedElementIntactWhenRotatingOneNode()
    {
        final QuickList list = new QuickList(-2);
        for (int i = 0; i < 10; i++)
        {
            pushBack(list, "element-" + i);
        }
        final ListCursor cursor = new ListCursor();
        for (int i = 0; i < 25; i++)
        {
            list.moveTo(list, false, true, cursor);
        }
        list.validate();
        assertThat(str(cursor)).isEqualTo("element-5");
        assertThat(contents(list).get(0)).isEqualTo("element-5");
    }
}
