package dev.anax.tools.compat;

import java.util.List;

/**
 * Argument generators of the string, key, server and connection commands: valid calls with
 * every option, and invalid ones (conflicting or unknown options, missing option values,
 * malformed and out-of-range numbers). Commands without one here get the generic generator of
 * {@link Generator}, driven by arity and key positions.
 */
final class StringKeyArgs
{
    private StringKeyArgs()
    {
    }

    /**
     * Append the arguments (after the name) of one call.
     *
     * @param name lower-case full command name.
     * @param v    the value source.
     * @param args where to append.
     * @return false when this class has no generator for the command.
     */
    static boolean generate(final String name, final Values v, final List<byte[]> args)
    {
        switch (name)
        {
            // ---- strings ------------------------------------------------------------------
            case "get":
            case "getdel":
            case "strlen":
            case "incr":
            case "decr":
                args.add(v.key());
                return true;
            case "set":
                args.add(v.key());
                args.add(v.value());
                setOptions(v, args);
                return true;
            case "setnx":
            case "getset":
            case "append":
                args.add(v.key());
                args.add(v.value());
                return true;
            case "setex":
                args.add(v.key());
                args.add(v.seconds());
                args.add(v.value());
                return true;
            case "psetex":
                args.add(v.key());
                args.add(v.millis());
                args.add(v.value());
                return true;
            case "getex":
                args.add(v.key());
                getexOptions(v, args);
                return true;
            case "incrby":
            case "decrby":
                args.add(v.key());
                args.add(v.integer());
                return true;
            case "incrbyfloat":
                args.add(v.key());
                args.add(v.floating());
                return true;
            case "getrange":
            case "substr":
                args.add(v.key());
                args.add(v.smallInteger());
                args.add(v.smallInteger());
                return true;
            case "setrange":
                args.add(v.key());
                args.add(v.bytesOf(v.pick("0", "0", "1", "3", "5", "10", "44", "100", "1000", "-1", "536870912",
                    "536870911000", "4294967296", "9223372036854775807", "abc", "")));
                args.add(v.chance(0.15) ? new byte[0] : v.value());
                return true;
            case "mget":
                keys(v, args, 1, 5);
                return true;
            case "mset":
            case "msetnx":
                pairs(v, args);
                return true;
            case "lcs":
                args.add(v.key());
                args.add(v.key());
                lcsOptions(v, args);
                return true;
            // ---- keys ---------------------------------------------------------------------
            case "del":
            case "unlink":
            case "exists":
            case "touch":
                keys(v, args, 1, 4);
                return true;
            case "type":
            case "ttl":
            case "pttl":
            case "expiretime":
            case "pexpiretime":
            case "persist":
                args.add(v.key());
                return true;
            case "expire":
                args.add(v.key());
                args.add(v.seconds());
                expireFlags(v, args);
                return true;
            case "pexpire":
                args.add(v.key());
                args.add(v.millis());
                expireFlags(v, args);
                return true;
            case "expireat":
                args.add(v.key());
                args.add(v.unixSeconds());
                expireFlags(v, args);
                return true;
            case "pexpireat":
                args.add(v.key());
                args.add(v.unixMillis());
                expireFlags(v, args);
                return true;
            case "keys":
                args.add(v.pattern());
                return true;
            case "scan":
                scanArgs(v, args);
                return true;
            case "rename":
            case "renamenx":
                args.add(v.key());
                args.add(v.key());
                return true;
            case "copy":
                args.add(v.key());
                args.add(v.key());
                copyOptions(v, args);
                return true;
            case "move":
                args.add(v.key());
                args.add(v.database());
                return true;
            case "object|encoding":
                args.add(v.key());
                return true;
            // ---- server and connection ----------------------------------------------------
            case "dbsize":
            case "reset":
            case "client|getname":
                return true;
            case "flushall":
            case "flushdb":
                if (v.chance(0.4))
                {
                    args.add(v.chance(0.9) ? v.word(v.pick("ASYNC", "SYNC")) : v.bytesOf(v.pick("LAZY", "")));
                }
                return true;
            case "swapdb":
                args.add(v.database());
                args.add(v.database());
                return true;
            case "select":
                args.add(v.database());
                return true;
            case "echo":
                args.add(v.value());
                return true;
            case "ping":
                if (v.chance(0.3))
                {
                    args.add(v.value());
                }
                return true;
            case "client|setname":
                args.add(v.bytesOf(v.pick("conn", "my-name", "", "with space", "new\nline", "ok_1", "\u00e9")));
                return true;
            default:
                return false;
        }
    }

    private static void keys(final Values v, final List<byte[]> args, final int min, final int max)
    {
        final int n = v.between(min, max);
        for (int i = 0; i < n; i++)
        {
            args.add(v.key());
        }
    }

    private static void pairs(final Values v, final List<byte[]> args)
    {
        final int n = v.between(1, 4);
        for (int i = 0; i < n; i++)
        {
            args.add(v.key());
            args.add(v.value());
        }
        if (v.chance(0.05))
        {
            args.add(v.key());   // odd number of arguments
        }
    }

