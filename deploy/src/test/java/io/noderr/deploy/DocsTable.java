package io.noderr.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first Markdown table under "## Services" of a doc: first column → the other columns. */
final class DocsTable {

  private DocsTable() {}

  static Map<String, List<String>> rows(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    int start = lines.indexOf("## Services");
    if (start < 0) {
      throw new AssertionError(markdown + " has no '## Services' section");
    }
    Map<String, List<String>> rows = new LinkedHashMap<>();
    lines.stream()
        .skip(start + 1)
        .dropWhile(line -> !line.startsWith("|"))
        .takeWhile(line -> line.startsWith("|"))
        .skip(2) // the header and its separator
        .map(line -> Arrays.stream(line.split("\\|")).skip(1).map(DocsTable::cell).toList())
        .forEach(cells -> rows.put(cells.getFirst(), cells.subList(1, cells.size())));
    return rows;
  }

  /** A cell's text without Markdown code ticks. */
  private static String cell(String raw) {
    return raw.strip().replace("`", "");
  }
}
