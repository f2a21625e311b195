package dev.anax.engine.keyspace;

/**
 * The type of a key's value, with the names TYPE replies.
 */
public final class ValueType
{
    public static final byte STRING = 0;
    public static final byte LIST = 1;
    public static final byte SET = 2;
    public static final byte ZSET = 3;
    public static final byte HASH = 4;
    public static final byte STREAM = 5;

    private static final String[] NAMES = {"string", "list", "set", "zset", "hash", "stream"};

    private ValueType()
    {
    }

    public static String name(final byte type)
    {
        return NAMES[type];
    }

    /**
     * @param name as TYPE names it ("string"), any case.
     * @return the type, or -1.
     */
    public static int parse(final String name)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equalsIgnoreCase(name))
            {
                return i;
            }
        }
        return -1;
    }
}
