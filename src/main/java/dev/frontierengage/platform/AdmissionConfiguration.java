package dev.frontierengage.platform;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's admission of API requests ({@link AdmissionFilter}), right after Spring Security. */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

  @Bean
  Admission admission(AdmissionSettings settings) {
    return new Admission(settings.concurrent(), settings.maxWaiting(), settings.maxWaitingPerCaller(),
        settings.promoteAfter());
  }

  @Bean
  FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission, AdmissionSettings settings) {
    var registration = new FilterRegistrationBean<>(new AdmissionFilter(admission, settings));
    registration.setName("frontier-engage-admission");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    registration.setEnabled(settings.enabled());
    return registration;
  }
}
