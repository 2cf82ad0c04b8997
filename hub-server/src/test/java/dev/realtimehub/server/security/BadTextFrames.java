package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.WsProbe.text;

import dev.realtimehub.server.security.WsProbe.Case;
import dev.realtimehub.server.security.WsProbe.ErrorFrame;
import dev.realtimehub.server.security.WsProbe.Pong;
import dev.realtimehub.server.security.WsProbe.Refused;
import dev.realtimehub.server.security.WsProbe.Subscribed;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bad WebSocket text frames of protocol v1 and what the hub answers each: an {@code error} frame or a refused
 * {@code subscription}/{@code unsubscription} with the reason, the connection staying open. Generated where one rule
 * covers many inputs (every JSON type in every field, many odd topic names, many {@code since} values).
 */
final class BadTextFrames {

    static final String INVALID_JSON = "Invalid JSON format";
    static final String NOT_AN_OBJECT = "Invalid message: expected a JSON object";
    static final String INVALID_TOPIC = "Invalid topic name: must match [a-z][a-z0-9_]* (at most 64 characters)";
    static final String BAD_SINCE = "since must be a non-negative integer";
    /** The topic with {@link #RULES_EVENTS} events in history that recovery cases subscribe to. */
    static final String RULES = "rules";
    static final int RULES_EVENTS = 3;

    /** JSON values of every type that is not a string, with how {@code JsonNode.toString()} renders them. */
    private static final String[][] NON_STRINGS = {
        {"42", "42"}, {"-7", "-7"}, {"1.5", "1.5"}, {"1e3", "1000.0"}, {"true", "true"}, {"false", "false"},
        {"[]", "[]"}, {"{}", "{}"}, {"[\"ping\"]", "[\"ping\"]"}, {"{\"name\":\"ping\"}", "{\"name\":\"ping\"}"},
    };

    private BadTextFrames() {
    }

    static Stream<Case> invalidJson() {
        String[] frames = {
            "{", "}", "{\"action\":\"ping\"", "{\"action\":}", "{'action':'ping'}", "{action:\"ping\"}",
            "{\"action\":\"ping\",}", "{\"action\" \"ping\"}", "[1,2", "nul", "tru", "\"unterminated", "{,}",
            "{\"a\":1 \"b\":2}", "undefined", "{\"action\":\"ping\"]", "{\"action\":'ping'}", "{\"action\":True}",
            "{\"action\":\"ping\",\"x\":[1,,2]}", "{\"action\":\"ping\",\"n\":NaN}",
            "{\"action\":\"ping\",\"n\":Infinity}",
            "{\"action\":\"ping\",\"n\":01}", "{\"action\":\"ping\",\"n\":+1}", "{\"action\":\"ping\",\"n\":.5}",
            "{\"action\":\"ping\",\"n\":1.}", "{\"action\":\"ping\",\"n\":0x10}",
            "{\"action\":\"ping\",\"n\":1" + "0".repeat(200) + "}",
            "{\"action\":\"pi\nng\"}", "{\"action\":\"pi\u0000ng\"}", "{\"action\":\"\\x\"}", "{\"action\":\"\\u12\"}",
            "\u0000", "/* comment */ {\"action\":\"ping\"}",
            // one value and then more: not one JSON document
            "{\"action\":\"ping\"}}", "{\"action\":\"ping\"} garbage", "{\"action\":\"ping\"}{\"action\":\"ping\"}",
            "{\"action\":\"ping\"} // comment", "{\"action\":\"ping\"}\u0000", "{\"action\":\"ping\"},",
        };
        return Stream.of(frames).map(frame -> text("invalid JSON: " + shorten(frame), frame,
                new ErrorFrame(INVALID_JSON)));
    }

    static Stream<Case> notAnObject() {
        String[] frames = {
            "42", "-1", "0", "1.5", "1e400", "\"ping\"", "\"{\\\"action\\\":\\\"ping\\\"}\"", "\"\"", "true", "false",
            "null", "[]", "[{\"action\":\"ping\"}]", "", "   \n\t ",
        };
        return Stream.of(frames).map(frame -> text("not an object: " + shorten(frame), frame,
                new ErrorFrame(NOT_AN_OBJECT)));
    }

