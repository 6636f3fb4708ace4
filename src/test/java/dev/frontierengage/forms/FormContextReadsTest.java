package dev.frontierengage.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FormContextReadsTest {

  @Test
  void theRecordsViewOfFormsIsLookedUpOnceNotAtEveryFormRead() {
    FormContexts contexts = new FormContexts(null, null, null);
    AtomicInteger lookups = new AtomicInteger();
    FormContextReads reads = new FormContextReads(() -> {
      lookups.incrementAndGet();
      return contexts;
    });

    assertThat(lookups).hasValue(0); // not while the engine is built: the bean may not exist yet
    assertThat(reads.contexts()).isSameAs(contexts);
    assertThat(reads.contexts()).isSameAs(contexts);
    assertThat(reads.contexts()).isSameAs(contexts);
    assertThat(lookups).hasValue(1);
  }
}