    private static void setOptions(final Values v, final List<byte[]> args)
    {
        final int n = v.chance(0.4) ? 0 : v.between(1, 3);
        for (int i = 0; i < n; i++)
        {
            switch (v.nextInt(12))
            {
                case 0:
                    args.add(v.word("NX"));
                    break;
                case 1:
                    args.add(v.word("XX"));
                    break;
                case 2:
                    args.add(v.word("GET"));
                    break;
                case 3:
                case 4:
                    args.add(v.word("EX"));
                    args.add(v.seconds());
                    break;
                case 5:
                    args.add(v.word("PX"));
                    args.add(v.millis());
                    break;
                case 6:
                    args.add(v.word("EXAT"));
                    args.add(v.unixSeconds());
                    break;
                case 7:
                    args.add(v.word("PXAT"));
                    args.add(v.unixMillis());
                    break;
                case 8:
                case 9:
                    args.add(v.word("KEEPTTL"));
                    break;
                case 10:
                    args.add(v.word(v.pick("EX", "PX", "EXAT", "PXAT")));   // missing its value
                    return;
                default:
                    args.add(v.bytesOf(v.pick("FOO", "NXX", "-", "")));
                    break;
            }
        }
    }

    private static void getexOptions(final Values v, final List<byte[]> args)
    {
        final int n = v.chance(0.3) ? 0 : v.chance(0.85) ? 1 : 2;
        for (int i = 0; i < n; i++)
        {
            switch (v.nextInt(7))
            {
                case 0:
                    args.add(v.word("EX"));
                    args.add(v.seconds());
                    break;
                case 1:
                    args.add(v.word("PX"));
                    args.add(v.millis());
                    break;
                case 2:
                    args.add(v.word("EXAT"));
                    args.add(v.unixSeconds());
                    break;
                case 3:
                    args.add(v.word("PXAT"));
                    args.add(v.unixMillis());
                    break;
                case 4:
                    args.add(v.word("PERSIST"));
                    break;
                case 5:
                    args.add(v.word(v.pick("EX", "PX", "KEEPTTL", "NX")));
                    break;
                default:
                    args.add(v.bytesOf(v.pick("FOO", "")));
                    break;
            }
        }
    }

    private static void expireFlags(final Values v, final List<byte[]> args)
    {
        if (v.chance(0.5))
        {
            return;
        }
        args.add(v.chance(0.95) ? v.word(v.pick("NX", "XX", "GT", "LT")) : v.bytesOf(v.pick("FOO", "")));
        if (v.chance(0.15))
        {
            args.add(v.word(v.pick("NX", "XX", "GT", "LT")));
        }
    }

    private static void scanArgs(final Values v, final List<byte[]> args)
    {
        // Only cursor 0 ("", "00" read as 0 too) is portable: other cursors mean different things
        // to different servers. The runner follows the iteration to its end.
        args.add(v.chance(0.9) ? v.bytesOf("0") : v.bytesOf(v.pick("abc", "", "00", "1.5", "0x10", " 0",
            "18446744073709551616")));
        final int n = v.nextInt(4);
        for (int i = 0; i < n; i++)
        {
            switch (v.nextInt(4))
            {
                case 0:
                    args.add(v.word("MATCH"));
                    args.add(v.pattern());
                    break;
                case 1:
                    args.add(v.word("COUNT"));
                    args.add(v.bytesOf(v.pick("1", "2", "10", "1000", "0", "-1", "abc")));
                    break;
                case 2:
                    args.add(v.word("TYPE"));
                    args.add(v.word(v.pick("string", "list", "set", "zset", "hash", "stream", "none", "foo")));
                    break;
                default:
                    args.add(v.chance(0.5) ? v.word("COUNT") : v.bytesOf("FOO"));   // missing value / unknown
                    return;
            }
        }
    }

    private static void copyOptions(final Values v, final List<byte[]> args)
    {
        if (v.chance(0.4))
        {
            args.add(v.word("DB"));
            args.add(v.database());
        }
        if (v.chance(0.4))
        {
            args.add(v.word("REPLACE"));
        }
        if (v.chance(0.05))
        {
            args.add(v.chance(0.5) ? v.word("DB") : v.bytesOf("FOO"));
        }
    }

    private static void lcsOptions(final Values v, final List<byte[]> args)
    {
        final int n = v.nextInt(4);
        for (int i = 0; i < n; i++)
        {
            switch (v.nextInt(5))
            {
                case 0:
                    args.add(v.word("LEN"));
                    break;
                case 1:
                    args.add(v.word("IDX"));
                    break;
                case 2:
                    args.add(v.word("MINMATCHLEN"));
                    args.add(v.smallInteger());
                    break;
                case 3:
                    args.add(v.word("WITHMATCHLEN"));
                    break;
                default:
                    args.add(v.chance(0.5) ? v.word("MINMATCHLEN") : v.bytesOf("FOO"));
                    return;
            }
        }
    }
}
