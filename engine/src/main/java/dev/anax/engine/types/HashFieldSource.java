package dev.anax.engine.types;

/**
 * A hash value whose fields other families read (SORT's {@code BY key->field} and
 * {@code GET key->field}). The hash value class implements it.
 */
public interface HashFieldSource
{
    /**
     * The value of a field.
     *
     * @param field  array holding the field name.
     * @param offset of the name.
     * @param length of the name.
     * @return a new array with the value's bytes, or null when the field is absent.
     */
    byte[] fieldValue(byte[] field, int offset, int length);
}
