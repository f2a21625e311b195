package dev.anax.perf.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyCheckerTest
{
    private final ValueCodec codec = new ValueCodec(1234, 32);
    private final KeyspaceModel model = new KeyspaceModel(10);
    private final ReplyChecker checker = new ReplyChecker(model, codec);

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] bulkOf(final ValueCodec c, final int key, final int version)
    {
        final byte[] v = new byte[c.size()];
        c.write(key, version, v, 0);
        return bytes("$" + c.size() + "\r\n" + new String(v, StandardCharsets.ISO_8859_1) + "\r\n");
    }

    private int set(final int key)
    {
        final int v = model.beginSet(key);
        final byte[] ok = bytes("+OK\r\n");
        assertThat(checker.checkSet(key, ok, 0, ok.length)).isEqualTo(ReplyChecker.OK);
        return v;
    }

    private int get(final int key, final int floor, final byte[] reply)
    {
        return checker.checkGet(key, floor, reply, 0, reply.length);
    }

    @Test
    void shouldAcceptNilForAKeyNeverSet()
    {
        final byte[] nil = bytes("$-1\r\n");
        assertThat(get(3, model.floor(3), nil)).isEqualTo(ReplyChecker.OK);
        final byte[] resp3Null = bytes("_\r\n");
        assertThat(get(3, model.floor(3), resp3Null)).isEqualTo(ReplyChecker.OK);
    }

    @Test
    void shouldAcceptTheValueLastSet()
    {
        set(1);
        final int v2 = set(1);
        assertThat(v2).isEqualTo(2);
        assertThat(get(1, model.floor(1), bulkOf(codec, 1, 2))).isEqualTo(ReplyChecker.OK);
    }

    @Test
    void shouldRejectAStaleValueOnceTheNewerSetWasAnswered()
    {
        set(1);
        set(1);
        assertThat(get(1, model.floor(1), bulkOf(codec, 1, 1))).isEqualTo(ReplyChecker.MISMATCH);
        assertThat(checker.lastProblem()).startsWith("GET key#1: $32\\r\\n00000001");
    }

    @Test
    void shouldRejectNilOnceASetWasAnswered()
    {
        set(4);
        assertThat(get(4, model.floor(4), bytes("$-1\r\n"))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldRejectAnotherKeysValueOrAnotherRunsValue()
    {
        set(1);
        set(2);
        assertThat(get(1, model.floor(1), bulkOf(codec, 2, 1))).isEqualTo(ReplyChecker.MISMATCH);
        assertThat(get(1, model.floor(1), bulkOf(new ValueCodec(999, 32), 1, 1))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldRejectACorruptedByteOrAWrongLength()
    {
        set(5);
        final byte[] reply = bulkOf(codec, 5, 1);
        reply[reply.length - 3] ^= 1;
        assertThat(get(5, model.floor(5), reply)).isEqualTo(ReplyChecker.MISMATCH);
        assertThat(get(5, model.floor(5), bytes("$3\r\nabc\r\n"))).isEqualTo(ReplyChecker.MISMATCH);
        assertThat(get(5, model.floor(5), bytes(":1\r\n"))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldAcceptEitherValueOfSetsInFlightTogether()
    {
        set(7);
        // a GET is sent while two SETs from two connections are in flight
        final int floorAtSend = model.floor(7);
        final int a = model.beginSet(7);
        final int b = model.beginSet(7);
        assertThat(get(7, floorAtSend, bulkOf(codec, 7, 1))).isEqualTo(ReplyChecker.OK);
        assertThat(get(7, floorAtSend, bulkOf(codec, 7, a))).isEqualTo(ReplyChecker.OK);
        assertThat(get(7, floorAtSend, bulkOf(codec, 7, b))).isEqualTo(ReplyChecker.OK);
        // the server may apply them in either order: once both are answered, either may remain
        final byte[] ok = bytes("+OK\r\n");
        checker.checkSet(7, ok, 0, ok.length);
        checker.checkSet(7, ok, 0, ok.length);
        assertThat(model.floor(7)).isEqualTo(a);
        assertThat(get(7, model.floor(7), bulkOf(codec, 7, a))).isEqualTo(ReplyChecker.OK);
        assertThat(get(7, model.floor(7), bulkOf(codec, 7, b))).isEqualTo(ReplyChecker.OK);
        assertThat(get(7, model.floor(7), bulkOf(codec, 7, 1))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldRejectAVersionNotYetIssued()
    {
        set(8);
        assertThat(get(8, model.floor(8), bulkOf(codec, 8, 2))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldCountErrorRepliesAsErrors()
    {
        final byte[] err = bytes("-ERR unknown command 'GET'\r\n");
        assertThat(get(2, 0, err)).isEqualTo(ReplyChecker.ERROR_REPLY);
        model.beginSet(2);
        assertThat(checker.checkSet(2, err, 0, err.length)).isEqualTo(ReplyChecker.ERROR_REPLY);
        assertThat(checker.lastProblem()).isEqualTo("SET key#2: -ERR unknown command 'GET'\\r\\n");
        assertThat(checker.checkOther("INCR", err, 0, err.length)).isEqualTo(ReplyChecker.ERROR_REPLY);
        final byte[] integer = bytes(":5\r\n");
        assertThat(checker.checkOther("INCR", integer, 0, integer.length)).isEqualTo(ReplyChecker.OK);
    }

    @Test
    void shouldRejectASetReplyOtherThanOk()
    {
        model.beginSet(0);
        final byte[] nil = bytes("$-1\r\n");
        assertThat(checker.checkSet(0, nil, 0, nil.length)).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldOnlyCheckTheTypeOfKeysChangedByUnknownCommands()
    {
        set(6);
        model.markUnknown(6);
        assertThat(get(6, model.floor(6), bytes("$2\r\n17\r\n"))).isEqualTo(ReplyChecker.OK);
        assertThat(get(6, model.floor(6), bytes("$-1\r\n"))).isEqualTo(ReplyChecker.OK);
        assertThat(get(6, model.floor(6), bytes(":17\r\n"))).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldCheckEveryElementOfAnMget()
    {
        set(1);
        set(2);
        final int[] keys = {1, 3, 2};
        final int[] floors = {model.floor(1), model.floor(3), model.floor(2)};
        final String one = new String(bulkOf(codec, 1, 1), StandardCharsets.ISO_8859_1);
        final String two = new String(bulkOf(codec, 2, 1), StandardCharsets.ISO_8859_1);
        final byte[] good = bytes("*3\r\n" + one + "$-1\r\n" + two);
        assertThat(checker.checkMget(keys, floors, 0, 3, good, 0, good.length)).isEqualTo(ReplyChecker.OK);
        final byte[] swapped = bytes("*3\r\n" + two + "$-1\r\n" + one);
        assertThat(checker.checkMget(keys, floors, 0, 3, swapped, 0, swapped.length))
            .isEqualTo(ReplyChecker.MISMATCH);
        final byte[] short2 = bytes("*2\r\n" + one + "$-1\r\n");
        assertThat(checker.checkMget(keys, floors, 0, 3, short2, 0, short2.length)).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldCheckValuesTooShortForAVersionHeaderByTheirContent()
    {
        final ValueCodec tiny = new ValueCodec(5, 4);
        final KeyspaceModel m = new KeyspaceModel(4);
        final ReplyChecker c = new ReplyChecker(m, tiny);
        for (int i = 0; i < 3; i++)
        {
            m.beginSet(0);
            m.endSet(0, true);
        }
        final byte[] v3 = bulkOf(tiny, 0, 3);
        assertThat(c.checkGet(0, m.floor(0), v3, 0, v3.length)).isEqualTo(ReplyChecker.OK);
        final byte[] other = bulkOf(tiny, 1, 3);
        assertThat(c.checkGet(0, m.floor(0), other, 0, other.length)).isEqualTo(ReplyChecker.MISMATCH);
    }

    @Test
    void shouldFindWhereRepliesEnd()
    {
        final byte[] b = bytes("+OK\r\n$3\r\nabc\r\n*2\r\n:1\r\n$-1\r\n%1\r\n+a\r\n+b\r\n$5\r\nab");
        assertThat(RespReplies.scan(b, 0, b.length)).isEqualTo(5);
        assertThat(RespReplies.scan(b, 5, b.length)).isEqualTo(14);
        assertThat(RespReplies.scan(b, 14, b.length)).isEqualTo(27);
        assertThat(RespReplies.scan(b, 27, b.length)).isEqualTo(39);
        assertThat(RespReplies.scan(b, 39, b.length)).isEqualTo(RespReplies.INCOMPLETE);
        final byte[] bad = bytes("?what\r\n");
        assertThat(RespReplies.scan(bad, 0, bad.length)).isEqualTo(RespReplies.MALFORMED);
    }

    @Test
    void shouldCheckEveryReplyOfASequence()
    {
        final byte[] ok = bytes("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n+OK\r\n");
        assertThat(checker.checkSequence("T", ok, 0, ok.length, true)).isEqualTo(ReplyChecker.OK);
        final byte[] aborted = bytes("+OK\r\n+QUEUED\r\n*-1\r\n");
        assertThat(checker.checkSequence("T", aborted, 0, aborted.length, true)).isEqualTo(ReplyChecker.MISMATCH);
        final byte[] failedInside = bytes("+OK\r\n+QUEUED\r\n*1\r\n-WRONGTYPE x\r\n");
        assertThat(checker.checkSequence("T", failedInside, 0, failedInside.length, true))
            .isEqualTo(ReplyChecker.ERROR_REPLY);
        final byte[] unknown = bytes("-ERR unknown command 'MULTI'\r\n+OK\r\n");
        assertThat(checker.checkSequence("T", unknown, 0, unknown.length, false)).isEqualTo(ReplyChecker.ERROR_REPLY);
        final byte[] plain = bytes("+OK\r\n$1\r\nx\r\n");
        assertThat(checker.checkSequence("T", plain, 0, plain.length, false)).isEqualTo(ReplyChecker.OK);
    }
}
