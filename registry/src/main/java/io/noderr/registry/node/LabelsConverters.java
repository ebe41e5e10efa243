package io.noderr.registry.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.util.PGobject;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/** Maps {@link Labels} to and from a PostgreSQL JSONB column. */
public final class LabelsConverters {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private LabelsConverters() {}

  /** Labels as a JSON object text. */
  public static String toJson(Labels labels) {
    try {
      return JSON.writeValueAsString(labels.values());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("labels are not serializable", e);
    }
  }

  static Labels fromJson(String json) {
    try {
      return Labels.of(json == null ? Map.of() : JSON.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels column holds invalid JSON", e);
    }
  }

  @WritingConverter
  public static final class ToJsonb implements Converter<Labels, PGobject> {
    @Override
    public PGobject convert(Labels labels) {
      PGobject jsonb = new PGobject();
      jsonb.setType("jsonb");
      try {
        jsonb.setValue(toJson(labels));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return jsonb;
    }
  }

  @ReadingConverter
  public static final class FromJsonb implements Converter<PGobject, Labels> {
    @Override
    public Labels convert(PGobject jsonb) {
      return fromJson(jsonb.getValue());
    }
  }
}
