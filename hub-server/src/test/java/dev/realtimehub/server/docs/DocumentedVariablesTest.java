package dev.realtimehub.server.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.realtimehub.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code HUB_NAME=value} the docs show is accepted by the hub: the variables of one line are loaded together, as
 * a reader would set them, next to a token secret (a line with {@code HUB_AUTH_ANONYMOUS=false} relies on one being set
 * elsewhere). A value written {@code …} is a placeholder and is skipped.
 */
class DocumentedVariablesTest {

    private static final Pattern ASSIGNMENT = Pattern.compile("\\b(HUB_[A-Z0-9_]+)=([^\\s`\"')]+)");
    private static final String SECRET = "a-documentation-test-secret-of-32+bytes";

    @TestFactory
    Stream<DynamicTest> everyVariableTheDocsSetIsAccepted() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : DocFiles.markdown()) {
            List<String> lines = DocFiles.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Map<String, String> env = new LinkedHashMap<>();
                Matcher matcher = ASSIGNMENT.matcher(lines.get(i));
                while (matcher.find()) {
                    String value = matcher.group(2).replaceAll("[,.;:]+$", "");
                    if (!value.contains("…") && !value.contains("...")) {
                        env.put(matcher.group(1), value);
                    }
                }
                if (!env.isEmpty()) {
                    String where = DocFiles.name(file) + " line " + (i + 1);
                    tests.add(DynamicTest.dynamicTest(where, () -> load(where, env)));
                }
            }
        }
        assertThat(tests).as("HUB_ variables set in the docs").isNotEmpty();
        return tests.stream();
    }

    private static void load(String where, Map<String, String> documented) {
        Map<String, String> env = new HashMap<>(documented);
        env.putIfAbsent("HUB_AUTH_JWT_HMAC_SECRET", SECRET);
        assertThatCode(() -> ConfigLoader.load(null, env, Map.of())).as(where + ": " + documented)
                .doesNotThrowAnyException();
    }
}
