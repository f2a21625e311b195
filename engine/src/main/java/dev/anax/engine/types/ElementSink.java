package dev.anax.engine.types;

/**
 * Receives the elements of a collection one call at a time; the bytes are valid only during the
 * call (copy them to keep them).
 */
@FunctionalInterface
public interface ElementSink
{
    /**
     * @param bytes  array holding the element.
     * @param offset of the element.
     * @param length of the element.
     */
    void element(byte[] bytes, int offset, int length);
}
