package dev.realtimehub.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The short fuzzing run of the default build: a few hundred inputs per target, made by mutating the target's corpus —
 * the files Jazzer replays in regression mode and extends in fuzzing mode, kept in the repository under
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/} — with byte flips, inserted tokens of the hub's
 * protocols, deletions, duplications, splices and truncations, plus some purely random inputs.
 *
 * <p>How many: {@code -Dfuzz.tries=N} (default 200). Which: {@code -Dfuzz.seed=S} (default: a fixed seed, so the default
 * build is repeatable; the long run in {@code bench/fuzz.sh} takes a new one each time; the seed is printed in every
 * failure so the run can be repeated). A failing input is saved under {@code target/fuzz-findings/} and named
 * in the failure; copied into the corpus directory it becomes a regression test that Jazzer's {@code @FuzzTest} replays
 * in every build. The long, coverage-guided run is Jazzer's fuzzing mode ({@code bench/run.sh fuzz}).
 */
public final class FuzzTries {

    /** The seed of the default build's run: the same mutants every build, so a build fails only for a change. */
    static final long DEFAULT_SEED = 20_261_204L;

    /** Tokens the hub's parsers branch on: JSON, the protocol's fields, YAML and HTTP odds and ends. */
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "\\ud800", "null",
        "true", "false", "-1", "0", "1e999", "9223372036854775808", "-0.0", "\"action\"", "\"subscribe\"",
        "\"unsubscribe\"", "\"ping\"", "\"topic\"", "\"since\"", "\"epoch\"", "\"type\"", "\"event\"", "\"fields\"",
        "\"throttle\"", "\"fuzz\"", "\"rules\"", "\"seq\"", "\"id\"", "\"target\"", "\"user\"", "\r\n", "\n  ", "- ", "&a",
        "*a", "!!binary", "---", "~", "#", "%", "\u00e9", "\ud83d\ude00", "\uffff", "\u0000", "=", "${", "0x7fffffff"};
    private static final Path FINDINGS = Path.of("target", "fuzz-findings");

    private FuzzTries() {
    }

    /** A fuzz target: one input, failing with an {@link AssertionError} (or any exception) on a finding. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    /** Runs {@code target} on the tries made from {@code testClass}'s corpus for {@code method}. */
    public static void run(Class<?> testClass, String method, Target target) {
        run(testClass, method, 1, target);
    }

    /** As {@link #run(Class, String, Target)} with a {@code 1/share} of the tries, for a target slow per input. */
    public static void run(Class<?> testClass, String method, int share, Target target) {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int tries = Math.max(1, Integer.getInteger("fuzz.tries", 200) / share);
        List<byte[]> corpus = corpus(testClass, method);
        if (corpus.isEmpty()) {
            throw new IllegalStateException("no corpus for " + testClass.getSimpleName() + "#" + method + " in "
                    + corpusDirectory(testClass, method));
        }
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            byte[] input = mutant(random, corpus);
            try {
                target.accept(input);
            } catch (Exception | AssertionError e) {
                Path saved = save(testClass, method, input);
                throw new AssertionError("fuzz finding in " + testClass.getSimpleName() + "#" + method + " (try " + i
                        + " of -Dfuzz.seed=" + seed + ", input saved as " + saved + "; copy it into "
                        + corpusDirectory(testClass, method) + " to keep it as a regression test): "
                        + preview(input) + "\n" + e, e);
            }
        }
    }

    /** The corpus directory Jazzer's regression mode replays: {@code <package>/<Class>Inputs/<method>}. */
    public static Path corpusDirectory(Class<?> testClass, String method) {
        return Path.of("src", "test", "resources", testClass.getPackageName().replace('.', '/'),
                testClass.getSimpleName() + "Inputs", method);
    }

    private static List<byte[]> corpus(Class<?> testClass, String method) {
        Path directory = corpusDirectory(testClass, method);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                inputs.add(Files.readAllBytes(file));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] mutant(Random random, List<byte[]> corpus) {
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] input = corpus.get(random.nextInt(corpus.size()));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            input = mutate(random, input, corpus);
        }
        return input;
    }

    private static byte[] mutate(Random random, byte[] input, List<byte[]> corpus) {
        int at = input.length == 0 ? 0 : random.nextInt(input.length + 1);
        switch (random.nextInt(7)) {
            case 0 -> { // flip bits of one byte
                if (input.length > 0) {
                    byte[] out = input.clone();
                    out[Math.min(at, out.length - 1)] ^= (byte) (1 << random.nextInt(8));
                    return out;
                }
                return new byte[] {(byte) random.nextInt(256)};
            }
            case 1 -> { // insert a token
                return insert(input, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> { // insert random bytes
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                return insert(input, at, noise);
            }
            case 3 -> { // delete a range
                int length = Math.min(input.length - at, 1 + random.nextInt(16));
                byte[] out = new byte[input.length - Math.max(length, 0)];
                System.arraycopy(input, 0, out, 0, at);
                System.arraycopy(input, at + Math.max(length, 0), out, at, out.length - at);
                return out;
            }
            case 4 -> { // duplicate a range, sometimes many times (depth, size)
                int length = Math.min(input.length - at, 1 + random.nextInt(32));
                byte[] piece = Arrays.copyOfRange(input, at, at + Math.max(length, 0));
                byte[] out = input;
                int times = random.nextInt(10) == 0 ? 50 + random.nextInt(500) : 1;
                for (int i = 0; i < times && out.length < 200_000; i++) {
                    out = insert(out, at, piece);
                }
                return out;
            }
            case 5 -> { // splice with another corpus entry
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(input, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            default -> { // truncate
                return Arrays.copyOf(input, at);
            }
        }
    }

    private static byte[] insert(byte[] input, int at, byte[] piece) {
        byte[] out = new byte[input.length + piece.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(input, at, out, at + piece.length, input.length - at);
        return out;
    }

    private static Path save(Class<?> testClass, String method, byte[] input) {
        try {
            Path directory = FINDINGS.resolve(testClass.getSimpleName()).resolve(method);
            Files.createDirectories(directory);
            Path file = directory.resolve("finding-" + Integer.toHexString(Arrays.hashCode(input)));
            Files.write(file, input);
            return file;
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    /** The input as text when it is mostly printable, else as hex; long ones shortened. */
    public static String preview(byte[] input) {
        byte[] head = input.length > 300 ? Arrays.copyOf(input, 300) : input;
        long printable = new String(head, StandardCharsets.ISO_8859_1).chars().filter(c -> c >= 0x20 && c < 0x7F).count();
        String shown = printable > head.length * 0.8 ? "'" + new String(head, StandardCharsets.UTF_8) + "'"
                : "hex " + HexFormat.of().formatHex(head);
        return shown + (input.length > head.length ? "… (" + input.length + " bytes)" : "");
    }
}
