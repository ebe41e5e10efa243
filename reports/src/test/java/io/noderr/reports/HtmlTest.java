package io.noderr.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report pages as the console serves them under /docs/reports/. */
class HtmlTest {

  @Test
  void linksToTheRepositorysDocs_leadToTheirPagesOnTheDocsSite() {
    String page =
        Html.page(
            "t",
            "- see [backups](../../../docs/backup.md#restarting-after-a-crash) and"
                + " [alerts](../../../docs/alerts.md), not [elsewhere](https://example.org/x.md)");

    assertThat(page)
        .contains("<a href=\"/docs/backup.html#restarting-after-a-crash\">backups</a>")
        .contains("<a href=\"/docs/alerts.html\">alerts</a>")
        .contains("<a href=\"https://example.org/x.md\">elsewhere</a>")
        .contains("<link rel=\"stylesheet\" href=\"report.css\">")
        .doesNotContain("<style>");
  }
}
