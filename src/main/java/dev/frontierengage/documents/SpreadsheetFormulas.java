package dev.frontierengage.documents;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Whether a text document holds a cell a spreadsheet would run as a formula when it opens the
 * file as CSV: a field (split at commas, semicolons and tabs, each line on its own) that, with
 * the blanks and quotes before it left out, starts with {@code =} or {@code @}, or with {@code +}
 * or {@code -} and is more than a number ({@code =HYPERLINK(...)}, {@code @SUM(...)},
 * {@code -2+3+cmd|' /C calc'!A0}). Such a file named {@code .csv} opened in the reviewer's
 * spreadsheet could send the sheet's data away or start a program. Splitting ignores quoting, so
 * a quoted field holding a separator may be judged in parts: that can only call more files
 * formulas, never fewer.
 */
final class SpreadsheetFormulas {

  /** A signed number as spreadsheets read one (digits, a decimal or grouping mark, an exponent, a percent). */
  private static final Pattern NUMBER = Pattern.compile("[+-][0-9][0-9.,]*([eE][+-]?[0-9]+)?%?\\s*");

  private SpreadsheetFormulas() {}

  static boolean holdsFormula(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    for (String line : text.split("\r\n|\r|\n")) {
      for (String field : line.split("[,;\t]", -1)) {
        if (formula(field)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean formula(String field) {
    int start = 0;
    while (start < field.length() && (Character.isWhitespace(field.charAt(start)) || field.charAt(start) == '"'
        || field.charAt(start) == '\'' || field.charAt(start) == '\u00a0')) {
      start++;
    }
    if (start == field.length()) {
      return false;
    }
    char first = field.charAt(start);
    if (first == '=' || first == '@' || first == '\uff1d' || first == '\uff20') {
      return true;
    }
    if (first == '+' || first == '-') {
      String rest = field.substring(start).replaceAll("[\"']+\\s*$", "");
      return rest.length() > 1 && !NUMBER.matcher(rest).matches();
    }
    return false;
  }
}
