package dev.realtimehub.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a client's own checks (the Python client's unittest suite, the npm package's package-check.mjs) as a
 * separate process against a hub: its output (stdout and stderr together, also printed), whether it ended in time, and
 * its exit code.
 *
 * @param ended whether the process ended within its time limit (it is killed otherwise)
 * @param exitCode its exit code (-1 when it did not end)
 * @param output everything it printed
 */
record ClientRun(boolean ended, int exitCode, String output) {

    /** The repository's root, where clients/ lives (hub-app's failsafe configuration sets {@code repo.root}). */
    static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts {@code command} (its error stream merged into its output) and waits for it at most {@code limit}. */
    static ClientRun of(ProcessBuilder command, Duration limit) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String text = output.get(10, TimeUnit.SECONDS);
        System.out.println(text);
        return new ClientRun(ended, ended ? process.exitValue() : -1, text);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read the output: " + e + ")";
        }
    }
}
