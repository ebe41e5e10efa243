package io.noderr.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Checks every string of every JSON request body (values, list elements and map keys) for control
 * characters while it is read, so a refused body never reaches a controller, a table or a workflow.
 * Only the API's message converter uses it (see {@link ApiJsonConfiguration}).
 */
public final class ControlCharacterModule extends SimpleModule {

  public ControlCharacterModule() {
    super("noderr-control-characters");
    addDeserializer(String.class, new CheckedString(false));
    addKeyDeserializer(String.class, new CheckedKey());
  }

  /** A string refused for its control characters; the path names the field. */
  public static final class RefusedText extends MismatchedInputException {
    RefusedText(JsonParser parser) {
      super(parser, "control characters in text", String.class);
    }
  }

  private static final class CheckedString extends StdScalarDeserializer<String>
      implements ContextualDeserializer {

    private final boolean multiLine;

    CheckedString(boolean multiLine) {
      super(String.class);
      this.multiLine = multiLine;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) {
      boolean lines = property != null && ControlCharacters.multiLine(property.getName());
      return lines == multiLine ? this : new CheckedString(lines);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && ControlCharacters.present(value, multiLine)) {
        throw new RefusedText(parser);
      }
      return value;
    }
  }

  private static final class CheckedKey extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
      if (ControlCharacters.present(key, false)) {
        throw new RefusedText(context.getParser());
      }
      return key;
    }
  }
}
