package io.sentimentstream.core.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained network as plain data: its {@link NetworkLayout} and its raw tensors (row-major
 * float32, named and shaped as {@link NetworkLayout#tensorShapes()} says). This is what a format-3
 * bundle stores and what the Java engine reads; no DL4J is needed to hold or score it.
 *
 * @param layout  the architecture
 * @param tensors every tensor of the layout, by name, each of exactly its shape's size
 */
public record LstmNetwork(NetworkLayout layout, Map<String, float[]> tensors) {

    /** Checks that the layout is supported and every tensor is present with the right size. */
    public LstmNetwork {
        Objects.requireNonNull(layout, "layout");
        String problem = layout.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Map<String, long[]> shapes = layout.tensorShapes();
        if (!shapes.keySet().equals(tensors.keySet())) {
            throw new IllegalArgumentException("tensors " + tensors.keySet() + " do not match the layout's "
                    + shapes.keySet());
        }
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> shape : shapes.entrySet()) {
            float[] values = tensors.get(shape.getKey());
            long expected = Arrays.stream(shape.getValue()).reduce(1, Math::multiplyExact);
            if (values.length != expected) {
                throw new IllegalArgumentException("tensor " + shape.getKey() + " has " + values.length
                        + " values, its shape " + Arrays.toString(shape.getValue()) + " needs " + expected);
            }
            ordered.put(shape.getKey(), values);
        }
        tensors = java.util.Collections.unmodifiableMap(ordered);
    }

    /** One tensor's values (shared, not copied: do not modify). */
    public float[] tensor(String name) {
        float[] values = tensors.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return values;
    }

    /** Whether both networks have the same layout and bit-identical tensors. */
    public boolean sameAs(LstmNetwork other) {
        if (!layout.equals(other.layout)) {
            return false;
        }
        for (String name : tensors.keySet()) {
            if (!Arrays.equals(tensors.get(name), other.tensors.get(name))) {
                return false;
            }
        }
        return true;
    }
}
