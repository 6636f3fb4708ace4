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
 * {@code id.timestamp.body} under the secret's key). 15 seconds to connect and for the answer to
 * begin, 30 seconds for the whole exchange. A 2xx is
 * delivered; 429, a 5xx, a timeout or a broken connection is tried again; 410 Gone disables the
 * webhook; any other answer ends the row. With {@code frontier-engage.webhooks.https-only} (prod)
 * only https is posted to, and without {@code allow-private-addresses} (prod) never to a loopback,
 * link-local, private or unique-local address, whatever the name resolves to at delivery.
 */
@Component
public class WebhookSender {

  static final Duration TIMEOUT = Duration.ofSeconds(15);
  static final String UNKNOWN_HOST = "unknown host ";

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
      // a name that does not resolve now may resolve later; an address not allowed never is
      return new Result(refused.startsWith(UNKNOWN_HOST) ? Outcome.TRY_AGAIN : Outcome.REFUSED, refused);
    }
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("webhook-id", deliveryId)
        .header("webhook-timestamp", String.valueOf(timestamp))
        .header("webhook-signature", "v1," + sign(target.get()[1], deliveryId, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<Void> response;
    var exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // the whole exchange, body included, within the limit: a receiver that trickles its answer is cut off
      response = exchange.get(TIMEOUT.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Result(Outcome.TRY_AGAIN, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      exchange.cancel(true);
      return new Result(Outcome.TRY_AGAIN, "no answer within " + TIMEOUT.multipliedBy(2).toSeconds() + " s");
    } catch (InterruptedException e) {
      exchange.cancel(true);
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
  public String refusal(URI url) {
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
      return UNKNOWN_HOST + url.getHost();
    }
    return null;
  }

  /**
   * Loopback, link-local, private (RFC 1918), shared (100.64/10), benchmarking (198.18/15),
   * reserved (240/4), unique-local (fc00::/7), wildcard or multicast; an IPv6 address that
   * carries an IPv4 one (NAT64 64:ff9b::/96, 6to4 2002::/16) whose IPv4 address is any of those;
   * and the IPv6 forms no public webhook has that a stack may still route to an IPv4 address or
   * to a translator of the operator's own: IPv4-compatible (::/96, deprecated), IPv4-translated
   * (::ffff:0:0/96) and local-use NAT64 (64:ff9b:1::/48).
   */
  static boolean internal(InetAddress address) {
    byte[] raw = address.getAddress();
    if (raw.length == 16 && java.util.stream.IntStream.range(0, 12).allMatch(i -> raw[i] == 0)) {
      return true; // ::/96: IPv4-compatible (and :: and ::1)
    }
    if (raw.length == 16 && java.util.stream.IntStream.range(0, 8).allMatch(i -> raw[i] == 0)
        && (raw[8] & 0xff) == 0xff && (raw[9] & 0xff) == 0xff && raw[10] == 0 && raw[11] == 0) {
      return true; // ::ffff:0:0/96: IPv4-translated
    }
    if (raw.length == 16 && (raw[0] & 0xff) == 0x00 && (raw[1] & 0xff) == 0x64 && (raw[2] & 0xff) == 0xff
        && (raw[3] & 0xff) == 0x9b && raw[4] == 0 && (raw[5] & 0xff) == 0x01) {
      return true; // 64:ff9b:1::/48: local-use NAT64
    }
    if (raw.length == 16 && (raw[0] & 0xff) == 0x20 && (raw[1] & 0xff) == 0x02) {
      return internal(ipv4(raw, 2)); // 6to4
    }
    if (raw.length == 16 && (raw[0] & 0xff) == 0x00 && (raw[1] & 0xff) == 0x64 && (raw[2] & 0xff) == 0xff
        && (raw[3] & 0xff) == 0x9b && java.util.stream.IntStream.range(4, 12).allMatch(i -> raw[i] == 0)) {
      return internal(ipv4(raw, 12)); // NAT64
    }
    boolean uniqueLocal = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    boolean shared = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    boolean benchmarking = raw.length == 4 && (raw[0] & 0xff) == 198 && (raw[1] & 0xfe) == 18;
    boolean reserved = raw.length == 4 && (raw[0] & 0xf0) == 0xf0;
    return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || shared || benchmarking
        || reserved;
  }

  private static InetAddress ipv4(byte[] raw, int from) {
    try {
      return InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, from, from + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
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
