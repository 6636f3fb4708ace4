package dev.frontierengage.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

class FormContextReadsTest {

  @Test
  @SuppressWarnings("unchecked")
  void theApplicationLooksTheRecordsViewOfFormsUpOnceNotAtEveryFormRead() {
    FormContexts contexts = new FormContexts(null, null, null);
    ObjectProvider<FormContexts> provider = mock(ObjectProvider.class);
    when(provider.getObject()).thenReturn(contexts);

    FormContextReads reads = new FormContextHistory(provider).reads();

    verifyNoInteractions(provider); // not while the engine is built: the bean may not exist yet
    assertThat(reads.contexts()).isSameAs(contexts);
    assertThat(reads.contexts()).isSameAs(contexts);
    assertThat(reads.contexts()).isSameAs(contexts);
    verify(provider, times(1)).getObject();
  }

  @Test
  void aSupplierOfItsOwnIsAskedAtEachRead() {
    // the process tests' engine outlives the beans each test registers, so it asks every time
    int[] asked = {0};
    FormContextReads reads = new FormContextReads(() -> {
      asked[0]++;
      return new FormContexts(null, null, null);
    });

    FormContexts first = reads.contexts();
    FormContexts second = reads.contexts();

    assertThat(second).isNotSameAs(first);
    assertThat(asked[0]).isEqualTo(2);
  }
}
