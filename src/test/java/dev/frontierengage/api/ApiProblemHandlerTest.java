package dev.frontierengage.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A developer action that met a concurrent change (another node, a timer) is a 409 to resend. */
class ApiProblemHandlerTest {

  @Test
  void aConcurrentChangeIsA409ThatAsksToSendAgain() {
    ResponseEntity<ProblemDetail> answer = new ApiProblemHandler(new dev.frontierengage.documents.DocumentSettings(null, null), 10)
        .concurrentChange(new OptimisticLockingException("ENGINE-03005 Execution was updated by another transaction"));
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(answer.getBody().getTitle()).isEqualTo("Concurrent change");
    assertThat(answer.getBody().getDetail()).contains("nothing was changed").contains("Send it again");
  }
}
