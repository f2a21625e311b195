package dev.anax.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash table, its expiry index and SCAN cursor of {@link Database}, checked against a model
 * through long random sequences of operations.
 */
class DatabaseTest
{
    private static final long NOW = 1_000_000L;

    @Test
    void shouldKeepExpiryIndexConsistentThroughRandomOperations()
    {
        final Random random = new Random(11);
        final Keyspace keyspace = new Keyspace();
        final Database[] dbs = {new Database(keyspace), new Database(keyspace)};
        final List<Map<String, Long>> models = List.of(new HashMap<>(), new HashMap<>());
        long now = NOW;
        for (int step = 0; step < 200_000; step++)
        {
            keyspace.endCommand();
            final int d = random.nextInt(2);
            final Database db = dbs[d];
            final Map<String, Long> model = models.get(d);
            final String key = "k" + random.nextInt(2_000);
            final int op = random.nextInt(100);
            if (op < 35)
            {
                if (db.get(bytes(key), now) == null)
                {
                    model.remove(key);
                    final KeyEntry entry = db.insert(bytes(key));
                    entry.set(ValueType.STRING, Encoding.RAW, bytes(key));
                    model.put(key, KeyEntry.NO_EXPIRY);
                }
            }
            else if (op < 50)
            {
                final KeyEntry entry = db.get(bytes(key), now);
                if (entry != null)
                {
                    db.remove(entry);
                }
                model.remove(key);
            }
            else if (op < 75)
            {
                final KeyEntry entry = db.get(bytes(key), now);
                if (entry == null)
                {
                    model.remove(key);
                }
                else
                {
                    final long at = now + 1 + random.nextInt(1_000);
                    db.setExpiry(entry, at);
                    model.put(key, at);
                }
            }
            else if (op < 85)
            {
                final KeyEntry entry = db.get(bytes(key), now);
                if (entry == null)
                {
                    model.remove(key);
                }
                else
                {
                    db.clearExpiry(entry);
                    model.put(key, KeyEntry.NO_EXPIRY);
                }
            }
            else if (op < 95)
            {
                now += random.nextInt(50);
                db.expireSample(now, 20, random.nextLong());
                final Set<String> present = new HashSet<>();
                db.forEach(e -> present.add(new String(e.key(), StandardCharsets.UTF_8)));
                for (final Map.Entry<String, Long> e : model.entrySet())
                {
                    if (!present.contains(e.getKey()))
                    {
                        // Only expired keys may vanish.
                        assertThat(e.getValue()).isNotEqualTo(KeyEntry.NO_EXPIRY).isLessThanOrEqualTo(now);
                    }
                }
                model.keySet().retainAll(present);
            }
            else if (op < 99)
            {
                dbs[0].swap(dbs[1]);
                final Map<String, Long> first = new HashMap<>(models.get(0));
                models.get(0).clear();
                models.get(0).putAll(models.get(1));
                models.get(1).clear();
                models.get(1).putAll(first);
            }
            else if (random.nextInt(20) == 0)
            {
                db.clear();
                model.clear();
            }
            if (step % 1_000 == 0)
            {
                checkAgainstModel(dbs[0], models.get(0), now);
                checkAgainstModel(dbs[1], models.get(1), now);
            }
        }
        checkAgainstModel(dbs[0], models.get(0), now);
        checkAgainstModel(dbs[1], models.get(1), now);
    }

    @Test
    void shouldExpireEverySampledKeyEventually()
    {
        final Database db = new Database();
        for (int i = 0; i < 10_000; i++)
        {
            final KeyEntry entry = db.insert(bytes("k" + i));
            db.setExpiry(entry, NOW + (i % 2 == 0 ? 10 : 1_000_000));
        }
        final SplittableRandom random = new SplittableRandom(1);
        int rounds = 0;
        while (db.size() > 5_000 && rounds < 100_000)
        {
            db.expireSample(NOW + 10, 20, random.nextLong());
            rounds++;
        }
        assertThat(db.size()).isEqualTo(5_000);
        assertThat(db.expiresCount()).isEqualTo(5_000);
        assertThat(db.expiredKeys()).isEqualTo(5_000);
        checkIndex(db);
    }

