package io.noderr.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where each repository file lives on the site, and what a link written for GitHub becomes there.
 * The site's root is {@code docs/}: {@code docs/x.md} is {@code x.html}, {@code docs/runbooks/y.md}
 * is {@code runbooks/y.html}, images keep their path under {@code docs/}, and the repository's
 * {@code README.md} is {@code readme.html}. Anything else in the repository (scripts, deploy files)
 * is not on the site, so a link to it becomes its repository path as code rather than a link that
 * would answer 404.
 */
final class SitePaths {

  /** Files under docs/ other than Markdown that the site carries (the screenshots). */
  static final Set<String> ASSET_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg");

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private final Predicate<String> exists;

  /**
   * @param exists whether a repository path (forward slashes, relative to the repository root)
   *     names an existing file; used for links to folders (their README.md) only
   */
  SitePaths(Predicate<String> exists) {
    this.exists = exists;
  }

  /** What a link's destination becomes on the site. */
  sealed interface Target {}

  /** A link the site keeps: a rewritten relative href, or the destination unchanged. */
  record Href(String href) implements Target {}

  /** A repository file that is not on the site: shown as its path. */
  record RepositoryFile(String path) implements Target {}

  /** The site path (relative to the site root, no leading slash) of a Markdown source. */
  static String pageOf(String repositoryPath) {
    if (repositoryPath.equals("README.md")) {
      return "readme.html";
    }
    if (!repositoryPath.startsWith("docs/") || !repositoryPath.endsWith(".md")) {
      throw new IllegalArgumentException("not a documentation page: " + repositoryPath);
    }
    String inDocs = repositoryPath.substring("docs/".length());
    return inDocs.substring(0, inDocs.length() - ".md".length()) + ".html";
  }

  /** The prefix from a page's folder to the site root ({@code ""} or {@code "../"} per level). */
  static String rootOf(String sitePath) {
    return "../".repeat((int) sitePath.chars().filter(c -> c == '/').count());
  }

  /** True for destinations left alone: in-page anchors, absolute URLs, mail, absolute paths. */
  static boolean external(String destination) {
    return destination.isEmpty()
        || destination.startsWith("#")
        || destination.startsWith("/")
        || SCHEME.matcher(destination).find();
  }

  /**
   * The site form of a link written in the Markdown file at {@code fromRepositoryPath}: relative
   * {@code *.md} links (with their anchors) become {@code *.html}, the README becomes {@code
   * readme.html}, other repository files become {@link RepositoryFile}.
   */
  Target rewrite(String fromRepositoryPath, String destination) {
    if (external(destination)) {
      return new Href(destination);
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    String fragment = hash < 0 ? "" : destination.substring(hash);
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String target = resolve(fromRepositoryPath, path);
    if (target == null) {
      return new RepositoryFile(path);
    }
    String site = siteOf(target);
    if (site == null) {
      return new RepositoryFile(target.isEmpty() ? "." : target);
    }
    return new Href(relative(pageOf(fromRepositoryPath), site) + fragment);
  }

  /**
   * The repository path a relative link names, resolved against the linking file's folder; {@code
   * ""} for the repository root, null when it climbs out of the repository.
   */
  static String resolve(String fromRepositoryPath, String relativePath) {
    List<String> parts = new ArrayList<>();
    int slash = fromRepositoryPath.lastIndexOf('/');
    if (slash >= 0) {
      parts.addAll(List.of(fromRepositoryPath.substring(0, slash).split("/")));
    }
    for (String part : relativePath.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  /** The site path of a repository path, or null when the site does not carry it. */
  private String siteOf(String repositoryPath) {
    if (repositoryPath.equals("README.md")) {
      return "readme.html";
    }
    if (repositoryPath.equals("docs")) {
      return "index.html";
    }
    if (!repositoryPath.startsWith("docs/")) {
      return null;
    }
    if (repositoryPath.endsWith(".md")) {
      return pageOf(repositoryPath);
    }
    if (ASSET_EXTENSIONS.contains(extension(repositoryPath))) {
      return repositoryPath.substring("docs/".length());
    }
    if (exists.test(repositoryPath + "/README.md")) {
      return pageOf(repositoryPath + "/README.md");
    }
    if (exists.test(repositoryPath + "/index.md")) {
      return pageOf(repositoryPath + "/index.md");
    }
    return null;
  }

  static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < path.lastIndexOf('/') + 1 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The href from the page at site path {@code from} to site path {@code to}. */
  static String relative(String from, String to) {
    List<String> fromDirs = new ArrayList<>(List.of(from.split("/")));
    fromDirs.removeLast();
    List<String> toParts = List.of(to.split("/"));
    int common = 0;
    while (common < fromDirs.size()
        && common < toParts.size() - 1
        && fromDirs.get(common).equals(toParts.get(common))) {
      common++;
    }
    return "../".repeat(fromDirs.size() - common)
        + String.join("/", toParts.subList(common, toParts.size()));
  }
}
