package dev.realtimehub.server.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The user-facing Markdown files (README.md and docs/*.md), read from the repository next to this module. */
final class DocFiles {

    private static final Path ROOT = Path.of("..");

    private DocFiles() {
    }

    /** README.md first, then docs/*.md by name. */
    static List<Path> markdown() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** One file of the repository, e.g. {@code docs/API.md}. */
    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /** The file's lines. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text. */
    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a file is named in a failure: {@code docs/GUIDE.md}. */
    static String name(Path file) {
        return ROOT.relativize(file).toString();
    }
}
