package dev.frontierengage.access;

import java.time.LocalDate;

/** The developer's offer of access under Sec. 3(b)(ii). */
public record AccessOffer(LocalDate plannedPartnerReleaseDate, LocalDate accessStart,
    int accessDays) {
}
