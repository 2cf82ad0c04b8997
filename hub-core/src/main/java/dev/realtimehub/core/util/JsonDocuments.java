package dev.realtimehub.core.util;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads exactly one JSON document with the hub's bounded mapper and says what is wrong with input that is not one in the
 * hub's own words: a publisher reads "nested deeper than 64 levels", never a Jackson class, setting or method name.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonDocuments {

    /** The mapper's own trailing-token check would word its failure as Jackson does: {@link #read} checks instead. */
    private static final ObjectReader READER =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonDocuments() {
    }

    /**
     * The one JSON document in {@code in}, or null when it holds nothing but whitespace.
     *
     * @throws InvalidJsonException when it is not one JSON document, saying why
     * @throws IOException when {@code in} cannot be read
     */
    public static JsonNode read(InputStream in) throws InvalidJsonException, IOException {
        try (JsonParser parser = READER.createParser(in)) {
            JsonNode document = READER.readTree(parser);
            if (document == null || document.isMissingNode()) {
                return null;
            }
            if (hasMore(parser)) {
                throw new InvalidJsonException("unexpected content after the first value");
            }
            return document;
        } catch (JacksonException e) {
            throw new InvalidJsonException(describe(e), e);
        }
    }

    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JacksonException e) {
            // "{…} garbage": whatever follows the first value, it is one value too many
            return true;
        }
    }

    /** What {@code e} says is wrong with the input, in the hub's words. */
    static String describe(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            // one exception type for every limit: only its message tells which (JsonDocumentsTest pins the wording)
            String message = String.valueOf(e.getOriginalMessage());
            if (message.contains("nesting depth")) {
                return "nested deeper than " + Json.MAX_NESTING_DEPTH + " levels";
            }
            if (message.startsWith("Number value length")) {
                return "a number longer than " + Json.MAX_NUMBER_LENGTH + " digits";
            }
            if (message.startsWith("String value length")) {
                return "a string longer than " + Json.MAX_STRING_LENGTH + " characters";
            }
            return "a value over the hub's size limits";
        }
        if (e instanceof JsonEOFException) {
            return "unexpected end of input";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0 && at.getColumnNr() > 0) {
            return "syntax error near line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return "syntax error";
    }
}
