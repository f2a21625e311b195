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

    /** Longest string that Redis stores as embstr. */
    public static final int EMBSTR_MAX = 44;

    private static final String[] NAMES = {"int", "embstr", "raw"};

    private Encoding()
    {
    }

    public static String name(final byte encoding)
    {
        return NAMES[encoding];
    }
}
