package dev.anax.engine.shard;

/**
 * Lets the dispatcher fill the reference fields of a command slot.
 */
public final class SlotAccess
{
    private SlotAccess()
    {
    }

    /**
     * @param slot       the claimed slot.
     * @param overflow   the whole encoded event when it does not fit the slot, else null.
     * @param attachment object handed to the shard, or null.
     */
    public static void set(final CommandSlot slot, final byte[] overflow, final Object attachment)
    {
        slot.overflow = overflow;
        slot.attachment = attachment;
    }
}
