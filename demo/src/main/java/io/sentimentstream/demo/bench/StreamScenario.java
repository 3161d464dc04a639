package io.sentimentstream.demo.bench;

import java.util.Locale;

/**
 * One stream benchmark configuration.
 *
 * @param guarantee     Kafka Streams processing guarantee ({@code exactly_once_v2} or {@code at_least_once})
 * @param batchSize     reviews per network call at most
 * @param maxWaitMs     longest wait for a batch to fill
 * @param streamThreads stream threads of the application
 */
public record StreamScenario(String guarantee, int batchSize, int maxWaitMs, int streamThreads) {

    /** Parses {@code eos|alos,batch,waitMs,threads}, e.g. {@code eos,32,200,1}. */
    public static StreamScenario parse(String text) {
        String[] parts = text.trim().split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("scenario '" + text + "' is not guarantee,batch,waitMs,threads");
        }
        String guarantee = switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
            case "eos", "exactly_once_v2" -> "exactly_once_v2";
            case "alos", "at_least_once" -> "at_least_once";
            default -> throw new IllegalArgumentException("unknown guarantee '" + parts[0] + "' (eos or alos)");
        };
        try {
            return new StreamScenario(guarantee, Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()),
                    Integer.parseInt(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scenario '" + text + "' has a non-numeric batch, wait or threads", e);
        }
    }

    /** Short label for tables. */
    public String label() {
        return (guarantee.startsWith("exactly") ? "eos" : "alos") + " b" + batchSize + " w" + maxWaitMs + " t" + streamThreads;
    }
}
