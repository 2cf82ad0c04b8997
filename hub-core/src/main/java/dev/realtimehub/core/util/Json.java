package dev.realtimehub.core.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The hub's one Jackson setup: a shared mapper with bounded input (nesting depth, string and number sizes) that reads
 * exactly one JSON document — anything after it is an error, not silently ignored.
 */
public final class Json {

    /** Deepest JSON nesting accepted from clients and publishers. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Most digits (with sign, point and exponent) in one JSON number. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Most characters in one JSON string. */
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // "{…} garbage" or "{…}{…}" is not one JSON document: Jackson would read the first value and drop the rest
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A function that writes one JSON document with a generator. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the document. */
        void write(JsonGenerator generator) throws IOException;
    }

    /** Encodes what {@code writer} writes as UTF-8 bytes. */
    public static byte[] encode(Writer writer) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON encoding failed", e);
        }
        byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }
}
