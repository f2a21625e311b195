package dev.anax.tools;

import dev.anax.engine.config.ServerConfig;
import dev.anax.transport.AnaxServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts Anax: {@code ServerMain [/path/to/anax.conf] [--name value ...]}, options named as in
 * redis.conf. A flag overrides the file.
 */
public final class ServerMain
{
    private ServerMain()
    {
    }

    /**
     * @param args optional config file, then {@code --name value} flags.
     * @throws Exception if the server cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.contains("--help") || rest.contains("-h"))
        {
            System.out.println("Usage: anax-server [/path/to/anax.conf] [--option value ...]");
            System.out.println("Options use redis.conf names, e.g. --port 6380 --threads 4 --requirepass secret");
            return;
        }
        if (rest.contains("--version") || rest.contains("-v"))
        {
            System.out.println("Anax server v=" + ServerMain.class.getPackage().getImplementationVersion() +
                " (Redis 7.0.15 compatible)");
            return;
        }
        final ServerConfig config = new ServerConfig();
        try
        {
            if (!rest.isEmpty() && !rest.get(0).startsWith("--"))
            {
                config.load(Path.of(rest.remove(0)));
            }
            config.applyArgs(rest);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("*** FATAL CONFIG FILE ERROR ***");
            System.err.println(ex.getMessage());
            System.exit(1);
            return;
        }
        final AnaxServer server = new AnaxServer(config, System.out);
        try
        {
            server.start();
        }
        catch (final java.io.IOException ex)
        {
            System.err.println("Could not start Anax: " + ex);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "anax-signal"));
        server.awaitStop();
        System.exit(0);
    }
}
