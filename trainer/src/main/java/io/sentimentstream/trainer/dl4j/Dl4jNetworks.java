package io.sentimentstream.trainer.dl4j;

import io.sentimentstream.core.model.LstmNetwork;
import io.sentimentstream.core.model.NetworkLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Between DL4J's {@link ComputationGraph} and the bundle's plain {@link LstmNetwork}: the
 * trainer's network goes into a bundle as data ({@link #toData}), a bundle's data becomes a DL4J
 * network again for the reference engine ({@link #toGraph}), and a format-2 bundle's
 * {@code network.zip} is restored through DL4J ({@link #fromArchive}).
 */
public final class Dl4jNetworks {

    private Dl4jNetworks() {
    }

    /**
     * Whether {@code network} has exactly the shape format 3 describes (embedding without bias,
     * LSTM or bidirectional LSTM concatenated, tanh and sigmoid gates, max and mean pooling,
     * two-way softmax).
     */
    public static boolean supports(ComputationGraph network) {
        try {
            layer(network, "embedding", EmbeddingSequenceLayer.class);
            org.deeplearning4j.nn.conf.layers.Layer lstm = network.getLayer("lstm").conf().getLayer();
            LSTM inner = lstm instanceof Bidirectional b ? (LSTM) b.getFwd() : (LSTM) lstm;
            if (lstm instanceof Bidirectional b && b.getMode() != Bidirectional.Mode.CONCAT) {
                return false;
            }
            boolean gates = inner.getActivationFn() instanceof ActivationTanH
                    && inner.getGateActivationFn() instanceof ActivationSigmoid;
            boolean pools = layer(network, "maxPool", GlobalPoolingLayer.class).getPoolingType() == PoolingType.MAX
                    && layer(network, "meanPool", GlobalPoolingLayer.class).getPoolingType() == PoolingType.AVG;
            OutputLayer output = layer(network, SentimentNetworkFactory.OUTPUT, OutputLayer.class);
            boolean hasEmbeddingBias = network.getLayer("embedding").paramTable().containsKey("b");
            return gates && pools && output.getActivationFn() instanceof ActivationSoftmax
                    && output.getNOut() == 2 && !hasEmbeddingBias
                    && network.getConfiguration().getVertices().size() == 6;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The network's layout and a copy of its weights, as a bundle stores them. */
    public static LstmNetwork toData(ComputationGraph network) {
        if (!supports(network)) {
            throw new IllegalArgumentException("the network's shape is not the one bundle format 3 describes");
        }
        INDArray embedding = network.getLayer("embedding").getParam("W");
        Layer lstm = network.getLayer("lstm");
        boolean bidirectional = lstm.conf().getLayer() instanceof Bidirectional;
        NetworkLayout layout = NetworkLayout.of((int) embedding.size(0), (int) embedding.size(1),
                (int) lstm.getParam(prefix(bidirectional, false) + "RW").size(0), bidirectional);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put(NetworkLayout.EMBEDDING, floats(embedding));
        for (int d = 0; d < layout.directions(); d++) {
            boolean backward = d == 1;
            for (String param : new String[] {"W", "RW", "b"}) {
                tensors.put(NetworkLayout.lstm(backward, param), floats(lstm.getParam(prefix(bidirectional, backward) + param)));
            }
        }
        Layer output = network.getLayer(SentimentNetworkFactory.OUTPUT);
        tensors.put(NetworkLayout.OUTPUT_W, floats(output.getParam("W")));
        tensors.put(NetworkLayout.OUTPUT_B, floats(output.getParam("b")));
        return new LstmNetwork(layout, tensors);
    }

    /** A DL4J network computing what {@code data} describes (for inference: no dropout, a fixed seed). */
    public static ComputationGraph toGraph(LstmNetwork data) {
        NetworkLayout layout = data.layout();
        ComputationGraph network = SentimentNetworkFactory.create(new NetworkArchitecture(layout.vocabularySize(),
                layout.embeddingSize(), layout.lstmUnits(), layout.bidirectional(), 0.0, 1e-3, 0.0, 0.0, 0L));
        assign(network.getLayer("embedding").getParam("W"), data.tensor(NetworkLayout.EMBEDDING));
        Layer lstm = network.getLayer("lstm");
        for (int d = 0; d < layout.directions(); d++) {
            boolean backward = d == 1;
            for (String param : new String[] {"W", "RW", "b"}) {
                assign(lstm.getParam(prefix(layout.bidirectional(), backward) + param),
                        data.tensor(NetworkLayout.lstm(backward, param)));
            }
        }
        Layer output = network.getLayer(SentimentNetworkFactory.OUTPUT);
        assign(output.getParam("W"), data.tensor(NetworkLayout.OUTPUT_W));
        assign(output.getParam("b"), data.tensor(NetworkLayout.OUTPUT_B));
        return network;
    }

    /**
     * The network of a format 1-2 bundle's {@code network.zip}, restored by DL4J. The archive has
     * been checked by the bundle reader to hold only the configuration and the coefficients (no
     * {@code preprocessor.bin}, which DL4J would read with Java deserialization).
     */
    public static LstmNetwork fromArchive(byte[] archive) throws IOException {
        ComputationGraph network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(archive), false);
        return toData(network);
    }

    private static String prefix(boolean bidirectional, boolean backward) {
        return bidirectional ? (backward ? "b" : "f") : "";
    }

    private static float[] floats(INDArray array) {
        return array.dup('c').data().asFloat();
    }

    private static void assign(INDArray param, float[] values) {
        if (param.length() != values.length) {
            throw new IllegalArgumentException("parameter of " + param.length() + " values, tensor of " + values.length);
        }
        param.assign(Nd4j.create(values, param.shape(), 'c').castTo(param.dataType()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T layer(ComputationGraph network, String name, Class<T> type) {
        Object conf = network.getLayer(name).conf().getLayer();
        if (!type.isInstance(conf)) {
            throw new IllegalArgumentException(name + " is not a " + type.getSimpleName());
        }
        return (T) conf;
    }
}
