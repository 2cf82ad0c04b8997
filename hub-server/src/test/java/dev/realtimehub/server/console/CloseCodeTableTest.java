package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.CloseCode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The close-code table exists in Java ({@link CloseCode}) and, for the browser, in the client's close-codes.js (its
 * table and the JSDoc type that the generated ws-manager.d.ts declares it with) and docs/API.md: every copy has the same
 * codes, names and reconnect policies.
 */
class CloseCodeTableTest {

    /** The source of truth of the browser client's table; the build copies it into /js/ws-manager.js and the modules. */
    private static final Path CLIENT = Path.of("../clients/js/src/close-codes.js");
    private static final Path API_MD = Path.of("../docs/API.md");

    /** One row of a close-code table: the name and the browser's reconnect policy. */
    private record Entry(String name, String reconnect) {
    }

    /** What the browser client does for each of the server's reconnect advices. */
    private static String browserPolicy(CloseCode.Reconnect reconnect) {
        return switch (reconnect) {
            case NEVER -> "none";
            case BACKOFF -> "backoff";
            case JITTERED -> "drain";
            // the browser client calls getToken() before every connect, so a new token is a reconnect at once
            case AT_ONCE, NEW_TOKEN -> "now";
        };
    }

    /** Every {@code public static final CloseCode} constant, by code. */
    private static Map<Integer, Entry> javaTable() throws IllegalAccessException {
        Map<Integer, Entry> table = new TreeMap<>();
        for (Field field : CloseCode.class.getFields()) {
            if (field.getType() == CloseCode.class && Modifier.isStatic(field.getModifiers())) {
                CloseCode code = (CloseCode) field.get(null);
                assertThat(table.put(code.code(), new Entry(code.name(), browserPolicy(code.reconnect()))))
                        .as("code %d declared twice", code.code()).isNull();
            }
        }
        return table;
    }

    /**
     * Parses the table between {@code start} and {@code end} in {@code file}: every row must match {@code row} (code,
     * name, reconnect), so a row this test cannot read fails it instead of being left out.
     */
    private static Map<Integer, Entry> scriptTable(Path file, String start, String end, Pattern row)
            throws IOException {
        String text = Files.readString(file);
        int from = text.indexOf(start);
        assertThat(from).as("%s declares %s", file, start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as("%s ends the table with %s", file, end).isPositive();
        String body = text.substring(from + start.length(), to);
        Map<Integer, Entry> table = new TreeMap<>();
        Matcher matcher = row.matcher(body);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            rest.append(body, last, matcher.start());
            last = matcher.end();
            assertThat(table.put(Integer.parseInt(matcher.group(1)), new Entry(matcher.group(2), matcher.group(3))))
                    .as("code %s listed twice in %s", matcher.group(1), file).isNull();
        }
        rest.append(body.substring(last));
        assertThat(rest.toString().replaceAll("//[^\n]*", "")).as("rows of %s that are not code: {name, reconnect}",
                file).isBlank();
        return table;
    }

    @Test
    void theBrowserClientHasEveryCloseCodeWithTheSameNameAndReconnectPolicy() throws Exception {
        Map<Integer, Entry> java = javaTable();
        Map<Integer, Entry> browser = scriptTable(CLIENT, "const CLOSE_CODES = Object.freeze({", "});",
                Pattern.compile("(\\d+): \\{ name: '([^']*)', reconnect: '([^']*)' },?"));

        assertThat(java).as("CloseCode's constants").hasSizeGreaterThanOrEqualTo(9);
        assertThat(browser).as("CLOSE_CODES of close-codes.js").containsExactlyEntriesOf(java);
    }

    /** tsc copies this JSDoc type into the generated declarations (a node test of the build checks that it does). */
    @Test
    void theTypeDeclarationsDeclareTheSameTable() throws Exception {
        Map<Integer, Entry> declared = scriptTable(CLIENT, "@type {Readonly<{", "\n * }>}",
                Pattern.compile("\\*\\s+(\\d+): \\{ readonly name: '([^']*)'; readonly reconnect: '([^']*)' };"));

        assertThat(declared).as("the JSDoc type of CLOSE_CODES in close-codes.js").containsExactlyEntriesOf(javaTable());
    }

    @Test
    void apiMdListsEveryCloseCode() throws Exception {
        String doc = Files.readString(API_MD);
        int section = doc.indexOf("### Close codes");
        assertThat(section).as("docs/API.md has a Close codes section").isNotNegative();
        String table = doc.substring(section, doc.indexOf("\n\n", doc.indexOf("| code |", section)));

        for (int code : javaTable().keySet()) {
            assertThat(table).as("docs/API.md lists close code %d", code).contains("\n| " + code + " |");
        }
    }
}
