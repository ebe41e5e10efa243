package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What readers see of a page's Markdown. */
class MarkdownTest {

  @Test
  void theBuildsNotes_inHtmlComments_areNeitherRenderedNorSearchable() {
    var document =
        Markdown.parse("Run it:\n\n<!-- ci: DocsHowTosIT -->\n```bash\n./noderr up\n```\n");

    assertThat(Markdown.html(document)).doesNotContain("ci: DocsHowTosIT").contains("./noderr up");
    assertThat(Markdown.text(document)).doesNotContain("DocsHowTosIT");
  }

  @Test
  void wordsInAngleBrackets_stayVisibleText() {
    assertThat(Markdown.html(Markdown.parse("Use <id> here."))).contains("&lt;id&gt;");
  }
}
