package io.noderr.docs;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Rewrites the links and images of one parsed page for the site (see {@link SitePaths}). A link to
 * a repository file the site does not carry becomes that file's path in code: when the link's text
 * is the path (or its file name) the code replaces the link, otherwise the text stays and the path
 * follows it in brackets.
 */
final class LinkRewriter {

  private LinkRewriter() {}

  static void rewrite(Node document, String fromRepositoryPath, SitePaths paths) {
    List<Node> targets = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            targets.add(link);
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            targets.add(image);
          }
        });
    for (Node node : targets) {
      if (node instanceof Link link) {
        switch (paths.rewrite(fromRepositoryPath, link.getDestination())) {
          case SitePaths.Href href -> link.setDestination(href.href());
          case SitePaths.RepositoryFile file -> unlink(link, file.path());
        }
      } else if (node instanceof Image image) {
        switch (paths.rewrite(fromRepositoryPath, image.getDestination())) {
          case SitePaths.Href href -> image.setDestination(href.href());
          case SitePaths.RepositoryFile file -> {
            image.insertBefore(new Code(file.path()));
            image.unlink();
          }
        }
      }
    }
  }

  private static void unlink(Link link, String path) {
    String text = Markdown.text(link);
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    if (text.isEmpty() || text.equals(path) || text.endsWith(fileName)) {
      link.insertBefore(new Code(path));
    } else {
      Node child = link.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        link.insertBefore(child);
        child = next;
      }
      link.insertBefore(new Text(" ("));
      link.insertBefore(new Code(path));
      link.insertBefore(new Text(")"));
    }
    link.unlink();
  }
}
