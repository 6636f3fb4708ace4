package dev.frontierengage.process;

import java.util.Optional;

/**
 * Whether a text can be stored as it is: PostgreSQL's text types refuse the NUL character, and a
 * half of a UTF-16 surrogate pair is no character at all (the driver would write a '?' in its
 * place, silently). H2 takes both, so a value the embedded database keeps would fail in
 * production as a server error. Such a text is bad input, refused with a 400 where it arrives.
 */
public final class StorableText {

  private StorableText() {
  }

  /** Why {@code text} cannot be stored, or empty when it can. */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return Optional.of("holds a NUL character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("holds half of a surrogate pair, which is no character");
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of("holds half of a surrogate pair, which is no character");
      }
    }
    return Optional.empty();
  }
}
