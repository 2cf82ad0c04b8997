package dev.realtimehub.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML config file into dotted keys ({@code heartbeat: {interval-ms: 5}} becomes {@code heartbeat.interval-ms}).
 *
 * <p>A file with nothing but comments is an empty config. A syntax error is reported with its line and column; a key
 * given twice (twice in one mapping, or once nested and once dotted) is refused rather than letting the later one win
 * silently. Stateless and thread-safe.
 */
final class YamlConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlConfigFile() {
    }

    /** The file's settings by dotted key, in file order. */
    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("cannot read config file " + file + ": no such readable file");
        }
        Object tree;
        try (JsonParser parser = YAML.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() == null) {
                return new LinkedHashMap<>(); // empty, or only comments
            }
            tree = YAML.readValue(parser, Object.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + where(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (tree == null) {
            return flat; // an explicit empty document ("---" or "~")
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ConfigException("config file " + file + ": expected a mapping of keys at the top level");
        }
        flatten(file, "", map, flat);
        return flat;
    }

    private static void flatten(Path file, String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(file, key + ".", nested, out);
            } else if (out.containsKey(key)) {
                throw new ConfigException("config file " + file + ": " + key + " is given twice (nested and dotted);"
                        + " keep one");
            } else {
                out.put(key, entry.getValue());
            }
        }
    }

    /**
     * {@code " line 3, column 5: what is wrong"}. SnakeYAML's problem mark is where the parser gave up, which Jackson's own
     * location is not always; the context (an unclosed bracket or quote) says where the construct began.
     */
    private static String where(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String problem = position(yaml.getProblemMark());
            String text = " " + problem + ": " + yaml.getProblem();
            Mark context = yaml.getContextMark();
            if (yaml.getContext() != null && context != null && !position(context).equals(problem)) {
                text += " (" + yaml.getContext() + " from " + position(context) + ")";
            }
            return text;
        }
        JsonLocation location = e.getLocation();
        String problem = firstLine(e.getOriginalMessage());
        return location == null || location.getLineNr() < 1 ? ": " + problem
                : " line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + problem;
    }

    /** SnakeYAML counts from 0; editors count from 1. */
    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
