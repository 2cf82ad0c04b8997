package dev.realtimehub.transport.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hub's HTTP routes: exact paths first, then the longest matching prefix. Immutable once built; thread-safe. */
public final class HttpRoutes {

    private final Map<String, HttpEndpoint> exact;
    private final List<Map.Entry<String, HttpEndpoint>> prefixes;

    private HttpRoutes(Builder builder) {
        this.exact = Map.copyOf(builder.exact);
        List<Map.Entry<String, HttpEndpoint>> sorted = new ArrayList<>(builder.prefixes.entrySet());
        sorted.sort((a, b) -> b.getKey().length() - a.getKey().length());
        this.prefixes = List.copyOf(sorted);
    }

    /** Starts an empty route table. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint for {@code path}, or null. */
    public HttpEndpoint find(String path) {
        HttpEndpoint endpoint = exact.get(path);
        if (endpoint != null) {
            return endpoint;
        }
        for (Map.Entry<String, HttpEndpoint> prefix : prefixes) {
            if (path.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** Builds {@link HttpRoutes}; not thread-safe. */
    public static final class Builder {
        private final Map<String, HttpEndpoint> exact = new LinkedHashMap<>();
        private final Map<String, HttpEndpoint> prefixes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Routes exactly {@code path} to {@code endpoint}. */
        public Builder exact(String path, HttpEndpoint endpoint) {
            exact.put(path, endpoint);
            return this;
        }

        /** Routes every path starting with {@code prefix} to {@code endpoint}. */
        public Builder prefix(String prefix, HttpEndpoint endpoint) {
            prefixes.put(prefix, endpoint);
            return this;
        }

        /** The immutable route table. */
        public HttpRoutes build() {
            return new HttpRoutes(this);
        }
    }
}
