package dev.anax.engine.coord;

/**
 * How the replies of the parts of a fanned-out command become one reply.
 */
public enum Merge
{
    /** Each part replies an array with one element per key it got; the client sees them in key order (MGET). */
    INTERLEAVE,
    /** Each part replies an integer; the client sees the sum (DEL, EXISTS, DBSIZE). */
    SUM,
    /** Each part replies +OK; the client sees +OK, or the first error (MSET, FLUSHALL). */
    OK,
    /** Each part replies an array; the client sees one array of all elements (KEYS). */
    CONCAT
}
