package io.sentimentstream.streams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.ReviewEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The micro-batch buffer's compact binary form: length-prefixed UTF-8 strings and raw token ids,
 * so that nothing is escaped (a text of control characters is not six times its size in the
 * changelog) and the size of an entry is a sum of its parts that {@link #maxBytes} can bound.
 * Entries written by earlier versions as JSON (they start with <code>{</code>) are still read.
 *
 * <pre>
 * version:1  key:bytes  timestamp:long  receivedAt:long  id:string  label:byte(0 none,1 neg,2 pos)
 * text:string  encodedBy:string  tokens:int[]  carried:bytes(JSON object, empty for none)
 * sourceTopic:string  sourcePartition:int  sourceOffset:long
 * </pre>
 * where bytes, string and int[] are an int length ({@code -1} for null) and their contents.
 */
final class BufferedReviewSerde implements Serde<BufferedReview> {

    private static final byte VERSION = 1;
    private static final int INT = 4;
    private static final int LONG = 8;

    /**
     * The largest entry for a review within the given sizes.
     *
     * @param keyBytes      largest key
     * @param idChars       longest id
     * @param textChars     longest kept text
     * @param modelChars    longest {@code name@version}
     * @param tokens        most token ids
     * @param carriedBytes  largest carried fields
     * @param topicChars    longest topic name (topic names are ASCII)
     */
    static long maxBytes(int keyBytes, int idChars, int textChars, int modelChars, int tokens, int carriedBytes,
                         int topicChars) {
        // A Java char is at most 3 UTF-8 bytes (a surrogate pair: 2 chars, 4 bytes).
        return 1 + (INT + keyBytes) + LONG + LONG + (INT + 3L * idChars) + 1 + (INT + 3L * textChars)
                + (INT + 3L * modelChars) + (INT + (long) INT * tokens) + (INT + carriedBytes)
                + (INT + topicChars) + INT + LONG;
    }

    @Override
    public Serializer<BufferedReview> serializer() {
        return (topic, entry) -> entry == null ? null : write(entry);
    }

    @Override
    public Deserializer<BufferedReview> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return bytes.length > 0 && bytes[0] == '{'
                        ? EventJson.mapper().readValue(bytes, BufferedReview.class)
                        : read(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read a buffered review from " + topic, e);
            }
        };
    }

    static byte[] write(BufferedReview entry) {
        PendingReview review = entry.review();
        ReviewEvent event = review.event();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + event.text().length());
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            writeBytes(out, entry.key());
            out.writeLong(entry.timestampMs());
            out.writeLong(review.receivedAtMs());
            writeString(out, event.id());
            out.writeByte(event.label() == null ? 0 : event.label() == Sentiment.NEG ? 1 : 2);
            writeString(out, event.text());
            writeString(out, review.encodedBy());
            out.writeInt(review.encoded().length);
            out.write(tokenBytes(review.encoded()));
            writeBytes(out, event.carried().isEmpty() ? new byte[0] : event.carriedJson());
            writeString(out, review.source().topic());
            out.writeInt(review.source().partition());
            out.writeLong(review.source().offset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static BufferedReview read(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown buffer entry version " + version);
            }
            byte[] key = readBytes(in, bytes.length);
            long timestamp = in.readLong();
            long receivedAt = in.readLong();
            String id = readString(in, bytes.length);
            byte label = in.readByte();
            String text = readString(in, bytes.length);
            String encodedBy = readString(in, bytes.length);
            int[] tokens = new int[checkedLength(in.readInt(), bytes.length / INT)];
            byte[] tokenBytes = new byte[tokens.length * INT];
            in.readFully(tokenBytes);
            ByteBuffer.wrap(tokenBytes).asIntBuffer().get(tokens);
            byte[] carriedJson = readBytes(in, bytes.length);
            Map<String, JsonNode> carried = new LinkedHashMap<>();
            if (carriedJson != null && carriedJson.length > 0) {
                EventJson.mapper().readTree(carriedJson).fields()
                        .forEachRemaining(field -> carried.put(field.getKey(), field.getValue()));
            }
            SourcePosition source = new SourcePosition(readString(in, bytes.length), in.readInt(), in.readLong());
            Sentiment sentiment = label == 0 ? null : label == 1 ? Sentiment.NEG : Sentiment.POS;
            ReviewEvent event = new ReviewEvent(id, text, sentiment, carried);
            return new BufferedReview(key, timestamp, new PendingReview(event, tokens, encodedBy, receivedAt, source));
        }
    }

    /**
     * The token ids as big-endian bytes in one array, the layout {@code writeInt} gives. The data
     * streams' {@code writeInt}/{@code readInt} per id make four synchronised calls on the byte-array
     * stream each: 10 % of the stream thread for 400 ids into and out of the store.
     */
    private static byte[] tokenBytes(int[] ids) {
        ByteBuffer bytes = ByteBuffer.allocate(ids.length * INT);
        bytes.asIntBuffer().put(ids);
        return bytes.array();
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readBytes(DataInputStream in, int available) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[checkedLength(length, available)];
        in.readFully(bytes);
        return bytes;
    }

    private static String readString(DataInputStream in, int available) throws IOException {
        byte[] bytes = readBytes(in, available);
        if (bytes == null) {
            throw new IOException("a required string is missing");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A declared length is checked against the entry's size before anything is allocated. */
    private static int checkedLength(int length, int available) throws IOException {
        if (length < 0 || length > available) {
            throw new IOException("corrupt buffer entry: length " + length + " in " + available + " bytes");
        }
        return length;
    }
}
