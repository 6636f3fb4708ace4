package dev.frontierengage.api;

import dev.frontierengage.view.Stage;
import dev.frontierengage.api.EngagementActions.Opened;
import dev.frontierengage.api.EngagementRequests.AccessOffer;
import dev.frontierengage.api.EngagementRequests.AccessTerms;
import dev.frontierengage.api.EngagementRequests.Clarification;
import dev.frontierengage.api.EngagementRequests.Inquiry;
import dev.frontierengage.api.EngagementRequests.Release;
import dev.frontierengage.api.EngagementRequests.TrustedPartners;
import dev.frontierengage.api.EngagementRequests.Withdrawal;
import dev.frontierengage.api.EngagementViews.Detail;
import dev.frontierengage.api.EngagementViews.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The developer API: an AI developer opens and follows its organization's engagements. The
 * organization always comes from the authenticated user, never from the request.
 */
@RestController
@Tag(name = "Engagements", description = "Voluntary engagement under Sec. 3 of EO 14409")
@RequestMapping(path = "/api/engagements", produces = MediaType.APPLICATION_JSON_VALUE)
class EngagementController {

  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final EngagementActions actions;
  private final EngagementReader reader;

  EngagementController(EngagementActions actions, EngagementReader reader) {
    this.actions = actions;
    this.reader = reader;
  }

  @Operation(summary = "Open an engagement (Sec. 3(b)(i)): is my model a covered frontier model?")
  @ApiResponse(responseCode = "201", description = "Opened: the new engagement (Location names it)")
  @ApiResponse(responseCode = "200", description = "The engagement this Idempotency-Key opened before, with the same"
      + " body: nothing new is opened")
  @PostMapping(consumes = JSON)
  ResponseEntity<Detail> open(@Valid @RequestBody Inquiry inquiry,
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String key,
      Authentication user, jakarta.servlet.http.HttpServletRequest request) {
    int keys = java.util.Collections.list(request.getHeaders("Idempotency-Key")).size();
    if (keys > 1) {
      // Spring joins the headers' values with commas: two keys would be one key "a,b"
      throw ApiRefusal.headerRepeated("Idempotency-Key", keys);
    }
    String organization = Developers.organization(user);
    Opened opened;
    try {
      opened = actions.open(organization, user.getName(), inquiry, key);
    } catch (DataAccessException raced) {
      // a parallel request with the same Idempotency-Key won the insert: answer with its engagement
      opened = actions.open(organization, user.getName(), inquiry, key);
    }
    Detail detail = reader.detail(reader.find(organization, opened.id()));
    URI location = URI.create("/api/engagements/" + opened.id());
    return opened.created() ? ResponseEntity.created(location).body(detail)
        : ResponseEntity.ok().location(location).body(detail);
  }

  /**
   * The list's query is read as strictly as a body: a page or size in decimal digits only (not
   * Spring's {@code 0x10} or {@code #10}, nor an empty {@code page=}, for which a default value
   * would stand in), a stage by its exact name (an empty {@code stage=} names
   * none and is refused, not read as no filter).
   */
  @org.springframework.web.bind.annotation.InitBinder
  void strictQuery(org.springframework.web.bind.WebDataBinder binder) {
    java.beans.PropertyEditorSupport decimal = new java.beans.PropertyEditorSupport() {
      @Override
      public void setAsText(String text) {
        if (text == null || !text.matches("-?[0-9]{1,100}")) {
          throw new IllegalArgumentException("not a whole number in decimal digits: " + text);
        }
        // a number past an int's range is past every bound too: the bounds' checks name them
        java.math.BigInteger number = new java.math.BigInteger(text);
        setValue(number.bitLength() < 32 ? number.intValue() : number.signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
      }
    };
    binder.registerCustomEditor(int.class, decimal);
    binder.registerCustomEditor(Integer.class, decimal);
    binder.registerCustomEditor(Stage.class, new java.beans.PropertyEditorSupport() {
      @Override
      public void setAsText(String text) {
        setValue(Stage.valueOf(text)); // "" or an unknown name: IllegalArgumentException, a 400
      }
    });
  }

  @Operation(summary = "The organization's engagements, newest first, each with its open actions and their"
      + " deadlines; optionally only those at one stage")
  @GetMapping
  Page list(
      @Parameter(schema = @Schema(type = "integer", format = "int32", defaultValue = "0"))
      @RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
      @Parameter(schema = @Schema(type = "integer", format = "int32", defaultValue = "20"))
      @RequestParam(required = false) @Min(1) @Max(100) Integer size,
      @RequestParam(required = false) Stage stage, Authentication user) {
    // no defaultValue on the parameters: Spring would put it in place of an empty page= or size=
    return reader.list(Developers.organization(user), stage, page == null ? 0 : page, size == null ? 20 : size);
  }

  @Operation(summary = "One engagement: stage, open actions, shared assessment, window, partners, timeline")
  @GetMapping("/{id}")
  Detail detail(@PathVariable String id, Authentication user) {
    return reader.detail(reader.find(Developers.organization(user), id));
  }

  @Operation(summary = "Answer intake's clarification request")
  @PostMapping(path = "/{id}/clarification", consumes = JSON)
  Detail clarification(@PathVariable String id, @Valid @RequestBody Clarification body, Authentication user) {
    actions.clarify(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }

  @Operation(summary = "Offer, or decline, government access before release (Sec. 3(b)(ii))")
  @PostMapping(path = "/{id}/access-offer", consumes = JSON)
  Detail accessOffer(@PathVariable String id, @Valid @RequestBody AccessOffer body, Authentication user) {
    actions.offerAccess(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }

  @Operation(summary = "Accept or decline the access terms, acknowledging each requirement area")
  @PostMapping(path = "/{id}/access-terms", consumes = JSON)
  Detail accessTerms(@PathVariable String id, @Valid @RequestBody AccessTerms body, Authentication user) {
    actions.answerTerms(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }

  @Operation(summary = "Propose, or revise, the trusted partners (Sec. 3(b)(iii))")
  @PostMapping(path = "/{id}/trusted-partners", consumes = JSON)
  Detail trustedPartners(@PathVariable String id, @Valid @RequestBody TrustedPartners body, Authentication user) {
    actions.proposePartners(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }

  @Operation(summary = "End government access early")
  @PostMapping("/{id}/access-window/end")
  Detail endAccessWindow(@PathVariable String id,
      @RequestBody(required = false) EngagementRequests.EndAccessWindow body, Authentication user) {
    actions.endAccessWindow(Developers.organization(user), user.getName(), id);
    return detail(id, user);
  }

  @Operation(summary = "Report the release to trusted partners (Sec. 3(c): nothing here gates it)")
  @PostMapping(path = "/{id}/release", consumes = JSON)
  Detail release(@PathVariable String id, @Valid @RequestBody Release body, Authentication user) {
    actions.reportRelease(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }

  @Operation(summary = "Withdraw from the engagement, at any stage until it is closed")
  @PostMapping(path = "/{id}/withdrawal", consumes = JSON)
  Detail withdrawal(@PathVariable String id, @Valid @RequestBody Withdrawal body, Authentication user) {
    actions.withdraw(Developers.organization(user), user.getName(), id, body);
    return detail(id, user);
  }
}
