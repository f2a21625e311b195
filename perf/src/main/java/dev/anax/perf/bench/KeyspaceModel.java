package dev.anax.perf.bench;

/**
 * What anax-bench knows about the server's keys, shared by all its threads, so that a GET reply
 * can be checked while other connections write the same key concurrently.
 *
 * <p>Every SET of a key gets the next version of that key. A key's SETs form "batches": the SETs
 * in flight during one busy period of that key (from the moment one is sent while none is in
 * flight to the moment the last in flight is answered). Once a batch is fully answered, the key
 * holds one of that batch's versions, all of which are at least the batch's first version: that
 * is the key's {@code floor}. A GET sent when the floor was {@code f} and answered when the latest
 * issued version was {@code i} must return a version in {@code [f, i]}, or nil only if {@code f}
 * was 0 (no SET answered yet). This is exact for one connection and sound (never a false alarm)
 * for many, whatever order the server applies concurrent SETs in.
 *
 * <p>Keys touched by a command the model does not understand (any template other than plain
 * {@code SET __key__ __value__}, {@code GET __key__}, {@code MGET __key__ ...}), or whose SET failed,
 * become unknown: their GETs are then checked only for the reply type.
 */
public final class KeyspaceModel
{
    private static final int STRIPES = 1024;

    private final int[] issued;
    private final int[] floor;
    private final int[] batchFirst;
    private final int[] inFlight;
    private final boolean[] unknown;
    private final Object[] locks = new Object[STRIPES];

    /**
     * @param keys key space size.
     */
    public KeyspaceModel(final int keys)
    {
        issued = new int[keys];
        floor = new int[keys];
        batchFirst = new int[keys];
        inFlight = new int[keys];
        unknown = new boolean[keys];
        for (int i = 0; i < STRIPES; i++)
        {
            locks[i] = new Object();
        }
    }

    private Object lock(final int key)
    {
        return locks[key & (STRIPES - 1)];
    }

    /**
     * Called when a SET of {@code key} is written to a connection.
     *
     * @param key key index.
     * @return the version the SET carries.
     */
    public int beginSet(final int key)
    {
        synchronized (lock(key))
        {
            final int v = ++issued[key];
            if (inFlight[key]++ == 0)
            {
                batchFirst[key] = v;
            }
            return v;
        }
    }

    /**
     * Called when the reply to a SET of {@code key} arrives.
     *
     * @param key key index.
     * @param ok  whether the reply was {@code +OK}; a failed SET makes the key unknown.
     */
    public void endSet(final int key, final boolean ok)
    {
        synchronized (lock(key))
        {
            if (--inFlight[key] == 0)
            {
                floor[key] = batchFirst[key];
            }
            if (!ok)
            {
                unknown[key] = true;
            }
        }
    }

    /**
     * Called when a GET of {@code key} is written to a connection.
     *
     * @param key key index.
     * @return the lowest version the GET may return (0: nil is allowed).
     */
    public int floor(final int key)
    {
        synchronized (lock(key))
        {
            return floor[key];
        }
    }

    /**
     * @param key key index.
     * @return the highest version issued so far.
     */
    public int issued(final int key)
    {
        synchronized (lock(key))
        {
            return issued[key];
        }
    }

    /**
     * Marks a key as changed by a command the model does not follow.
     *
     * @param key key index.
     */
    public void markUnknown(final int key)
    {
        synchronized (lock(key))
        {
            unknown[key] = true;
        }
    }

    /**
     * @param key key index.
     * @return whether the key's value can no longer be predicted.
     */
    public boolean isUnknown(final int key)
    {
        synchronized (lock(key))
        {
            return unknown[key];
        }
    }

    /**
     * @return the key space size.
     */
    public int keys()
    {
        return issued.length;
    }
}
