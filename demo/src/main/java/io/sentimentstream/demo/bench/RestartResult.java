package io.sentimentstream.demo.bench;

import io.sentimentstream.core.metrics.Percentiles;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What one restart scenario measured.
 *
 * @param scenario   the configuration
 * @param runs       each restart
 * @param produced   reviews produced during the scenario
 * @param notSent    of those, sends the broker failed (not in the input topic)
 * @param lost       reviews sent but never seen scored (read_committed)
 * @param duplicates scored outputs beyond one per review
 */
public record RestartResult(RestartScenario scenario, List<RestartRun> runs, long produced, long notSent, long lost,
                            long duplicates) {

    /** "median (run 1, run 2, ...)" of one figure over the runs that have it; "–" for a run without it. */
    public String cell(ToDoubleFunction<RestartRun> figure) {
        double[] values = runs.stream().mapToDouble(figure).toArray();
        double[] reached = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (reached.length == 0) {
            return "–";
        }
        String each = Arrays.stream(values)
                .mapToObj(v -> Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "**%.1f** (%s)", Percentiles.median(reached), each);
    }
}
