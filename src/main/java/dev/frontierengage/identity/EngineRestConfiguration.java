package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's engine-rest, with refusals answered as 4xx (see {@link EngineRestRefusals}). */
@Configuration
class EngineRestConfiguration {

  @Bean
  CamundaJerseyResourceConfig engineRestResources(AuditLog audit) {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        register(new EngineRestRefusals(audit), 1);
      }
    };
  }
}
