package io.sentimentstream.streams.drift;

/**
 * The state of one alarm of one model, in the alarm store.
 *
 * @param raised        whether it is raised
 * @param windowStartMs start of the newest window that decided it (older windows, e.g. a
 *                      correction of a closed one, no longer change it)
 */
public record AlarmState(boolean raised, long windowStartMs) {
}
