/**
 * The model registry on Kafka: one compacted topic ({@link io.sentimentstream.registry.RegistryTopic})
 * holds every published model bundle (in chunks, with its metadata) and the assignment of the
 * champion. {@link io.sentimentstream.registry.ModelRegistry} publishes, lists, promotes, rolls back,
 * deletes and fetches; {@link io.sentimentstream.registry.RegistryWatcher} follows the topic for a
 * running application. Depends on {@code core} and {@code kafka-clients} only.
 */
package io.sentimentstream.registry;
