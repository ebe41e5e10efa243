package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link checker and the orphan check over the repository's own documentation: what GitHub shows
 * and what the site renders must not lead to a missing file or a missing heading, and every
 * document must be reachable from the documentation home (docs/index.md), whose links are the
 * site's navigation.
 */
class RepositoryDocsTest {

  /** The repository root (tests run in docs-site/). */
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  private final Map<String, Set<String>> anchors = new HashMap<>();

  @Test
  void everyRelativeLink_namesAnExistingFile_andEveryAnchorAHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    for (String source : DocsSite.markdownSources(REPOSITORY)) {
      for (String destination : destinations(source)) {
        String problem = check(source, destination);
        if (problem != null) {
          broken.add(source + ": (" + destination + ") " + problem);
        }
      }
    }
    assertThat(broken).as("broken links in README.md and docs/").isEmpty();
  }

  @Test
  void everyDocument_isLinkedFromTheDocumentationHome() throws IOException {
    assertThat(REPOSITORY.resolve(DocsSite.INDEX)).exists();
    Set<String> linked = new DocsSite(REPOSITORY).navigation().pages();
    Set<String> orphans = new TreeSet<>();
    for (String source : DocsSite.markdownSources(REPOSITORY)) {
      if (source.startsWith("docs/") && !source.equals(DocsSite.INDEX)) {
        if (!linked.contains(SitePaths.pageOf(source))) {
          orphans.add(source);
        }
      }
    }
    assertThat(orphans).as("documents not linked under a ## section of docs/index.md").isEmpty();
  }

  @Test
  void theRenderedHeadingIds_areTheOnesLinksAreCheckedAgainst(@TempDir Path output)
      throws IOException {
    new DocsSite(REPOSITORY).write(output);
    Pattern id = Pattern.compile("<h[1-6] id=\"([^\"]*)\"");
    for (String source : DocsSite.markdownSources(REPOSITORY)) {
      Matcher rendered = id.matcher(Files.readString(output.resolve(SitePaths.pageOf(source))));
      List<String> renderedIds = new ArrayList<>();
      while (rendered.find()) {
        renderedIds.add(rendered.group(1));
      }
      Node document = Markdown.parse(DocsSite.read(REPOSITORY.resolve(source)));
      Map<?, String> ids = Markdown.headingIds(document);
      List<String> expected = Markdown.headings(document).stream().map(ids::get).toList();
      assertThat(renderedIds).as(source).isEqualTo(expected);
    }
  }

  /** Every link and image destination of a Markdown file, as written. */
  private static List<String> destinations(String source) {
    List<String> found = new ArrayList<>();
    Markdown.parse(DocsSite.read(REPOSITORY.resolve(source)))
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Link link) {
                found.add(link.getDestination());
                visitChildren(link);
              }

              @Override
              public void visit(Image image) {
                found.add(image.getDestination());
              }
            });
    return found;
  }

  /** What is wrong with a link, or null; absolute URLs are not followed. */
  private String check(String source, String destination) {
    if (destination.startsWith("#")) {
      return anchorProblem(source, destination.substring(1));
    }
    if (SitePaths.external(destination)) {
      return null;
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String target = SitePaths.resolve(source, path);
    if (target == null) {
      return "points outside the repository";
    }
    if (!Files.exists(REPOSITORY.resolve(target))) {
      return "no such file: " + target;
    }
    if (hash >= 0 && target.endsWith(".md")) {
      return anchorProblem(target, destination.substring(hash + 1));
    }
    return null;
  }

  private String anchorProblem(String markdownFile, String anchor) {
    Set<String> ids =
        anchors.computeIfAbsent(
            markdownFile,
            file ->
                new HashSet<>(
                    Markdown.headingIds(Markdown.parse(DocsSite.read(REPOSITORY.resolve(file))))
                        .values()));
    return ids.contains(anchor) ? null : "no heading #" + anchor + " in " + markdownFile;
  }
}
