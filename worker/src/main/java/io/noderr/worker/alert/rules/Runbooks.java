package io.noderr.worker.alert.rules;

import io.noderr.worker.alert.AlertProperties;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Links to the runbook sections of {@code docs/alerts.md}: one section per alert name, whose
 * Markdown anchor is the lower-cased name.
 */
@Component
public class Runbooks {

  private final String base;

  Runbooks(AlertProperties properties) {
    this.base = properties.runbookBase();
  }

  public String of(String alertName) {
    return base + "#" + alertName.toLowerCase(Locale.ROOT);
  }
}
