package io.sentimentstream.streams.dashboard;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * This instance's consumer lag on the input topic: the sum over its partitions of the main
 * consumers' {@code records-lag} (records between the position and the end of the partition),
 * as the Kafka client measures it at each fetch.
 */
final class ConsumerLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String PER_PARTITION_LAG = "records-lag";

    private ConsumerLag() {
    }

    /** The lag on {@code topic}, or {@code null} while no consumer of this instance has measured one. */
    static Long of(Map<MetricName, ? extends Metric> metrics, String topic) {
        long sum = 0;
        boolean measured = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            // Restore consumers read changelogs, not the input: their lag says nothing about keeping up.
            if (name.name().equals(PER_PARTITION_LAG) && name.group().equals(GROUP)
                    && topic.equals(name.tags().get("topic"))
                    && !name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
                    && entry.getValue().metricValue() instanceof Number lag && !Double.isNaN(lag.doubleValue())) {
                sum += lag.longValue();
                measured = true;
            }
        }
        return measured ? sum : null;
    }
}
