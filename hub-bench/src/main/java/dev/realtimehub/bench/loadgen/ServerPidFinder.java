package dev.realtimehub.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the process listening on a TCP port by asking {@code ss -ltnpH} (iproute2); root, or the same user as the
 * server, sees the owning process.
 *
 * <p>Stateless and thread-safe.
 */
final class ServerPidFinder {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private ServerPidFinder() {
    }

    /** The pid of the process listening on {@code port}, if {@code ss} can tell. */
    static Optional<Long> listeningOn(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(5, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return Optional.empty();
            }
            return parse(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first {@code pid=N} in {@code ss} output. */
    static Optional<Long> parse(String ssOutput) {
        Matcher m = PID.matcher(ssOutput);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
