package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionClientCommandTest
{
    /** The line CLIENT LIST / INFO shows for a harness client that has run one command. */
    private static String line(
        final long id, final String name, final String flags, final int db, final long qbuf, final long argvMem,
        final String cmd, final int resp)
    {
        return "id=" + id + " addr=127.0.0.1:50000 laddr=127.0.0.1:6379 fd=0 name=" + name + " age=0 idle=0 flags=" +
            flags + " db=" + db + " sub=0 psub=0 ssub=0 multi=-1 qbuf=" + qbuf + " qbuf-free=0 argv-mem=" + argvMem +
            " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=" + (qbuf + argvMem) + " events=r cmd=" + cmd +
            " user=default redir=-1 resp=" + resp + "\n";
    }

    private static String bulk(final String text)
    {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    @Test
    void shouldReplyClientId()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            assertThat(h.send("CLIENT", "ID")).isEqualTo(":" + id + "\r\n");
            assertThat(h.newClient().send("client", "id")).isEqualTo(":" + (id + 1) + "\r\n");
            assertThat(h.send("CLIENT", "ID", "x")).isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
        }
    }

    @Test
    void shouldSetAndGetName()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            assertThat(h.send("CLIENT", "SETNAME", "a~b!")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$4\r\na~b!\r\n");
            assertThat(h.send("CLIENT", "SETNAME", "")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            h.send("HELLO", "3");
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("_\r\n");
        }
    }

    @Test
    void shouldRejectNamesWithSpacesOrSpecialCharacters()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final String error = "-ERR Client names cannot contain spaces, newlines or special characters.\r\n";
            assertThat(h.send("CLIENT", "SETNAME", "a b")).isEqualTo(error);
            assertThat(h.send("CLIENT", "SETNAME", "a\nb")).isEqualTo(error);
            assertThat(h.send("CLIENT", "SETNAME", "a\u007fb")).isEqualTo(error);
            assertThat(h.send(new byte[][] {"CLIENT".getBytes(), "SETNAME".getBytes(), {'a', (byte)0xc3, (byte)0xa9}}))
                .isEqualTo(error);
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void shouldDescribeCallerWithClientInfo()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            // The query buffer holds the command being run: *2\r\n$6\r\nclient\r\n$4\r\ninfo\r\n is 26 bytes.
            assertThat(h.send("CLIENT", "INFO")).isEqualTo(bulk(line(id, "", "N", 0, 26, 10, "client|info", 2)));
            h.send("HELLO", "3", "SETNAME", "me");
            h.send("SELECT", "5");
            assertThat(h.send("CLIENT", "INFO")).isEqualTo(
                "=" + (line(id, "me", "N", 5, 26, 10, "client|info", 3).length() + 4) + "\r\ntxt:" +
                line(id, "me", "N", 5, 26, 10, "client|info", 3) + "\r\n");
        }
    }

    @Test
    void shouldListEveryClientInIdOrder()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            final EngineHarness.Client other = h.newClient();
            other.send("CLIENT", "SETNAME", "other");
            assertThat(h.send("CLIENT", "LIST")).isEqualTo(bulk(
                line(id, "", "N", 0, 26, 10, "client|list", 2) +
                line(id + 1, "other", "N", 0, 0, 0, "client|setname", 2)));
            assertThat(h.send("CLIENT", "LIST", "TYPE", "normal")).isEqualTo(bulk(
                line(id, "", "N", 0, 48, 20, "client|list", 2) +
                line(id + 1, "other", "N", 0, 0, 0, "client|setname", 2)));
        }
    }

    @Test
    void shouldShowNoEvictAndNoTouchFlags()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            assertThat(h.send("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "INFO")).isEqualTo(bulk(line(id, "", "e", 0, 26, 10, "client|info", 2)));
            assertThat(h.send("CLIENT", "NO-TOUCH", "ON")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "INFO")).isEqualTo(bulk(line(id, "", "eT", 0, 26, 10, "client|info", 2)));
            assertThat(h.send("CLIENT", "NO-EVICT", "OFF")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "NO-TOUCH", "off")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "INFO")).isEqualTo(bulk(line(id, "", "N", 0, 26, 10, "client|info", 2)));
            assertThat(h.send("CLIENT", "NO-EVICT", "maybe")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "NO-TOUCH", "maybe")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void shouldFilterClientListByTypeAndId()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            assertThat(h.send("CLIENT", "LIST", "TYPE", "master")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE", "replica")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE", "slave")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
            assertThat(h.send("CLIENT", "LIST", "ID", "99", "0", "-1")).isEqualTo("$0\r\n\r\n");
            final String me = Long.toString(id);
            // *5 $6 client $4 list $2 id $n id $2 99 $n id: each id listed as often as it is asked for.
            final long qbuf = 4 + 12 + 10 + 8 + 2 * (4 + me.length() + 2) + 8;
            final long argv = 6 + 4 + 2 + 2 * me.length() + 2;
            final String mine = line(id, "", "N", 0, qbuf, argv, "client|list", 2);
            assertThat(h.send("CLIENT", "LIST", "ID", me, "99", me)).isEqualTo(bulk(mine + mine));
            assertThat(h.send("CLIENT", "LIST", "ID", "x")).isEqualTo("-ERR Invalid client ID\r\n");
            assertThat(h.send("CLIENT", "LIST", "ID")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "LIST", "TYPE", "normal", "x")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "LIST", "foo")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void shouldRejectIllegalClientKillArguments()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CLIENT", "KILL")).isEqualTo("-ERR wrong number of arguments for 'client|kill' command\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", "10", "wrong_arg")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", "str")).isEqualTo("-ERR client-id should be greater than 0\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", "-1")).isEqualTo("-ERR client-id should be greater than 0\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", "0")).isEqualTo("-ERR client-id should be greater than 0\r\n");
            assertThat(h.send("CLIENT", "KILL", "TYPE", "wrong_type")).isEqualTo("-ERR Unknown client type 'wrong_type'\r\n");
            assertThat(h.send("CLIENT", "KILL", "USER", "wrong_user")).isEqualTo("-ERR No such user 'wrong_user'\r\n");
            assertThat(h.send("CLIENT", "KILL", "SKIPME", "yes_or_no")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "KILL", "MAXAGE", "10")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID")).isEqualTo("-ERR No such client\r\n");
            assertThat(h.send("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
        }
    }

    @Test
    void shouldKillOtherClientsByFilter()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client a = h.newClient();
            final EngineHarness.Client b = h.newClient();
            assertThat(h.send("CLIENT", "KILL", "ID", "99999")).isEqualTo(":0\r\n");
            assertThat(h.send("CLIENT", "KILL", "TYPE", "master")).isEqualTo(":0\r\n");
            assertThat(h.send("CLIENT", "KILL", "LADDR", "1.1.1.1:1")).isEqualTo(":0\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", Long.toString(h.client().session().id()))).isEqualTo(":0\r\n");
            assertThat(h.send("CLIENT", "KILL", "ID", Long.toString(a.session().id()))).isEqualTo(":1\r\n");
            assertThat(a.session().isKilled()).isTrue();
            assertThat(b.session().isKilled()).isFalse();
            // A client already being closed is not counted again.
            assertThat(h.send("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes")).isEqualTo(":1\r\n");
            assertThat(b.session().isKilled()).isTrue();
            assertThat(h.client().session().isKilled()).isFalse();
            assertThat(h.client().isClosed()).isFalse();
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldKillCallerAfterReplyWhenNotSkipped()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client other = h.newClient();
            assertThat(h.send("CLIENT", "KILL", "SKIPME", "no", "USER", "default")).isEqualTo(":2\r\n");
            assertThat(other.session().isKilled()).isTrue();
            assertThat(h.client().isClosed()).isTrue();
            assertThat(h.client().session().isClosing()).isTrue();
        }
    }

    @Test
    void shouldKillByAddressInOldForm()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client other = h.newClient();
            // Harness clients share one address: the first matching client (the caller) is closed.
            assertThat(other.send("CLIENT", "KILL", "127.0.0.1:50000")).isEqualTo("+OK\r\n");
            assertThat(h.client().session().isKilled()).isTrue();
            assertThat(other.isClosed()).isFalse();
            assertThat(other.send("CLIENT", "KILL", "ADDR", "127.0.0.1:50000")).isEqualTo(":0\r\n");
            assertThat(other.send("CLIENT", "KILL", "127.0.0.1:50000")).isEqualTo("+OK\r\n");
            assertThat(other.isClosed()).isTrue();
        }
    }

    @Test
    void shouldSilenceRepliesWithClientReply()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final EngineHarness.Client c = h.client();
            c.sendNoWait("CLIENT", "REPLY", "OFF");
            c.sendNoWait("PING", "pong");
            c.sendNoWait("PING", "pong2");
            c.sendNoWait("CLIENT", "REPLY", "ON");
            c.sendNoWait("PING", "pong3");
            assertThat(c.await()).isEqualTo("+OK\r\n$5\r\npong3\r\n");
            c.sendNoWait("CLIENT", "REPLY", "SKIP");
            c.sendNoWait("PING", "pong");
            c.sendNoWait("PING", "pong2");
            assertThat(c.await()).isEqualTo("$5\r\npong2\r\n");
            c.sendNoWait("CLIENT", "REPLY", "SKIP");
            c.sendNoWait("CLIENT", "REPLY", "ON");
            c.sendNoWait("PING");
            assertThat(c.await()).isEqualTo("+OK\r\n+PONG\r\n");
            c.sendNoWait("CLIENT", "REPLY", "OFF");
            c.sendNoWait("CLIENT", "REPLY", "SKIP");
            c.sendNoWait("PING", "a");
            c.sendNoWait("PING", "b");
            c.sendNoWait("CLIENT", "REPLY", "ON");
            c.sendNoWait("PING", "c");
            assertThat(c.await()).isEqualTo("+OK\r\n$1\r\nc\r\n");
            assertThat(h.send("CLIENT", "REPLY", "foo")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void shouldSilenceShardRepliesToo()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            final EngineHarness.Client c = h.client();
            c.sendNoWait("CLIENT", "REPLY", "OFF");
            c.sendNoWait("SET", "a", "1");
            c.sendNoWait("GET", "a");
            c.sendNoWait("CLIENT", "REPLY", "SKIP");
            c.sendNoWait("CLIENT", "REPLY", "ON");
            c.sendNoWait("GET", "a");
            assertThat(c.await()).isEqualTo("+OK\r\n$1\r\n1\r\n");
        }
    }

    @Test
    void shouldRecordLibraryInfoAsRedis72()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CLIENT", "SETINFO", "lib-name", "redis-py")).isEqualTo("+OK\r\n");
            assertThat(h.send("CLIENT", "SETINFO", "LIB-VER", "5.0.1")).isEqualTo("+OK\r\n");
            assertThat(h.client().session().libName()).isEqualTo("redis-py");
            assertThat(h.client().session().libVersion()).isEqualTo("5.0.1");
            assertThat(h.send("CLIENT", "SETINFO", "foo", "x")).isEqualTo("-ERR Unrecognized option 'foo'\r\n");
            assertThat(h.send("CLIENT", "SETINFO", "LIB-NAME", "a b"))
                .isEqualTo("-ERR LIB-NAME cannot contain spaces, newlines or special characters.\r\n");
            assertThat(h.send("CLIENT", "SETINFO", "lib-name"))
                .isEqualTo("-ERR wrong number of arguments for 'client|setinfo' command\r\n");
        }
    }

    @Test
    void shouldRejectUnknownClientSubcommand()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CLIENT", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n");
            assertThat(h.send("CLIENT")).isEqualTo("-ERR wrong number of arguments for 'client' command\r\n");
            assertThat(h.send("CLIENT", "GETNAME", "x"))
                .isEqualTo("-ERR wrong number of arguments for 'client|getname' command\r\n");
        }
    }

    @Test
    void shouldListSubcommandsInClientHelp()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final String reply = h.send("CLIENT", "HELP");
            assertThat(reply).startsWith("*33\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+GETNAME\r\n+    Reply with the name of this connection, or null.\r\n");
            assertThat(reply).endsWith("+HELP\r\n+    Print this help.\r\n");
            assertThat(reply.split("\r\n")).hasSize(34);
            assertThat(reply).contains("+UNBLOCK <client-id> [TIMEOUT|ERROR]\r\n");
        }
    }
}
