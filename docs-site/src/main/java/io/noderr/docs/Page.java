package io.noderr.docs;

/** The HTML around one rendered page: head, sidebar with the search box, content, script. */
final class Page {

  private Page() {}

  static String html(String title, String sitePath, String navigation, String content) {
    String root = Html.escape(SitePaths.rootOf(sitePath));
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <link rel="stylesheet" href="%sdocs.css">
        </head>
        <body>
        <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-hidden="true">
        <header class="topbar"><label for="nav-toggle" class="menu-button">&#9776; Menu</label> \
        <a href="%sindex.html">Noderr documentation</a></header>
        <nav class="sidebar" id="nav" aria-label="Documentation">
        <a class="home" href="%sindex.html">Noderr documentation</a>
        <div class="search" role="search">
        <input type="search" id="search" placeholder="Search the docs" autocomplete="off" \
        aria-label="Search the docs" aria-controls="search-results">
        <ol id="search-results" class="search-results" hidden></ol>
        </div>
        %s</nav>
        <main class="content" id="content">
        %s</main>
        <script src="%ssearch.js" data-root="%s"></script>
        </body>
        </html>
        """
        .formatted(Html.escape(title), root, root, root, navigation, content, root, root);
  }
}
