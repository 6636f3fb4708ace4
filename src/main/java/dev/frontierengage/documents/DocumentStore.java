package dev.frontierengage.documents;

/**
 * Where a document's bytes are kept, apart from what is known about it ({@code fe_document}) and
 * never in process variables. Written once per document, in the transaction that records it.
 */
public interface DocumentStore {

  void put(String documentId, byte[] content);

  /** The document's bytes; an {@link IllegalStateException} when the store has none. */
  byte[] get(String documentId);
}
