package dev.realtimehub.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One JSON document read, anything else described in the hub's words (which also pins Jackson's limit messages). */
class JsonDocumentsTest {

    private static JsonNode read(String text) throws Exception {
        return JsonDocuments.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String expand(String text) {
        return text.replace("DEEP65", "[".repeat(65) + "]".repeat(65))
                .replace("DEEP64", "[".repeat(64) + "]".repeat(64))
                .replace("DIGITS101", "1".repeat(101))
                .replace("DIGITS100", "1".repeat(100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", " [1, 2] \n", "\"x\"", "DEEP64", "DIGITS100", "{\"a\":[{\"b\":null}]}"})
    void oneDocumentIsRead(String text) throws Exception {
        assertThat(read(expand(text))).isNotNull();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "  \r\n\t "})
    void nothingButWhitespaceIsNull(String text) throws Exception {
        assertThat(read(text)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {} x                  | unexpected content after the first value
            {}{}                  | unexpected content after the first value
            [1]]                  | unexpected content after the first value
            1 2                   | unexpected content after the first value
            DEEP65                | nested deeper than 64 levels
            {"a":DEEP65}          | nested deeper than 64 levels
            DIGITS101             | a number longer than 100 digits
            [-DIGITS101]          | a number longer than 100 digits
            {"a":                 | unexpected end of input
            "abc                  | unexpected end of input
            {"a": nope}           | syntax error near line 1, column 7
            {'a':1}               | syntax error near line 1, column 2
            [NaN]                 | syntax error near line 1, column 5
            [1,]                  | syntax error near line 1, column 4
            """)
    void anythingElseIsDescribedInTheHubsWords(String text, String reason) {
        assertThatThrownBy(() -> read(expand(text))).isInstanceOf(InvalidJsonException.class).hasMessage(reason);
    }
}
