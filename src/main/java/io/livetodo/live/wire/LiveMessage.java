package io.livetodo.live.wire;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What the server sends on a live connection. Each message is written once as JSON, in a
 * {@link Frame} that is encoded once per transport and goes to every connection it is for. Its
 * JSON is the live protocol's, whatever the REST API's JSON settings are.
 */
public sealed interface LiveMessage {

    ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** The first message on a connection: who it is, and each of their lists' version. */
    @RegisterForReflection
    record Hello(String type, String user, List<ListVersion> lists) implements LiveMessage {

        public Hello(String user, List<ListVersion> lists) {
            this("hello", user, lists);
        }
    }

    @RegisterForReflection
    record ListVersion(long id, long version) {}

    /** A change, with its data as it was recorded (already JSON). */
    @RegisterForReflection
    record Changed(
            String type,
            long listId,
            long version,
            String by,
            String at,
            @JsonRawValue String data) implements LiveMessage {}

    /** Who looks at a list right now, on any instance, by name. */
    @RegisterForReflection
    record Viewers(String type, long listId, List<String> users) implements LiveMessage {

        public Viewers(long listId, List<String> users) {
            this("presence", listId, users);
        }
    }

    /** Changes of a list were missed that cannot be replayed: the client reloads the list. */
    @RegisterForReflection
    record Resync(String type, long listId) implements LiveMessage {

        public Resync(long listId) {
            this("resync", listId);
        }
    }

    /** A message from the client that the server could not act on. */
    @RegisterForReflection
    record ErrorReply(String type, String error) implements LiveMessage {

        public ErrorReply(String error) {
            this("error", error);
        }
    }

    /** The message's frame; a hello, a change or a resync moves the connection's place, which an event stream's ids name. */
    static Frame frame(LiveMessage message) {
        try {
            return Frame.of(
                    JSON.writeValueAsString(message),
                    message instanceof Hello || message instanceof Changed || message instanceof Resync);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live messages are plain data", e);
        }
    }
}