    @Test
    void shouldScanEveryKeyPresentThroughoutWhileTheTableGrowsAndShrinks()
    {
        final Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            final Database db = new Database();
            final Set<String> stable = new HashSet<>();
            final Set<String> ever = new HashSet<>();
            final List<String> transient_ = new ArrayList<>();
            for (int i = 0; i < 300; i++)
            {
                db.insert(bytes("s" + i));
                stable.add("s" + i);
            }
            ever.addAll(stable);
            final Set<String> seen = new HashSet<>();
            long cursor = 0;
            int next = 0;
            do
            {
                cursor = db.scan(cursor, 1 + random.nextInt(20), e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
                final int change = random.nextInt(3);
                if (change == 0)
                {
                    for (int i = 0; i < random.nextInt(400); i++)
                    {
                        final String key = "t" + next++;
                        db.insert(bytes(key));
                        transient_.add(key);
                        ever.add(key);
                    }
                }
                else if (change == 1)
                {
                    for (int i = 0; i < random.nextInt(400) && !transient_.isEmpty(); i++)
                    {
                        final String key = transient_.remove(transient_.size() - 1);
                        db.remove(db.get(bytes(key), NOW));
                    }
                }
            }
            while (cursor != 0);
            assertThat(seen).containsAll(stable);
            assertThat(ever).containsAll(seen);
        }
    }

    @Test
    void shouldReturnNoKeyFromAnEmptyDatabaseAndSkipExpiredOnes()
    {
        final Database db = new Database();
        final SplittableRandom random = new SplittableRandom(3);
        assertThat(db.randomEntry(NOW, random)).isNull();
        for (int i = 0; i < 500; i++)
        {
            db.setExpiry(db.insert(bytes("e" + i)), NOW - 1);
        }
        db.insert(bytes("live"));
        assertThat(new String(db.randomEntry(NOW, random).key(), StandardCharsets.UTF_8)).isEqualTo("live");
        assertThat(db.size()).isLessThanOrEqualTo(501);
        final KeyEntry live = db.get(bytes("live"), NOW);
        db.remove(live);
        assertThat(db.randomEntry(NOW, random)).isNull();
        assertThat(db.size()).isZero();
        assertThat(db.expiresCount()).isZero();
        assertThat(db.expiredKeys()).isEqualTo(500);
    }

    @Test
    void shouldFindArrayKeysAndExpireThemLazily()
    {
        final Database db = new Database();
        final KeyEntry entry = db.insert(bytes("key"));
        db.setExpiry(entry, NOW);
        final byte[] raw = bytes("key");
        assertThat(db.get(new org.agrona.concurrent.UnsafeBuffer(raw), 0, raw.length, NOW - 1)).isSameAs(entry);
        assertThat(db.get(bytes("key"), NOW - 1)).isSameAs(entry);
        assertThat(db.get(bytes("other"), NOW - 1)).isNull();
        assertThat(db.get(bytes("key"), NOW)).isNull();
        assertThat(db.size()).isZero();
        assertThat(db.expiredKeys()).isEqualTo(1);
    }

    private static void checkAgainstModel(final Database db, final Map<String, Long> model, final long now)
    {
        checkIndex(db);
        final Map<String, Long> actual = new HashMap<>();
        db.forEach(e -> actual.put(new String(e.key(), StandardCharsets.UTF_8), e.expireAtMs()));
        assertThat(actual).isEqualTo(model);
        assertThat(db.size()).isEqualTo(model.size());
        assertThat(db.expiresCount()).isEqualTo((int)model.values().stream().filter(v -> v != KeyEntry.NO_EXPIRY).count());
    }

    private static void checkIndex(final Database db)
    {
        final int[] withExpiry = {0};
        db.forEach(e ->
        {
            if (e.expireAtMs() != KeyEntry.NO_EXPIRY)
            {
                withExpiry[0]++;
                assertThat(db.expiryIndexOf(e)).isBetween(0, db.expiresCount() - 1);
                assertThat(db.expiringAt(db.expiryIndexOf(e))).isEqualTo(e.ref);
            }
            else
            {
                assertThat(db.expiryIndexOf(e)).isEqualTo(-1);
            }
        });
        assertThat(withExpiry[0]).isEqualTo(db.expiresCount());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
