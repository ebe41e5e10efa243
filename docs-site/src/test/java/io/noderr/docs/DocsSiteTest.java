package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on a small repository of its own. */
class DocsSiteTest {

  @TempDir Path repository;
  @TempDir Path output;

  @BeforeEach
  void aSmallRepository() throws IOException {
    write(
        "README.md",
        """
        # Noderr read me

        See [claiming](docs/claiming.md#the-portal) and ![nodes](docs/screenshots/nodes.png).
        Install with [install.sh](install/install.sh).
        """);
    write(
        "docs/index.md",
        """
        # Documentation home

        Intro text with [a link that is not navigation](claiming.md).

        ## Guides

        - [Claiming rewards](claiming.md): the portal
        - [Read me](../README.md): commands

        ## Runbooks

        - [Temporal lost](runbooks/temporal-lost.md)
        - [Temporal docs](https://docs.temporal.io/)
        """);
    write(
        "docs/claiming.md",
        """
        # Claiming rewards

        Rewards are claimed per epoch. Back to [the home](index.md).

        ## The portal

        The portal signs a `claim(...)` call; see the [script](../install/install.sh) and
        [runbook](runbooks/temporal-lost.md#what-to-do).

        ```html
        <script>alert("x")</script>
        ```

        Inline <b>raw html</b> and `<code>` stay text.

        | a | b |
        |---|---|
        | 1 | 2 |

        ## The portal
        """);
    write(
        "docs/runbooks/temporal-lost.md",
        """
        # Temporal lost

        ## What to do

        Read [backup](../claiming.md) and the [read me](../../README.md#noderr-read-me).
        """);
    Files.createDirectories(repository.resolve("docs/screenshots"));
    Files.write(repository.resolve("docs/screenshots/nodes.png"), new byte[] {(byte) 0x89, 'P'});
  }

  @Test
  void everyMarkdownFile_becomesAPage_withTheAssets() throws IOException {
    int pages = new DocsSite(repository).write(output);

    assertThat(pages).isEqualTo(4);
    assertThat(files(output))
        .containsExactly(
            "claiming.html",
            "docs.css",
            "index.html",
            "readme.html",
            "runbooks/temporal-lost.html",
            "screenshots/nodes.png",
            "search-index.js",
            "search-index.json",
            "search.js");
  }

  @Test
  void links_areRewrittenForTheSite() throws IOException {
    new DocsSite(repository).write(output);

    String readme = read("readme.html");
    assertThat(readme)
        .contains("<a href=\"claiming.html#the-portal\">claiming</a>")
        .contains("<img src=\"screenshots/nodes.png\" alt=\"nodes\" />")
        .contains("Install with <code>install/install.sh</code>.")
        .doesNotContain("install.sh\"");
    String claiming = read("claiming.html");
    assertThat(claiming)
        .contains("<a href=\"index.html\">the home</a>")
        .contains("the script (<code>install/install.sh</code>)")
        .contains("<a href=\"runbooks/temporal-lost.html#what-to-do\">runbook</a>");
    assertThat(read("runbooks/temporal-lost.html"))
        .contains("<a href=\"../claiming.html\">backup</a>")
        .contains("<a href=\"../readme.html#noderr-read-me\">read me</a>")
        .contains("<link rel=\"stylesheet\" href=\"../docs.css\">")
        .contains("<script src=\"../search.js\" data-root=\"../\"></script>");
  }

  @Test
  void headings_getGitHubIds_andTheFirstHeadingIsTheTitle() throws IOException {
    new DocsSite(repository).write(output);

    String claiming = read("claiming.html");
    assertThat(claiming)
        .contains("<title>Claiming rewards</title>")
        .contains("<h1 id=\"claiming-rewards\">Claiming rewards</h1>")
        .contains("<h2 id=\"the-portal\">The portal</h2>")
        // A repeated heading gets -1, as on GitHub.
        .contains("<h2 id=\"the-portal-1\">The portal</h2>")
        .contains("<table>");
    assertThat(read("runbooks/temporal-lost.html")).contains("<title>Temporal lost</title>");
  }

