package io.sentimentstream.trainer.train;

/**
 * A review after preprocessing: its token ids (already truncated) and its class index.
 *
 * @param ids   token ids, at most the configured maximum length
 * @param label 0 for negative, 1 for positive
 */
public record EncodedExample(int[] ids, int label) {
}
