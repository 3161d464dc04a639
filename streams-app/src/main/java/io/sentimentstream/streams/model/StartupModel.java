package io.sentimentstream.streams.model;

import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryException;
import io.sentimentstream.registry.RegistrySnapshot;
import io.sentimentstream.streams.config.StreamsAppConfig;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model an instance starts with. With the registry followed, its champion wins when there is
 * one and it loads; else (no champion, or a champion that fails to load: reported, and not retried
 * until something new is published) the bundle of {@code model.path}.
 *
 * @param model   the model
 * @param origin  where it came from
 * @param failure the registry champion that failed to load at start-up, or {@code null}
 * @param failedPublishId that champion's publication, or {@code null}
 */
public record StartupModel(SentimentModel model, ModelStatus.Origin origin, ModelStatus.Failure failure,
                           String failedPublishId) {

    private static final Logger LOG = LoggerFactory.getLogger(StartupModel.class);

    /** Start-up cannot go on; the message is the one line to print. */
    public static final class FailedException extends Exception {
        private static final long serialVersionUID = 1L;

        FailedException(String message) {
            super(message);
        }
    }

    /** A model loaded from {@code model.path} by the caller. */
    public static StartupModel ofFile(SentimentModel model) {
        return new StartupModel(model, ModelStatus.Origin.FILE, null, null);
    }

    /**
     * Chooses and loads the model to start with.
     *
     * @throws FailedException when no model can be loaded (a missing or bad {@code model.path}
     *                         without a registry champion, an unreadable registry)
     */
    public static StartupModel choose(StreamsAppConfig config) throws FailedException {
        if (!config.modelRegistry().enabled()) {
            return ofFile(fromFile(config));
        }
        ModelStatus.Failure failure = null;
        String failedPublishId = null;
        try (RegistryModels models = new RegistryModels(config)) {
            RegistrySnapshot snapshot = models.registry().snapshot();
            snapshot.problems().forEach(problem -> LOG.warn("model registry: {}", problem));
            Optional<PublishedVersion> champion = snapshot.champion();
            if (champion.isPresent()) {
                try {
                    SentimentModel model = models.load(champion.get(), null);
                    LOG.info("starting with the registry's champion {}", champion.get().ref());
                    return new StartupModel(model, ModelStatus.Origin.REGISTRY, null, null);
                } catch (RegistryException e) {
                    LOG.error("the registry's champion {} cannot serve ({}); starting with model.path {}",
                            champion.get().ref(), e.getMessage(), config.modelPath());
                    failure = new ModelStatus.Failure(champion.get().ref(), e.getMessage(), Instant.now());
                    failedPublishId = champion.get().publishId();
                }
            } else {
                LOG.info("the model registry {} has no champion yet; starting with model.path {}",
                        config.modelRegistry().topic(), config.modelPath());
            }
        } catch (RegistryException e) {
            throw new FailedException("cannot read the model registry: " + e.getMessage());
        }
        return new StartupModel(fromFile(config), ModelStatus.Origin.FILE, failure, failedPublishId);
    }

    private static SentimentModel fromFile(StreamsAppConfig config) throws FailedException {
        if (!Files.isRegularFile(config.modelPath())) {
            throw new FailedException("model bundle not found: " + config.modelPath().toAbsolutePath()
                    + " (set model.path or SENTIMENT_MODEL)");
        }
        try {
            return SentimentModel.load(config.modelPath(), config.modelEngine());
        } catch (InvalidModelBundleException | IllegalArgumentException e) {
            throw new FailedException("cannot load the model bundle " + config.modelPath().toAbsolutePath() + ": "
                    + e.getMessage());
        }
    }
}