    static Stream<Case> actionOfWrongType() {
        List<Case> cases = new ArrayList<>();
        for (String frame : new String[] {"{}", "{\"action\":null}", "{\"Action\":\"ping\"}", "{\"type\":\"ping\"}",
                "{\"ACTION\":\"subscribe\",\"topic\":\"rules\"}", "{\"topic\":\"rules\"}"}) {
            cases.add(text("no action: " + frame, frame, new ErrorFrame("Missing action")));
        }
        for (String[] value : NON_STRINGS) {
            cases.add(text("action " + value[0], "{\"action\":" + value[0] + "}",
                    new ErrorFrame("Unknown action: " + value[1])));
        }
        String bigArray = "[" + "1,".repeat(20_000) + "1]";
        cases.add(text("action: an array of 20,001 numbers", "{\"action\":" + bigArray + "}",
                new ErrorFrame("Unknown action: " + bigArray.substring(0, 64) + "…")));
        return cases.stream();
    }

    static Stream<Case> unknownActions() {
        List<Case> cases = new ArrayList<>();
        // {JSON string literal content, the action as the hub reads it}
        String[][] actions = {
            {"dance", "dance"}, {"", ""}, {" ", " "}, {"PING", "PING"}, {"Ping", "Ping"}, {" ping", " ping"},
            {"ping ", "ping "}, {"publish", "publish"}, {"subscribe_all", "subscribe_all"}, {"пинг", "пинг"},
            {"🏓", "🏓"}, {"\\ud83c\\udfd3", "🏓"}, {"ping\\n", "ping\n"}, {"\\t", "\t"}, {"\\u0007", "\u0007"},
            {"ping\\u0000", "ping\u0000"}, {"\\ud800", "\ud800"}, {"\\udc00", "\udc00"},
            {"x".repeat(64), "x".repeat(64)},
        };
        for (String[] action : actions) {
            cases.add(text("unknown action '" + shorten(action[0]) + "'", "{\"action\":\"" + action[0] + "\"}",
                    new ErrorFrame("Unknown action: " + action[1])));
        }
        cases.add(text("unknown action of 65 characters", "{\"action\":\"" + "x".repeat(65) + "\"}",
                new ErrorFrame("Unknown action: " + "x".repeat(64) + "…")));
        cases.add(text("unknown action of 50,000 characters", "{\"action\":\"" + "y".repeat(50_000) + "\"}",
                new ErrorFrame("Unknown action: " + "y".repeat(64) + "…")));
        // the clip must not cut an emoji in half
        cases.add(text("unknown action clipped next to an emoji", "{\"action\":\"" + "a".repeat(63) + "😀b\"}",
                new ErrorFrame("Unknown action: " + "a".repeat(63) + "…")));
        return cases.stream();
    }

    /** Odd topic names: {JSON string content, the name as read}, all refused as invalid. */
    private static final String[][] INVALID_NAMES = {
        {"Rules", "Rules"}, {"RULES", "RULES"}, {"my-topic", "my-topic"}, {"my topic", "my topic"},
        {" rules", " rules"}, {"rules ", "rules "}, {"", ""}, {"1rules", "1rules"}, {"_rules", "_rules"},
        {"rules.x", "rules.x"}, {"rules/x", "rules/x"}, {"../etc/passwd", "../etc/passwd"}, {"..", ".."},
        {"%72ules", "%72ules"}, {"rules; DROP TABLE topics; --", "rules; DROP TABLE topics; --"},
        {"' OR '1'='1", "' OR '1'='1"}, {"<script>alert(1)</script>", "<script>alert(1)</script>"},
        {"${jndi:ldap://x/a}", "${jndi:ldap://x/a}"}, {"rules\\n", "rules\n"}, {"rules\\u0000", "rules\u0000"},
        {"règles", "règles"}, {"тема", "тема"}, {"🔥", "🔥"}, {"话题", "话题"}, {"*", "*"}, {"#", "#"},
        {"rules*", "rules*"}, {"\\t", "\t"}, {"\\udc00", "\udc00"}, {"rules\\\\", "rules\\"},
    };

