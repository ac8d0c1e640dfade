package io.livetodo.todo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * {@code finished} as the tutorial's clients send it: a JSON boolean, or exactly the string
 * "true" or "false". Anything else, "TRUE" and 1 included, is refused (422).
 */
public class TutorialBoolean extends StdDeserializer<Boolean> {

    /** What a wrong value is told, in JSON and in page forms alike. */
    public static final String RULE = "must be true or false";

    public TutorialBoolean() {
        super(Boolean.class);
    }

    /** The string as {@code finished}: "true" or "false", else null. */
    public static Boolean parse(String text) {
        return switch (text == null ? "" : text) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_STRING -> {
                Boolean value = parse(parser.getText());
                yield value != null
                        ? value
                        : (Boolean) context.handleWeirdStringValue(Boolean.class, parser.getText(), RULE);
            }
            default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
        };
    }
}
