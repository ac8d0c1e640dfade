package io.livetodo.live.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** What a client sends: {@code resume} after it reconnects, {@code watch} for the list it looks at. */
public sealed interface ClientMessage {

    /** {@code {"type": "resume", "lists": {"<list id>": <last version seen>, ...}}}. */
    record Resume(Map<Long, Long> lists) implements ClientMessage {}

    /** {@code {"type": "watch", "list_id": <id>}}, or {@code null} for none. */
    record Watch(Long listId) implements ClientMessage {}

    /** Reads a client's message; anything else fails with the sentence to answer it with. */
    static ClientMessage read(ObjectMapper json, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Messages must be JSON.");
        }
        String type = message == null ? "" : message.path("type").asText();
        return switch (type) {
            case "resume" -> resume(message);
            case "watch" -> watch(message);
            default ->
                throw new IllegalArgumentException(
                        "Unknown message: the server understands {\"type\": \"resume\", \"lists\": {...}} and {\"type\": \"watch\", \"list_id\": ...}.");
        };
    }

    private static Resume resume(JsonNode message) {
        JsonNode lists = message.path("lists");
        if (!lists.isObject()) {
            throw new IllegalArgumentException("resume needs \"lists\": an object of list id to last version seen.");
        }
        Map<Long, Long> seen = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = lists.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().canConvertToLong() || !entry.getKey().matches("\\d{1,18}")) {
                throw new IllegalArgumentException("resume needs whole numbers: list id to last version seen.");
            }
            seen.put(Long.parseLong(entry.getKey()), entry.getValue().asLong());
        }
        return new Resume(seen);
    }

    private static Watch watch(JsonNode message) {
        JsonNode list = message.path("list_id");
        if (list.isNull()) {
            return new Watch(null);
        }
        if (!list.isIntegralNumber() || !list.canConvertToLong()) {
            throw new IllegalArgumentException("watch needs \"list_id\": the id of one of your lists, or null.");
        }
        return new Watch(list.asLong());
    }
}
