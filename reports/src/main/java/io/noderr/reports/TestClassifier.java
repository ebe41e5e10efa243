package io.noderr.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides a test class's {@link TestKind} from its name, the runner that ran it and, where the name
 * alone cannot tell, its source file:
 *
 * <ul>
 *   <li>failsafe (classes named {@code *IT}): <b>browser</b> when the source drives a browser
 *       (mentions {@code org.openqa.selenium} or the console's Selenium helper {@code
 *       ConsoleBrowser}), otherwise <b>integration</b>;
 *   <li>surefire: <b>replay</b> when the simple name contains {@code Replay}, <b>workflow</b> when
 *       it ends with {@code WorkflowTest}, <b>property</b> when the source uses jqwik ({@code
 *       net.jqwik}), otherwise <b>unit</b>.
 * </ul>
 */
public final class TestClassifier {

  private final Path moduleDir;

  /** Classifies the test classes of the module in {@code moduleDir} (its sources are read). */
  public TestClassifier(Path moduleDir) {
    this.moduleDir = moduleDir;
  }

  /** The kind of {@code className} (a binary name; nested classes count as their outer class). */
  public TestKind classify(String className, boolean failsafe) {
    String outer =
        className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
    String simple = outer.substring(outer.lastIndexOf('.') + 1);
    String source = source(outer);
    if (failsafe) {
      return source.contains("org.openqa.selenium") || source.contains("ConsoleBrowser")
          ? TestKind.BROWSER
          : TestKind.INTEGRATION;
    }
    if (simple.contains("Replay")) {
      return TestKind.REPLAY;
    }
    if (simple.endsWith("WorkflowTest")) {
      return TestKind.WORKFLOW;
    }
    if (source.contains("net.jqwik")) {
      return TestKind.PROPERTY;
    }
    return TestKind.UNIT;
  }

  /** The class's test source, or "" when it is not found under src/test/java. */
  private String source(String className) {
    Path file = moduleDir.resolve("src/test/java").resolve(className.replace('.', '/') + ".java");
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
