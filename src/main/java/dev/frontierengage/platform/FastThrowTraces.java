package dev.frontierengage.platform;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Whether this JVM keeps the stack trace of an exception its compiled code throws often. By
 * default HotSpot's C2 compiler, once a method has thrown the same implicit exception (a
 * NullPointerException, a ClassCastException) some thousands of times, throws one preallocated
 * exception with no stack trace and no message instead ({@code OmitStackTraceInFastThrow}).
 * Engine-rest's refusals of a bad request are told from faults by where the failure was thrown
 * ({@code identity/EngineRestConfiguration}, {@code identity/EngineRestRefusals}); without its
 * trace such a failure could be anyone's and is answered 500. On a node started without
 * {@code -XX:-OmitStackTraceInFastThrow}, 20,000 requests for a claim with the body {@code null}
 * were answered 400 until the 10,556th and 500 from then on (2026-12-07); with it, all 30,000
 * of another run 400. The {@code prod} profile refuses to start without it
 * ({@code identity/ProductionSafety}); any other start says so in its log, once it is ready.
 */
@Component
public class FastThrowTraces implements ApplicationListener<ApplicationReadyEvent> {

  /** The option that keeps the traces. */
  public static final String OPTION = "-XX:-OmitStackTraceInFastThrow";
  private static final Logger LOG = LoggerFactory.getLogger(FastThrowTraces.class);

  /**
   * Whether this JVM omits the trace of an exception thrown often (HotSpot's default); false on a
   * JVM that has no such option (not HotSpot), whose exceptions keep their traces.
   */
  public static boolean omitted() {
    try {
      var hotSpot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("OmitStackTraceInFastThrow").getValue());
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError notHotSpot) {
      return false;
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent ready) {
    if (omitted()) {
      LOG.warn("This JVM omits the stack trace of an exception thrown often (HotSpot's OmitStackTraceInFastThrow):"
          + " once engine-rest has refused the same bad request some thousands of times it answers it 500, not 400."
          + " Start the node with {} (mvn spring-boot:run does; the prod profile refuses to start without it)", OPTION);
    }
  }
}
