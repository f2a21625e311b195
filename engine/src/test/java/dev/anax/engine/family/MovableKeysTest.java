package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.command.KeyFinder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key finders of the movablekeys commands, against what redis-server 7.0.15's COMMAND GETKEYS
 * answers.
 */
class MovableKeysTest
{
    private static List<String> keys(final EngineHarness h, final String line)
    {
        final String[] words = ("COMMAND GETKEYS " + line).split(" ");
        final byte[] bytes = String.join("", words).getBytes(StandardCharsets.ISO_8859_1);
        final CommandArgs args = new CommandArgs().reset(new UnsafeBuffer(bytes));
        int position = 0;
        for (final String w : words)
        {
            args.add(position, w.length());
            position += w.length();
        }
        final KeyFinder finder = h.engine().table().get(words[2]).keyFinder();
        final int[] found = finder.keys(args, 2);
        if (found == null)
        {
            return null;
        }
        final List<String> out = new ArrayList<>();
        for (final int i : found)
        {
            out.add(args.string(i));
        }
        return out;
    }

    @Test
    void shouldFindKeysAsRedisGetkeysDoes()
    {
        final EngineHarness h = new EngineHarness(1);
        assertThat(keys(h, "sort abc store invalid store stillbad store def")).containsExactly("abc", "def");
        assertThat(keys(h, "sort abc store")).containsExactly("abc");
        assertThat(keys(h, "sort abc limit 1 store x")).containsExactly("abc");
        assertThat(keys(h, "sort abc by store x")).containsExactly("abc");
        assertThat(keys(h, "sort_ro abc store x")).containsExactly("abc");
        assertThat(keys(h, "zunionstore d 2 a b")).containsExactly("d", "a", "b");
        assertThat(keys(h, "zinterstore d 1 a weights 2")).containsExactly("d", "a");
        assertThat(keys(h, "zmpop 2 a b min")).containsExactly("a", "b");
        assertThat(keys(h, "zmpop 3 a b min")).containsExactly("a", "b", "min");
        assertThat(keys(h, "zintercard 1 a limit 3")).containsExactly("a");
        assertThat(keys(h, "zdiff 1 a withscores")).containsExactly("a");
        assertThat(keys(h, "zunion 3 a b")).isNull();
        assertThat(keys(h, "zunion 0 a")).isNull();
        assertThat(keys(h, "zunion x a")).isNull();
        assertThat(keys(h, "zunionstore d 5 a")).isNull();
        assertThat(keys(h, "zmpop 0 a min")).isNull();
    }
}
