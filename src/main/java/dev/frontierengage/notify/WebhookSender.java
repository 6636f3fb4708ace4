package dev.frontierengage.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts a webhook delivery, signed by the Standard Webhooks scheme: {@code webhook-id} (the
 * outbox row's, the same at every attempt, so a receiver can drop a repeat),
 * {@code webhook-timestamp} (seconds, the wall clock's: the receiver checks it against its own)
 * and {@code webhook-signature} ({@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body} under the secret's key). 15 seconds for the whole exchange. A 2xx is
 * delivered; 429, a 5xx, a timeout or a broken connection is tried again; 410 Gone disables the
 * webhook; any other answer ends the row. With {@code frontier-engage.webhooks.https-only} (prod)
 * only https is posted to, and without {@code allow-private-addresses} (prod) never to a loopback,
 * link-local, private or unique-local address, whatever the name resolves to at delivery.
 */
@Component
class WebhookSender {

  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** What became of one attempt. */
  enum Outcome { DELIVERED, TRY_AGAIN, GONE, REFUSED }

  record Result(Outcome outcome, String detail) {}

  private final Webhooks webhooks;
  private final boolean httpsOnly;
  private final boolean allowPrivate;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  WebhookSender(Webhooks webhooks, @Value("${frontier-engage.webhooks.https-only:false}") boolean httpsOnly,
      @Value("${frontier-engage.webhooks.allow-private-addresses:true}") boolean allowPrivate) {
    this.webhooks = webhooks;
    this.httpsOnly = httpsOnly;
    this.allowPrivate = allowPrivate;
  }

  Result send(String deliveryId, String webhookId, String body) {
    Optional<String[]> target = webhooks.target(webhookId);
    if (target.isEmpty()) {
      return new Result(Outcome.REFUSED, "webhook " + webhookId + " was deleted or disabled");
    }
    URI url = URI.create(target.get()[0]);
    String refused = refusal(url);
    if (refused != null) {
      return new Result(Outcome.REFUSED, refused);
    }
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("webhook-id", deliveryId)
        .header("webhook-timestamp", String.valueOf(timestamp))
        .header("webhook-signature", "v1," + sign(target.get()[1], deliveryId, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      return new Result(Outcome.TRY_AGAIN, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.TRY_AGAIN, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Result(Outcome.DELIVERED, null);
    }
    if (status == 410) {
      webhooks.disable(webhookId, "the receiver answered 410 Gone");
      return new Result(Outcome.GONE, "410 Gone: webhook disabled");
    }
    if (status == 429 || status >= 500) {
      return new Result(Outcome.TRY_AGAIN, "HTTP " + status);
    }
    return new Result(Outcome.REFUSED, "HTTP " + status);
  }

  /** Why {@code url} may not be posted to here, or null. */
  String refusal(URI url) {
    if (!"https".equals(url.getScheme()) && (httpsOnly || !"http".equals(url.getScheme()))) {
      return "only https webhooks are posted to";
    }
    if (allowPrivate) {
      return null;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (internal(address)) {
          return url.getHost() + " resolves to an internal address (" + address.getHostAddress() + ")";
        }
      }
    } catch (UnknownHostException e) {
      return "unknown host " + url.getHost();
    }
    return null;
  }

  /** Loopback, link-local, private (RFC 1918), unique-local (fc00::/7), wildcard or multicast. */
  static boolean internal(InetAddress address) {
    byte[] raw = address.getAddress();
    boolean uniqueLocal = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    boolean sharedCgnat = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || sharedCgnat;
  }

  /** The base64 HMAC-SHA256 of {@code id.timestamp.body} under the key of {@code secret}. */
  static String sign(String secret, String id, long timestamp, String body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.startsWith(Webhooks.SECRET_PREFIX)
          ? secret.substring(Webhooks.SECRET_PREFIX.length()) : secret);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
