package dev.frontierengage.access;

import dev.frontierengage.documents.DocumentKind;
import dev.frontierengage.documents.Documents;
import dev.frontierengage.documents.Documents.Document;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Access counsel names the terms and has attached the terms document (through the documents
 * link on its form): the latest one attached is what the developer is asked to accept, and its
 * SHA-256 is recorded with the engagement.
 */
@Component("accessTermsPreparedListener")
class AccessTermsPreparedListener implements TaskListener {

  private final EngagementRecord record;
  private final Documents documents;

  AccessTermsPreparedListener(EngagementRecord record, Documents documents) {
    this.record = record;
    this.documents = documents;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access terms");
    String reference = submission.line(Vars.ACCESS_TERMS_REFERENCE, 500);
    String id = EngagementRecord.id(task);
    Document terms = documents.latest(id, DocumentKind.TERMS).orElse(null);
    if (terms == null) {
      submission.violation("no terms document is attached: attach it through 'Documents of this engagement'"
          + " on this form, then complete the task");
    }
    submission.requireValid();
    record.termsPrepared(id, reference, terms.id(), terms.sha256());
    record.event(id, dev.frontierengage.process.EngineClock.instant(), "DOCUMENT_ADDED", Documents.timelineDetail(terms));
  }
}
