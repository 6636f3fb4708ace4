package dev.frontierengage.process;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads what a person submitted into a variable scope, checks each value and collects every
 * rule broken, so the refusal names them all at once. Values from Tasklist forms, the engine's
 * REST API and the Java API arrive in different types (Long, Double, String, Date); they are
 * normalised here.
 */
public final class Submission {

  /**
   * An address mail can be sent to through a relay: a plain local part (no quotes, no angle
   * brackets, no spaces) and a domain of host names with a top-level domain of letters, in ASCII
   * (an internationalized domain in its xn-- form). Not an address literal ({@code a@[127.0.0.1]},
   * which asks the relay to deliver to an address of its own network) nor a quoted local part.
   */
  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
      + "@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$");

  /**
   * Whether {@code text} is an e-mail address this application sends to ({@link #EMAIL}); an
   * internationalized domain is taken as written (café-lab.example) when its ASCII form is one.
   */
  public static boolean emailAddress(String text) {
    if (text == null) {
      return false;
    }
    if (EMAIL.matcher(text).matches()) {
      return true;
    }
    int at = text.lastIndexOf('@');
    if (at < 1 || text.substring(at + 1).chars().allMatch(c -> c < 0x80)) {
      return false;
    }
    try {
      return EMAIL.matcher(text.substring(0, at + 1)
          + java.net.IDN.toASCII(text.substring(at + 1), java.net.IDN.USE_STD3_ASCII_RULES)).matches();
    } catch (IllegalArgumentException notADomain) {
      return false;
    }
  }

  /** The longest text a string variable holds (the engine's column is 4,000 characters). */
  public static final int MAX_TEXT = 4_000;
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

  private final VariableScope scope;
  private final String what;
  private final List<String> violations = new ArrayList<>();

  private Submission(VariableScope scope, String what) {
    this.scope = scope;
    this.what = what;
  }

  public static Submission of(VariableScope scope, String what) {
    return new Submission(scope, what);
  }

  public Submission violation(String message) {
    violations.add(message);
    return this;
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  /** Refuses the submission when any rule was broken; nothing is written in that case. */
  public void requireValid() {
    if (!violations.isEmpty()) {
      throw new InvalidSubmissionException(what, violations);
    }
  }

  /**
   * A text, required: it must show at least one visible character ({@link VisibleText}), not only
   * white space, zero-width or filler characters.
   */
  public String text(String name, int maxLength) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      violations.add(name + " is required");
      return null;
    }
    if (!VisibleText.shows(value.toString())) {
      violations.add(name + " " + VisibleText.REQUIRED);
      return null;
    }
    return checkLength(name, value.toString().strip(), maxLength);
  }

  /** A text that may be left out; one that shows nothing ({@link VisibleText}) is left out as a blank one is. */
  public String optionalText(String name, int maxLength) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = checkLength(name, value.toString().strip(), maxLength);
    return text == null || VisibleText.shows(text) ? text : null;
  }

  /**
   * A text of one line, required: as {@link #text}, and without any control character (a line
   * break, a tab) or invisible formatting character (a zero-width space, a direction mark). For
   * names that other people read inside other texts: a model's name in a reviewer's task name,
   * an e-mail's subject, a log line, where a line break starts a line of its own.
   */
  public String line(String name, int maxLength) {
    String text = text(name, maxLength);
    if (text != null && text.codePoints().anyMatch(Submission::breaksALine)) {
      violations.add(name + " must be one line, without control or invisible formatting characters"
          + " (a line break, a tab, a zero-width space, a direction mark)");
      return null;
    }
    return text;
  }

  /**
   * Whether {@code c} has no place in one line of visible text: a control character, an invisible
   * formatting character, or a line or paragraph separator (U+2028, U+2029: breaks wherever
   * Unicode's line breaking is read).
   */
  public static boolean breaksALine(int c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
        || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
  }

  private String checkLength(String name, String text, int maxLength) {
    if (text.length() > maxLength) {
      violations.add(name + " is longer than " + maxLength + " characters");
      return null;
    }
    if (text.codePoints().anyMatch(Submission::refusedInText)) {
      violations.add(name + " holds a control character (other than a tab or a line break) or a direction"
          + " override, embedding or isolate, which would make it read otherwise than it is");
      return null;
    }
    return text;
  }

  /**
   * What no text takes: a control character but a tab and the line breaks, and the direction
   * controls that reorder what follows them (U+202A to U+202E, U+2066 to U+2069), so that a reviewer
   * reads the text as it is stored.
   */
  public static boolean refusedInText(int c) {
    return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
        || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
  }

  public String email(String name) {
    String text = text(name, 254);
    if (text != null && !EMAIL.matcher(text).matches()) {
      violations.add(name + " is not an e-mail address");
      return null;
    }
    return text;
  }

  public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
    Object value = scope.getVariable(name);
    if (value == null) {
      violations.add(name + " is required (one of " + names(type) + ")");
      return null;
    }
    try {
      return Enum.valueOf(type, value.toString().strip());
    } catch (IllegalArgumentException e) {
      violations.add(name + " must be one of " + names(type));
      return null;
    }
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    return String.join(", ", names);
  }

  public Boolean bool(String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && Set.of("true", "false").contains(s.strip())) {
      return Boolean.valueOf(s.strip());
    }
    violations.add(name + (value == null ? " is required (true or false)" : " must be true or false"));
    return null;
  }

  public Integer integer(String name, int min, int max) {
    Object value = scope.getVariable(name);
    Long whole = wholeNumber(value);
    if (whole == null) {
      violations.add(name + (value == null ? " is required" : " must be a whole number")
          + " from " + min + " to " + max);
      return null;
    }
    if (whole < min || whole > max) {
      violations.add(name + " must be from " + min + " to " + max + ", was " + whole);
      return null;
    }
    return whole.intValue();
  }

  private static Long wholeNumber(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? (long) d : null;
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public LocalDate date(String name) {
    LocalDate date = optionalDate(name);
    if (date == null && scope.getVariable(name) == null) {
      violations.add(name + " is required (a date, YYYY-MM-DD)");
    }
    return date;
  }

  public LocalDate optionalDate(String name) {
    Object value = scope.getVariable(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    LocalDate date = toDate(value);
    if (date == null) {
      violations.add(name + " is not a date (YYYY-MM-DD)");
    } else if (!plausible(date)) {
      violations.add(name + " must be between " + EARLIEST + " and " + LATEST);
      return null;
    }
    return date;
  }

  /** Whether a date is one an engagement can mean (and date arithmetic cannot overflow on). */
  public static boolean plausible(LocalDate date) {
    return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
  }

  /** A calendar date as the engine stores it: midnight UTC of that day. */
  public static Date startOfDay(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  public static LocalDate toDate(Object value) {
    if (value instanceof Date d) {
      return LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof String s) {
      return parse(s.strip(), LocalDate::parse, text -> LocalDate.ofInstant(
          OffsetDateTime.parse(text).toInstant(), ZoneOffset.UTC));
    }
    return null;
  }

  private static LocalDate parse(String text, Function<String, LocalDate> first,
      Function<String, LocalDate> second) {
    try {
      return first.apply(text);
    } catch (DateTimeParseException e) {
      try {
        return second.apply(text);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

}
