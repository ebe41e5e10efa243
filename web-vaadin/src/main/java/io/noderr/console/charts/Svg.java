package io.noderr.console.charts;

import java.util.Locale;

/**
 * Writes one SVG document: an image with an accessible name ({@code <title>}) and text alternative
 * ({@code <desc>}), scaled to its container's width. Every text and attribute value passes through
 * {@link #escape}; coordinates are written with one decimal, never as NaN.
 */
final class Svg {

  static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";
  static final String MUTED = "#5f6b7a";
  static final String GRID = "#e3e7ec";

  private final StringBuilder out = new StringBuilder(4096);

  Svg(String id, int width, int height, String title, String description) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"")
        .append(escape(id))
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\"")
        .append(" aria-labelledby=\"")
        .append(escape(id))
        .append("-title ")
        .append(escape(id))
        .append("-desc\" ")
        .append(FONT)
        .append("><title id=\"")
        .append(escape(id))
        .append("-title\">")
        .append(escape(title))
        .append("</title><desc id=\"")
        .append(escape(id))
        .append("-desc\">")
        .append(escape(description))
        .append("</desc>");
  }

  /** Appends raw markup built by this package from escaped parts. */
  Svg raw(String markup) {
    out.append(markup);
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, String extra) {
    out.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append('"')
        .append(extra.isEmpty() ? "" : " " + extra)
        .append("/>");
    return this;
  }

  Svg text(double x, double y, String anchor, String fill, String text) {
    out.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" fill=\"")
        .append(fill)
        .append("\">")
        .append(escape(text))
        .append("</text>");
    return this;
  }

  /** A rectangle; {@code tooltip} (may be null) becomes its hover title. */
  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    out.append("<rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(0, w)))
        .append("\" height=\"")
        .append(num(Math.max(0, h)))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    if (tooltip == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(escape(tooltip)).append("</title></rect>");
    }
    return this;
  }

  String close() {
    return out.append("</svg>").toString();
  }

  /** Escapes text and attribute values for XML (and HTML). */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          // Control characters are not allowed in XML 1.0 at all; drop them.
          if (c >= 0x20 || c == '\n' || c == '\t') {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /** A coordinate with one decimal; a non-finite one is a bug in the caller's scaling. */
  static String num(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("coordinate is not finite: " + value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** An approximate text width at 12 px sans-serif, enough to lay out a legend. */
  static double textWidth(String text) {
    return text.length() * 6.6;
  }
}
