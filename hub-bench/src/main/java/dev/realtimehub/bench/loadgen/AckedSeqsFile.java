package dev.realtimehub.bench.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.BitSet;

/**
 * The seqs the server acknowledged, as the publishing process hands them to the processes that only hold connections:
 * one line, the bit set's bytes in base64, written to a temporary file and moved into place so a reader never sees half
 * of it.
 *
 * <p>Stateless and thread-safe.
 */
final class AckedSeqsFile {

    private AckedSeqsFile() {
    }

    static void write(Path file, BitSet acked) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(acked.toByteArray()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acknowledged seqs to " + file, e);
        }
    }

    /** The seqs in {@code file}, or {@code null} when it does not exist (every seq is then owed). */
    static BitSet read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return BitSet.valueOf(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acknowledged seqs from " + file, e);
        }
    }
}
