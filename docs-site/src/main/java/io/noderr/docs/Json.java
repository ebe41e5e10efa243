package io.noderr.docs;

/** String literals for the search index (the renderer needs no JSON library for one file). */
final class Json {

  private Json() {}

  static String string(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        // Keeps the index safe to embed in a <script> element (search-index.js) as well.
        case '<' -> json.append("\\u003c");
        case '>' -> json.append("\\u003e");
        case '&' -> json.append("\\u0026");
        case '\u2028' -> json.append("\\u2028");
        case '\u2029' -> json.append("\\u2029");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
