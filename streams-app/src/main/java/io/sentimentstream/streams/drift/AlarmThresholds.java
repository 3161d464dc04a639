package io.sentimentstream.streams.drift;

/**
 * When alarms are raised (settings {@code alarm.*}). An alarm judges only windows with enough
 * data: drift alarms need {@code minReviews} reviews in the window, accuracy and calibration
 * alarms {@code minLabelled} labelled ones.
 *
 * @param psi             population stability index above which a drift alarm is raised
 * @param positiveRateGap largest tolerated difference of the positive rate to the reference's
 * @param minReviews      fewest reviews a window needs for drift alarms
 * @param accuracyMin     accuracy under which the accuracy alarm is raised
 * @param eceMax          expected calibration error above which the calibration alarm is raised
 * @param minLabelled     fewest labelled reviews a window needs for accuracy and calibration alarms
 */
public record AlarmThresholds(double psi, double positiveRateGap, int minReviews, double accuracyMin, double eceMax,
                              int minLabelled) {

    /** The defaults of the settings. */
    public static final AlarmThresholds DEFAULTS = new AlarmThresholds(0.25, 0.2, 100, 0.8, 0.15, 100);
}
