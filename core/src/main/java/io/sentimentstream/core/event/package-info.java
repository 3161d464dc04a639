/**
 * The events the streaming application reads and writes, shared with producer and consumer tools:
 * {@link io.sentimentstream.core.event.ReviewEvent} (topic {@code reviews}),
 * {@link io.sentimentstream.core.event.ScoredReview} ({@code reviews-scored}),
 * {@link io.sentimentstream.core.event.MetricsSnapshot} ({@code sentiment-metrics}) and the
 * header names of dead letters ({@link io.sentimentstream.core.event.DeadLetterHeaders},
 * {@code reviews-dlq}). All are UTF-8 JSON; field names are snake_case.
 */
package io.sentimentstream.core.event;
