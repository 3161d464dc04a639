package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JSON mapper for events. Parsing is strict (duplicate keys, trailing content and numbers
 * with leading zeros are errors) because a lenient parser would quietly score a garbled record
 * instead of sending it to the dead-letter topic; unknown properties are ignored so that newer
 * writers do not break older readers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = build(JsonFactory.builder().build());
    /** Mappers that refuse deeper input than their key, built once per depth (there are few). */
    private static final Map<Integer, ObjectMapper> BY_MAX_DEPTH = new ConcurrentHashMap<>();

    private EventJson() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A mapper like {@link #mapper()} whose parser fails, with a
     * {@link com.fasterxml.jackson.core.exc.StreamConstraintsException}, on input nested deeper
     * than {@code maxDepth}: the nesting is refused while it is read, not after a deep tree is
     * built.
     */
    public static ObjectMapper mapperWithMaxDepth(int maxDepth) {
        return BY_MAX_DEPTH.computeIfAbsent(maxDepth, depth -> build(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth).build())
                .build()));
    }

    private static ObjectMapper build(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .build();
    }
}
