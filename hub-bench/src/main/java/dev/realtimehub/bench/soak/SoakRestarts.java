package dev.realtimehub.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the restart times bench/soak.sh writes: one line per restart in {@code restarts.txt}, its SIGTERM time first
 * (epoch milliseconds; the node index and its old pid follow), and one line per restart in {@code restarts-up.txt}
 * beside it, the time the node answered {@code /health} again. Stateless.
 */
final class SoakRestarts {

    private SoakRestarts() {
    }

    /**
     * The restarts as {SIGTERM, healthy again} in seconds since {@code startMillis}, in file order (healthy again
     * {@code NaN} if the run ended first); none when {@code file} is null or absent.
     */
    static double[][] read(Path file, long startMillis) throws IOException {
        if (file == null || !Files.exists(file)) {
            return new double[0][];
        }
        double[] down = firstNumbers(file, startMillis);
        Path upFile = file.resolveSibling(file.getFileName().toString().replace(".txt", "-up.txt"));
        double[] up = Files.exists(upFile) ? firstNumbers(upFile, startMillis) : new double[0];
        double[][] restarts = new double[down.length][];
        for (int i = 0; i < down.length; i++) {
            restarts[i] = new double[] {down[i], i < up.length ? up[i] : Double.NaN};
        }
        return restarts;
    }

    private static double[] firstNumbers(Path file, long startMillis) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                .mapToDouble(l -> (Long.parseLong(l.split("\\s+")[0]) - startMillis) / 1000.0).toArray();
    }
}
