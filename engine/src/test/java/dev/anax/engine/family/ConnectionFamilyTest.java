package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.config.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFamilyTest
{
    private static final String HELLO_NOAUTH =
        "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH " +
        "<user> <pass> option can be used to authenticate the client and select the RESP protocol version at " +
        "the same time\r\n";
    private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

    private static String helloMap(final int proto, final long id)
    {
        final String body = "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto +
            "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n" +
            "$7\r\nmodules\r\n*0\r\n";
        return (proto == 3 ? "%7\r\n" : "*14\r\n") + body;
    }

    private static EngineHarness withPassword(final String password)
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("requirepass", password);
        return new EngineHarness(1, config);
    }

    @Test
    void shouldPingWithAndWithoutMessage()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
            assertThat(h.send("ping", "hello")).isEqualTo("$5\r\nhello\r\n");
            assertThat(h.send("PING", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
            assertThat(h.send("HELLO", "3")).startsWith("%7\r\n");
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
            assertThat(h.send("PING", "x")).isEqualTo("$1\r\nx\r\n");
        }
    }

    @Test
    void shouldEchoBinarySafe()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("ECHO", "hi there")).isEqualTo("$8\r\nhi there\r\n");
            assertThat(h.send(new byte[][] {"ECHO".getBytes(), {0, '\r', '\n', (byte)0xff}}))
                .isEqualTo("$4\r\n\0\r\n\u00ff\r\n");
            assertThat(h.send("ECHO", "")).isEqualTo("$0\r\n\r\n");
            assertThat(h.send("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
        }
    }

    @Test
    void shouldReplyHelloMapInBothProtocols()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            assertThat(h.send("HELLO")).isEqualTo(helloMap(2, id));
            assertThat(h.send("HELLO", "3")).isEqualTo(helloMap(3, id));
            assertThat(h.client().session().protocol()).isEqualTo(3);
            assertThat(h.send("HELLO")).isEqualTo(helloMap(3, id));
            assertThat(h.send("HELLO", "2")).isEqualTo(helloMap(2, id));
            assertThat(h.client().session().protocol()).isEqualTo(2);
        }
    }

    @Test
    void shouldRejectBadHelloVersionsAndOptions()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(h.send("HELLO", "1")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(h.send("HELLO", "5", "FOO")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(h.send("HELLO", "foo"))
                .isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(h.send("HELLO", "03"))
                .isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(h.send("HELLO", "3", "SETNAME", "a", "b")).isEqualTo("-ERR Syntax error in HELLO option 'b'\r\n");
            assertThat(h.send("HELLO", "2", "SETNAME")).isEqualTo("-ERR Syntax error in HELLO option 'SETNAME'\r\n");
            assertThat(h.send("HELLO", "3", "AUTH", "default"))
                .isEqualTo("-ERR Syntax error in HELLO option 'AUTH'\r\n");
            assertThat(h.send("HELLO", "3", "SETNAME", "a b"))
                .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(h.client().session().protocol()).isEqualTo(2);
        }
    }

    @Test
    void shouldSetNameAndAuthenticateThroughHello()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final long id = h.client().session().id();
            assertThat(h.send("HELLO", "3", "AUTH", "default", "anything", "SETNAME", "zz")).isEqualTo(helloMap(3, id));
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$2\r\nzz\r\n");
            assertThat(h.send("HELLO", "3", "AUTH", "someone", "x")).isEqualTo(WRONGPASS);
            assertThat(h.send("HELLO", "3", "SETNAME", "a", "SETNAME", "b")).isEqualTo(helloMap(3, id));
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$1\r\nb\r\n");
        }
    }

    @Test
    void shouldRequireAuthenticationBeforeHelloSwitchesProtocol()
    {
        try (EngineHarness h = withPassword("secret"))
        {
            final long id = h.client().session().id();
            assertThat(h.send("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(h.send("HELLO")).isEqualTo(HELLO_NOAUTH);
            assertThat(h.send("HELLO", "3")).isEqualTo(HELLO_NOAUTH);
            assertThat(h.send("HELLO", "5")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(h.send("HELLO", "3", "AUTH", "default", "wrong", "SETNAME", "q")).isEqualTo(WRONGPASS);
            // The name is set even though the client then proves unauthenticated, as in Redis.
            assertThat(h.send("HELLO", "3", "SETNAME", "y")).isEqualTo(HELLO_NOAUTH);
            assertThat(h.send("HELLO", "3", "AUTH", "default", "secret")).isEqualTo(helloMap(3, id));
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$1\r\ny\r\n");
        }
    }

    @Test
    void shouldAuthenticateAgainstRequirepass()
    {
        try (EngineHarness h = withPassword("secret"))
        {
            assertThat(h.send("ECHO", "x")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(h.send("AUTH", "wrong")).isEqualTo(WRONGPASS);
            assertThat(h.send("AUTH", "default", "wrong")).isEqualTo(WRONGPASS);
            assertThat(h.send("AUTH", "foo", "secret")).isEqualTo(WRONGPASS);
            assertThat(h.send("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("AUTH", "secret")).isEqualTo("+OK\r\n");
            assertThat(h.send("ECHO", "x")).isEqualTo("$1\r\nx\r\n");
            final EngineHarness.Client other = h.newClient();
            assertThat(other.send("AUTH", "default", "secret")).isEqualTo("+OK\r\n");
            assertThat(other.send("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldRefuseAuthWithoutConfiguredPassword()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("AUTH", "x")).isEqualTo(
                "-ERR AUTH <password> called without any password configured for the default user. " +
                "Are you sure your configuration is correct?\r\n");
            assertThat(h.send("AUTH", "default", "x")).isEqualTo("+OK\r\n");
            assertThat(h.send("AUTH", "default", "")).isEqualTo("+OK\r\n");
            assertThat(h.send("AUTH", "foo", "x")).isEqualTo(WRONGPASS);
            assertThat(h.send("AUTH")).isEqualTo("-ERR wrong number of arguments for 'auth' command\r\n");
        }
    }

    @Test
    void shouldSelectWithinConfiguredDatabases()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            assertThat(h.send("SELECT", "15")).isEqualTo("+OK\r\n");
            assertThat(h.client().session().db()).isEqualTo(15);
            assertThat(h.send("SET", "k", "in15")).isEqualTo("+OK\r\n");
            assertThat(h.send("SELECT", "0")).isEqualTo("+OK\r\n");
            assertThat(h.send("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(h.send("SELECT", "16")).isEqualTo("-ERR DB index is out of range\r\n");
            assertThat(h.send("SELECT", "-1")).isEqualTo("-ERR DB index is out of range\r\n");
            assertThat(h.send("SELECT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(h.send("SELECT", "015")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(h.send("SELECT", "1.0")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(h.send("SELECT", "99999999999999999999"))
                .isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(h.send("SELECT", "15")).isEqualTo("+OK\r\n");
            assertThat(h.send("GET", "k")).isEqualTo("$4\r\nin15\r\n");
        }
    }

    @Test
    void shouldHonourDatabasesOption()
    {
        final ServerConfig config = new ServerConfig();
        config.setAtStartup("databases", "2");
        try (EngineHarness h = new EngineHarness(1, config))
        {
            assertThat(h.send("SELECT", "1")).isEqualTo("+OK\r\n");
            assertThat(h.send("SELECT", "2")).isEqualTo("-ERR DB index is out of range\r\n");
        }
    }

    @Test
    void shouldReplyOkThenCloseOnQuit()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("QUIT")).isEqualTo("+OK\r\n");
            assertThat(h.client().isClosed()).isTrue();
            assertThat(h.client().session().isClosing()).isTrue();
            final EngineHarness.Client other = h.newClient();
            assertThat(other.send("QUIT", "extra", "args")).isEqualTo("+OK\r\n");
            assertThat(other.isClosed()).isTrue();
        }
    }

    @Test
    void shouldResetConnectionState()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("HELLO", "3", "SETNAME", "foo");
            h.send("SELECT", "3");
            h.send("CLIENT", "NO-EVICT", "on");
            h.send("CLIENT", "NO-TOUCH", "on");
            assertThat(h.send("RESET")).isEqualTo("+RESET\r\n");
            assertThat(h.client().session().protocol()).isEqualTo(2);
            assertThat(h.client().session().db()).isZero();
            assertThat(h.send("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            // Redis 7.0 keeps NO-EVICT across RESET; NO-TOUCH (7.2) is cleared.
            assertThat(h.client().session().noEvict()).isTrue();
            assertThat(h.client().session().noTouch()).isFalse();
            assertThat(h.send("RESET", "x")).isEqualTo("-ERR wrong number of arguments for 'reset' command\r\n");
        }
    }

    @Test
    void shouldDropAuthenticationOnResetWhenPasswordRequired()
    {
        try (EngineHarness h = withPassword("secret"))
        {
            assertThat(h.send("AUTH", "secret")).isEqualTo("+OK\r\n");
            assertThat(h.send("RESET")).isEqualTo("+RESET\r\n");
            assertThat(h.send("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }

    @Test
    void shouldAnswerResetEvenWhenRepliesAreOff()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("CLIENT", "REPLY", "OFF")).isEmpty();
            assertThat(h.send("PING")).isEmpty();
            assertThat(h.send("RESET")).isEqualTo("+RESET\r\n");
            assertThat(h.send("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
