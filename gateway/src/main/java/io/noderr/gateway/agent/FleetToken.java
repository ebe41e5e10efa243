package io.noderr.gateway.agent;

import io.noderr.http.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The fleet's agent API credential. Only its SHA-256 hash is held; the token itself is configured
 * as a hash, or (demo profile) generated once and written to a 0600 file for local agents and
 * simulators. Never logged.
 */
@Component
public class FleetToken {

  private static final Logger log = LoggerFactory.getLogger(FleetToken.class);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final byte[] hash;

  FleetToken(FleetTokenProperties properties, Environment environment) {
    if (properties.hash() != null && !properties.hash().isBlank()) {
      hash = HexFormat.of().parseHex(properties.hash().strip());
    } else if (environment.acceptsProfiles(Profiles.of("demo"))) {
      hash = sha256(demoToken(properties.file()));
    } else {
      hash = null;
      log.info("no noderr.gateway.fleet-token.hash configured: the fleet token is refused");
    }
  }

  /** Constant-time check of a presented token. */
  public boolean matches(String presented) {
    return hash != null && presented != null && MessageDigest.isEqual(hash, sha256(presented));
  }

  /**
   * Reuses the token in the file if there is one, so running simulators keep working. The file is
   * created with mode 0600 (never readable by others, not even briefly) and an existing one is
   * tightened to 0600.
   */
  private static String demoToken(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        String existing = Files.readString(file).strip();
        if (existing.length() >= 32) {
          return existing;
        }
        Files.delete(file);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Arrays.fill(random, (byte) 0);
      Files.createDirectories(file.getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent token file " + file, e);
    }
  }

  private static byte[] sha256(String token) {
    return Secrets.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
