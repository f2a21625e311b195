package dev.anax.tools.compat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandConformanceTest
{
    private static Reply entry(final String name, final long arity, final List<String> flags, final Reply keySpecs)
    {
        final List<Reply> f = new ArrayList<>();
        for (final String flag : flags)
        {
            f.add(Reply.status(flag));
        }
        return Reply.array(Reply.bulk(name), Reply.integer(arity), Reply.array(f), Reply.integer(1), Reply.integer(1),
            Reply.integer(1), Reply.array(Reply.status("@read"), Reply.status("@string")), Reply.array(), keySpecs,
            Reply.array());
    }

    private static Reply someKeySpec()
    {
        return Reply.array(Reply.array(Reply.bulk("flags"), Reply.array(Reply.status("RO"))));
    }

    @Test
    void shouldFindNoDifferenceBetweenEqualEntries()
    {
        final List<String> keySpecs = new ArrayList<>();

        final List<String> diffs = CommandConformance.compare(entry("get", 2, List.of("readonly", "fast"), someKeySpec()),
            entry("get", 2, List.of("readonly", "fast"), someKeySpec()), keySpecs);

        assertThat(diffs).isEmpty();
        assertThat(keySpecs).isEmpty();
    }

    @Test
    void shouldReportArityAndFlagDifferences()
    {
        final List<String> diffs = CommandConformance.compare(entry("get", 2, List.of("readonly", "fast"), someKeySpec()),
            entry("get", -2, List.of("fast", "readonly"), someKeySpec()), new ArrayList<>());

        assertThat(diffs).containsExactly(
            "arity: redis (integer) 2, anax (integer) -2",
            "flags: redis [1) (status) readonly, 2) (status) fast], anax [1) (status) fast, 2) (status) readonly]");
    }

    @Test
    void shouldNoteEmptyKeySpecsApartWithoutFailing()
    {
        final List<String> keySpecs = new ArrayList<>();

        final List<String> diffs = CommandConformance.compare(entry("get", 2, List.of("readonly"), someKeySpec()),
            entry("get", 2, List.of("readonly"), Reply.array()), keySpecs);

        assertThat(diffs).isEmpty();
        assertThat(keySpecs).containsExactly("get");
    }

    @Test
    void shouldTellABulkFlagFromAStatusFlag()
    {
        final Reply redis = entry("get", 2, List.of("readonly"), Reply.array());
        final List<Reply> fields = new ArrayList<>(redis.elements());
        fields.set(2, Reply.array(Reply.bulk("readonly")));

        final List<String> diffs = CommandConformance.compare(redis, Reply.array(fields), new ArrayList<>());

        assertThat(diffs).containsExactly("flags: redis [1) (status) readonly], anax [1) \"readonly\"]");
    }
}
