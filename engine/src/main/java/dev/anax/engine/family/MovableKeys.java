package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;

/**
 * Key positions of the commands whose keys move with their arguments (sorted set algebra, ZMPOP,
 * LMPOP, SINTERCARD, SORT), as Redis 7.0's getkeys procedures find them (for COMMAND GETKEYS):
 * numkeys read as C's atoi, no keys at all when numkeys is out of range.
 */
final class MovableKeys
{
    private MovableKeys()
    {
    }

    /** C's atoi: optional spaces and sign, then digits up to the first other byte. */
    static long atoi(final CommandArgs args, final int index)
    {
        final int length = args.length(index);
        final int offset = args.offset(index);
        int i = 0;
        while (i < length && isSpace(args.buffer().getByte(offset + i)))
        {
            i++;
        }
        boolean negative = false;
        if (i < length && (args.buffer().getByte(offset + i) == '-' || args.buffer().getByte(offset + i) == '+'))
        {
            negative = args.buffer().getByte(offset + i) == '-';
            i++;
        }
        long value = 0;
        while (i < length)
        {
            final int b = args.buffer().getByte(offset + i);
            if (b < '0' || b > '9' || value > Integer.MAX_VALUE)
            {
                break;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(final int b)
    {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /**
     * numkeys followed by that many keys (ZUNION, ZINTER, ZDIFF, ZINTERCARD, ZMPOP), after an
     * optional destination (the STORE forms).
     *
     * @param args  the request.
     * @param from  index of the command name.
     * @param store whether a destination comes first.
     * @return the key indexes, or null.
     */
    static int[] numkeys(final CommandArgs args, final int from, final boolean store)
    {
        final int argc = args.count() - from;
        final int numkeysAt = store ? 2 : 1;
        if (argc <= numkeysAt)
        {
            return null;
        }
        final long num = atoi(args, from + numkeysAt);
        if (num < 1 || num > argc - numkeysAt - 1)
        {
            return null;
        }
        final int[] keys = new int[(int)num + (store ? 1 : 0)];
        int k = 0;
        if (store)
        {
            keys[k++] = from + 1;
        }
        for (int i = 0; i < num; i++)
        {
            keys[k++] = from + numkeysAt + 1 + i;
        }
        return keys;
    }

    /**
     * SORT: the sorted key and the key after the last STORE, skipping LIMIT's, GET's and BY's
     * arguments as Redis's sortGetKeys does.
     *
     * @param args the request.
     * @param from index of the command name.
     * @return the key indexes.
     */
    static int[] sort(final CommandArgs args, final int from)
    {
        final int argc = args.count() - from;
        int store = -1;
        for (int i = 2; i < argc; i++)
        {
            if (args.is(from + i, "limit"))
            {
                i += 2;
            }
            else if (args.is(from + i, "get") || args.is(from + i, "by"))
            {
                i += 1;
            }
            else if (args.is(from + i, "store") && i + 1 < argc)
            {
                store = i + 1;
            }
        }
        return store < 0 ? new int[] {from + 1} : new int[] {from + 1, from + store};
    }
}
