package dev.anax.engine.types;

/**
 * Makes list values for families that create lists without being the list family (SORT ...
 * STORE). The list family registers its factory with {@link Lists#factory(ListValueFactory)}.
 */
@FunctionalInterface
public interface ListValueFactory
{
    /**
     * A new list value, as the list family stores it in a key entry (type LIST, encoding
     * QUICKLIST in Redis 7.0).
     *
     * @param elements the elements, head first; the list may keep the arrays.
     * @param count    how many of them, at least 1.
     * @return the value object.
     */
    Object newList(byte[][] elements, int count);
}
