package dev.anax.engine.family;

import dev.anax.codecs.CommandArgs;
import dev.anax.codecs.sbe.Op;
import dev.anax.engine.EngineHarness;
import dev.anax.engine.client.ClientSession;
import dev.anax.engine.client.Dispatcher;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Runs a command's shard handler as a plain event (sub-operation 0, no coordinator), the way a
 * transaction runs its commands, and returns the default client's reply.
 */
final class Direct
{
    private Direct()
    {
    }

    static String execute(final EngineHarness h, final String... words)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final CommandArgs args = new CommandArgs().reset(buffer);
        int position = 0;
        for (final String word : words)
        {
            final byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            buffer.putBytes(position, bytes);
            args.add(position, bytes.length);
            position += bytes.length;
        }
        final Dispatcher dispatcher = h.engine().dispatchers()[0];
        final ClientSession session = h.client().session();
        final long seq = session.nextSequence();
        dispatcher.publish(0, session, seq, Op.EXECUTE, h.engine().table().get(words[0]), 0, 0, args, null, 0, null);
        return h.client().await();
    }
}