    static Stream<Case> subscribeTopics() {
        List<Case> cases = new ArrayList<>();
        cases.add(text("subscribe without topic", "{\"action\":\"subscribe\"}",
                refused("subscription", null, "Missing topic")));
        cases.add(text("subscribe to topic null", "{\"action\":\"subscribe\",\"topic\":null}",
                refused("subscription", null, "Missing topic")));
        for (String[] value : NON_STRINGS) {
            cases.add(text("subscribe to topic " + value[0], "{\"action\":\"subscribe\",\"topic\":" + value[0] + "}",
                    refused("subscription", null, "topic must be a string")));
        }
        for (String[] name : INVALID_NAMES) {
            cases.add(text("subscribe to topic '" + name[0] + "'",
                    "{\"action\":\"subscribe\",\"topic\":\"" + name[0] + "\"}",
                    refused("subscription", name[1], name[1].contains(":")
                            // a name with a colon reads as a channel ns:key, refused for its namespace
                            ? "Invalid channel '" + name[1] + "': channel namespace must match [a-z][a-z0-9_]* (at"
                                    + " most 64 characters)"
                            : INVALID_TOPIC)));
        }
        cases.add(text("subscribe to a topic of 65 characters",
                "{\"action\":\"subscribe\",\"topic\":\"" + "a".repeat(65) + "\"}",
                refused("subscription", "a".repeat(64) + "…", INVALID_TOPIC)));
        cases.add(text("subscribe to a topic of 60,000 characters",
                "{\"action\":\"subscribe\",\"topic\":\"" + "b".repeat(60_000) + "\"}",
                refused("subscription", "b".repeat(64) + "…", INVALID_TOPIC)));
        for (String unknown : new String[] {"nope", "a".repeat(64), "stats2", "rules_", "z", "witness_x"}) {
            cases.add(text("subscribe to unknown topic " + shorten(unknown),
                    "{\"action\":\"subscribe\",\"topic\":\"" + unknown + "\"}",
                    refused("subscription", unknown, "Unknown topic: " + unknown)));
        }
        return cases.stream();
    }

    static Stream<Case> unsubscribeTopics() {
        List<Case> cases = new ArrayList<>();
        cases.add(text("unsubscribe without topic", "{\"action\":\"unsubscribe\"}",
                refused("unsubscription", null, "Missing topic")));
        cases.add(text("unsubscribe from topic null", "{\"action\":\"unsubscribe\",\"topic\":null}",
                refused("unsubscription", null, "Missing topic")));
        for (String value : new String[] {"42", "true", "[]", "{}"}) {
            cases.add(text("unsubscribe from topic " + value, "{\"action\":\"unsubscribe\",\"topic\":" + value + "}",
                    refused("unsubscription", null, "topic must be a string")));
        }
        for (String name : new String[] {"Rules", "my-topic", "", "🔥", "../x"}) {
            cases.add(text("unsubscribe from topic '" + name + "'",
                    "{\"action\":\"unsubscribe\",\"topic\":\"" + name + "\"}",
                    refused("unsubscription", name, INVALID_TOPIC)));
        }
        cases.add(text("unsubscribe from a topic of 65 characters",
                "{\"action\":\"unsubscribe\",\"topic\":\"" + "a".repeat(65) + "\"}",
                refused("unsubscription", "a".repeat(64) + "…", INVALID_TOPIC)));
        cases.add(text("unsubscribe from unknown topic", "{\"action\":\"unsubscribe\",\"topic\":\"nope\"}",
                refused("unsubscription", "nope", "Unknown topic: nope")));
        return cases.stream();
    }

    static Stream<Case> sinceValues() {
        List<Case> cases = new ArrayList<>();
        String[] refusedValues = {
            "-1", "-9223372036854775808", "1.5", "-0.5", "\"5\"", "\"\"", "true", "false", "[]", "[1]", "{}",
            "9223372036854775808", "18446744073709551616", "1e30", "-1e30", "1e400", "99999999999999999999999",
            "0.000001",
        };
        for (String since : refusedValues) {
            cases.add(text("since " + since, subscribeRules(since, null), refused("subscription", RULES, BAD_SINCE)));
        }
        cases.add(text("since null: no recovery", subscribeRules("null", null), new Subscribed(RULES, null)));
        // {since, whether history reaches back that far}
        String[][] accepted = {
            {"0", "true"}, {"-0", "true"}, {"1.0", "true"}, {"1e0", "true"}, {String.valueOf(RULES_EVENTS), "true"},
            {String.valueOf(RULES_EVENTS + 1), "false"}, {"1000000", "false"}, {"9223372036854775807", "false"},
        };
        for (String[] since : accepted) {
            cases.add(text("since " + since[0], subscribeRules(since[0], null),
                    new Subscribed(RULES, Boolean.valueOf(since[1]))));
        }
        return cases.stream();
    }

