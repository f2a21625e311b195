package dev.anax.tools.compat;

import dev.anax.engine.command.CommandSpec;
import dev.anax.engine.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DiffTesterTest
{
    private static final CommandTable TABLE = CommandTable.load();

    private static CommandCatalog catalog(final String... names)
    {
        final List<CommandSpec> specs = new ArrayList<>();
        for (final String n : names)
        {
            specs.add(TABLE.get(n));
        }
        return CommandCatalog.of(specs);
    }

    private static CommandCatalog everythingGeneratable()
    {
        final List<CommandSpec> specs = new ArrayList<>();
        for (final CommandSpec s : TABLE.all())
        {
            if (CommandCatalog.exclusionReason(s) == null)
            {
                specs.add(s);
            }
        }
        return CommandCatalog.of(specs);
    }

    // ---- generator --------------------------------------------------------------------------

    @Test
    void shouldGenerateTheSameSequenceFromTheSameSeed()
    {
        final Generator a = new Generator(everythingGeneratable(), true);
        final Generator b = new Generator(everythingGeneratable(), true);

        final List<Command> first = a.sequence(42, 200);
        final List<Command> second = b.sequence(42, 200);

        assertThat(first).hasSize(200);
        assertThat(Command.cliLines(second)).isEqualTo(Command.cliLines(first));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGenerateDifferentSequencesFromDifferentSeeds()
    {
        final Generator generator = new Generator(everythingGeneratable(), true);

        assertThat(generator.sequence(1, 50)).isNotEqualTo(generator.sequence(2, 50));
    }

    @Test
    void shouldDeriveSequenceZeroFromTheRunSeed()
    {
        assertThat(DiffTester.sequenceSeed(1234, 0)).isEqualTo(1234);
        assertThat(DiffTester.sequenceSeed(1234, 1)).isNotEqualTo(1234);
    }

    @Test
    void shouldGenerateOnlyCatalogCommandsWithTheirNamesFirst()
    {
        final Generator generator = new Generator(catalog("get", "set", "object|encoding"), true);

        for (final Command c : generator.sequence(7, 300))
        {
            assertThat(c.spec()).isIn("get", "set", "object|encoding");
            final String name = new String(c.args()[0], StandardCharsets.US_ASCII);
            assertThat(name).isEqualToIgnoringCase(c.spec().equals("object|encoding") ? "object" : c.spec());
        }
    }

    @Test
    void shouldNeverGenerateCommandsThatDisturbTheRun()
    {
        final Map<String, String> reasons = new TreeMap<>();
        for (final String name : List.of("shutdown", "quit", "debug", "info", "client|id", "client|list", "time",
            "randomkey", "config|set", "command|docs", "object|refcount", "object|help"))
        {
            reasons.put(name, CommandCatalog.exclusionReason(TABLE.get(name)));
        }

        assertThat(reasons.values()).doesNotContainNull();
        assertThat(CommandCatalog.exclusionReason(TABLE.get("set"))).isNull();
        assertThat(CommandCatalog.exclusionReason(TABLE.get("ttl"))).isNull();
        assertThat(CommandCatalog.exclusionReason(TABLE.get("client|setname"))).isNull();
    }

    @Test
    void shouldLeaveTheEmptyKeyOutWhenAsked()
    {
        final Generator generator = new Generator(catalog("get"), false);

        for (final Command c : generator.sequence(3, 2000))
        {
            if (c.args().length == 2)
            {
                assertThat(c.args()[1]).isNotEmpty();
            }
        }
    }

    // ---- filter -----------------------------------------------------------------------------

    @Test
    void shouldFilterByNameGroupAndContainer()
    {
        final CommandFilter filter = CommandFilter.parse("get, group:generic\n# comment\nobject -del -object|freq");

        assertThat(filter.accepts(TABLE.get("get"))).isTrue();
        assertThat(filter.accepts(TABLE.get("set"))).isFalse();
        assertThat(filter.accepts(TABLE.get("expire"))).isTrue();
        assertThat(filter.accepts(TABLE.get("del"))).isFalse();
        assertThat(filter.accepts(TABLE.get("object|encoding"))).isTrue();
        assertThat(filter.accepts(TABLE.get("object|freq"))).isFalse();
        assertThat(filter.namedCommands()).containsExactly("get", "object");
        assertThat(CommandFilter.parse("-del").accepts(TABLE.get("set"))).isTrue();
    }

    // ---- normalizer -------------------------------------------------------------------------

    @Test
    void shouldCompareKeysRepliesInAnyOrder()
    {
        final Normalizer normalizer = new Normalizer(TABLE);
        final Reply one = Reply.array(Reply.bulk("b"), Reply.bulk("a"), Reply.bulk("c"));
        final Reply other = Reply.array(Reply.bulk("c"), Reply.bulk("b"), Reply.bulk("a"));

        assertThat(normalizer.kind("keys")).isEqualTo(Normalizer.Kind.UNORDERED);
        assertThat(normalizer.equivalent("keys", one, other)).isTrue();
        assertThat(normalizer.normalize("keys", other)).isEqualTo(Reply.array(Reply.bulk("a"), Reply.bulk("b"), Reply.bulk("c")));
        assertThat(normalizer.equivalent("keys", one, Reply.array(Reply.bulk("a"), Reply.bulk("b")))).isFalse();
    }

    @Test
    void shouldCompareOrderedRepliesExactly()
    {
        final Normalizer normalizer = new Normalizer(TABLE);
        final Reply ab = Reply.array(Reply.bulk("a"), Reply.bulk("b"));
        final Reply ba = Reply.array(Reply.bulk("b"), Reply.bulk("a"));

        assertThat(normalizer.equivalent("mget", ab, ba)).isFalse();
        assertThat(normalizer.equivalent("mget", ab, ab)).isTrue();
        assertThat(normalizer.equivalent("get", Reply.bulk("1"), Reply.integer(1))).isFalse();
        assertThat(normalizer.equivalent("set", Reply.status("OK"), Reply.bulk("OK"))).isFalse();
        assertThat(normalizer.equivalent("get", Reply.bulk((byte[])null), Reply.aggregate('*', null))).isFalse();
    }

    @Test
    void shouldSortFlatMapsByPair()
    {
        final Reply one = Reply.array(Reply.bulk("f2"), Reply.bulk("v2"), Reply.bulk("f1"), Reply.bulk("v1"));
        final Reply other = Reply.array(Reply.bulk("f1"), Reply.bulk("v1"), Reply.bulk("f2"), Reply.bulk("v2"));
        final Reply swapped = Reply.array(Reply.bulk("f1"), Reply.bulk("v2"), Reply.bulk("f2"), Reply.bulk("v1"));

        final Normalizer normalizer = new Normalizer(Map.of("hgetall", Normalizer.Kind.UNORDERED_PAIRS));

        assertThat(normalizer.equivalent("hgetall", one, other)).isTrue();
        assertThat(normalizer.equivalent("hgetall", one, swapped)).isFalse();
    }

    @Test
    void shouldAcceptTtlsWithinTheTolerance()
    {
        final Normalizer normalizer = new Normalizer(TABLE);

        assertThat(normalizer.equivalent("ttl", Reply.integer(100), Reply.integer(99))).isTrue();
        assertThat(normalizer.equivalent("ttl", Reply.integer(100), Reply.integer(97))).isFalse();
        assertThat(normalizer.equivalent("pttl", Reply.integer(100_000), Reply.integer(99_100))).isTrue();
        assertThat(normalizer.equivalent("pttl", Reply.integer(100_000), Reply.integer(90_000))).isFalse();
        assertThat(normalizer.equivalent("ttl", Reply.integer(-1), Reply.integer(-2))).isFalse();
        assertThat(normalizer.equivalent("ttl", Reply.integer(0), Reply.integer(-2))).isFalse();
        assertThat(normalizer.equivalent("pexpiretime", Reply.integer(4102444800000L), Reply.integer(4102444800000L))).isTrue();
        assertThat(normalizer.equivalent("get", Reply.bulk("100"), Reply.bulk("99"))).isFalse();
    }

    @Test
    void shouldAcceptALowerDbsizeFromTheServerUnderTestOnly()
    {
        final Normalizer normalizer = new Normalizer(TABLE);

        assertThat(normalizer.equivalent("dbsize", Reply.integer(3), Reply.integer(3))).isTrue();
        assertThat(normalizer.equivalent("dbsize", Reply.integer(3), Reply.integer(2))).isTrue();
        assertThat(normalizer.equivalent("dbsize", Reply.integer(2), Reply.integer(3))).isFalse();
        assertThat(normalizer.equivalent("dbsize", Reply.integer(2), Reply.error("ERR x"))).isFalse();
    }

    @Test
    void shouldNeverAcceptATransportFailure()
    {
        final Normalizer normalizer = new Normalizer(TABLE);

        assertThat(normalizer.equivalent("get", Reply.failure("timeout"), Reply.failure("timeout"))).isFalse();
    }

    // ---- RESP client pieces -----------------------------------------------------------------

    @Test
    void shouldParseRespReplies() throws IOException
    {
        final String wire = "+OK\r\n-ERR bad\r\n:42\r\n$3\r\nfoo\r\n$-1\r\n*-1\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n" +
            "%1\r\n+k\r\n,1.5\r\n_\r\n|1\r\n+ttl\r\n:3\r\n#t\r\n";
        final ByteArrayInputStream in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII));

        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.status("OK"));
        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.error("ERR bad"));
        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.integer(42));
        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.bulk("foo"));
        assertThat(RespConnection.parse(in, 0).isNull()).isTrue();
        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.aggregate('*', null));
        assertThat(RespConnection.parse(in, 0)).isEqualTo(Reply.array(Reply.bulk("a"), Reply.array(Reply.integer(1))));
        final Reply map = RespConnection.parse(in, 0);
        assertThat(map.type()).isEqualTo('%');
        assertThat(map.toString()).isEqualTo("{1) (status) k, 2) (double) 1.5}");
        assertThat(RespConnection.parse(in, 0).isNull()).isTrue();
        assertThat(RespConnection.parse(in, 0).toString()).isEqualTo("(boolean) t");
    }

    @Test
    void shouldEncodeRequestsAsBulkArrays()
    {
        final byte[] wire = RespConnection.encode("SET".getBytes(StandardCharsets.US_ASCII), new byte[0]);

        assertThat(new String(wire, StandardCharsets.US_ASCII)).isEqualTo("*2\r\n$3\r\nSET\r\n$0\r\n\r\n");
    }

    @Test
    void shouldWriteRedisCliLines()
    {
        final Command c = new Command("set", new byte[][] {
            "SET".getBytes(StandardCharsets.US_ASCII), "k1".getBytes(StandardCharsets.US_ASCII), new byte[0],
            new byte[] {'a', 0, (byte)0xff, '"', ' ', '\n'}});

        assertThat(c.toCliLine()).isEqualTo("SET k1 \"\" \"a\\x00\\xff\\\" \\n\"");
        assertThat(Reply.bulk(new byte[] {'x', '\r'}).toString()).isEqualTo("\"x\\r\"");
        assertThat(Reply.integer(-3).toString()).isEqualTo("(integer) -3");
    }

    // ---- runner and shrinker on a fake pair of servers ----------------------------------------

    /**
     * A toy string store behind the Endpoint interface. The "buggy" one answers APPEND to an
     * existing key with one more than the new length.
     */
    static final class FakeServer implements Endpoint
    {
        private final Map<String, String> data = new HashMap<>();
        private final boolean buggyAppend;
        private int calls;

        FakeServer(final boolean buggyAppend)
        {
            this.buggyAppend = buggyAppend;
        }

        @Override
        public String name()
        {
            return buggyAppend ? "fake-anax" : "fake-redis";
        }

        @Override
        public Reply call(final byte[][] args)
        {
            calls++;
            final String name = new String(args[0], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            final String k = args.length > 1 ? new String(args[1], StandardCharsets.UTF_8) : null;
            switch (name)
            {
                case "flushall":
                    data.clear();
                    return Reply.status("OK");
                case "set":
                    if (args.length != 3)
                    {
                        return Reply.error("ERR syntax error");
                    }
                    data.put(k, new String(args[2], StandardCharsets.UTF_8));
                    return Reply.status("OK");
                case "get":
                    return data.containsKey(k) ? Reply.bulk(data.get(k)) : Reply.bulk((byte[])null);
                case "del":
                    return Reply.integer(data.remove(k) == null ? 0 : 1);
                case "append":
                {
                    final boolean existed = data.containsKey(k);
                    final String value = data.getOrDefault(k, "") + new String(args[2], StandardCharsets.UTF_8);
                    data.put(k, value);
                    return Reply.integer(value.length() + (buggyAppend && existed ? 1 : 0));
                }
                case "scan":
                {
                    // pages of one key, cursor = index of the next key
                    final List<String> keys = new ArrayList<>(new TreeMap<>(data).keySet());
                    final int at = Integer.parseInt(new String(args[1], StandardCharsets.US_ASCII));
                    final List<Reply> page = at < keys.size() ? List.of(Reply.bulk(keys.get(at))) : List.of();
                    final int next = at + 1 >= keys.size() ? 0 : at + 1;
                    return Reply.array(Reply.bulk(Integer.toString(next)), Reply.array(page));
                }
                default:
                    return Reply.error("ERR unknown command '" + name + "'");
            }
        }

        @Override
        public void reconnect()
        {
        }

        @Override
        public void close()
        {
        }
    }

    @Test
    void shouldRunASequenceOnBothServersAndStopAtTheFirstMismatch()
    {
        final Runner runner = new Runner(new FakeServer(false), new FakeServer(true), new Normalizer(TABLE), true);

        final Runner.Outcome outcome = runner.run(List.of(
            Command.of("set", "SET", "k1", "a"),
            Command.of("append", "APPEND", "k2", "b"),
            Command.of("append", "APPEND", "k1", "b"),
            Command.of("get", "GET", "k1")));

        assertThat(outcome.mismatch()).isEqualTo(2);
        assertThat(outcome.left()).containsExactly(Reply.status("OK"), Reply.integer(1), Reply.integer(2));
        assertThat(outcome.right().get(2)).isEqualTo(Reply.integer(3));
    }

    @Test
    void shouldStartEveryRunFromAnEmptyServer()
    {
        final Runner runner = new Runner(new FakeServer(false), new FakeServer(false), new Normalizer(TABLE), true);
        runner.run(List.of(Command.of("set", "SET", "k1", "a")));

        final Runner.Outcome outcome = runner.run(List.of(Command.of("get", "GET", "k1")));

        assertThat(outcome.left()).containsExactly(Reply.bulk((byte[])null));
    }

    @Test
    void shouldPrefixKeysWhenServersCannotFlush()
    {
        final FakeServer left = new FakeServer(false);
        final Runner runner = new Runner(left, new FakeServer(false), new Normalizer(TABLE), false);
        runner.run(List.of(Command.of("set", "SET", "k1", "k2")));

        final Runner.Outcome outcome = runner.run(List.of(Command.of("get", "GET", "k1")));

        assertThat(outcome.sent().get(0).toCliLine()).isEqualTo("GET r2:k1");
        assertThat(outcome.left()).containsExactly(Reply.bulk((byte[])null));
        assertThat(left.data).containsEntry("r1:k1", "r1:k2");
    }

    @Test
    void shouldShrinkToTheRequestsThatMatter()
    {
        final Runner runner = new Runner(new FakeServer(false), new FakeServer(true), new Normalizer(TABLE), true);
        final List<Command> noisy = new ArrayList<>();
        for (int i = 0; i < 30; i++)
        {
            noisy.add(Command.of("set", "SET", "k" + (i % 3 + 2), "v" + i));
            noisy.add(Command.of("get", "GET", "k" + (i % 4 + 1)));
            if (i == 20)
            {
                noisy.add(Command.of("set", "SET", "k1", "x"));
            }
        }
        noisy.add(Command.of("append", "APPEND", "k1", "y"));
        noisy.add(Command.of("get", "GET", "k1"));
        final Runner.Outcome outcome = runner.run(noisy);
        assertThat(outcome.mismatch()).isEqualTo(noisy.size() - 2);

        final Shrinker.Result result = new Shrinker(c -> runner.run(c).mismatch(), 500).shrink(noisy, outcome.mismatch());

        assertThat(Command.cliLines(result.sequence())).containsExactly("SET k1 x", "APPEND k1 y");
        assertThat(result.attempts()).isLessThan(100);
    }

    @Test
    void shouldFindAndShrinkAGeneratedMismatch()
    {
        final Runner runner = new Runner(new FakeServer(false), new FakeServer(true), new Normalizer(TABLE), true);
        final Generator generator = new Generator(catalog("set", "get", "append", "del"), true);
        Runner.Outcome outcome = null;
        List<Command> sequence = null;
        for (long seed = 0; seed < 100 && (outcome == null || !outcome.hasMismatch()); seed++)
        {
            sequence = generator.sequence(seed, 40);
            outcome = runner.run(sequence);
        }
        assertThat(outcome.hasMismatch()).isTrue();

        final Shrinker.Result result = new Shrinker(c -> runner.run(c).mismatch(), 500).shrink(sequence, outcome.mismatch());

        assertThat(result.sequence()).hasSize(2);
        assertThat(result.sequence().get(1).spec()).isEqualTo("append");
        assertThat(runner.run(result.sequence()).mismatch()).isEqualTo(1);
    }

    @Test
    void shouldCompareAWholeScanIterationAsASet()
    {
        final FakeServer server = new FakeServer(false);
        for (final String k : List.of("b", "a", "c"))
        {
            server.call(new byte[][] {"SET".getBytes(StandardCharsets.US_ASCII), k.getBytes(StandardCharsets.US_ASCII),
                "v".getBytes(StandardCharsets.US_ASCII)});
        }
        final int before = server.calls;

        final Reply all = Runner.scanAll(server, new byte[][] {"SCAN".getBytes(StandardCharsets.US_ASCII), {'0'}});

        assertThat(all).isEqualTo(Reply.array(Reply.bulk("0"), Reply.array(Reply.bulk("a"), Reply.bulk("b"), Reply.bulk("c"))));
        assertThat(server.calls - before).isEqualTo(3);
        assertThat(Runner.isZeroCursor(new byte[0])).isTrue();
        assertThat(Runner.isZeroCursor("00".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(Runner.isZeroCursor("10".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
