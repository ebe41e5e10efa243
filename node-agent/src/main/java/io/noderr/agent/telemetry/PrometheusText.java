package io.noderr.agent.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4), enough for the node software's
 * own metrics: comment and blank lines are skipped, each sample line is {@code
 * name{label="value",...} value [timestamp]}. Lines it cannot read are skipped rather than failing
 * the whole scrape: one odd metric must not blind the agent to the others.
 */
public final class PrometheusText {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  public static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample sample = parseLine(line);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return samples;
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int close = labels(line, brace + 1, labels);
      if (close < 0) {
        return null;
      }
      rest = line.substring(close + 1).strip();
    } else if (space > 0) {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    } else {
      return null;
    }
    String value = rest.split("\\s+")[0];
    try {
      return new Sample(name, labels, parseValue(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Reads {@code key="value",...} from {@code at}; returns the index of the closing brace. */
  private static int labels(String line, int at, Map<String, String> into) {
    int i = at;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int equals = line.indexOf('=', i);
      if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, equals).strip();
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(v);
        }
      }
      if (j >= line.length()) {
        return -1;
      }
      into.put(key, value.toString());
      i = j + 1;
    }
    return -1;
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
