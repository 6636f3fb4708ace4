package dev.frontierengage.bench;

import java.util.List;
import java.util.Random;

/**
 * The reads whose cost may grow with the number of engagements, one request at a time: the
 * developer's list (first page) and detail as {@code alice}, and the intake queue (first page
 * of {@code nsa-intake}'s candidate tasks) through engine-rest as {@code nsa-intake}.
 */
final class ScaleProbe {

  static final String LIST = "GET /api/engagements";
  static final String DETAIL = "GET /api/engagements/{id}";
  static final String QUEUE = "GET /engine-rest/task?candidateGroup=nsa-intake";

  private ScaleProbe() {}

  static Latencies measure(String base, List<String> acmeIds, int samples) throws Exception {
    probe(new BenchHttp(base, new Latencies()), acmeIds, Math.max(20, samples / 10)); // warm-up
    Latencies latencies = new Latencies();
    probe(new BenchHttp(base, latencies), acmeIds, samples);
    return latencies;
  }

  private static void probe(BenchHttp http, List<String> acmeIds, int samples) throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < samples; i++) {
      expect(http.get(LIST, "/api/engagements?page=0&size=20", "alice"));
      expect(http.get(DETAIL, "/api/engagements/" + acmeIds.get(random.nextInt(acmeIds.size())), "alice"));
      expect(http.get(QUEUE, "/engine-rest/task?candidateGroup=nsa-intake&firstResult=0&maxResults=15",
          "nsa-intake"));
    }
  }

  private static void expect(BenchHttp.Reply reply) {
    if (reply.status() != 200) {
      throw new IllegalStateException(reply.status() + " " + reply.body());
    }
  }
}
