package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.resp.RespWriter;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import dev.anax.engine.command.CommandTable;
import dev.anax.engine.command.RespErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection commands: PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET and CLIENT. All run on the
 * connection's I/O thread and touch only the session (and, for CLIENT LIST/KILL, the engine's
 * racy list of sessions).
 */
public final class ConnectionFamily
{
    static final String SERVER_VERSION = "7.0.15";
    static final String PROTOCOL_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    static final String HELLO_NOAUTH =
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH " +
        "<user> <pass> option can be used to authenticate the client and select the RESP protocol version at " +
        "the same time";
    static final String BAD_CLIENT_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";
    static final String NO_SUCH_CLIENT = "ERR No such client";
    static final String BAD_CLIENT_ID = "ERR Invalid client ID";
    static final String KILL_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";

    /** Scratch for integer parsing, one per I/O thread. */
    private static final ThreadLocal<long[]> NUMBER = ThreadLocal.withInitial(() -> new long[1]);

    private ConnectionFamily()
    {
    }

    /**
     * Bind this family's commands.
     *
     * @param table the command table.
     */
    public static void register(final CommandTable table)
    {
        table.client("ping", ConnectionFamily::ping);
        table.client("echo", ConnectionFamily::echo);
        table.client("hello", ConnectionFamily::hello);
        table.client("auth", ConnectionFamily::auth);
        table.client("select", ConnectionFamily::select);
        table.client("quit", ConnectionFamily::quit);
        table.client("reset", ConnectionFamily::reset);
        table.client("client|id", (d, s, a, out) -> out.integer(s.id()));
        table.client("client|getname", ConnectionFamily::getName);
        table.client("client|setname", ConnectionFamily::setName);
        table.client("client|info", ConnectionFamily::clientInfo);
        table.client("client|list", ConnectionFamily::clientList);
        table.client("client|kill", ConnectionFamily::clientKill);
        table.client("client|no-evict", ConnectionFamily::noEvict);
        table.client("client|no-touch", ConnectionFamily::noTouch);
        table.client("client|reply", ConnectionFamily::clientReply);
        table.client("client|setinfo", ConnectionFamily::setInfo);
        table.client("client|help", ConnectionFamily::clientHelp);
    }

