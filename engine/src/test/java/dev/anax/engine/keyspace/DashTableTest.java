package dev.anax.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segmented table under {@link Database}: a seeded model test against {@link HashMap} with
 * values of every size and kind, splits, fill factor, bucket versions and the slab's classes.
 */
class DashTableTest
{
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void shouldMatchHashMapModelThroughMillionsOfRandomOperations()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        final Map<String, Object> model = new HashMap<>();
        final Map<String, Long> expiries = new HashMap<>();
        final Object[] objects = {new Object(), new Object(), new Object()};
        for (int step = 0; step < 1_000_000; step++)
        {
            keyspace.endCommand();
            // The key space grows to about 60k keys in the first half, then shrinks.
            final int range = step < 500_000 ? 2_000 + step / 8 : 64_000;
            final String key = "key:" + random.nextInt(range);
            final int op = random.nextInt(100);
            final int deleteShare = step < 500_000 ? 10 : 45;
            KeyEntry entry = db.get(bytes(key), NOW);
            assertThat(entry == null).as(key).isEqualTo(!model.containsKey(key));
            if (entry != null)
            {
                assertValue(entry, model.get(key));
                assertThat(entry.expireAtMs()).isEqualTo(expiries.getOrDefault(key, KeyEntry.NO_EXPIRY));
            }
            if (op < deleteShare)
            {
                if (entry != null)
                {
                    db.remove(entry);
                    model.remove(key);
                    expiries.remove(key);
                }
                continue;
            }
            if (entry == null)
            {
                entry = db.insert(bytes(key));
                model.put(key, new byte[0]);
            }
            final int kind = random.nextInt(100);
            if (kind < 60)
            {
                final byte[] value = randomValue(random);
                entry.set(ValueType.STRING, Encoding.RAW, value);
                model.put(key, value);
            }
            else if (kind < 75)
            {
                final long number = random.nextLong() >> random.nextInt(64);
                entry.setLong(number);
                model.put(key, number);
            }
            else if (kind < 85)
            {
                final Object object = objects[random.nextInt(objects.length)];
                entry.set(ValueType.LIST, Encoding.QUICKLIST, object);
                model.put(key, object);
            }
            else if (kind < 95)
            {
                final long at = NOW + 1 + random.nextInt(1_000_000);
                db.setExpiry(entry, at);
                expiries.put(key, at);
            }
            else if (db.clearExpiry(entry))
            {
                assertThat(expiries.remove(key)).isNotNull();
            }
            if (step % 50_000 == 0)
            {
                checkAgainstModel(db, model, expiries);
            }
        }
        keyspace.endCommand();
        checkAgainstModel(db, model, expiries);
        assertThat(keyspace.objectCount()).isEqualTo((int)model.values().stream()
            .filter(v -> !(v instanceof byte[]) && !(v instanceof Long)).count());
        db.clear();
        keyspace.endCommand();
        assertThat(db.size()).isZero();
        assertThat(keyspace.recordBytes()).isZero();
        assertThat(keyspace.objectCount()).isZero();
    }

    private static byte[] randomValue(final SplittableRandom random)
    {
        final int size;
        final int pick = random.nextInt(1000);
        if (pick == 0)
        {
            size = 256 * 1024 + random.nextInt(100_000);
        }
        else if (pick < 20)
        {
            size = 1_000 + random.nextInt(20_000);
        }
        else
        {
            size = random.nextInt(120);
        }
        final byte[] value = new byte[size];
        for (int i = 0; i < size; i += 7)
        {
            value[i] = (byte)random.nextInt();
        }
        return value;
    }

    private static void assertValue(final KeyEntry entry, final Object expected)
    {
        if (expected instanceof byte[])
        {
            assertThat(entry.type()).isEqualTo(ValueType.STRING);
            assertThat(entry.bytes()).isEqualTo((byte[])expected);
            assertThat(entry.valueLength()).isEqualTo(((byte[])expected).length);
        }
        else if (expected instanceof Long)
        {
            assertThat(entry.encoding()).isEqualTo(Encoding.INT);
            assertThat(entry.longValue()).isEqualTo((Long)expected);
            assertThat(new String(entry.bytes(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        }
        else
        {
            assertThat(entry.type()).isEqualTo(ValueType.LIST);
            assertThat(entry.value()).isSameAs(expected);
        }
    }

    private static void checkAgainstModel(final Database db, final Map<String, Object> model, final Map<String, Long> expiries)
    {
        final Map<String, Long> seen = new HashMap<>();
        db.forEach(e -> seen.put(new String(e.key(), StandardCharsets.UTF_8), e.expireAtMs()));
        assertThat(seen.keySet()).isEqualTo(model.keySet());
        assertThat(db.size()).isEqualTo(model.size());
        assertThat(db.expiresCount()).isEqualTo(expiries.size());
        for (final Map.Entry<String, Long> e : expiries.entrySet())
        {
            assertThat(seen.get(e.getKey())).isEqualTo(e.getValue());
        }
        for (int i = 0; i < db.expiresCount(); i++)
        {
            final int ref = db.expiringAt(i);
            assertThat(Record.expiryIndex(db.keyspace.slab.address(ref))).isEqualTo(i);
        }
    }

    @Test
    void shouldFillSegmentsBeforeSplittingThem()
    {
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        double sum = 0;
        double highest = 0;
        int samples = 0;
        for (int i = 1; i <= 200_000; i++)
        {
            db.insert(bytes("user:" + i));
            if (i % 1000 == 0)
            {
                keyspace.endCommand();
                final double fill = db.size() / (double)(db.table.segments() * DashTable.CAPACITY);
                sum += fill;
                highest = Math.max(highest, fill);
                samples++;
            }
        }
        keyspace.endCommand();
        // Extendible hashing swings between about half full (after a wave of splits) and full;
        // segments split only once neighbours, shifts and the stash are exhausted.
        assertThat(highest).as("highest fill").isGreaterThan(0.85);
        assertThat(sum / samples).as("average fill").isGreaterThan(0.65);
        assertThat(db.tableBytes()).isEqualTo((long)db.table.segments() * (DashTable.SEGMENT_BYTES + DashTable.BUCKET_BYTES));
        for (int i = 1; i <= 200_000; i++)
        {
            assertThat(db.get(bytes("user:" + i), NOW)).isNotNull();
            keyspace.endCommand();
        }
    }

    @Test
    void shouldScanEveryStableKeyWhileTheTableGrowsFromNothing()
    {
        final SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 5; trial++)
        {
            final Keyspace keyspace = new Keyspace();
            final Database db = new Database(keyspace);
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 500; i++)
            {
                db.insert(bytes("stable:" + trial + ":" + i));
                stable.add("stable:" + trial + ":" + i);
            }
            final Set<String> seen = new HashSet<>();
            final List<String> added = new ArrayList<>();
            long cursor = 0;
            int next = 0;
            int calls = 0;
            do
            {
                cursor = db.scan(cursor, 1 + random.nextInt(300), e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
                calls++;
                // Grow by up to 2,000 keys between calls, to about 40k keys: segments split
                // under the cursor.
                for (int i = next < 40_000 ? random.nextInt(2_000) : 0; i > 0; i--)
                {
                    final String key = "new:" + next++;
                    db.insert(bytes(key));
                    added.add(key);
                }
                for (int i = random.nextInt(500); i > 0 && !added.isEmpty(); i--)
                {
                    final String key = added.remove(random.nextInt(added.size()));
                    db.remove(db.get(bytes(key), NOW));
                }
                keyspace.endCommand();
            }
            while (cursor != 0);
            assertThat(db.table.segments()).isGreaterThan(10);
            assertThat(calls).isGreaterThan(10);
            assertThat(seen).containsAll(stable);
        }
    }

    @Test
    void shouldGiveOneHandlePerKeyWithinACommandAndKeepDeletedOnesReadable()
    {
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        final KeyEntry first = db.insert(bytes("k"));
        first.set(ValueType.STRING, Encoding.EMBSTR, bytes("short"));
        final KeyEntry again = db.get(bytes("k"), NOW);
        assertThat(again).isSameAs(first);
        // A value of another size class moves the record; both lookups see it.
        again.set(ValueType.STRING, Encoding.RAW, new byte[500]);
        db.setExpiry(first, NOW + 10);
        assertThat(db.get(bytes("k"), NOW)).isSameAs(first);
        assertThat(first.valueLength()).isEqualTo(500);
        db.remove(first);
        assertThat(db.get(bytes("k"), NOW)).isNull();
        assertThat(first.valueLength()).isEqualTo(500);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(first.hasExpiry()).isFalse();
        assertThat(keyspace.recordBytes()).isPositive();
        keyspace.endCommand();
        assertThat(keyspace.recordBytes()).isZero();
        final KeyEntry fresh = db.insert(bytes("k"));
        assertThat(fresh.valueLength()).isZero();
        assertThat(db.get(bytes("k"), NOW)).isSameAs(fresh);
    }

    @Test
    void shouldChangeTheVersionOfEveryBucketItWrites()
    {
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        final KeyEntry entry = db.insert(bytes("versioned"));
        final int inserted = DashTable.versionAt(entry.segment, entry.slot);
        entry.set(ValueType.STRING, Encoding.EMBSTR, bytes("abc"));
        final int written = DashTable.versionAt(entry.segment, entry.slot);
        entry.set(ValueType.STRING, Encoding.EMBSTR, bytes("abd"));
        final int rewritten = DashTable.versionAt(entry.segment, entry.slot);
        assertThat(written).isGreaterThan(inserted);
        assertThat(rewritten).isGreaterThan(written);
        final DashTable.Segment segment = entry.segment;
        final int slot = entry.slot;
        db.remove(entry);
        assertThat(DashTable.versionAt(segment, slot)).isGreaterThan(rewritten);
    }

    @Test
    void shouldStoreTheBenchmarkShapeInOneFiftySixByteBlock()
    {
        final Keyspace keyspace = new Keyspace();
        final Database db = new Database(keyspace);
        final KeyEntry entry = db.insert(bytes("key:000000000001"));
        entry.set(ValueType.STRING, Encoding.EMBSTR, new byte[32]);
        assertThat(keyspace.recordBytes()).isEqualTo(56);
        entry.set(ValueType.STRING, Encoding.RAW, new byte[100]);
        assertThat(keyspace.recordBytes()).isEqualTo(128);
        entry.setLong(123456789);
        assertThat(keyspace.recordBytes()).isEqualTo(32);
        db.setExpiry(entry, NOW + 1);
        assertThat(keyspace.recordBytes()).isEqualTo(48);
        assertThat(entry.memoryUsage(0)).isEqualTo(48 + 6 + 4);
    }

    @Test
    void shouldSizeClassesEightBytesApartThenEightPerDoubling()
    {
        assertThat(Slab.blockSize(1)).isEqualTo(8);
        assertThat(Slab.blockSize(57)).isEqualTo(64);
        assertThat(Slab.blockSize(1024)).isEqualTo(1024);
        assertThat(Slab.blockSize(1025)).isEqualTo(1152);
        assertThat(Slab.blockSize(2048)).isEqualTo(2048);
        assertThat(Slab.blockSize(2049)).isEqualTo(2304);
        assertThat(Slab.blockSize(Slab.MAX_BLOCK)).isEqualTo(Slab.MAX_BLOCK);
        assertThat(Slab.blockSize(Slab.MAX_BLOCK + 1)).isEqualTo(Slab.MAX_BLOCK + 8);
        for (int size = 1; size <= Slab.MAX_BLOCK; size += 37)
        {
            final int block = Slab.blockSize(size);
            assertThat(block).isGreaterThanOrEqualTo(size);
            assertThat(block - size).isLessThanOrEqualTo(Math.max(7, size / 8));
        }
    }

    @Test
    void shouldReturnEmptyPagesToTheSystem()
    {
        final Keyspace keyspace = new Keyspace();
        final Slab slab = keyspace.slab;
        final int[] refs = new int[100_000];
        for (int i = 0; i < refs.length; i++)
        {
            refs[i] = slab.allocate(56);
        }
        assertThat(slab.allocatedBytes()).isEqualTo(56L * refs.length);
        assertThat(slab.pageBytes()).isBetween(56L * refs.length, 56L * refs.length + (2 << 20));
        final Set<Long> addresses = new HashSet<>();
        for (final int ref : refs)
        {
            assertThat(addresses.add(slab.address(ref))).isTrue();
        }
        for (final int ref : refs)
        {
            slab.free(ref);
        }
        assertThat(slab.allocatedBytes()).isZero();
        assertThat(slab.pages()).isEqualTo(1);
        final int huge = slab.allocate(Slab.MAX_BLOCK + 1);
        assertThat(slab.blockBytes(huge)).isEqualTo(Slab.MAX_BLOCK + 8);
        slab.free(huge);
        assertThat(slab.pages()).isEqualTo(1);
        keyspace.close();
        assertThat(keyspace.offHeapBytes()).isZero();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
