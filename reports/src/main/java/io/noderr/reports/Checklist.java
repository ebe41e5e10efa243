package io.noderr.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launch checklist: docs/launch-checklist.md with each {@code - auto:<id> text} item evaluated
 * from the build's evidence (✓ or ✗ and the figure) and each {@code - manual: text} item left for a
 * person (☐). Every other line is copied as it is.
 */
public final class Checklist {

  /** A checklist item's state. */
  public enum Status {
    PASS("✓"),
    FAIL("✗"),
    MANUAL("☐");

    private final String mark;

    Status(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  /** One evaluated item. */
  public record Check(Status status, String evidence) {}

  /** A line of the produced checklist: an item (with its text) or a verbatim line (item null). */
  public record Line(String text, Check check) {}

  private static final Pattern AUTO = Pattern.compile("^- auto:([a-z-]+)\\s+(.*)$");
  private static final Pattern MANUAL = Pattern.compile("^- manual:\\s+(.*)$");

  private Checklist() {}

  /**
   * The template's lines with items evaluated.
   *
   * @throws ReportException on an {@code auto:} id this generator does not know
   */
  public static List<Line> evaluate(List<String> template, Facts facts) {
    List<Line> lines = new ArrayList<>();
    for (String raw : template) {
      Matcher auto = AUTO.matcher(raw);
      Matcher manual = MANUAL.matcher(raw);
      if (auto.matches()) {
        lines.add(new Line(auto.group(2), check(auto.group(1), facts)));
      } else if (manual.matches()) {
        lines.add(new Line(manual.group(1), new Check(Status.MANUAL, "")));
      } else if (raw.startsWith("- auto:")) {
        throw new ReportException("launch checklist: malformed item: " + raw);
      } else {
        lines.add(new Line(raw, null));
      }
    }
    return lines;
  }

  private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?!https?:|#|/)([^)]+)\\)");

  /**
   * The checklist as Markdown; the template's links, relative to docs/, are made relative to {@code
   * docsPrefix} (the path from the written file to docs/, "" to keep them).
   */
  public static String markdown(List<Line> lines, String docsPrefix) {
    StringBuilder md = new StringBuilder();
    for (Line line : lines) {
      String text =
          docsPrefix.isEmpty()
              ? line.text()
              : RELATIVE_LINK
                  .matcher(line.text())
                  .replaceAll(m -> Matcher.quoteReplacement("](" + docsPrefix + m.group(1) + ")"));
      if (line.check() == null) {
        md.append(text);
      } else {
        md.append("- ").append(line.check().status().mark()).append(' ').append(text);
        if (!line.check().evidence().isEmpty()) {
          md.append(" — **").append(line.check().evidence()).append("**");
        }
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** How many items have the status. */
  public static long count(List<Line> lines, Status status) {
    return lines.stream().filter(l -> l.check() != null && l.check().status() == status).count();
  }

  /** One {@code auto:} item. */
  static Check check(String id, Facts f) {
    return switch (id) {
      case "tests-passed" -> {
        boolean pass = f.tests() > 0 && f.failed() == 0 && f.modulesWithoutResults().isEmpty();
        String evidence =
            f.tests() + " tests, " + f.failed() + " failed or erred, " + f.skipped() + " skipped";
        if (!f.modulesWithoutResults().isEmpty()) {
          evidence += "; no results from " + String.join(", ", f.modulesWithoutResults());
        }
        yield new Check(pass ? Status.PASS : Status.FAIL, evidence);
      }
      case "coverage" -> {
        if (f.lineCoverage() < 0) {
          yield new Check(Status.FAIL, "no coverage data");
        }
        boolean pass = f.lineCoverage() >= f.coverageTarget();
        yield new Check(
            pass ? Status.PASS : Status.FAIL,
            String.format(
                Locale.ROOT,
                "%.1f %% of lines (target %.0f %%: %s)",
                f.lineCoverage(),
                f.coverageTarget(),
                pass ? "PASS" : "BELOW"));
      }
      case "no-skipped" -> {
        boolean pass = f.skipped() == 0 && f.disabled().isEmpty();
        String evidence = f.skipped() + " skipped, " + f.disabled().size() + " @Disabled";
        if (!f.disabled().isEmpty()) {
          evidence += " (" + String.join(", ", f.disabled()) + ")";
        }
        yield new Check(pass ? Status.PASS : Status.FAIL, evidence);
      }
      case "replay-histories" -> {
        boolean pass = f.workflows() > 0 && f.workflowsWithoutHistories().isEmpty();
        String evidence =
            (f.workflows() - f.workflowsWithoutHistories().size())
                + " of "
                + f.workflows()
                + " workflow types have replay histories";
        if (!f.workflowsWithoutHistories().isEmpty()) {
          evidence += "; missing: " + String.join(", ", f.workflowsWithoutHistories());
        }
        yield new Check(pass ? Status.PASS : Status.FAIL, evidence);
      }
      case "solhint" -> {
        if (f.solhintErrors() < 0) {
          yield new Check(Status.FAIL, "no solhint report (contracts/target/solhint.txt)");
        }
        boolean pass = f.solhintErrors() == 0 && f.solhintWarnings() == 0;
        yield new Check(
            pass ? Status.PASS : Status.FAIL,
            f.solhintErrors() + " errors, " + f.solhintWarnings() + " warnings");
      }
      case "sbom" -> {
        boolean pass = !f.sboms().isEmpty() && f.sbomsMissing().isEmpty();
        String evidence = f.sboms().isEmpty() ? "none found" : String.join(", ", f.sboms());
        if (!f.sbomsMissing().isEmpty()) {
          evidence += "; missing: " + String.join(", ", f.sbomsMissing());
        }
        yield new Check(pass ? Status.PASS : Status.FAIL, evidence);
      }
      case "dependency-updates" -> {
        if (f.updates() == null) {
          yield new Check(Status.FAIL, "no report");
        }
        if (f.updates().equals("offline")) {
          yield new Check(Status.FAIL, "not checked (offline build)");
        }
        yield new Check(
            Status.PASS, "report produced: " + f.updates() + " newer releases listed to review");
      }
      case "docs-links" -> {
        if (f.docsLinks() == null) {
          yield new Check(Status.FAIL, "no link check report in this build");
        }
        yield new Check(f.docsLinksPassed() ? Status.PASS : Status.FAIL, f.docsLinks());
      }
      default -> throw new ReportException("launch checklist: unknown auto item '" + id + "'");
    };
  }
}
