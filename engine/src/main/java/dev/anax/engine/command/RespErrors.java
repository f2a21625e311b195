package dev.anax.engine.command;

/**
 * Every error text Anax replies with, exactly as Redis 7 writes it, in one place.
 * The strings have no leading '-' and no CRLF: {@code RespWriter.error} adds them.
 */
public final class RespErrors
{
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String INCR_NAN_OR_INF = "ERR increment would produce NaN or Infinity";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String INVALID_DB = "ERR DB index is out of range";
    public static final String SELECT_INVALID = "ERR DB index is out of range";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NOT_CONFIGURED =
        "ERR AUTH <password> called without any password configured for the default user. " +
        "Are you sure your configuration is correct?";
    public static final String MAX_CLIENTS = "ERR max number of clients reached";
    public static final String INVALID_EXPIRE_TIME = "ERR invalid expire time in '%s' command";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String OUT_OF_RANGE = "ERR index out of range";
    public static final String INVALID_CURSOR = "ERR invalid cursor";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";

    private RespErrors()
    {
    }

    /**
     * {@code ERR unknown command 'name', with args beginning with: 'a' 'b' }.
     *
     * @param name        the command as sent.
     * @param argsPreview the arguments already quoted and joined ("'a' 'b' ").
     * @return the message.
     */
    public static String unknownCommand(final String name, final String argsPreview)
    {
        return "ERR unknown command '" + name + "', with args beginning with: " + argsPreview;
    }

    /**
     * {@code ERR unknown subcommand 'x'. Try CONTAINER HELP.}
     *
     * @param sub       as sent.
     * @param container command name, upper case.
     * @return the message.
     */
    public static String unknownSubcommand(final String sub, final String container)
    {
        return "ERR unknown subcommand '" + sub + "'. Try " + container + " HELP.";
    }

    /**
     * {@code ERR wrong number of arguments for 'get' command}; subcommands as 'client|id'.
     *
     * @param fullName lower-case name, container|sub for a subcommand.
     * @return the message.
     */
    public static String wrongArity(final String fullName)
    {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    /**
     * The expire-time error with the command name filled in.
     *
     * @param command lower-case command name.
     * @return the message.
     */
    public static String invalidExpireTime(final String command)
    {
        return String.format(INVALID_EXPIRE_TIME, command);
    }
}
