package io.noderr.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Line and branch counters, per module, from JaCoCo's aggregate CSV report. */
public record Coverage(int lineMissed, int lineCovered, int branchMissed, int branchCovered) {

  public static final Coverage NONE = new Coverage(0, 0, 0, 0);

  /** Covered lines in percent, or -1 without lines. */
  public double linePercent() {
    return percent(lineCovered, lineMissed);
  }

  /** Covered branches in percent, or -1 without branches. */
  public double branchPercent() {
    return percent(branchCovered, branchMissed);
  }

  public Coverage plus(Coverage other) {
    return new Coverage(
        lineMissed + other.lineMissed,
        lineCovered + other.lineCovered,
        branchMissed + other.branchMissed,
        branchCovered + other.branchCovered);
  }

  private static double percent(int covered, int missed) {
    int total = covered + missed;
    return total == 0 ? -1 : 100.0 * covered / total;
  }

  /**
   * The counters of {@code jacoco.csv} summed per module. The aggregate report's GROUP column names
   * the module's artifact, under the report's own group ({@code noderr-reports/noderr-signing});
   * the key is the artifactId without {@code noderr-}, which is the module's directory.
   *
   * @throws ReportException when the file is missing or not JaCoCo's CSV
   */
  public static Map<String, Coverage> readCsv(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new ReportException("coverage report missing: " + csv, e);
    }
    if (lines.isEmpty()) {
      throw new ReportException("coverage report empty: " + csv);
    }
    List<String> header = List.of(lines.getFirst().split(",", -1));
    int group = column(header, "GROUP", csv);
    int lineMissed = column(header, "LINE_MISSED", csv);
    int lineCovered = column(header, "LINE_COVERED", csv);
    int branchMissed = column(header, "BRANCH_MISSED", csv);
    int branchCovered = column(header, "BRANCH_COVERED", csv);
    Map<String, Coverage> modules = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] split = line.split(",", -1);
      if (split.length < header.size()) {
        throw new ReportException("corrupt coverage report " + csv + ": " + line);
      }
      // A class name may hold commas (an anonymous class of a generic type): the counters are
      // the last columns, the group the first.
      String[] cells = new String[header.size()];
      int extra = split.length - header.size();
      for (int i = 0; i < cells.length; i++) {
        cells[i] = i <= 2 && i != group ? "" : split[i < 3 ? i : i + extra];
      }
      String name = cells[group];
      name = name.substring(name.lastIndexOf('/') + 1);
      name = name.startsWith("noderr-") ? name.substring("noderr-".length()) : name;
      Coverage row =
          new Coverage(
              number(cells[lineMissed], csv),
              number(cells[lineCovered], csv),
              number(cells[branchMissed], csv),
              number(cells[branchCovered], csv));
      modules.merge(name, row, Coverage::plus);
    }
    return modules;
  }

  private static int column(List<String> header, String name, Path csv) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new ReportException("corrupt coverage report " + csv + ": no column " + name);
    }
    return index;
  }

  private static int number(String cell, Path csv) {
    try {
      return Integer.parseInt(cell.trim());
    } catch (NumberFormatException e) {
      throw new ReportException("corrupt coverage report " + csv + ": " + cell, e);
    }
  }
}
