package io.noderr.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Node;

/**
 * Renders the repository's documentation ({@code README.md} and {@code docs/**}{@code /*.md}) into
 * a static site: one HTML page per Markdown file, the sidebar from {@code docs/index.md}, a shared
 * stylesheet, the screenshots, and a search index with the small script that reads it. The build
 * runs it in process-classes, writing into the jar's {@code META-INF/resources/docs/}, which the
 * console serves under {@code /docs}. Same input, same bytes: files are read in path order and
 * nothing (time, host, random) varies between runs.
 */
public final class DocsSite {

  static final String INDEX = "docs/index.md";
  static final List<String> ASSETS = List.of("docs.css", "search.js");

  private final Path repository;
  private final SitePaths paths;

  DocsSite(Path repository) {
    this.repository = repository;
    this.paths = new SitePaths(path -> Files.isRegularFile(repository.resolve(path)));
  }

  /**
   * @param args the repository's root, and the folder to write the site to (emptied first)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: DocsSite <repository root> <output folder>");
    }
    Path repository = Path.of(args[0]).toAbsolutePath().normalize();
    Path output = Path.of(args[1]).toAbsolutePath().normalize();
    int pages = new DocsSite(repository).write(output);
    System.out.println("[docs-site] " + pages + " pages rendered into " + output);
  }

  /** Writes the whole site into {@code output} (emptied first); returns the number of pages. */
  int write(Path output) throws IOException {
    deleteRecursively(output);
    Files.createDirectories(output);
    Navigation navigation = navigation();
    List<String> sources = markdownSources(repository);
    List<SearchIndex.Page> indexed = new ArrayList<>();
    for (String source : sources) {
      String sitePath = SitePaths.pageOf(source);
      Node document = Markdown.parse(read(repository.resolve(source)));
      LinkRewriter.rewrite(document, source, paths);
      String title = Markdown.title(document, sitePath);
      indexed.add(SearchIndex.page(title, sitePath, document));
      String html = Page.html(title, sitePath, navigation.html(sitePath), Markdown.html(document));
      writeString(output.resolve(sitePath), html);
    }
    for (String asset : assets(repository)) {
      Path target = output.resolve(asset.substring("docs/".length()));
      Files.createDirectories(target.getParent());
      Files.copy(repository.resolve(asset), target);
    }
    for (String asset : ASSETS) {
      try (InputStream in = DocsSite.class.getResourceAsStream(asset)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + asset);
        }
        Files.write(output.resolve(asset), in.readAllBytes());
      }
    }
    String index = new SearchIndex(List.copyOf(indexed)).json();
    writeString(output.resolve("search-index.json"), index);
    // The same index as a script, so search also works when the pages are opened as files
    // (browsers refuse fetch() of file: URLs).
    writeString(output.resolve("search-index.js"), "window.noderrSearchIndex = " + index);
    return sources.size();
  }

  /** The sidebar from docs/index.md (none if the index is missing). */
  Navigation navigation() throws IOException {
    Path index = repository.resolve(INDEX);
    return Files.isRegularFile(index)
        ? Navigation.of(read(index), paths)
        : new Navigation(List.of());
  }

  SitePaths paths() {
    return paths;
  }

  /** README.md and docs/**{@literal /}*.md as repository paths, in a fixed order. */
  static List<String> markdownSources(Path repository) throws IOException {
    List<String> sources = new ArrayList<>();
    if (Files.isRegularFile(repository.resolve("README.md"))) {
      sources.add("README.md");
    }
    sources.addAll(filesUnderDocs(repository, path -> path.endsWith(".md")));
    return sources;
  }

  /** The images under docs/ the site carries (the screenshots), in a fixed order. */
  static List<String> assets(Path repository) throws IOException {
    return filesUnderDocs(
        repository, path -> SitePaths.ASSET_EXTENSIONS.contains(SitePaths.extension(path)));
  }

  private static List<String> filesUnderDocs(
      Path repository, java.util.function.Predicate<String> wanted) throws IOException {
    Path docs = repository.resolve("docs");
    if (!Files.isDirectory(docs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(docs)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> repository.relativize(file).toString().replace('\\', '/'))
          .filter(wanted)
          .sorted(Comparator.naturalOrder())
          .toList();
    }
  }

  static String read(Path file) {
    try {
      // Windows line endings in a checkout must not change the output.
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
