package io.noderr.worker.beacon;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * The beacon's JSON-RPC endpoint. Hosted providers (Alchemy, Infura...) put the API key in the
 * URL's path or query, so only {@code scheme://host:port} is ever logged or put in a failure
 * message.
 */
public final class RpcEndpoint {

  private RpcEndpoint() {}

  /**
   * A web3j client of the endpoint. Its own HTTP client, because web3j's default one logs every
   * request with its full URL when debug logging is on.
   */
  public static Web3j connect(String url) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    return Web3j.build(new HttpService(url, http));
  }

  /** {@code scheme://host:port} of the URL, without user info, path or query. */
  public static String redacted(String url) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(unparsable RPC URL)";
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
      return uri.getScheme() + "://" + uri.getHost() + (port >= 0 ? ":" + port : "");
    } catch (IllegalArgumentException e) {
      return "(unparsable RPC URL)";
    }
  }

  /**
   * One line describing a failure talking to the endpoint: the exception's type and message, with
   * the URL (should a library have put it there) replaced by its redacted form.
   */
  public static String describe(Throwable failure, String url) {
    String message = String.valueOf(failure.getMessage());
    String stripped = url.strip();
    if (!stripped.isEmpty()) {
      message = message.replace(stripped, redacted(stripped));
    }
    return failure.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
  }

  /** The response, or an IOException with the server's error (web3j returns errors as values). */
  public static <R extends Response<?>> R answered(R response) throws IOException {
    if (response.hasError()) {
      throw new IOException(
          "JSON-RPC error "
              + response.getError().getCode()
              + ": "
              + response.getError().getMessage());
    }
    return response;
  }

  /** web3j's calls declare {@code Exception}; only I/O failures are worth a retry. */
  public static <T> T call(RemoteCall<T> call) throws IOException {
    try {
      return call.send();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }
}
