package dev.realtimehub.transport.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a WebSocket handshake's {@code Origin} may connect (against cross-site WebSocket hijacking): the hub's
 * own origin, any configured origin ({@code *} allows all), and clients that send no {@code Origin} (not browsers).
 *
 * <p>Immutable and thread-safe.
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).toList();
        this.any = allowedOrigins.contains("*");
    }

    /**
     * @param origin the {@code Origin} header, or null
     * @param host the {@code Host} header of the request, or null
     */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            String originHostPort = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            String hostHeader = host.trim().toLowerCase(Locale.ROOT);
            String hostWithPort = hostHeader.matches(".*:\\d+$") && !hostHeader.endsWith("]")
                    ? hostHeader : hostHeader + ":" + port;
            return originHostPort.equals(hostWithPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
