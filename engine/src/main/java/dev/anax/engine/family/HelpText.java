package dev.anax.engine.family;

import dev.anax.codecs.resp.RespWriter;

/**
 * The reply of the HELP subcommands: an array of status lines, a usage line first and the HELP
 * entry last, as Redis lays them out. The descriptions are Anax's own words.
 */
final class HelpText
{
    private HelpText()
    {
    }

    /**
     * Write a HELP reply.
     *
     * @param out     the reply.
     * @param command upper-case command name ("CLIENT").
     * @param lines   the entries: a subcommand line, then indented description lines.
     */
    static void write(final RespWriter out, final String command, final String... lines)
    {
        out.arrayHeader(lines.length + 3);
        out.simpleString(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (final String line : lines)
        {
            out.simpleString(line);
        }
        out.simpleString("HELP");
        out.simpleString("    Print this help.");
    }
}
