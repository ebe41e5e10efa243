package io.noderr.app.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell blocks of the documentation that name a test to run them: a fenced {@code bash} block
 * directly after {@code <!-- ci: TestName -->}. The docs-site module's checks make sure every
 * {@code bash} block names one; this class hands a test the blocks that name it.
 */
final class DocumentedCommands {

  private static final Pattern CI_MARKER = Pattern.compile("^<!-- ci: ([A-Za-z0-9_.,/ ]+) -->$");

  /** One block: where it is (for failure messages) and its text. */
  record Block(Path file, int line, String script) {}

  private DocumentedCommands() {}

  /** Every document's blocks for {@code test}, by document path (sorted), in document order. */
  static Map<Path, List<Block>> blocksFor(Path repository, String test) throws IOException {
    Map<Path, List<Block>> byDocument = new TreeMap<>();
    for (Path document : documents(repository)) {
      List<Block> blocks = blocksIn(document, test);
      if (!blocks.isEmpty()) {
        byDocument.put(repository.relativize(document), blocks);
      }
    }
    return byDocument;
  }

  static List<Block> blocksIn(Path document, String test) throws IOException {
    List<String> lines = Files.readAllLines(document);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      Matcher marker = CI_MARKER.matcher(lines.get(i).strip());
      if (marker.matches()
          && List.of(marker.group(1).split("\\s*,\\s*")).contains(test)
          && lines.get(i + 1).strip().equals("```bash")) {
        int start = i + 2;
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().equals("```")) {
          end++;
        }
        blocks.add(
            new Block(document, start + 1, String.join("\n", lines.subList(start, end)) + "\n"));
        i = end;
      }
    }
    return blocks;
  }

  private static List<Path> documents(Path repository) throws IOException {
    List<Path> documents = new ArrayList<>(List.of(repository.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(repository.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }
}