    static Stream<Case> epochValues() {
        List<Case> cases = new ArrayList<>();
        for (String epoch : new String[] {"42", "1.5", "true", "[]", "{}", "[\"x\"]"}) {
            cases.add(text("epoch " + epoch, subscribeRules("0", epoch),
                    refused("subscription", RULES, "epoch must be a string")));
        }
        cases.add(text("epoch 42 without since", "{\"action\":\"subscribe\",\"topic\":\"rules\",\"epoch\":42}",
                refused("subscription", RULES, "epoch must be a string")));
        String hugeEpoch = "\"" + "e".repeat(60_000) + "\"";
        for (String epoch : new String[] {"\"\"", "\"not-the-epoch\"", hugeEpoch, "\"\\u0000\""}) {
            cases.add(text("epoch " + shorten(epoch), subscribeRules("0", epoch), new Subscribed(RULES, false)));
        }
        cases.add(text("epoch null: taken on trust", subscribeRules("0", "null"), new Subscribed(RULES, true)));
        cases.add(text("epoch without since: ignored",
                "{\"action\":\"subscribe\",\"topic\":\"rules\",\"epoch\":\"zz\"}",
                new Subscribed(RULES, null)));
        return cases.stream();
    }

    static Stream<Case> depthAndSize() {
        String ping = "{\"action\":\"ping\",\"x\":";
        return Stream.of(
                text("nesting depth 64", ping + "[".repeat(63) + "]".repeat(63) + "}", new Pong()),
                text("nesting depth 65", ping + "[".repeat(64) + "]".repeat(64) + "}", new ErrorFrame(INVALID_JSON)),
                text("objects nested 65 deep", ping + "{\"a\":".repeat(64) + "1" + "}".repeat(64) + "}",
                        new ErrorFrame(INVALID_JSON)),
                text("nesting depth 1000", ping + "[".repeat(999) + "]".repeat(999) + "}",
                        new ErrorFrame(INVALID_JSON)),
                text("60,000 open brackets", "[".repeat(60_000), new ErrorFrame(INVALID_JSON)),
                text("a 60,000-character string", ping + "\"" + "x".repeat(60_000) + "\"}", new Pong()),
                text("30,000 two-byte characters", ping + "\"" + "é".repeat(30_000) + "\"}", new Pong()),
                text("15,000 emoji", ping + "\"" + "😀".repeat(15_000) + "\"}", new Pong()),
                text("10,000 escaped characters", ping + "\"" + "\\u0041".repeat(10_000) + "\"}", new Pong()),
                text("4,000 keys", "{\"action\":\"ping\"" + keys(4_000) + "}", new Pong()),
                text("an array of 20,000 numbers", ping + "[" + "7,".repeat(20_000) + "7]}", new Pong()),
                text("a message of exactly 64 KiB", padTo(64 * 1024), new Pong()));
    }

    static Stream<Case> oddEncodings() {
        return Stream.of(
                text("duplicate action key: the last one counts", "{\"action\":\"dance\",\"action\":\"ping\"}",
                        new Pong()),
                text("duplicate topic key: the last one counts",
                        "{\"action\":\"subscribe\",\"topic\":\"nope\",\"topic\":\"rules\"}",
                        new Subscribed(RULES, null)),
                text("a byte order mark before the object", "\uFEFF{\"action\":\"ping\"}",
                        new ErrorFrame(INVALID_JSON)),
                text("an escaped NUL in a value", "{\"action\":\"ping\",\"x\":\"\\u0000\"}", new Pong()),
                text("an escaped NUL as a key", "{\"action\":\"ping\",\"\\u0000\":1}", new Pong()),
                text("a lone high surrogate in a value", "{\"action\":\"ping\",\"x\":\"\\ud800\"}", new Pong()),
                text("a lone low surrogate in a value", "{\"action\":\"ping\",\"x\":\"\\udfff\"}", new Pong()),
                text("a reversed surrogate pair as the action", "{\"action\":\"\\udc00\\ud800\"}",
                        new ErrorFrame("Unknown action: \udc00\ud800")));
    }

    private static Refused refused(String type, String topic, String error) {
        return new Refused(type, topic, error);
    }

    private static String subscribeRules(String since, String epoch) {
        return "{\"action\":\"subscribe\",\"topic\":\"rules\",\"since\":" + since
                + (epoch == null ? "" : ",\"epoch\":" + epoch) + "}";
    }

    private static String keys(int count) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < count; i++) {
            keys.append(",\"k").append(i).append("\":").append(i);
        }
        return keys.toString();
    }

    /** A ping of exactly {@code bytes} UTF-8 bytes. */
    private static String padTo(int bytes) {
        String head = "{\"action\":\"ping\",\"pad\":\"";
        String tail = "\"}";
        return head + "p".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static String shorten(String value) {
        String printable = value.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…(" + value.length() + " chars)";
    }
}
