package io.noderr.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

/**
 * The sidebar, built from {@code docs/index.md}: each {@code ##} heading is a section, each link
 * below it (up to the next {@code ##}) an entry. The index is the one list of documents, so the
 * sidebar and the documentation home cannot disagree.
 */
record Navigation(List<Section> sections) {

  record Section(String title, List<Entry> entries) {}

  /**
   * @param href relative to the site root for pages of the site (as written from index.md, which is
   *     at the root), or an absolute URL
   */
  record Entry(String text, String href) {}

  /** The sections of index.md, its links rewritten for the site. */
  static Navigation of(String indexMarkdown, SitePaths paths) {
    Node document = Markdown.parse(indexMarkdown);
    LinkRewriter.rewrite(document, "docs/index.md", paths);
    List<Section> sections = new ArrayList<>();
    String title = null;
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading && heading.getLevel() <= 2) {
        if (title != null) {
          sections.add(new Section(title, List.copyOf(entries)));
        }
        title = heading.getLevel() == 2 ? Markdown.text(heading) : null;
        entries = new ArrayList<>();
        seen = new LinkedHashSet<>();
        continue;
      }
      if (title == null) {
        continue;
      }
      List<Entry> found = entries;
      Set<String> hrefs = seen;
      block.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Link link) {
              if (hrefs.add(link.getDestination())) {
                found.add(new Entry(Markdown.text(link), link.getDestination()));
              }
            }
          });
    }
    if (title != null) {
      sections.add(new Section(title, List.copyOf(entries)));
    }
    return new Navigation(List.copyOf(sections));
  }

  /** The sidebar's sections as HTML for the page at {@code sitePath}, its own entry marked. */
  String html(String sitePath) {
    String root = SitePaths.rootOf(sitePath);
    StringBuilder html = new StringBuilder();
    for (Section section : sections) {
      html.append("<section class=\"nav-section\">\n<h2>")
          .append(Html.escape(section.title()))
          .append("</h2>\n<ul>\n");
      for (Entry entry : section.entries()) {
        boolean local = !SitePaths.external(entry.href());
        String href = local ? root + entry.href() : entry.href();
        boolean current = local && entry.href().equals(sitePath);
        html.append("<li><a href=\"")
            .append(Html.escape(href))
            .append('"')
            .append(current ? " class=\"current\" aria-current=\"page\"" : "")
            .append('>')
            .append(Html.escape(entry.text()))
            .append("</a></li>\n");
      }
      html.append("</ul>\n</section>\n");
    }
    return html.toString();
  }

  /** The site paths of the pages the sidebar links to (anchors dropped). */
  Set<String> pages() {
    Set<String> pages = new LinkedHashSet<>();
    for (Section section : sections) {
      for (Entry entry : section.entries()) {
        if (!SitePaths.external(entry.href())) {
          int hash = entry.href().indexOf('#');
          pages.add(hash < 0 ? entry.href() : entry.href().substring(0, hash));
        }
      }
    }
    return pages;
  }
}
