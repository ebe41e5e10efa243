package io.noderr.reports;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page (with {@link #CSS} beside it) from the small Markdown subset the reports write:
 * headings, tables, list items, paragraphs, {@code code}, bold and links.
 */
final class Html {

  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)]+)\\)");

  /** A link from reports/target/test-report/ to a document: {@code ../../../docs/x.md#anchor}. */
  private static final Pattern DOCUMENT = Pattern.compile("(?:\\.\\./)+docs/([^#]+)\\.md(#.*)?");

  private Html() {}

  /** The pages' stylesheet, written next to them ({@link #STYLESHEET}). */
  static final String STYLESHEET = "report.css";

  /**
   * A separate stylesheet rather than an inline style: the console serves these pages under {@code
   * /docs/reports/} with the docs site's Content-Security-Policy, which allows styles from the same
   * origin only.
   */
  static final String CSS =
      "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}\n"
          + "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .6rem}\n"
          + "td.n{text-align:right}th{background:#f3f3f3}code{background:#f3f3f3;padding:0 .2rem}\n"
          + "ul{list-style:none;padding-left:1rem}li{margin:.3rem 0}\n";

  static String page(String title, String markdown) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.append("<title>").append(escape(title)).append("</title>");
    html.append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">");
    html.append("</head><body>\n");
    boolean inList = false;
    boolean inTable = false;
    List<String> aligns = List.of();
    for (String line : markdown.split("\n", -1)) {
      boolean listItem = line.startsWith("- ");
      boolean tableRow = line.startsWith("|");
      if (inList && !listItem) {
        html.append("</ul>\n");
        inList = false;
      }
      if (inTable && !tableRow) {
        html.append("</table>\n");
        inTable = false;
      }
      if (tableRow) {
        List<String> cells = cells(line);
        if (!inTable) {
          html.append("<table><tr>");
          cells.forEach(c -> html.append("<th>").append(inline(c)).append("</th>"));
          html.append("</tr>\n");
          inTable = true;
          aligns = List.of();
        } else if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
          aligns = cells;
        } else {
          html.append("<tr>");
          for (int i = 0; i < cells.size(); i++) {
            boolean right = i < aligns.size() && aligns.get(i).endsWith(":");
            html.append(right ? "<td class=\"n\">" : "<td>").append(inline(cells.get(i)));
            html.append("</td>");
          }
          html.append("</tr>\n");
        }
      } else if (listItem) {
        if (!inList) {
          html.append("<ul>\n");
          inList = true;
        }
        html.append("<li>").append(inline(line.substring(2))).append("</li>\n");
      } else if (line.startsWith("#")) {
        int level = Math.min(6, line.indexOf(' ') < 0 ? 1 : line.indexOf(' '));
        html.append("<h").append(level).append('>').append(inline(line.substring(level).trim()));
        html.append("</h").append(level).append(">\n");
      } else if (!line.isBlank()) {
        html.append("<p>").append(inline(line)).append("</p>\n");
      }
    }
    if (inList) {
      html.append("</ul>\n");
    }
    if (inTable) {
      html.append("</table>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static List<String> cells(String row) {
    String inner = row.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return List.of(inner.split("\\|", -1)).stream().map(String::trim).toList();
  }

  static String inline(String text) {
    String s = escape(text);
    s = s.replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
    s = s.replaceAll("`([^`]+)`", "<code>$1</code>");
    Matcher m = LINK.matcher(s);
    return m.replaceAll(
        link -> "<a href=\"" + Matcher.quoteReplacement(href(link.group(2))) + "\">$1</a>");
  }

  /**
   * Where a link of the page leads: a document of the repository's docs/ becomes its page on the
   * docs site ({@code /docs/x.html}), since the console serves these pages next to it under {@code
   * /docs/reports/}; the Markdown report keeps the repository's paths for reading in a checkout.
   */
  static String href(String destination) {
    Matcher doc = DOCUMENT.matcher(destination);
    return doc.matches()
        ? "/docs/" + doc.group(1) + ".html" + Objects.requireNonNullElse(doc.group(2), "")
        : destination;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
