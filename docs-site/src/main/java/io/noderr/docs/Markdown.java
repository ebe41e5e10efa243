package io.noderr.docs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The one CommonMark setup of the site, the link checker and the search index: GFM tables, and
 * heading ids as GitHub makes them (lower case, punctuation dropped, spaces to hyphens, {@code -1},
 * {@code -2} for repeats), so the {@code #anchor} links written for GitHub keep working.
 */
final class Markdown {

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), HeadingAnchorExtension.create());

  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  /**
   * Raw HTML in the Markdown is shown as text: the docs use none on purpose, while words in angle
   * brackets ({@code <id>}) outside code would otherwise vanish into unknown elements.
   */
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();

  private Markdown() {}

  /**
   * The document without its HTML comments: they are notes for the build (which test runs the block
   * below, {@code <!-- ci: … -->}), not text for readers.
   */
  static Node parse(String markdown) {
    Node document = PARSER.parse(markdown);
    List<Node> comments = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(HtmlBlock node) {
            if (node.getLiteral().strip().startsWith("<!--")) {
              comments.add(node);
            }
          }
        });
    comments.forEach(Node::unlink);
    return document;
  }

  static String html(Node document) {
    return HTML.render(document);
  }

  /**
   * The node's words without markup, on one line: text and code spans, but not link destinations or
   * code blocks (which read badly in an excerpt).
   */
  static String text(Node node) {
    Words words =
        new Words() {
          @Override
          public void visit(SoftLineBreak node) {
            text.append(' ');
          }

          @Override
          public void visit(HardLineBreak node) {
            text.append(' ');
          }

          @Override
          public void visit(FencedCodeBlock node) {}

          @Override
          public void visit(IndentedCodeBlock node) {}

          @Override
          public void visit(HtmlInline node) {
            text.append(node.getLiteral());
          }

          @Override
          public void visit(HtmlBlock node) {
            text.append(node.getLiteral());
          }

          @Override
          protected void visitChildren(Node parent) {
            super.visitChildren(parent);
            if (parent instanceof Block || parent instanceof CustomNode) {
              // Between paragraphs, list items, table cells.
              text.append(' ');
            }
          }
        };
    node.accept(words);
    return words.text.toString().replaceAll("\\s+", " ").strip();
  }

  /**
   * The text a heading's id is made from: its text and code spans, as the heading-anchor extension
   * reads it (links and emphasis contribute their text; raw HTML nothing).
   */
  static String headingText(Heading heading) {
    Words words = new Words();
    heading.accept(words);
    return words.text.toString();
  }

  /** The literal words of text and code spans, in document order. */
  private static class Words extends AbstractVisitor {
    final StringBuilder text = new StringBuilder();

    @Override
    public void visit(Text node) {
      text.append(node.getLiteral());
    }

    @Override
    public void visit(Code node) {
      text.append(node.getLiteral());
    }
  }

  /** Every heading of the document with the id the rendered page gives it, in document order. */
  static Map<Heading, String> headingIds(Node document) {
    IdGenerator ids = IdGenerator.builder().build();
    Map<Heading, String> result = new IdentityHashMap<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            result.put(heading, ids.generateId(headingText(heading)));
          }
        });
    return result;
  }

  /** The headings of the document in order. */
  static List<Heading> headings(Node document) {
    List<Heading> headings = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            headings.add(heading);
          }
        });
    return headings;
  }

  /** The plain text of the first heading, or the fallback when the document has none. */
  static String title(Node document, String fallback) {
    List<Heading> headings = headings(document);
    return headings.isEmpty() ? fallback : text(headings.getFirst());
  }
}
