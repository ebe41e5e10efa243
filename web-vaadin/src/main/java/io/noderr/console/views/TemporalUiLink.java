package io.noderr.console.views;

import com.vaadin.flow.component.html.Anchor;
import java.net.URI;
import java.util.Optional;

/** The "Open in Temporal UI" link of a page, when a Temporal UI is configured (docs/sre.md). */
final class TemporalUiLink {

  private TemporalUiLink() {}

  /** Empty when {@code target} is null (no UI configured). */
  static Optional<Anchor> to(URI target, String id) {
    if (target == null) {
      return Optional.empty();
    }
    Anchor link = new Anchor(target.toString(), "Open in Temporal UI");
    link.setId(id);
    link.setTarget("_blank");
    return Optional.of(link);
  }
}
