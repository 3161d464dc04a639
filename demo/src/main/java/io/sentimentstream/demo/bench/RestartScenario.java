package io.sentimentstream.demo.bench;

import java.util.List;
import java.util.Locale;

/**
 * One restart benchmark configuration.
 *
 * @param kill             stop with SIGKILL ({@link Process#destroyForcibly()}) instead of SIGTERM and a clean shutdown
 * @param staticMembership the application's default static group membership; otherwise the classic
 *                         protocol's dynamic membership, as before static membership was added
 * @param fence            after the kill, fence the killed instance's transactional ids before the
 *                         restart (Admin.fenceProducers): what the application would gain if it
 *                         aborted its predecessor's open transaction itself instead of waiting for
 *                         the broker's transaction timeout
 */
public record RestartScenario(boolean kill, boolean staticMembership, boolean fence) {

    /** Parses {@code sigterm|sigkill,static|dynamic[,fence]}, e.g. {@code sigkill,static}. */
    public static RestartScenario parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("fence"))) {
            throw new IllegalArgumentException("scenario '" + text + "' is not sigterm|sigkill,static|dynamic[,fence]");
        }
        boolean kill = switch (parts[0]) {
            case "sigkill", "kill" -> true;
            case "sigterm", "term" -> false;
            default -> throw new IllegalArgumentException("unknown stop '" + parts[0] + "' (sigterm or sigkill)");
        };
        boolean isStatic = switch (parts[1]) {
            case "static" -> true;
            case "dynamic" -> false;
            default -> throw new IllegalArgumentException("unknown membership '" + parts[1] + "' (static or dynamic)");
        };
        if (parts.length == 3 && !kill) {
            throw new IllegalArgumentException("scenario '" + text + "': fence needs sigkill (a clean stop leaves no transaction open)");
        }
        return new RestartScenario(kill, isStatic, parts.length == 3);
    }

    /**
     * The application settings of this scenario. The application skips static membership when the
     * settings choose a group protocol themselves, so naming the (default) classic protocol gives
     * dynamic membership with everything else equal; session.timeout.ms stays at its default.
     */
    List<String> settings() {
        return staticMembership ? List.of() : List.of("streams.group.protocol=classic");
    }

    /** Short label for tables. */
    public String label() {
        return (kill ? "SIGKILL" : "SIGTERM") + ", " + (staticMembership ? "static" : "dynamic")
                + (fence ? ", fenced" : "");
    }
}
