package io.noderr.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * What the sidebar's search box looks through: per page its title and URL, per heading the anchor,
 * the heading's text and the start of the text below it. Built at build time, so searching needs no
 * server and no network.
 */
record SearchIndex(List<Page> pages) {

  /** Excerpts stop at about this many characters (at a word boundary). */
  static final int EXCERPT = 280;

  record Page(String title, String url, List<Section> sections) {}

  record Section(String anchor, String heading, String excerpt) {}

  /**
   * The page's sections: one per heading (the first covers the text above the first sub-heading),
   * each with the text up to the next heading. Text before any heading is the first section's.
   */
  static Page page(String title, String url, Node document) {
    Map<Heading, String> ids = Markdown.headingIds(document);
    List<Section> sections = new ArrayList<>();
    Heading current = null;
    StringBuilder text = new StringBuilder();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        if (current != null) {
          sections.add(section(current, ids, text));
        }
        current = heading;
        text = new StringBuilder();
      } else {
        text.append(Markdown.text(block)).append(' ');
      }
    }
    if (current != null) {
      sections.add(section(current, ids, text));
    }
    return new Page(title, url, List.copyOf(sections));
  }

  private static Section section(Heading heading, Map<Heading, String> ids, StringBuilder text) {
    return new Section(ids.get(heading), Markdown.text(heading), excerpt(text.toString()));
  }

  static String excerpt(String text) {
    String plain = text.replaceAll("\\s+", " ").strip();
    if (plain.length() <= EXCERPT) {
      return plain;
    }
    int cut = plain.lastIndexOf(' ', EXCERPT);
    return plain.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT) + " …";
  }

  /** The index as JSON, pages in the order given, with no whitespace that could vary. */
  String json() {
    StringBuilder json = new StringBuilder("{\"pages\":[");
    for (int p = 0; p < pages.size(); p++) {
      Page page = pages.get(p);
      json.append(p == 0 ? "\n" : ",\n")
          .append("{\"title\":")
          .append(Json.string(page.title()))
          .append(",\"url\":")
          .append(Json.string(page.url()))
          .append(",\"sections\":[");
      for (int s = 0; s < page.sections().size(); s++) {
        Section section = page.sections().get(s);
        json.append(s == 0 ? "" : ",")
            .append("\n {\"anchor\":")
            .append(Json.string(section.anchor()))
            .append(",\"heading\":")
            .append(Json.string(section.heading()))
            .append(",\"excerpt\":")
            .append(Json.string(section.excerpt()))
            .append('}');
      }
      json.append("]}");
    }
    return json.append("\n]}\n").toString();
  }
}
