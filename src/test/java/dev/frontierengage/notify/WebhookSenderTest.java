package dev.frontierengage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature a receiver checks with the Standard Webhooks library, and the addresses never posted to in prod. */
class WebhookSenderTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void aSignatureVerifiesWithTheStandardWebhooksLibraryAndNotWithAnotherSecretOrBody() throws Exception {
    String body = "{\"type\":\"action.opened\",\"data\":{\"engagementId\":\"e1\"}}";
    long now = Instant.now().getEpochSecond();
    Map<String, List<String>> headers = Map.of("webhook-id", List.of("row-1"), "webhook-timestamp",
        List.of(String.valueOf(now)), "webhook-signature", List.of("v1," + WebhookSender.sign(SECRET, "row-1", now, body)));
    assertThatCode(() -> new Webhook(SECRET).verify(body, headers)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]))
        .verify(body, headers)).isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> new Webhook(SECRET).verify(body.replace("e1", "e2"), headers))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void loopbackLinkLocalPrivateAndUniqueLocalAddressesAreInternal() throws Exception {
    for (String internal : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "fc00::1", "fd12:3456::1", "fe80::1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "198.18.0.1", "240.0.0.1",
        "::ffff:127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1",
        "::127.0.0.1", "::8.8.8.8", "::ffff:0:127.0.0.1", "::ffff:0:8.8.8.8", "64:ff9b:1::808:808")) {
      assertThat(WebhookSender.internal(InetAddress.getByName(internal))).as(internal).isTrue();
    }
    for (String external : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1",
        "64:ff9b::808:808", "2002:808:808::1", "198.20.0.1")) {
      assertThat(WebhookSender.internal(InetAddress.getByName(external))).as(external).isFalse();
    }
  }

  @Test
  void inProdOnlyHttpsToPublicAddressesIsPostedTo() {
    WebhookSender prod = new WebhookSender(null, true, false);
    assertThat(prod.refusal(URI.create("http://93.184.216.34/hook"))).contains("only https");
    assertThat(prod.refusal(URI.create("https://127.0.0.1/hook"))).contains("internal address");
    assertThat(prod.refusal(URI.create("https://[::1]/hook"))).contains("internal address");
    assertThat(prod.refusal(URI.create("https://169.254.169.254/latest/meta-data"))).contains("internal address");
    assertThat(prod.refusal(URI.create("https://93.184.216.34/hook"))).isNull();
    WebhookSender laptop = new WebhookSender(null, false, true);
    assertThat(laptop.refusal(URI.create("http://127.0.0.1:8080/hook"))).isNull();
    assertThat(laptop.refusal(URI.create("ftp://127.0.0.1/hook"))).contains("only https");
  }
}
