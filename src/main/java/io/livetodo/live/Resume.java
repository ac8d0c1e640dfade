package io.livetodo.live;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one message a client sends: {@code {"type": "resume", "lists": {"<list id>": <last version
 * seen>, ...}}}, after it reconnects.
 */
record Resume(Map<Long, Long> lists) {

    /** Reads a client's message; anything else fails with the sentence to answer it with. */
    static Resume read(ObjectMapper json, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Messages must be JSON.");
        }
        if (message == null || !"resume".equals(message.path("type").asText())) {
            throw new IllegalArgumentException("Unknown message: the server understands only {\"type\": \"resume\", \"lists\": {...}}.");
        }
        JsonNode lists = message.path("lists");
        if (!lists.isObject()) {
            throw new IllegalArgumentException("resume needs \"lists\": an object of list id to last version seen.");
        }
        Map<Long, Long> seen = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = lists.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().canConvertToLong() || !entry.getKey().matches("\\d{1,18}")) {
                throw new IllegalArgumentException("resume needs whole numbers: list id to last version seen.");
            }
            seen.put(Long.parseLong(entry.getKey()), entry.getValue().asLong());
        }
        return new Resume(seen);
    }
}
