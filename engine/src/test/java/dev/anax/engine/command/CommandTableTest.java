package dev.anax.engine.command;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.family.Families;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTableTest
{
    private static CommandTable bound()
    {
        final CommandTable table = CommandTable.load();
        Families.bindAll(table);
        return table.seal();
    }

    private static CommandArgs args(final String... words)
    {
        final StringBuilder all = new StringBuilder();
        for (final String word : words)
        {
            all.append(word);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(all.toString().getBytes(StandardCharsets.US_ASCII));
        final CommandArgs args = new CommandArgs().reset(buffer);
        int offset = 0;
        for (final String word : words)
        {
            args.add(offset, word.length());
            offset += word.length();
        }
        return args;
    }

    /** Every declared command must have a handler; until every family is in, this names the missing ones. */
    @Test
    void shouldBindEveryDeclaredCommand()
    {
        assertThat(bound().unbound()).isEmpty();
    }

    @Test
    void shouldParseArityFlagsAndKeys()
    {
        final CommandTable table = CommandTable.load();
        final CommandSpec get = table.get("get");
        assertThat(get.arity()).isEqualTo(2);
        assertThat(get.flags()).isEqualTo(CommandFlags.READONLY | CommandFlags.FAST);
        assertThat(List.of(get.firstKey(), get.lastKey(), get.keyStep())).containsExactly(1, 1, 1);
        assertThat(AclCategories.names(get.aclCategories())).containsExactly("@read", "@string", "@fast");
        assertThat(get.group()).isEqualTo("string");
        assertThat(get.since()).isEqualTo("1.0.0");

        final CommandSpec mset = table.get("MSET");
        assertThat(mset.arity()).isEqualTo(-3);
        assertThat(List.of(mset.firstKey(), mset.lastKey(), mset.keyStep())).containsExactly(1, -1, 2);
        assertThat(mset.tips()).containsExactly("request_policy:multi_shard", "response_policy:all_succeeded");
        assertThat(mset.arityAccepts(3)).isTrue();
        assertThat(mset.arityAccepts(2)).isFalse();

        final CommandSpec hello = table.get("hello");
        assertThat(hello.hasFlag(CommandFlags.NO_AUTH)).isTrue();
        assertThat(CommandFlags.names(hello.flags()))
            .containsExactly("noscript", "loading", "stale", "fast", "no_auth", "allow_busy");

        final CommandSpec clientId = table.get("client|id");
        assertThat(clientId.name()).isEqualTo("id");
        assertThat(clientId.fullName()).isEqualTo("client|id");
        assertThat(clientId.container()).isSameAs(table.get("client"));
        assertThat(table.get("client").isContainer()).isTrue();
        assertThat(table.get("CLIENT|ID")).isSameAs(clientId);
        assertThat(table.get("client|nosuch")).isNull();

        final CommandSpec functionFlush = table.get("function|flush");
        assertThat(functionFlush.arity()).isEqualTo(-2);
        assertThat(CommandFlags.names(functionFlush.flags())).containsExactly("write", "noscript");
        assertThat(AclCategories.names(functionFlush.aclCategories())).containsExactly("@write", "@slow", "@scripting");
        assertThat(functionFlush.group()).isEqualTo("scripting");
    }

    @Test
    void shouldDeclareSubcommandsAfterTheirContainer()
    {
        final CommandTable table = CommandTable.load();
        for (final CommandSpec spec : table.all())
        {
            assertThat(table.byId(spec.id())).isSameAs(spec);
            if (spec.container() != null)
            {
                assertThat(spec.container().id()).isLessThan(spec.id());
                assertThat(spec.container().subcommands().get(spec.name())).isSameAs(spec);
            }
        }
    }

    @Test
    void shouldLookUpIgnoringCase()
    {
        final CommandTable table = bound();
        final CommandSpec get = table.get("get");
        assertThat(table.lookup(args("GET"), 0)).isSameAs(get);
        assertThat(table.lookup(args("gEt"), 0)).isSameAs(get);
        assertThat(table.lookup(args("x", "get"), 1)).isSameAs(get);
        assertThat(table.lookup(args("GETX"), 0)).isNull();
        assertThat(table.lookup(args("GE"), 0)).isNull();
        assertThat(table.lookup(args(""), 0)).isNull();
        assertThat(table.lookup(args("x".repeat(100)), 0)).isNull();
        final CommandArgs client = args("Client", "ID");
        final CommandSpec container = table.lookup(client, 0);
        assertThat(table.lookupSubcommand(container, client, 1)).isSameAs(table.get("client|id"));
        assertThat(table.lookupSubcommand(container, args("client", "nope"), 1)).isNull();
    }

    @Test
    void shouldLookUpWithoutAllocating()
    {
        final CommandTable table = bound();
        final CommandArgs[] requests = {args("GET"), args("set"), args("Client"), args("nosuchcommand"), args("PING")};
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        int found = 0;
        for (int i = 0; i < 200_000; i++)
        {
            found += table.lookup(requests[i % requests.length], 0) != null ? 1 : 0;
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++)
        {
            found += table.lookup(requests[i % requests.length], 0) != null ? 1 : 0;
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(found).isEqualTo(960_000);
        // A million lookups: anything above a few hundred bytes would be a per-lookup allocation.
        assertThat(allocated).isLessThan(1024);
    }

    @Test
    void shouldRefuseBindingTwiceOrAfterSealing()
    {
        final CommandTable table = CommandTable.load();
        table.client("ping", (d, s, a, out) -> out.ok());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.client("ping", (d, s, a, out) -> out.ok()))
            .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.client("nosuch", (d, s, a, out) -> out.ok()))
            .isInstanceOf(IllegalArgumentException.class);
        table.seal();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.client("echo", (d, s, a, out) -> out.ok()))
            .isInstanceOf(IllegalStateException.class);
    }
}
