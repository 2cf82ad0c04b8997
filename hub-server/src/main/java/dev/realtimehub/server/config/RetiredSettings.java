package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.delivery.FanOutBudget;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys that no longer apply, still accepted so that existing config files keep working: each is ignored with one
 * warning that names what replaced it.
 *
 * <p>Stateless and thread-safe.
 */
final class RetiredSettings {

    private static final Logger LOG = LoggerFactory.getLogger(RetiredSettings.class);

    /** Retired key → why, and what to set instead. */
    private static final Map<String, String> RETIRED = Map.of(
            FanOutBudget.RETIRED_MAX_QUEUED_FRAMES, "fan-out pressure is measured in bytes now; set "
                    + FanOutBudget.MAX_QUEUED_BYTES.key() + " (default " + FanOutBudget.MAX_QUEUED_BYTES.defaultValue()
                    + ") instead");

    private RetiredSettings() {
    }

    /** Whether {@code key} is retired. */
    static boolean isRetired(String key) {
        return RETIRED.containsKey(key);
    }

    /** The key whose environment variable is {@code name}, if it is a retired one; otherwise null. */
    static String keyOfEnv(String name) {
        for (String key : RETIRED.keySet()) {
            if (Setting.envName(key).equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** What the warning for {@code key} (set from {@code origin}) says. */
    static String warning(String key, String origin) {
        return origin + ": no longer applies and is ignored: " + RETIRED.get(key);
    }

    /** Logs the warning for {@code key}, set from {@code origin} (the key, a variable or a flag). */
    static void warn(String key, String origin) {
        LOG.warn(warning(key, origin));
    }
}
