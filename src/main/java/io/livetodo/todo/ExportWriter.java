package io.livetodo.todo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes an export ({@link Exports}) with one Jackson generator, a piece at a time: each method
 * writes what its rows make and answers the bytes written since the last piece, leaving the
 * document's brackets open between pieces. Used by one export, one piece after the other.
 *
 * <pre>
 * {"livetodo_export": 1, "exported_at", "user": {id, username, created_at, time_zone},
 *  "lists": [{id, name, owner, role, version, created_at, "members": [{username, role}], "todos": [todo, ...]}, ...]}
 * </pre>
 */
final class ExportWriter {

    /** The document's version, which the import requires. */
    static final int VERSION = 1;

    static final String VERSION_FIELD = "livetodo_export";

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final JsonGenerator out;

    ExportWriter(ObjectMapper json) {
        try {
            this.out = json.createGenerator(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's start, up to its first list: {@code user} is {@code id, username, created_at, time_zone}. */
    Buffer start(Row user) {
        return piece(() -> {
            out.writeStartObject();
            out.writeNumberField(VERSION_FIELD, VERSION);
            out.writeObjectField("exported_at", Instant.now());
            out.writeObjectFieldStart("user");
            out.writeNumberField("id", user.getLong(0));
            out.writeStringField("username", user.getString(1));
            out.writeObjectField("created_at", user.getOffsetDateTime(2).toInstant());
            out.writeStringField("time_zone", user.getString(3));
            out.writeEndObject();
            out.writeArrayFieldStart("lists");
        });
    }

    /** A list up to its todos: {@code list} is {@code id, name, owner, role, version, created_at}; each member {@code username, role}. */
    Buffer startList(Row list, List<Row> members) {
        return piece(() -> {
            out.writeStartObject();
            out.writeNumberField("id", list.getLong(0));
            out.writeStringField("name", list.getString(1));
            out.writeStringField("owner", list.getString(2));
            out.writeStringField("role", list.getString(3));
            out.writeNumberField("version", list.getLong(4));
            out.writeObjectField("created_at", list.getOffsetDateTime(5).toInstant());
            out.writeArrayFieldStart("members");
            for (Row member : members) {
                out.writeStartObject();
                out.writeStringField("username", member.getString(0));
                out.writeStringField("role", member.getString(1));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("todos");
        });
    }

    /** Todos, each as the API answers it ({@link TodoView}), from rows of {@link TodoQueries#COLUMNS}. */
    Buffer todos(List<Row> todos) {
        return piece(() -> {
            for (Row todo : todos) {
                out.writeObject(TodoQueries.view(todo));
            }
        });
    }

    Buffer endList() {
        return piece(() -> {
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    Buffer end() {
        return piece(() -> {
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    private interface Writing {
        void write() throws IOException;
    }

    private Buffer piece(Writing writing) {
        try {
            writing.write();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Buffer piece = Buffer.buffer(written.toByteArray());
        written.reset();
        return piece;
    }
}
