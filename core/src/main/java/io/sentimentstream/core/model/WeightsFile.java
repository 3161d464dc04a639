package io.sentimentstream.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code weights.bin} entry of a format-3 bundle: named float32 tensors in the
 * <a href="https://github.com/huggingface/safetensors">safetensors</a> layout, so other runtimes
 * read it with an existing library:
 *
 * <pre>
 * u64 little-endian  N, the header's length in bytes
 * N bytes            UTF-8 JSON: {"name": {"dtype": "F32", "shape": [d0, d1], "data_offsets": [begin, end]}, ...,
 *                                 "__metadata__": {"format": "sentiment-stream-weights/1"}}
 * the data           each tensor row-major little-endian float32 at [begin, end) from here
 * </pre>
 *
 * <p>Reading trusts nothing: the header length is capped, every tensor must be one the layout
 * names with exactly its shape, the offsets must tile the data without gap or overlap and match
 * {@code 4 x product(shape)}, and the data must be exactly as long as the header says. All of that
 * is checked before a single float array is allocated.
 */
final class WeightsFile {

    static final String FORMAT = "sentiment-stream-weights/1";
    /** The header of the largest network is a few hundred bytes. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WeightsFile() {
    }

    /** The tensors, in the order given, as one weights entry. */
    static byte[] write(Map<String, float[]> tensors, Map<String, long[]> shapes) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, float[]> tensor : tensors.entrySet()) {
            ObjectNode info = header.putObject(tensor.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (long d : shapes.get(tensor.getKey())) {
                shape.add(d);
            }
            long end = offset + 4L * tensor.getValue().length;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        header.putObject("__metadata__").put("format", FORMAT);
        byte[] headerBytes;
        try {
            headerBytes = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // safetensors pads the header with spaces so that the data starts 8-byte aligned.
        int padded = (headerBytes.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(headerBytes);
        for (int i = headerBytes.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (float[] values : tensors.values()) {
            out.asFloatBuffer().put(values);
            out.position(out.position() + 4 * values.length);
        }
        return out.array();
    }

    /**
     * The tensors of {@code bytes}, which must be exactly {@code expected} (names and shapes).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Map<String, float[]> read(byte[] bytes, Map<String, long[]> expected) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("weights: " + bytes.length + " bytes, too short for the header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("weights: header length " + headerLength + " is out of range (2 to "
                    + Math.min(MAX_HEADER_BYTES, bytes.length - 8) + " for this entry)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("weights: the header is not valid JSON", e);
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException("weights: the header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            long[] shape = expected.get(name);
            if (shape == null) {
                throw new IllegalArgumentException("weights: unexpected tensor '" + abbreviate(name) + "' (expected "
                        + expected.keySet() + ")");
            }
            ranges.put(name, range(name, field.getValue(), shape, dataLength));
        }
        for (String name : expected.keySet()) {
            if (!ranges.containsKey(name)) {
                throw new IllegalArgumentException("weights: tensor " + name + " is missing");
            }
        }
        long[][] sorted = ranges.values().toArray(long[][]::new);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long next = 0;
        for (long[] r : sorted) {
            if (r[0] != next) {
                throw new IllegalArgumentException("weights: tensor data overlaps or leaves a gap at byte " + next);
            }
            next = r[1];
        }
        if (next != dataLength) {
            throw new IllegalArgumentException("weights: the tensors cover " + next + " bytes but " + dataLength
                    + " follow the header (truncated or padded)");
        }
        // Everything checked: only now is memory allocated, and never more than the entry's own size.
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            long[] r = ranges.get(name);
            float[] values = new float[(int) ((r[1] - r[0]) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (dataStart + r[0]), 4 * values.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(values);
            tensors.put(name, values);
        }
        return tensors;
    }

    private static long[] range(String name, JsonNode info, long[] shape, long dataLength) {
        if (!info.isObject() || !"F32".equals(info.path("dtype").asText())) {
            throw new IllegalArgumentException("weights: tensor " + name + " is not described as dtype F32");
        }
        JsonNode declared = info.path("shape");
        if (!declared.isArray() || declared.size() != shape.length) {
            throw new IllegalArgumentException("weights: tensor " + name + " declares shape " + abbreviate(declared.toString())
                    + ", the layout needs " + Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (!declared.get(i).canConvertToLong() || declared.get(i).asLong() != shape[i]) {
                throw new IllegalArgumentException("weights: tensor " + name + " declares shape "
                        + abbreviate(declared.toString()) + ", the layout needs " + Arrays.toString(shape));
            }
        }
        JsonNode offsets = info.path("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong()) {
            throw new IllegalArgumentException("weights: tensor " + name + " has no valid data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long size = 4L * Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (begin < 0 || end < begin || end > dataLength || end - begin != size) {
            throw new IllegalArgumentException("weights: tensor " + name + " declares bytes [" + begin + ", " + end
                    + ") but its shape needs " + size + " and " + dataLength + " bytes of data are present");
        }
        return new long[] {begin, end};
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
