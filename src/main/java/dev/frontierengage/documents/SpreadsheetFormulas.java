package dev.frontierengage.documents;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text document holds a cell a spreadsheet would run as a formula when it opens the
 * file as CSV: a field (split at commas, semicolons and tabs, each line on its own) that, with
 * the blanks and quotes before it left out, starts with {@code =} or {@code @}, or with {@code +}
 * or {@code -} and is more than a number ({@code =HYPERLINK(...)}, {@code @SUM(...)},
 * {@code -2+3+cmd|' /C calc'!A0}); their full-width forms alike. Such a file named {@code .csv}
 * opened in the reviewer's spreadsheet could send the sheet's data away or start a program. A
 * first line {@code sep=|} (Excel's way to name a file's separator) adds that separator;
 * invisible formatting characters before a field (a byte order mark, which spreadsheets drop) are
 * left out like blanks. Splitting ignores quoting, so a quoted field holding a separator may be
 * judged in parts: that can only call more files formulas, never fewer.
 */
final class SpreadsheetFormulas {

  /**
   * A signed number as spreadsheets and data tools write one: digits with decimal or grouping
   * marks ({@code -1,234.5}, {@code -1 234}, {@code -.5}), an exponent, a percent; or an infinity
   * or not-a-number ({@code -inf}, {@code -NaN}).
   */
  private static final Pattern NUMBER = Pattern.compile(
      "[+-]((\\.?[0-9][0-9., ]*)([eE][+-]?[0-9]+)?%?|(?i:inf|infinity|nan))\\s*");
  /** Excel's first line naming the file's separator. */
  private static final Pattern SEPARATOR_LINE = Pattern.compile("(?i)sep=(.).*");

  private SpreadsheetFormulas() {}

  static boolean holdsFormula(byte[] content) {
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\r\n|\r|\n");
    String separators = ",;\t";
    if (lines.length > 0) {
      Matcher declared = SEPARATOR_LINE.matcher(lines[0].substring(start(lines[0])));
      if (declared.matches()) {
        separators += declared.group(1);
      }
    }
    for (String line : lines) {
      int from = 0;
      for (int i = 0; i <= line.length(); i++) {
        if (i == line.length() || separators.indexOf(line.charAt(i)) >= 0) {
          if (formula(line.substring(from, i))) {
            return true;
          }
          from = i + 1;
        }
      }
    }
    return false;
  }

  /** Where a field's content starts: after blanks, quotes and invisible formatting characters. */
  private static int start(String field) {
    int start = 0;
    while (start < field.length()) {
      char c = field.charAt(start);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '"' && c != '\''
          && Character.getType(c) != Character.FORMAT) {
        break;
      }
      start++;
    }
    return start;
  }

  private static boolean formula(String field) {
    int start = start(field);
    if (start == field.length()) {
      return false;
    }
    char first = field.charAt(start);
    if (first == '=' || first == '@' || first == '\uff1d' || first == '\uff20') {
      return true;
    }
    if (first == '+' || first == '-' || first == '\uff0b' || first == '\uff0d') {
      String rest = field.substring(start).replaceAll("[\"']+\\s*$", "");
      return rest.length() > 1 && !NUMBER.matcher(rest).matches();
    }
    return false;
  }
}
