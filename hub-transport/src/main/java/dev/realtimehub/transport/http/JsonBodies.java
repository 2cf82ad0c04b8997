package dev.realtimehub.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.InvalidJsonException;
import dev.realtimehub.core.util.JsonDocuments;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;

/** Reads an HTTP request body as JSON with the hub's bounded parser; the failure message is safe to answer with. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A body that is not JSON; the message says why ("Invalid JSON: …" or "Unreadable body"). */
    public static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;

        BadBody(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The body as a JSON tree, or null for an empty body. */
    public static JsonNode read(FullHttpRequest request) throws BadBody {
        try {
            return JsonDocuments.read(new ByteBufInputStream(request.content()));
        } catch (InvalidJsonException e) {
            throw new BadBody("Invalid JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadBody("Unreadable body", e);
        }
    }
}
