package io.sentimentstream.trainer.dl4j;

/**
 * The shape and optimiser settings of the sentiment network, as built by
 * {@link SentimentNetworkFactory}.
 *
 * @param vocabularySize number of token ids, reserved ones included
 * @param embeddingSize  word embedding width
 * @param lstmSize       LSTM units per direction
 * @param bidirectional  add a backward LSTM and concatenate
 * @param dropout        dropout probability before the output layer (0 disables)
 * @param learningRate   Adam learning rate
 * @param l2             L2 weight decay
 * @param gradientClip   per-layer gradient L2 norm limit (0 disables)
 * @param seed           initialisation seed
 */
public record NetworkArchitecture(int vocabularySize, int embeddingSize, int lstmSize, boolean bidirectional,
                                  double dropout, double learningRate, double l2, double gradientClip, long seed) {

    /** Validates sizes. */
    public NetworkArchitecture {
        if (vocabularySize < 3 || embeddingSize < 1 || lstmSize < 1) {
            throw new IllegalArgumentException("vocabulary (>= 3), embedding and LSTM sizes must be positive");
        }
    }
}
