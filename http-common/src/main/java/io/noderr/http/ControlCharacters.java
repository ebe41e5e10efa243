package io.noderr.http;

/**
 * The one rule for text the API takes (request bodies, query parameters, paths): no C0 or C1
 * control characters, because PostgreSQL refuses NUL in text (a stored request would then fail
 * downstream, e.g. an activity retrying forever) and the others corrupt logs and one-line fields.
 * Multi-line free text (a reason) may keep {@code \n}, nothing else.
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /**
   * Free text that may span lines: a field named {@code reason} or ending in {@code Reason}. A name
   * rule rather than per-field annotations, so a new field is checked without anyone remembering.
   */
  public static boolean multiLine(String field) {
    return field != null && (field.equals("reason") || field.endsWith("Reason"));
  }

  /** Whether {@code value} holds a control character not allowed in the given kind of field. */
  public static boolean present(String value, boolean multiLine) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(multiLine && c == '\n')) {
        return true;
      }
    }
    return false;
  }

  /** The caller-facing refusal naming the field. */
  public static String message(String field) {
    return field
        + " must not contain control characters"
        + (multiLine(field) ? " (line breaks are allowed)" : "");
  }
}
