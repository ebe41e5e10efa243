package io.noderr.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Reads a module's surefire and failsafe {@code TEST-*.xml} reports. */
public final class TestReports {

  private TestReports() {}

  /**
   * Every suite of the module in {@code moduleDir} (named {@code module} in the report), from
   * {@code target/surefire-reports} and {@code target/failsafe-reports}.
   *
   * @throws ReportException when a report file cannot be read or is not a JUnit XML report
   */
  public static List<SuiteResult> read(String module, Path moduleDir) {
    TestClassifier classifier = new TestClassifier(moduleDir);
    List<SuiteResult> suites = new ArrayList<>();
    suites.addAll(readDir(module, moduleDir.resolve("target/surefire-reports"), false, classifier));
    suites.addAll(readDir(module, moduleDir.resolve("target/failsafe-reports"), true, classifier));
    return suites;
  }

  private static List<SuiteResult> readDir(
      String module, Path dir, boolean failsafe, TestClassifier classifier) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
    } catch (IOException e) {
      throw new ReportException("cannot list " + dir, e);
    }
    List<SuiteResult> suites = new ArrayList<>();
    for (Path file : files) {
      suites.add(parse(module, file, failsafe, classifier));
    }
    return suites;
  }

  /** One report file; the suite's name is the test class. */
  public static SuiteResult parse(
      String module, Path file, boolean failsafe, TestClassifier classifier) {
    Element suite;
    try {
      suite = builder().parse(file.toFile()).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new ReportException("corrupt test report " + file + ": " + e.getMessage(), e);
    }
    if (!"testsuite".equals(suite.getTagName())) {
      throw new ReportException(
          "corrupt test report " + file + ": root element " + suite.getTagName());
    }
    String name = suite.getAttribute("name");
    if (name.isBlank()) {
      throw new ReportException("corrupt test report " + file + ": testsuite without a name");
    }
    return new SuiteResult(
        module,
        name,
        classifier.classify(name, failsafe),
        count(suite, "tests", file),
        count(suite, "failures", file),
        count(suite, "errors", file),
        count(suite, "skipped", file),
        seconds(suite.getAttribute("time"), file));
  }

  private static int count(Element suite, String attribute, Path file) {
    String value = suite.getAttribute(attribute);
    if (value.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ReportException("corrupt test report " + file + ": " + attribute + "=" + value, e);
    }
  }

  private static double seconds(String value, Path file) {
    if (value.isBlank()) {
      return 0;
    }
    try {
      // Surefire writes plain decimals; older versions grouped thousands with commas.
      return Double.parseDouble(value.trim().replace(",", ""));
    } catch (NumberFormatException e) {
      throw new ReportException("corrupt test report " + file + ": time=" + value, e);
    }
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
