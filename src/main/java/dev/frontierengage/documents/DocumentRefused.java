package dev.frontierengage.documents;

/** An upload or a read of a document refused: the HTTP status and what the person can do about it. */
public class DocumentRefused extends RuntimeException {

  private final int status;
  private final String title;

  public DocumentRefused(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
