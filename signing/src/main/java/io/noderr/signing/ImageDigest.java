package io.noderr.signing;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The sha256 digest of a node-software image, as Docker prints it ({@code sha256:<64 hex>}); on
 * chain it is the {@code bytes32} of the same 32 bytes.
 */
public record ImageDigest(String value) {

  private static final Pattern FORM = Pattern.compile("^(sha256:|0x)?([0-9a-fA-F]{64})$");

  public ImageDigest {
    value = canonical(value);
  }

  /**
   * Accepts {@code sha256:<hex>}, {@code 0x<hex>} or bare hex (64 digits, any case).
   *
   * @throws IllegalArgumentException when it is none of these
   */
  public static ImageDigest parse(String text) {
    return new ImageDigest(text);
  }

  private static String canonical(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("image digest is required (sha256:<64 hex digits>)");
    }
    var m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "image digest must be sha256:<64 hex digits> (as `docker images --digests` prints it)");
    }
    return "sha256:" + m.group(2).toLowerCase(Locale.ROOT);
  }

  /** The 32 bytes as the contract stores them. */
  public byte[] bytes32() {
    return HexFormat.of().parseHex(value.substring("sha256:".length()));
  }

  /** {@code 0x}-prefixed hex, as JSON-RPC and typed data show a bytes32. */
  public String hex() {
    return "0x" + value.substring("sha256:".length());
  }

  @Override
  public String toString() {
    return value;
  }
}
