package io.sentimentstream.core.data;

/**
 * One review as read from a dataset.
 *
 * @param id     identifier (from the file, or generated from the line number)
 * @param text   the raw review text
 * @param label  the known sentiment, or {@code null} for unlabelled reviews
 * @param rating the star rating when the source gives one, else {@code null}
 */
public record Review(String id, String text, Sentiment label, Integer rating) {

    /** Whether the true sentiment is known. */
    public boolean isLabelled() {
        return label != null;
    }
}
