package dev.realtimehub.spring;

/**
 * A {@code realtime-hub.*} property the hub refuses: an unknown key, a wrong type or a bad value. The message is the
 * hub's own, naming the property: {@code realtime-hub.port: expected 0..65535 but was 70000}.
 */
public final class RealtimeHubPropertiesException extends IllegalStateException {

    RealtimeHubPropertiesException(String message, Throwable cause) {
        super(message, cause);
    }
}
