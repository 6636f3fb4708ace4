package dev.frontierengage.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A load balancer for the tests: round-robin over the nodes not taken down. */
final class LiveNodes implements Supplier<Node> {

  private final List<Node> nodes;
  private final Set<Node> down = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();

  LiveNodes(List<Node> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  @Override
  public Node get() {
    // one turn of the counter per request; from there, the first node that is up (counting on
    // from one's own turn, not taking more turns: with many clients those may all land on the
    // node that is down)
    int start = Math.floorMod(next.getAndIncrement(), nodes.size());
    for (int offset = 0; offset < nodes.size(); offset++) {
      Node node = nodes.get((start + offset) % nodes.size());
      if (!down.contains(node)) {
        return node;
      }
    }
    throw new IllegalStateException("no live node");
  }

  void takeDown(Node node) {
    down.add(node);
  }
}
