package dev.anax.engine.types;

/**
 * Where families that build lists find the list family's {@link ListValueFactory}. The list
 * family calls {@link #factory(ListValueFactory)} when it registers its commands; until then a
 * list cannot be created outside it (SORT ... STORE answers an error).
 */
public final class Lists
{
    private static volatile ListValueFactory factory;

    private Lists()
    {
    }

    /**
     * Install the factory (the list family does this once, at registration).
     *
     * @param listFactory the factory.
     */
    public static void factory(final ListValueFactory listFactory)
    {
        factory = listFactory;
    }

    /**
     * @return the installed factory, or null if the list family is not present.
     */
    public static ListValueFactory factory()
    {
        return factory;
    }
}
