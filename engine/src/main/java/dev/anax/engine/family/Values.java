package dev.anax.engine.family;

import dev.anax.engine.keyspace.ValueType;

/**
 * Type-generic operations on the values stored in a {@link dev.anax.engine.keyspace.KeyEntry},
 * for commands that handle a value without knowing its type (COPY, and anything else that must
 * duplicate one). Each type adds its case here when it is introduced.
 */
public final class Values
{
    private Values()
    {
    }

    /**
     * A deep copy of a value: the copy shares nothing mutable with the original, so both may be
     * changed independently, and the copy may be handed to another shard.
     *
     * @param type  the value's {@link ValueType}.
     * @param value the value as stored in the entry.
     * @return an independent copy.
     * @throws IllegalArgumentException for a type this helper does not know yet.
     */
    public static Object copy(final byte type, final Object value)
    {
        switch (type)
        {
            case ValueType.STRING:
                return ((byte[])value).clone();
            default:
                if (value instanceof byte[])
                {
                    // A collection packed in one array (a listpack hash).
                    return ((byte[])value).clone();
                }
                if (value instanceof DeepCopyable)
                {
                    return ((DeepCopyable)value).deepCopy();
                }
                throw new IllegalArgumentException("no deep copy for type " + ValueType.name(type));
        }
    }

    /**
     * Prepare a value to leave its shard by reference (RENAME, MOVE between shards): the
     * returned object is what the destination stores. Strings and every type that keeps no
     * shard-local state move as they are; a type that does keep some detaches it here.
     *
     * @param type  the value's {@link ValueType}.
     * @param value the value as stored in the entry, no longer referenced by it.
     * @return the value to install at the destination.
     */
    public static Object transfer(final byte type, final Object value)
    {
        return value;
    }
}
