package dev.realtimehub.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the restart times bench/soak.sh writes: one line per restart, its SIGTERM time first (epoch milliseconds),
 * anything after a space ignored (the node index). Stateless.
 */
final class SoakRestarts {

    private SoakRestarts() {
    }

    /** The restarts as seconds since {@code startMillis}, in file order; none when {@code file} is null or absent. */
    static double[] read(Path file, long startMillis) throws IOException {
        if (file == null || !Files.exists(file)) {
            return new double[0];
        }
        return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                .mapToDouble(l -> (Long.parseLong(l.split("\\s+")[0]) - startMillis) / 1000.0).toArray();
    }
}
