package dev.frontierengage.api;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.frontierengage.process.VisibleText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text of a request that, when given, shows at least one visible character ({@link
 * VisibleText}): not only spaces, zero-width or filler characters, which {@code @NotBlank} lets
 * through. {@code null} and white space are left to {@code @NotBlank} beside it (a required text)
 * or taken as left out (an optional one), so that each refusal is named once.
 */
@Documented
@Constraint(validatedBy = Visible.Check.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Visible {

  String message() default VisibleText.REQUIRED;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check behind {@link Visible}. */
  class Check implements ConstraintValidator<Visible, CharSequence> {

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
      // what @NotBlank refuses (nothing left after trim(), which drops up to U+0020) is its to
      // say; a text of other spaces only (U+3000, U+2003), which it lets pass, is refused here
      return text == null || text.toString().trim().isEmpty() || VisibleText.shows(text);
    }
  }
}
