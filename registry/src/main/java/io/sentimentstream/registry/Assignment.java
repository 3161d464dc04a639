package io.sentimentstream.registry;

import io.sentimentstream.core.event.ModelRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Which published versions serve: the champion scores every review; the challenger (optional) is
 * for a side-by-side evaluation. {@code previous} lists earlier champions, newest last, so that a
 * roll-back returns to the one before.
 *
 * @param champion   the version every instance serves, or {@code null} before the first promotion
 * @param challenger a version to evaluate beside the champion, or {@code null}
 * @param previous   earlier champions, oldest first (at most {@value #KEPT_PREVIOUS})
 * @param updatedAt  ISO-8601 instant of the change
 * @param updatedBy  who made it
 */
public record Assignment(ModelRef champion, ModelRef challenger, List<ModelRef> previous, String updatedAt,
                         String updatedBy) {

    /** Earlier champions remembered for roll-back. */
    public static final int KEPT_PREVIOUS = 20;

    /** No champion yet. */
    public static final Assignment NONE = new Assignment(null, null, List.of(), null, null);

    /** Copies the history. */
    public Assignment {
        previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** {@code version} as champion, the current champion remembered for roll-back. */
    Assignment promote(ModelRef version, String at, String by) {
        List<ModelRef> history = new ArrayList<>(previous);
        if (champion != null) {
            history.add(champion);
        }
        while (history.size() > KEPT_PREVIOUS) {
            history.remove(0);
        }
        return new Assignment(version, version.equals(challenger) ? null : challenger, history, at, by);
    }

    /** {@code version} as challenger. */
    Assignment challenge(ModelRef version, String at, String by) {
        return new Assignment(champion, version, previous, at, by);
    }

    /** The same champion and history, and no challenger. */
    Assignment withoutChallenger(String at, String by) {
        return new Assignment(champion, null, previous, at, by);
    }

    /** The champion restored from {@code previous} index {@code index}; later entries are dropped. */
    Assignment rollBackTo(int index, String at, String by) {
        return new Assignment(previous.get(index), challenger, previous.subList(0, index), at, by);
    }
}
