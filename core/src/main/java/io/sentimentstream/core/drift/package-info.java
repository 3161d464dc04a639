/**
 * Data drift and calibration: the reference distributions a bundle records from its validation
 * reviews ({@link io.sentimentstream.core.drift.ReferenceProfile}), the same statistics counted
 * live ({@link io.sentimentstream.core.drift.DriftCounts}, {@link io.sentimentstream.core.drift.Calibration})
 * and their distance ({@link io.sentimentstream.core.drift.PopulationStability}). Free of any
 * deep-learning library: only counts and the token ids a model's encoder produces.
 */
package io.sentimentstream.core.drift;
