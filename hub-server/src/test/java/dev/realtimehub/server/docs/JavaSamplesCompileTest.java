package dev.realtimehub.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles as printed, against this module's test classpath
 * (the hub, SLF4J, Jackson and the JDK).
 *
 * <p>How a block is compiled: a block that declares a type (a line starting with {@code class}, {@code record},
 * {@code interface} or {@code enum}, possibly after {@code public}/{@code final}/{@code abstract}) is one source file
 * as it stands. Any other block is a fragment: its leading {@code import} lines stay at the top, and everything after
 * them becomes the body of a method {@code void run() throws Exception} of a class of its own. Nothing is imported for a
 * block: a sample that uses a type without importing it does not compile here, as it would not in a reader's editor.
 */
class JavaSamplesCompileTest {

    private static final Pattern TYPE = Pattern.compile(
            "^(?:(?:public|final|abstract)\\s+)*(?:class|record|interface|enum)\\s+\\w+", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?[\\w.]+(?:\\.\\*)?\\s*;\\s*$");

    @TempDir
    Path classes;

    /** A {@code ```java} block: where it is and its lines. */
    private record Block(Path file, int fenceLine, List<String> lines) {
        String where() {
            return DocFiles.name(file) + ":" + fenceLine;
        }
    }

    /** Generated source and, for each of its lines, the line of the Markdown file it came from (0: generated). */
    private record Source(String className, String text, int[] docLines) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSampleCompilesAsPrinted() {
        List<Block> blocks = new ArrayList<>();
        for (Path file : DocFiles.markdown()) {
            blocks.addAll(blocks(file));
        }
        assertThat(blocks).as("java samples in README.md and docs/*.md").isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> compile(block)));
    }

    private static List<Block> blocks(Path file) {
        List<String> lines = DocFiles.lines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int fence = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            blocks.add(new Block(file, fence + 1, body));
        }
        return blocks;
    }

    private static Source source(Block block) {
        String text = String.join("\n", block.lines());
        int first = block.fenceLine() + 1;
        if (TYPE.matcher(text).find()) {
            int[] docLines = new int[block.lines().size() + 1];
            for (int i = 0; i < block.lines().size(); i++) {
                docLines[i + 1] = first + i;
            }
            return new Source(publicType(text), text, docLines);
        }
        List<String> out = new ArrayList<>();
        List<Integer> docLines = new ArrayList<>();
        docLines.add(0); // javac counts lines from 1
        int i = 0;
        List<String> lines = block.lines();
        while (i < lines.size() && (lines.get(i).isBlank() || IMPORT.matcher(lines.get(i)).matches())) {
            out.add(lines.get(i));
            docLines.add(first + i);
            i++;
        }
        out.add("class Sample {");
        docLines.add(0);
        out.add("void run() throws Exception {");
        docLines.add(0);
        for (; i < lines.size(); i++) {
            out.add(lines.get(i));
            docLines.add(first + i);
        }
        out.add("}}");
        docLines.add(0);
        return new Source("Sample", String.join("\n", out), docLines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A public type must be in a file of its name; a block without one compiles as Sample.java. */
    private static String publicType(String text) {
        Matcher matcher = PUBLIC_TYPE.matcher(text);
        return matcher.find() ? matcher.group(1) : "Sample";
    }

    private void compile(Block block) throws IOException {
        Source source = source(block);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + source.className() + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.text();
            }
        };
        Path out = Files.createDirectories(classes.resolve(block.where().replaceAll("[^A-Za-z0-9]", "_")));
        List<String> options = List.of("-classpath", classpath(), "-d", out.toString(), "-proc:none", "-implicit:none");
        boolean ok = compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            int line = (int) d.getLineNumber();
            int docLine = line > 0 && line < source.docLines().length ? source.docLines()[line] : 0;
            errors.add(DocFiles.name(block.file()) + " line " + (docLine > 0 ? docLine : "?") + " (the ```java block from"
                    + " line " + block.fenceLine() + "): " + d.getMessage(Locale.ROOT));
        }
        assertThat(errors).as("compiler errors").isEmpty();
        assertThat(ok).as("compiled " + block.where()).isTrue();
    }

    /** Surefire may put the test classpath in a manifest-only jar; it keeps the real one in this property. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
