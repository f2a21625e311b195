package dev.anax.tools.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a failing sequence short (delta debugging): cut the sequence after the mismatch, then
 * try removing chunks of halving size while the mismatch persists on the same command, until no
 * single request can be removed or the attempt budget is spent.
 */
public final class Shrinker
{
    /** Runs a candidate sequence from a clean start. */
    @FunctionalInterface
    public interface Oracle
    {
        /**
         * @param sequence a candidate.
         * @return index of its first mismatch, or -1.
         */
        int firstMismatch(List<Command> sequence);
    }

    /** A shrunk sequence. */
    public static final class Result
    {
        private final List<Command> sequence;
        private final int attempts;

        Result(final List<Command> sequence, final int attempts)
        {
            this.sequence = sequence;
            this.attempts = attempts;
        }

        /** @return the shortest failing sequence found; its last request is the mismatch. */
        public List<Command> sequence()
        {
            return sequence;
        }

        /** @return how many candidates were run. */
        public int attempts()
        {
            return attempts;
        }
    }

    private final Oracle oracle;
    private final int maxAttempts;
    private int attempts;

    /**
     * @param oracle      runs candidates.
     * @param maxAttempts most candidates to run.
     */
    public Shrinker(final Oracle oracle, final int maxAttempts)
    {
        this.oracle = oracle;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param failing a sequence whose request {@code mismatchAt} gets different replies.
     * @param mismatchAt index of that request.
     * @return the shrunk sequence; it still fails on a request of the same command.
     */
    public Result shrink(final List<Command> failing, final int mismatchAt)
    {
        attempts = 0;
        final String target = failing.get(mismatchAt).spec();
        List<Command> current = new ArrayList<>(failing.subList(0, mismatchAt + 1));
        int chunks = 2;
        while (current.size() > 1 && attempts < maxAttempts)
        {
            final int chunk = (current.size() + chunks - 1) / chunks;
            boolean reduced = false;
            for (int start = 0; start < current.size() && attempts < maxAttempts; start += chunk)
            {
                final List<Command> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                final List<Command> stillFailing = check(candidate, target);
                if (stillFailing != null)
                {
                    current = stillFailing;
                    chunks = Math.max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced)
            {
                if (chunk == 1)
                {
                    break;
                }
                chunks = Math.min(chunks * 2, current.size());
            }
        }
        return new Result(current, attempts);
    }

    /** The candidate cut after its mismatch, if it fails on the target command; else null. */
    private List<Command> check(final List<Command> candidate, final String target)
    {
        if (candidate.isEmpty())
        {
            return null;
        }
        attempts++;
        final int at = oracle.firstMismatch(candidate);
        if (at < 0 || !candidate.get(at).spec().equals(target))
        {
            return null;
        }
        return new ArrayList<>(candidate.subList(0, at + 1));
    }
}
