package dev.anax.engine.family;

import dev.anax.engine.EngineHarness;
import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCommandTest
{
    private static final String GET_INFO = "*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n" +
        "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n";
    private static final String CONFIG_GET_INFO = "*10\r\n$10\r\nconfig|get\r\n:-3\r\n" +
        "*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n" +
        "*0\r\n*0\r\n*0\r\n";

    private static List<CommandSpec> available(final CommandTable table)
    {
        final List<CommandSpec> list = new ArrayList<>();
        for (final CommandSpec spec : table.topLevel())
        {
            if (CommandCommand.available(spec))
            {
                list.add(spec);
            }
        }
        return list;
    }

    @Test
    void shouldCountRunnableCommands()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final int count = available(h.engine().table()).size();
            assertThat(count).isGreaterThan(15);
            assertThat(h.send("COMMAND", "COUNT")).isEqualTo(":" + count + "\r\n");
            assertThat(h.send("COMMAND")).startsWith("*" + count + "\r\n*10\r\n");
            assertThat(h.send("COMMAND", "INFO")).isEqualTo(h.send("COMMAND"));
        }
    }

    @Test
    void shouldDescribeCommandsWithTenFields()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "INFO", "get")).isEqualTo("*1\r\n" + GET_INFO);
            assertThat(h.send("COMMAND", "INFO", "GET", "nosuch", "config|get"))
                .isEqualTo("*3\r\n" + GET_INFO + "$-1\r\n" + CONFIG_GET_INFO);
            assertThat(h.send("COMMAND", "INFO", "CONFIG|GET")).isEqualTo("*1\r\n" + CONFIG_GET_INFO);
            assertThat(h.send("COMMAND", "INFO", "client|id")).isEqualTo("*1\r\n*10\r\n$9\r\nclient|id\r\n:2\r\n" +
                "*3\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@slow\r\n+@connection\r\n" +
                "*0\r\n*0\r\n*0\r\n");
            assertThat(h.send("COMMAND", "INFO", "mset|x")).isEqualTo("*1\r\n$-1\r\n");
        }
    }

    @Test
    void shouldDescribeTipsAndSubcommands()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "INFO", "config")).isEqualTo("*1\r\n*10\r\n$6\r\nconfig\r\n:-2\r\n*0\r\n" +
                ":0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n*0\r\n*0\r\n*4\r\n" + CONFIG_GET_INFO +
                "*10\r\n$11\r\nconfig|help\r\n:2\r\n*2\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n" +
                "*0\r\n*0\r\n*0\r\n" +
                "*10\r\n$16\r\nconfig|resetstat\r\n:2\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n" +
                ":0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n" +
                "*10\r\n$10\r\nconfig|set\r\n:-4\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n" +
                ":0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n" +
                "*2\r\n$24\r\nrequest_policy:all_nodes\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n");
        }
    }

    @Test
    void shouldUseSetsInResp3()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            h.send("HELLO", "3");
            assertThat(h.send("COMMAND", "INFO", "get", "nosuch")).isEqualTo("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n" +
                "~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n~3\r\n+@read\r\n+@string\r\n+@fast\r\n~0\r\n~0\r\n~0\r\n" +
                "_\r\n");
        }
    }

    @Test
    void shouldDocumentCommandsInOwnWords()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "DOCS", "get")).isEqualTo("*2\r\n$3\r\nget\r\n*6\r\n" +
                "$7\r\nsummary\r\n$20\r\nRead a string value.\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n" +
                "$5\r\ngroup\r\n$6\r\nstring\r\n");
            assertThat(h.send("COMMAND", "DOCS", "nosuch")).isEqualTo("*0\r\n");
            assertThat(h.send("COMMAND", "DOCS", "function")).isEqualTo("*2\r\n$8\r\nfunction\r\n*8\r\n" +
                "$7\r\nsummary\r\n$43\r\nSubcommands that manage function libraries.\r\n" +
                "$5\r\nsince\r\n$5\r\n7.0.0\r\n$5\r\ngroup\r\n$9\r\nscripting\r\n" +
                "$11\r\nsubcommands\r\n*4\r\n" +
                "$14\r\nfunction|flush\r\n*6\r\n$7\r\nsummary\r\n$30\r\nRemove every function library.\r\n" +
                "$5\r\nsince\r\n$5\r\n7.0.0\r\n$5\r\ngroup\r\n$9\r\nscripting\r\n" +
                "$13\r\nfunction|list\r\n*6\r\n$7\r\nsummary\r\n$32\r\nDescribe the function libraries.\r\n" +
                "$5\r\nsince\r\n$5\r\n7.0.0\r\n$5\r\ngroup\r\n$9\r\nscripting\r\n");
            h.send("HELLO", "3");
            assertThat(h.send("COMMAND", "DOCS", "client|id")).isEqualTo("%1\r\n$9\r\nclient|id\r\n%3\r\n" +
                "$7\r\nsummary\r\n$38\r\nTell the unique id of this connection.\r\n" +
                "$5\r\nsince\r\n$5\r\n5.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n");
            assertThat(h.send("COMMAND", "DOCS")).startsWith("%" + available(h.engine().table()).size() + "\r\n");
        }
    }

    @Test
    void shouldHaveSummaryForEveryConnectionServerAndScriptingCommand()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            for (final CommandSpec spec : h.engine().table().all())
            {
                if (List.of("connection", "server", "scripting").contains(spec.group()))
                {
                    assertThat(CommandCommand.summary(spec.fullName())).as(spec.fullName()).isNotBlank();
                }
            }
            assertThat(CommandCommand.summary("get")).isEqualTo("Read a string value.");
            assertThat(CommandCommand.summary("nosuch")).isNull();
        }
    }

    @Test
    void shouldListCommandNamesWithFilters()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "PATTERN", "conf*")).isEqualTo("*5\r\n$6\r\nconfig\r\n" +
                "$10\r\nconfig|get\r\n$11\r\nconfig|help\r\n$16\r\nconfig|resetstat\r\n$10\r\nconfig|set\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "pattern", "CLIENT|i[dn]*"))
                .isEqualTo("*2\r\n$9\r\nclient|id\r\n$11\r\nclient|info\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "aclcat", "SCRIPTING"))
                .isEqualTo("*2\r\n$14\r\nfunction|flush\r\n$13\r\nfunction|list\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "aclcat", "nosuch")).isEqualTo("*0\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "module", "foo")).isEqualTo("*0\r\n");
            int names = 0;
            for (final CommandSpec spec : available(h.engine().table()))
            {
                names++;
                for (final CommandSpec sub : spec.subcommands().values())
                {
                    names += sub.isBound() ? 1 : 0;
                }
            }
            assertThat(h.send("COMMAND", "LIST")).startsWith("*" + names + "\r\n");
        }
    }

    @Test
    void shouldRejectBadCommandListArguments()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "LIST", "FILTERBY")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "foo", "x")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "pattern")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("COMMAND", "LIST", "FILTERBY", "pattern", "a", "b")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("COMMAND", "LIST", "foo")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.send("COMMAND", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n");
        }
    }

    @Test
    void shouldExtractKeysFromFullCommand()
    {
        try (EngineHarness h = new EngineHarness(4))
        {
            assertThat(h.send("COMMAND", "GETKEYS", "get", "a")).isEqualTo("*1\r\n$1\r\na\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10")).isEqualTo("*1\r\n$1\r\nk\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "mget", "a", "b", "c"))
                .isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
        }
    }

    @Test
    void shouldRejectGetKeysAsRedis()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            assertThat(h.send("COMMAND", "GETKEYS", "nosuch", "a")).isEqualTo("-ERR Invalid command specified\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "client", "foo")).isEqualTo("-ERR Invalid command specified\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "ping", "a", "b")).isEqualTo("-ERR The command has no key arguments\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "CLIENT", "kill", "a"))
                .isEqualTo("-ERR The command has no key arguments\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "get", "a", "b"))
                .isEqualTo("-ERR Invalid number of arguments specified for command\r\n");
            assertThat(h.send("COMMAND", "GETKEYS", "get"))
                .isEqualTo("-ERR wrong number of arguments for 'command|getkeys' command\r\n");
            assertThat(h.send("COMMAND", "GETKEYS"))
                .isEqualTo("-ERR wrong number of arguments for 'command|getkeys' command\r\n");
        }
    }

    @Test
    void shouldListCommandSubcommandsInHelp()
    {
        try (EngineHarness h = new EngineHarness(1))
        {
            final String help = h.send("COMMAND", "HELP");
            assertThat(help).startsWith("*15\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n" +
                "+(no subcommand)\r\n+    Describe every command.\r\n+COUNT\r\n");
            assertThat(help).endsWith("+HELP\r\n+    Print this help.\r\n");
        }
    }
}
