package io.livetodo.todo;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * {@code finished} as the tutorial's clients send it: a JSON boolean, or exactly the string
 * "true" or "false". Anything else, "TRUE" and 1 included, is refused (422).
 */
public class TutorialBoolean extends StdDeserializer<Boolean> {

    public TutorialBoolean() {
        super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_STRING -> switch (parser.getText()) {
                case "true" -> true;
                case "false" -> false;
                default -> (Boolean) context.handleWeirdStringValue(Boolean.class, parser.getText(), "must be true or false");
            };
            default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
        };
    }
}
