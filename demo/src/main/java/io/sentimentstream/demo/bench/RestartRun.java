package io.sentimentstream.demo.bench;

/**
 * One restart, in seconds. All but {@code stopSeconds} count from the restart: the launch of the
 * new process (for a fenced scenario, the fence just before it). {@link Double#NaN}: not reached
 * within the timeout, or (abort) no transaction was left open.
 *
 * @param stopSeconds        from the stop signal to the old process's exit
 * @param liveSeconds        to the operations port answering /health/live 200 (JVM, model, broker check)
 * @param readySeconds       to /health/ready 200: Kafka Streams RUNNING (group joined, tasks restored)
 * @param firstResultSeconds to the first result, visible to a read_committed consumer, of a review
 *                           produced after the old process ended
 * @param abortSeconds       to the end (abort) of the transactions the old process left open
 */
public record RestartRun(double stopSeconds, double liveSeconds, double readySeconds, double firstResultSeconds,
                         double abortSeconds) {
}
