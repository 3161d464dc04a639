/**
 * Alarms on the rolling metrics: drift of the scored reviews from the model's reference profile,
 * and accuracy and calibration where labels are known. Raised and cleared on the alerts topic,
 * shown as Prometheus gauges and as {@code degraded} in {@code /health}.
 */
package io.sentimentstream.streams.drift;
