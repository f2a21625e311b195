package dev.anax.engine.keyspace;

/**
 * The internal representation of a value, named as OBJECT ENCODING names it.
 */
public final class Encoding
{
    /** A string that is a canonical 64-bit integer. */
    public static final byte INT = 0;
    /** A short string (at most 44 bytes) written whole by SET and friends. */
    public static final byte EMBSTR = 1;
    /** Any other string, and every string modified in place (APPEND, SETRANGE). */
    public static final byte RAW = 2;

    /** A small collection packed in one byte array (hash, sorted set). */
    public static final byte LISTPACK = 3;
    /** A list (Redis 7.0 reports every list as quicklist). */
    public static final byte QUICKLIST = 4;
    /** A small set of integers packed in one sorted array. */
    public static final byte INTSET = 5;
    /** A large hash or set in a hash table. */
    public static final byte HASHTABLE = 6;
    /** A large sorted set with rank-ordered access. */
    public static final byte SKIPLIST = 7;
    /** A stream. */
    public static final byte STREAM = 8;

    /** Longest string that Redis stores as embstr. */
    public static final int EMBSTR_MAX = 44;

    private static final String[] NAMES = {
        "int", "embstr", "raw", "listpack", "quicklist", "intset", "hashtable", "skiplist", "stream"};

    private Encoding()
    {
    }

    public static String name(final byte encoding)
    {
        return NAMES[encoding];
    }
}
