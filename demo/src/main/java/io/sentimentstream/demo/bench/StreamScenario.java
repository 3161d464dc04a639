package io.sentimentstream.demo.bench;

import java.util.Locale;

/**
 * One stream benchmark configuration.
 *
 * @param guarantee     Kafka Streams processing guarantee ({@code exactly_once_v2} or {@code at_least_once})
 * @param batchSize     reviews per network call at most
 * @param maxWaitMs     longest wait for a batch to fill
 * @param streamThreads stream threads of the application
 * @param challenger    whether the application follows a registry that names a challenger (the
 *                      same bundle under another version), so every batch is scored twice
 */
public record StreamScenario(String guarantee, int batchSize, int maxWaitMs, int streamThreads, boolean challenger) {

    /** Parses {@code eos|alos,batch,waitMs,threads[,challenger]}, e.g. {@code eos,32,200,1}. */
    public static StreamScenario parse(String text) {
        String[] parts = text.trim().split(",");
        boolean challenger = parts.length == 5 && parts[4].trim().equals("challenger");
        if (parts.length != 4 && !challenger) {
            throw new IllegalArgumentException("scenario '" + text + "' is not guarantee,batch,waitMs,threads"
                    + "[,challenger]");
        }
        String guarantee = switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
            case "eos", "exactly_once_v2" -> "exactly_once_v2";
            case "alos", "at_least_once" -> "at_least_once";
            default -> throw new IllegalArgumentException("unknown guarantee '" + parts[0] + "' (eos or alos)");
        };
        try {
            return new StreamScenario(guarantee, Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()),
                    Integer.parseInt(parts[3].trim()), challenger);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scenario '" + text + "' has a non-numeric batch, wait or threads", e);
        }
    }

    /** Short label for tables. */
    public String label() {
        return (guarantee.startsWith("exactly") ? "eos" : "alos") + " b" + batchSize + " w" + maxWaitMs + " t" + streamThreads
                + (challenger ? " +challenger" : "");
    }
}
