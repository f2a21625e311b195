package dev.anax.perf.bench;

import dev.anax.codecs.Bytes;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * Draws the keys of a multi-key command so that they land on different shards of an Anax server
 * ({@code --spread-shards N}): the i-th key must lie in shard {@code i mod N}, by Anax's routing
 * hash; keys are drawn from the distribution until one does (N draws on average). Immutable; any
 * thread may use it with its own random source.
 */
final class ShardSpread
{
    private final int shards;
    private final byte[] shardOfKey;

    /**
     * @param shards  the server's shards; 0 or 1 switches spreading off.
     * @param format  key names.
     * @param keys    key space size.
     */
    ShardSpread(final int shards, final KeyFormat format, final int keys)
    {
        this.shards = shards;
        if (shards <= 1)
        {
            shardOfKey = null;
            return;
        }
        if (shards > 127)
        {
            throw new IllegalArgumentException("--spread-shards above 127: " + shards);
        }
        shardOfKey = new byte[keys];
        final byte[] name = new byte[format.size()];
        final UnsafeBuffer buffer = new UnsafeBuffer(name);
        for (int k = 0; k < keys; k++)
        {
            format.write(k, name, 0);
            final int hash = Bytes.routingHash(buffer, 0, name.length);
            shardOfKey[k] = (byte)((hash & 0xFFFF_FFFFL) % shards);
        }
    }

    /**
     * @param distribution where keys come from.
     * @param random       the caller's random source.
     * @param position     which key of the command this is.
     * @return a key index.
     */
    int next(final KeyDistribution distribution, final SplittableRandom random, final int position)
    {
        if (shardOfKey == null)
        {
            return distribution.next(random);
        }
        final int wanted = position % shards;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            final int key = distribution.next(random);
            if (shardOfKey[key] == wanted)
            {
                return key;
            }
        }
        throw new IllegalStateException("no key of shard " + wanted + " in 1000 draws");
    }
}