  @Test
  void htmlInCode_andRawHtml_areEscaped() throws IOException {
    new DocsSite(repository).write(output);

    String claiming = read("claiming.html");
    assertThat(claiming)
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        .contains("<code>&lt;code&gt;</code>")
        .contains("&lt;b&gt;raw html&lt;/b&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>raw");
  }

  @Test
  void theSidebar_isBuiltFromIndexMd_sectionsAndLinks() throws IOException {
    new DocsSite(repository).write(output);

    String page = read("runbooks/temporal-lost.html");
    String nav = page.substring(page.indexOf("<nav"), page.indexOf("</nav>"));
    assertThat(nav)
        .contains("<h2>Guides</h2>")
        .contains("<h2>Runbooks</h2>")
        .contains("<a href=\"../claiming.html\">Claiming rewards</a>")
        .contains("<a href=\"../readme.html\">Read me</a>")
        .contains(
            "<a href=\"../runbooks/temporal-lost.html\" class=\"current\" aria-current=\"page\">"
                + "Temporal lost</a>")
        .contains("<a href=\"https://docs.temporal.io/\">Temporal docs</a>")
        .contains("id=\"search\"")
        // Links in the intro, above the first section, are not navigation.
        .doesNotContain("a link that is not navigation");
    Navigation navigation = new DocsSite(repository).navigation();
    assertThat(navigation.sections())
        .extracting(Navigation.Section::title)
        .containsExactly("Guides", "Runbooks");
    assertThat(navigation.pages())
        .containsExactly("claiming.html", "readme.html", "runbooks/temporal-lost.html");
  }

  @Test
  void theSearchIndex_holdsEveryHeading_withAnchorAndExcerpt() throws IOException {
    new DocsSite(repository).write(output);

    String json = read("search-index.json");
    assertThat(json)
        .contains("{\"title\":\"Claiming rewards\",\"url\":\"claiming.html\",\"sections\":[")
        .contains(
            "{\"anchor\":\"claiming-rewards\",\"heading\":\"Claiming rewards\",\"excerpt\":"
                + "\"Rewards are claimed per epoch. Back to the home.\"}")
        .contains(
            "{\"anchor\":\"the-portal\",\"heading\":\"The portal\",\"excerpt\":\"The portal"
                + " signs a claim(...) call; see the script (install/install.sh) and runbook.")
        .contains("{\"anchor\":\"the-portal-1\"")
        .contains("\"url\":\"runbooks/temporal-lost.html\"")
        // Angle brackets are escaped, so the index can sit in a script element.
        .contains("\\u003cb\\u003eraw html")
        .doesNotContain("alert");
    assertThat(read("search-index.js")).isEqualTo("window.noderrSearchIndex = " + json);
  }

  @Test
  void excerpts_stopAtAWordBoundary() {
    String excerpt = SearchIndex.excerpt("word ".repeat(200));
    assertThat(excerpt).hasSizeLessThanOrEqualTo(SearchIndex.EXCERPT + 2).endsWith("word …");
  }

  @Test
  void rendering_isDeterministic() throws IOException {
    new DocsSite(repository).write(output);
    Path again = Files.createTempDirectory(output.getParent(), "again");
    new DocsSite(repository).write(again);

    for (String file : files(output)) {
      assertThat(Files.readAllBytes(again.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(output.resolve(file)));
    }
    assertThat(files(again)).isEqualTo(files(output));
  }

  @Test
  void writing_replacesWhatAnEarlierBuildLeft() throws IOException {
    Files.writeString(output.resolve("removed-page.html"), "old");

    new DocsSite(repository).write(output);

    assertThat(output.resolve("removed-page.html")).doesNotExist();
  }

  private void write(String path, String content) throws IOException {
    Path file = repository.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private String read(String sitePath) throws IOException {
    return Files.readString(output.resolve(sitePath), StandardCharsets.UTF_8);
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      List<String> names = new ArrayList<>();
      files
          .filter(Files::isRegularFile)
          .map(file -> folder.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .forEach(names::add);
      return names;
    }
  }
}
