package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.HttpProbe.answer;
import static dev.realtimehub.server.security.HttpProbe.error;
import static dev.realtimehub.server.security.HttpProbe.errorStartingWith;
import static dev.realtimehub.server.security.HttpProbe.of;
import static dev.realtimehub.server.security.HttpProbe.request;

import dev.realtimehub.server.security.HttpProbe.Case;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bad bodies for {@code POST /api/publish}, {@code POST /api/events} and {@code /api/connections/disconnect}, and
 * unknown paths and methods on every endpoint. Every publish here names the topic {@value #TOPIC}, and every event an
 * {@code ALERT_} name the bus routes there, so a bad request that slipped through would show as a seq there.
 */
final class BadHttpBodies {

    /** The topic every bad publish names; it must stay empty. */
    static final String TOPIC = "alerts";
    static final String PUBLISH = "/api/publish";
    static final String EVENTS = "/api/events";
    private static final String EVENT_OK = "{\"event\":\"ALERT_X\"}";
    private static final String NAME_RULE = "must be an event name ([A-Z][A-Z0-9_]*, at most 128 characters)";
    private static final String OK = "{\"topic\":\"alerts\",\"type\":\"x\"}";
    private static final String DISCONNECT_SHAPE =
            "Expected {\"user_id\":\"…\"} or {\"client_id\":\"…\"}: exactly one, a non-empty string";
    /** JSON values that are not non-empty strings, with how the hub names their kind. */
    private static final String[][] NOT_TEXT = {
        {"5", "a number"}, {"1.5", "a number"}, {"true", "a boolean"}, {"[]", "an array"}, {"[\"alerts\"]", "an array"},
        {"{}", "an object"}, {"\"\"", "a string"}, {"\"   \"", "a string"},
    };

    private BadHttpBodies() {
    }

    static Stream<Case> publishBodies() {
        List<Case> cases = new ArrayList<>();
        String[] invalidJson = {
            "{", "{\"topic\":", "not json", "{'topic':'alerts','type':'x'}", "{\"topic\":\"alerts\",\"type\":\"x\",}",
            OK + " garbage", "[" + OK + "]]", OK + OK, "{\"topic\":\"alerts\",\"type\":\"x\",\"n\":NaN}",
            "{\"topic\":\"alerts\",\"type\":\"x\",\"deep\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
            "{\"topic\":\"alerts\",\"type\":\"x\",\"n\":1" + "0".repeat(200) + "}",
        };
        for (String body : invalidJson) {
            cases.add(publish("invalid JSON: " + BadTextFrames.shorten(body), body,
                    errorStartingWith(400, "Invalid JSON: ")));
        }
        for (String hex : new String[] {"ff", "e9", "c0af", "eda0", "f8888080"}) {
            byte[] body = BadFrames.concat(BadFrames.bytes("{\"topic\":\"alerts\",\"type\":\""),
                    HexFormat.of().parseHex(hex), BadFrames.bytes("\"}"));
            cases.add(of("publish with invalid UTF-8 " + hex, request("POST", PUBLISH, body),
                    errorStartingWith(400, "Invalid JSON: ")));
        }
        cases.add(publish("an empty body", "", error(400, "Empty body: expected an event object or an array of them")));
        cases.add(publish("a body of whitespace", " \r\n\t ",
                error(400, "Empty body: expected an event object or an array of them")));
        String[][] notObjects = {{"null", "null"}, {"true", "a boolean"}, {"\"x\"", "a string"}, {"-3", "a number"}};
        for (String[] body : notObjects) {
            cases.add(publish("a body of " + body[0], body[0],
                    error(400, "Expected an event object but got " + body[1])));
        }
        cases.add(publish("an empty array", "[]", error(400, "Empty array: expected at least one event")));
        for (String field : new String[] {"topic", "type"}) {
            String other = field.equals("topic") ? "\"type\":\"x\"" : "\"topic\":\"alerts\"";
            for (String[] value : NOT_TEXT) {
                cases.add(publish(field + " " + value[0], "{" + other + ",\"" + field + "\":" + value[0] + "}",
                        error(400, "Field '" + field + "' must be a non-empty string but was " + value[1])));
            }
            cases.add(publish(field + " null", "{" + other + ",\"" + field + "\":null}",
                    error(400, "Missing field '" + field + "'")));
            cases.add(publish("no " + field, "{" + other + "}", error(400, "Missing field '" + field + "'")));
        }
        for (String topic : new String[] {"nope", "ALERTS", "alerts ", "../alerts"}) {
            cases.add(publish("topic '" + topic + "'", "{\"topic\":\"" + topic + "\",\"type\":\"x\"}",
                    error(400, "Unknown topic: " + topic)));
        }
        cases.add(publish("a topic of 100 characters", "{\"topic\":\"" + "t".repeat(100) + "\",\"type\":\"x\"}",
                error(400, "Unknown topic: " + "t".repeat(64) + "…")));
        for (String[] value : new String[][] {{"\"yes\"", "a string"}, {"1", "a number"}, {"[]", "an array"},
                {"{}", "an object"}}) {
            cases.add(publish("throttle " + value[0], "{\"topic\":\"alerts\",\"type\":\"x\",\"throttle\":"
                    + value[0] + "}", error(400, "Field 'throttle' must be true, false or null but was " + value[1])));
        }
        for (String field : new String[] {"seq", "timestamp"}) {
            cases.add(publish("a published " + field, "{\"topic\":\"alerts\",\"type\":\"x\",\"" + field + "\":1}",
                    error(400, "Field '" + field + "' is assigned by the hub and cannot be published")));
        }
        String[][] badElements = {
            {"[1]", "Event 0: Expected an event object but got a number"},
            {"[null]", "Event 0: Expected an event object but got null"},
            {"[[]]", "Event 0: Expected an event object but got an array"},
            {"[\"x\"]", "Event 0: Expected an event object but got a string"},
            {"[" + OK + ",{}]", "Event 1: Missing field 'topic'"},
            {"[" + OK + ",{\"topic\":\"alerts\"}]", "Event 1: Missing field 'type'"},
            {"[" + OK + "," + OK + ",{\"topic\":\"alerts\",\"type\":\"x\",\"seq\":1}]",
                "Event 2: Field 'seq' is assigned by the hub and cannot be published"},
            {"[" + OK + ",{\"topic\":\"nope\",\"type\":\"x\"}]", "Event 1: Unknown topic: nope"},
        };
        for (String[] body : badElements) {
            cases.add(publish("an array " + BadTextFrames.shorten(body[0]), body[0], error(400, body[1])));
        }
        cases.add(publish("10,001 events", "[" + (OK + ",").repeat(10_000) + OK + "]",
                error(400, "Too many events: at most 10000 per request")));
        return cases.stream();
    }

    static Stream<Case> eventsBodies() {
        List<Case> cases = new ArrayList<>();
        String[] invalidJson = {
            "{", "{\"event\":", "not json", "{'event':'ALERT_X'}", "{\"event\":\"ALERT_X\",}", EVENT_OK + " garbage",
            "[" + EVENT_OK + "]]", EVENT_OK + EVENT_OK, "{\"event\":\"ALERT_X\",\"data\":NaN}",
            "{\"event\":\"ALERT_X\",\"data\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
            "{\"event\":\"ALERT_X\",\"data\":1" + "0".repeat(200) + "}",
        };
        for (String body : invalidJson) {
            cases.add(events("invalid JSON: " + BadTextFrames.shorten(body), body, errorStartingWith(400, "Invalid JSON: ")));
        }
        for (String hex : new String[] {"ff", "c0af", "eda0"}) {
            byte[] body = BadFrames.concat(BadFrames.bytes("{\"event\":\"ALERT_"),
                    HexFormat.of().parseHex(hex), BadFrames.bytes("\"}"));
            cases.add(of("events with invalid UTF-8 " + hex, request("POST", EVENTS, body),
                    errorStartingWith(400, "Invalid JSON: ")));
        }
        cases.add(events("an empty body", "", error(400, "Empty body: expected an event object or an array of them")));
        cases.add(events("a body of whitespace", " \r\n\t ",
                error(400, "Empty body: expected an event object or an array of them")));
        for (String[] body : new String[][] {{"null", "null"}, {"true", "a boolean"}, {"\"ALERT_X\"", "a string"}}) {
            cases.add(events("a body of " + body[0], body[0], error(400, "Expected an event object but got " + body[1])));
        }
        cases.add(events("an empty array", "[]", error(400, "Empty array: expected at least one event")));
        for (String[] value : NOT_TEXT) {
            cases.add(events("event " + value[0], "{\"event\":" + value[0] + "}",
                    error(400, "Field 'event' must be a non-empty string but was " + value[1])));
        }
        cases.add(events("event null", "{\"event\":null,\"data\":1}", error(400, "Missing field 'event'")));
        cases.add(events("no event", "{\"data\":{\"event\":\"ALERT_X\"}}", error(400, "Missing field 'event'")));
        for (String name : new String[] {"alert_x", "Alert_X", "_ALERT", "9ALERT", "ALERT-X", "ALERT X", "ALERT_X ",
                "ALERT_\u00c9"}) {
            cases.add(events("event '" + name + "'", "{\"event\":\"" + name + "\"}",
                    error(400, "Field 'event' " + NAME_RULE + " but was '" + name + "'")));
        }
        cases.add(events("an event name of 129 characters", "{\"event\":\"ALERT_" + "X".repeat(123) + "\"}",
                error(400, "Field 'event' " + NAME_RULE + " but was 'ALERT_" + "X".repeat(58) + "…'")));
        for (String field : new String[] {"topic", "type", "throttle", "seq", "id", "Data"}) {
            cases.add(events("a field '" + field + "'", "{\"event\":\"ALERT_X\",\"" + field + "\":\"alerts\"}",
                    error(400, "Unknown field '" + field + "': an event has only 'event' and 'data'")));
        }
        String[][] badElements = {
            {"[1]", "Event 0: Expected an event object but got a number"},
            {"[null]", "Event 0: Expected an event object but got null"},
            {"[" + EVENT_OK + ",{}]", "Event 1: Missing field 'event'"},
            {"[" + EVENT_OK + "," + EVENT_OK + ",{\"event\":\"alert\"}]", "Event 2: Field 'event' " + NAME_RULE
                + " but was 'alert'"},
            {"[" + EVENT_OK + ",[" + EVENT_OK + "]]", "Event 1: Expected an event object but got an array"},
        };
        for (String[] body : badElements) {
            cases.add(events("an array " + BadTextFrames.shorten(body[0]), body[0], error(400, body[1])));
        }
        cases.add(events("10,001 events", "[" + (EVENT_OK + ",").repeat(10_000) + EVENT_OK + "]",
                error(400, "Too many events: at most 10000 per request")));
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
            cases.add(of(method + " " + EVENTS, request(method, EVENTS, (String) null),
                    method.equals("HEAD") ? answer(405, "") : error(405, "Use POST")));
        }
        return cases.stream();
    }

    static Stream<Case> disconnectBodies() {
        String path = "/api/connections/disconnect";
        List<Case> cases = new ArrayList<>();
        cases.add(of("GET " + path, request("GET", path, (String) null), error(405, "Use POST")));
        cases.add(of("PUT " + path, request("PUT", path, "{}"), error(405, "Use POST")));
        cases.add(of("disconnect with invalid JSON", request("POST", path, "{\"user_id\":"),
                errorStartingWith(400, "Invalid JSON: ")));
        String[] badShapes = {
            "", "{}", "[]", "null", "\"alice\"", "{\"user_id\":5}", "{\"client_id\":\"\"}", "{\"user_id\":\"  \"}",
            "{\"user_id\":\"a\",\"client_id\":\"b\"}", "{\"user_id\":[\"a\"]}", "{\"userId\":\"a\"}",
        };
        for (String body : badShapes) {
            cases.add(of("disconnect with " + (body.isEmpty() ? "an empty body" : body), request("POST", path, body),
                    error(400, DISCONNECT_SHAPE)));
        }
        cases.add(of("disconnect an unknown client", request("POST", path, "{\"client_id\":\"nobody\"}"),
                answer(200, "{\"disconnected\":0}")));
        return cases.stream();
    }

    static Stream<Case> pathsAndMethods() {
        List<Case> cases = new ArrayList<>();
        String[][] unknownPaths = {
            {"/api/nope", "/api/nope"}, {"/api/publish/", "/api/publish/"}, {"/API/PUBLISH", "/API/PUBLISH"},
            {"/api/publish/../health", "/api/publish/../health"}, {"/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd"},
            {"/static/../../etc/passwd", "/static/../../etc/passwd"}, {"/api/ws/stats/x", "/api/ws/stats/x"},
            {"/health/x", "/health/x"}, {"/api/ws", "/api/ws"}, {"/%00", "/\u0000"}, {"//health", "//health"},
            {"/" + "p".repeat(5000), "/" + "p".repeat(99) + "…"},
        };
        for (String[] path : unknownPaths) {
            cases.add(of("GET " + BadTextFrames.shorten(path[0]), request("GET", path[0], (String) null),
                    error(404, "Not found: " + path[1])));
        }
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
            cases.add(of(method + " " + PUBLISH, request(method, PUBLISH, (String) null),
                    method.equals("HEAD") ? answer(405, "") : error(405, "Use POST")));
        }
        for (String target : new String[] {"/health", "/api/ws/stats"}) {
            for (String method : new String[] {"POST", "PUT", "DELETE", "BREW", "get"}) {
                cases.add(of(method + " " + target, request(method, target, "{}"), error(405, "Use GET")
                        .header("Allow", "GET, HEAD")));
            }
        }
        cases.add(of("HEAD /health", request("HEAD", "/health", (String) null), answer(200, "")));
        cases.add(of("GET /health over HTTP/1.0", "GET /health HTTP/1.0\r\n\r\n",
                new HttpProbe.Expect(200, null, false, java.util.Map.of(), null)));
        cases.add(of("POST /js/ws-manager.js", request("POST", "/js/ws-manager.js", "{}"), error(405, "Use GET")));
        return cases.stream();
    }

    private static Case events(String name, String body, HttpProbe.Expect expect) {
        return of("events " + name, request("POST", EVENTS, body), expect);
    }

    private static Case publish(String name, String body, HttpProbe.Expect expect) {
        return of("publish " + name, request("POST", PUBLISH, body), expect);
    }
}