    static void ping(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.count() > 2)
        {
            out.error(RespErrors.wrongArity("ping"));
        }
        else if (args.count() == 2)
        {
            bulkArg(out, args, 1);
        }
        else
        {
            out.simpleString("PONG");
        }
    }

    static void echo(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        bulkArg(out, args, 1);
    }

    private static void bulkArg(final RespWriter out, final CommandArgs args, final int index)
    {
        out.bulk(args.buffer(), args.offset(index), args.length(index));
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]], checked in Redis's order: the version, the
     * option syntax, the credentials, the name (set even if the client then proves unauthenticated),
     * the authentication, and only then the switch of protocol.
     */
    static void hello(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        int protocol = session.protocol();
        if (argc >= 2)
        {
            final long[] number = NUMBER.get();
            if (!args.parseLong(1, number))
            {
                out.error(PROTOCOL_NOT_INTEGER);
                return;
            }
            if (number[0] < 2 || number[0] > 3)
            {
                out.error(RespErrors.NOPROTO);
                return;
            }
            protocol = (int)number[0];
        }
        int user = -1;
        int name = -1;
        for (int j = 2; j < argc; j++)
        {
            final int more = argc - 1 - j;
            if (args.is(j, "auth") && more >= 2)
            {
                user = j + 1;
                j += 2;
            }
            else if (args.is(j, "setname") && more >= 1)
            {
                name = j + 1;
                j++;
            }
            else
            {
                out.error("ERR Syntax error in HELLO option '" + args.string(j) + "'");
                return;
            }
        }
        if (user >= 0)
        {
            if (!credentialsMatch(d, args, user, user + 1))
            {
                out.error(RespErrors.WRONGPASS);
                return;
            }
            session.authenticated(true);
        }
        if (name >= 0)
        {
            if (!validAttribute(args, name))
            {
                out.error(BAD_CLIENT_NAME);
                return;
            }
            session.name(args.string(name));
        }
        if (!session.isAuthenticated())
        {
            out.error(HELLO_NOAUTH);
            return;
        }
        session.protocol(protocol);
        out.protocol(protocol);
        out.mapHeader(7);
        out.bulk("server").bulk("redis");
        out.bulk("version").bulk(SERVER_VERSION);
        out.bulk("proto").integer(protocol);
        out.bulk("id").integer(session.id());
        out.bulk("mode").bulk("standalone");
        out.bulk("role").bulk("master");
        out.bulk("modules").emptyArray();
    }

    static void auth(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        if (argc > 3)
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        if (argc == 2 && requirePass(d).isEmpty())
        {
            out.error(RespErrors.AUTH_NOT_CONFIGURED);
            return;
        }
        if (!credentialsMatch(d, args, argc == 3 ? 1 : -1, argc - 1))
        {
            out.error(RespErrors.WRONGPASS);
            return;
        }
        session.authenticated(true);
        out.ok();
    }

    private static String requirePass(final Dispatcher d)
    {
        return d.engine().config().require("requirepass").asString();
    }

    /**
     * The only user is "default", whose password is {@code requirepass}; with none set it takes
     * any password (Redis's "nopass").
     */
    private static boolean credentialsMatch(
        final Dispatcher d, final CommandArgs args, final int userIndex, final int passIndex)
    {
        if (userIndex >= 0 && !(args.length(userIndex) == 7 && args.string(userIndex).equals("default")))
        {
            return false;
        }
        final String required = requirePass(d);
        if (required.isEmpty())
        {
            return true;
        }
        return java.security.MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), args.bytes(passIndex));
    }

    static void select(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final long[] number = NUMBER.get();
        if (!args.parseLong(1, number) || number[0] > Integer.MAX_VALUE || number[0] < Integer.MIN_VALUE)
        {
            out.error(RespErrors.NOT_INTEGER);
            return;
        }
        if (number[0] < 0 || number[0] >= d.engine().config().databases())
        {
            out.error(RespErrors.INVALID_DB);
            return;
        }
        session.db((int)number[0]);
        out.ok();
    }

    static void quit(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        out.ok();
        session.closing(true);
        session.sink().closeAfterFlush();
    }

    /**
     * RESET: back to a fresh connection's state, except that CLIENT NO-EVICT stays as Redis 7.0
     * keeps it.
     */
    static void reset(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        session.multi(null);
        dev.anax.engine.coord.MultiExec.unwatchAll(d, session, 0, d.engine().table().get("reset"));
        session.db(0);
        session.protocol(2);
        out.protocol(2);
        session.name("");
        session.replyOn();
        session.noTouch(false);
        session.authenticated(requirePass(d).isEmpty());
        out.simpleString("RESET");
    }

    static void getName(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final String name = session.name();
        if (name.isEmpty())
        {
            out.nullBulk();
        }
        else
        {
            out.bulk(name);
        }
    }

    static void setName(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (!validAttribute(args, 2))
        {
            out.error(BAD_CLIENT_NAME);
            return;
        }
        session.name(args.string(2));
        out.ok();
    }

    /** A client name or library attribute: printable ASCII without spaces ('!' to '~'), maybe empty. */
    private static boolean validAttribute(final CommandArgs args, final int index)
    {
        final int offset = args.offset(index);
        for (int i = 0; i < args.length(index); i++)
        {
            final byte b = args.buffer().getByte(offset + i);
            if (b < '!' || b > '~')
            {
                return false;
            }
        }
        return true;
    }

    static void clientInfo(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final StringBuilder sb = new StringBuilder(300);
        ClientInfoFormat.append(sb, session, session, args, System.currentTimeMillis());
        out.verbatim("txt", sb.toString());
    }

    /**
     * CLIENT LIST [TYPE type | ID id...]. Every client of Anax is of type normal (no replicas, no
     * Pub/Sub yet).
     */
    static void clientList(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        final List<ClientSession> all = ClientInfoFormat.byId(d.engine().clients());
        final List<ClientSession> shown = new ArrayList<>();
        if (argc == 4 && args.is(2, "type"))
        {
            final int type = clientType(args, 3);
            if (type < 0)
            {
                out.error("ERR Unknown client type '" + args.string(3) + "'");
                return;
            }
            if (type == TYPE_NORMAL)
            {
                shown.addAll(all);
            }
        }
        else if (argc > 3 && args.is(2, "id"))
        {
            final long[] number = NUMBER.get();
            final long[] ids = new long[argc - 3];
            for (int i = 3; i < argc; i++)
            {
                if (!args.parseLong(i, number))
                {
                    out.error(BAD_CLIENT_ID);
                    return;
                }
                ids[i - 3] = number[0];
            }
            for (final long id : ids)
            {
                for (final ClientSession client : all)
                {
                    if (client.id() == id)
                    {
                        shown.add(client);
                    }
                }
            }
        }
        else if (argc != 2)
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        else
        {
            shown.addAll(all);
        }
        final long nowMs = System.currentTimeMillis();
        final StringBuilder sb = new StringBuilder(300 * shown.size());
        for (final ClientSession client : shown)
        {
            ClientInfoFormat.append(sb, client, session, args, nowMs);
        }
        out.verbatim("txt", sb.toString());
    }

    private static final int TYPE_NORMAL = 0;
    private static final int TYPE_REPLICA = 1;
    private static final int TYPE_PUBSUB = 2;
    private static final int TYPE_MASTER = 3;

    private static int clientType(final CommandArgs args, final int index)
    {
        if (args.is(index, "normal"))
        {
            return TYPE_NORMAL;
        }
        if (args.is(index, "slave") || args.is(index, "replica"))
        {
            return TYPE_REPLICA;
        }
        if (args.is(index, "pubsub"))
        {
            return TYPE_PUBSUB;
        }
        if (args.is(index, "master"))
        {
            return TYPE_MASTER;
        }
        return -1;
    }

    /**
     * CLIENT KILL addr (replies +OK or an error) or CLIENT KILL filter value... (replies the number
     * of clients killed; the caller is skipped unless SKIPME no). The caller is closed once its
     * reply is flushed; any other client is handed to its own I/O thread through
     * {@link ClientSession#kill()}.
     */
    static void clientKill(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final int argc = args.count();
        final List<ClientSession> all = ClientInfoFormat.byId(d.engine().clients());
        if (argc == 3)
        {
            final String addr = args.string(2);
            for (final ClientSession client : all)
            {
                if (!client.isKilled() && client.sink().remoteAddress().equals(addr))
                {
                    out.ok();
                    kill(session, client);
                    return;
                }
            }
            out.error(NO_SUCH_CLIENT);
            return;
        }
        long id = 0;
        int type = -1;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < argc; i += 2)
        {
            if (i + 1 >= argc)
            {
                out.error(RespErrors.SYNTAX);
                return;
            }
            final int value = i + 1;
            if (args.is(i, "id"))
            {
                final long[] number = NUMBER.get();
                if (!args.parseLong(value, number) || number[0] <= 0)
                {
                    out.error(KILL_ID_NOT_POSITIVE);
                    return;
                }
                id = number[0];
            }
            else if (args.is(i, "type"))
            {
                type = clientType(args, value);
                if (type < 0)
                {
                    out.error("ERR Unknown client type '" + args.string(value) + "'");
                    return;
                }
            }
            else if (args.is(i, "addr"))
            {
                addr = args.string(value);
            }
            else if (args.is(i, "laddr"))
            {
                laddr = args.string(value);
            }
            else if (args.is(i, "user"))
            {
                if (!args.string(value).equals("default"))
                {
                    out.error("ERR No such user '" + args.string(value) + "'");
                    return;
                }
            }
            else if (args.is(i, "skipme"))
            {
                if (args.is(value, "yes"))
                {
                    skipMe = true;
                }
                else if (args.is(value, "no"))
                {
                    skipMe = false;
                }
                else
                {
                    out.error(RespErrors.SYNTAX);
                    return;
                }
            }
            else
            {
                out.error(RespErrors.SYNTAX);
                return;
            }
        }
        final List<ClientSession> victims = new ArrayList<>();
        for (final ClientSession client : all)
        {
            if (client.isKilled() ||
                (skipMe && client == session) ||
                (id != 0 && client.id() != id) ||
                (type >= 0 && type != TYPE_NORMAL) ||
                (addr != null && !client.sink().remoteAddress().equals(addr)) ||
                (laddr != null && !client.sink().localAddress().equals(laddr)))
            {
                continue;
            }
            victims.add(client);
        }
        out.integer(victims.size());
        for (final ClientSession victim : victims)
        {
            kill(session, victim);
        }
    }

    private static void kill(final ClientSession caller, final ClientSession victim)
    {
        if (victim == caller)
        {
            caller.closing(true);
            caller.sink().closeAfterFlush();
        }
        else
        {
            victim.kill();
        }
    }

    static void noEvict(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.is(2, "on"))
        {
            session.noEvict(true);
        }
        else if (args.is(2, "off"))
        {
            session.noEvict(false);
        }
        else
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        out.ok();
    }

    static void noTouch(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.is(2, "on"))
        {
            session.noTouch(true);
        }
        else if (args.is(2, "off"))
        {
            session.noTouch(false);
        }
        else
        {
            out.error(RespErrors.SYNTAX);
            return;
        }
        out.ok();
    }

    /**
     * CLIENT REPLY ON|OFF|SKIP. OFF and SKIP are not answered; ON is, even right after SKIP. SKIP
     * while OFF changes nothing.
     */
    static void clientReply(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        if (args.is(2, "on"))
        {
            session.replyOn();
            out.ok();
        }
        else if (args.is(2, "off"))
        {
            session.replyMode(ClientSession.ReplyMode.OFF);
        }
        else if (args.is(2, "skip"))
        {
            if (session.replyMode() != ClientSession.ReplyMode.OFF)
            {
                session.replyMode(ClientSession.ReplyMode.SKIP);
            }
        }
        else
        {
            out.error(RespErrors.SYNTAX);
        }
    }

    /** CLIENT SETINFO LIB-NAME|LIB-VER value, as Redis 7.2 (extra arguments are ignored there too). */
    static void setInfo(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        final boolean name = args.is(2, "lib-name");
        if (!name && !args.is(2, "lib-ver"))
        {
            out.error("ERR Unrecognized option '" + args.string(2) + "'");
            return;
        }
        if (!validAttribute(args, 3))
        {
            out.error("ERR " + args.string(2) + " cannot contain spaces, newlines or special characters.");
            return;
        }
        if (name)
        {
            session.libName(args.string(3));
        }
        else
        {
            session.libVersion(args.string(3));
        }
        out.ok();
    }

    static void clientHelp(final Dispatcher d, final ClientSession session, final CommandArgs args, final RespWriter out)
    {
        HelpText.write(out, "CLIENT",
            "GETNAME",
            "    Reply with the name of this connection, or null.",
            "ID",
            "    Reply with the id of this connection.",
            "INFO",
            "    Describe this connection in CLIENT LIST's format.",
            "KILL <ip:port>",
            "    Close the connection coming from <ip:port>.",
            "KILL <filter> <value> [<filter> <value> ...]",
            "    Close every connection matching all the filters; reply how many. Filters:",
            "    * ID <client-id>",
            "    * ADDR <ip:port>: the remote address.",
            "    * LADDR <ip:port>: the local address.",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "    * USER <username>",
            "    * SKIPME (YES|NO): leave this connection alone (YES unless told).",
            "LIST [TYPE (NORMAL|MASTER|REPLICA|PUBSUB) | ID <client-id> [<client-id> ...]]",
            "    Describe connections, one line each.",
            "NO-EVICT (ON|OFF)",
            "    Exempt this connection from client eviction, or not.",
            "NO-TOUCH (ON|OFF)",
            "    Leave the access time of keys alone for this connection's commands, or not.",
            "REPLY (ON|OFF|SKIP)",
            "    Send replies, stop sending them, or drop the next one.",
            "SETINFO (LIB-NAME|LIB-VER) <value>",
            "    Record the client library's name or version.",
            "SETNAME <name>",
            "    Name this connection.");
    }
}
