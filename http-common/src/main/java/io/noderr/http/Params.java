package io.noderr.http;

import java.util.List;
import java.util.Locale;

/** Parsing of query parameters into typed values with messages a caller can act on. */
public final class Params {
  private Params() {}

  public static int integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new BadRequestException(name + " must be a whole number from " + min + " to " + max);
  }

  /** An optional enum parameter: blank means "not given" (null). */
  public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return requiredEnumValue(name, value, type);
  }

  /** An enum parameter that must be given, e.g. a path segment. */
  public static <E extends Enum<E>> E requiredEnumValue(String name, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          name
              + " must be one of "
              + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
              + ", got '"
              + value
              + "'");
    }
  }

  public static boolean bool(String name, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new BadRequestException(name + " must be true or false, got '" + value + "'");
    };
  }

  public static boolean order(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "asc" -> false;
      case "desc" -> true;
      default -> throw new BadRequestException("order must be asc or desc, got '" + value + "'");
    };
  }
}
