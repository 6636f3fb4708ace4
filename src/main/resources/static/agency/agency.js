/*
 * Frontier Engage: an engagement's documents for agency staff, opened from a task form in
 * Tasklist (same browser, same session). The office sees what its open task allows and attaches
 * the kind its task is for. Every value from the API is put in the page as text.
 */
'use strict';

const KINDS = {
  MODEL_CARD: 'Model card', SYSTEM_CARD: 'System card', EVALUATION_REPORT: 'Evaluation report', OTHER: 'Other',
  TERMS: 'Access terms', BENCHMARK_REPORT: 'Benchmark report (classified)', FINDINGS: 'Evaluation findings (classified)'
};
const main = document.getElementById('main');
const engagement = new URLSearchParams(location.search).get('engagement') || '';
const base = '/agency/api/engagements/' + encodeURIComponent(engagement) + '/documents';

async function call(method, path, body) {
  const response = await fetch(path, { method, body, credentials: 'same-origin',
    headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (ignored) {
    json = null;
  }
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return json;
}

function problem(error) {
  if (error.status === 401) {
    return el('div', { class: 'error', role: 'alert' }, 'Sign in to ', el('a', { href: '/camunda/app/tasklist/' }, 'Tasklist'),
      ' first, then open this page again from your task.');
  }
  return el('div', { class: 'error', role: 'alert' }, error.message);
}

async function render() {
  const listing = await call('GET', base);
  const table = listing.documents.length === 0 ? el('p', { id: 'no-documents' }, 'No documents you may see yet.')
    : el('table', { id: 'document-list' },
      el('thead', {}, el('tr', {}, ['Kind', 'File', 'Size', 'SHA-256', 'From', 'Attached', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, listing.documents.map(d => el('tr', { class: d.classified ? 'classified' : null },
        el('td', {}, KINDS[d.kind] || d.kind), el('td', { class: 'filename' }, d.filename), el('td', {}, size(d.size)),
        el('td', { class: 'hash' }, d.sha256),
        el('td', {}, d.from === 'DEVELOPER' ? 'developer (' + d.uploadedBy + ')' : (d.office || 'agency')),
        el('td', {}, when(d.uploadedAt)),
        el('td', {}, el('a', { href: base + '/' + encodeURIComponent(d.id) + '/content' }, 'Download'))))));
  const parts = [
    el('h2', { id: 'title' }, listing.modelName + ' ' + listing.modelVersion + ' (' + listing.organization + ')'),
    el('p', {}, 'Engagement ', el('code', {}, listing.engagementId), '. Your office: ', listing.office || ''),
    el('div', { class: 'card' }, el('h3', {}, 'Documents'), table)];
  if (listing.uploadableKinds.length) {
    const kind = el('select', { id: 'document-kind' }, listing.uploadableKinds.map(k => el('option', { value: k }, KINDS[k] || k)));
    const file = el('input', { type: 'file', id: 'document-file', accept: '.pdf,.txt,.md,.csv,.json,.png,.jpg,.jpeg' });
    const form = el('form', { class: 'card', id: 'attach-form' }, el('h3', {}, 'Attach'),
      el('p', {}, 'PDF, UTF-8 text, PNG or JPEG, told by its content. ' + (listing.uploadableKinds.includes('TERMS')
        ? 'The developer accepts the latest terms document attached before you complete your task, by its SHA-256.'
        : 'Classified: never shown to the developer.')),
      el('div', {}, el('label', { for: 'document-kind' }, 'Kind'), kind),
      el('div', {}, el('label', { for: 'document-file' }, 'File'), file),
      el('button', { type: 'submit', class: 'primary', id: 'attach' }, 'Attach'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      form.querySelectorAll('.error, .notice').forEach(n => n.remove());
      try {
        if (!file.files.length) throw new Error('Choose a file first.');
        const body = new FormData();
        body.append('kind', kind.value);
        body.append('file', file.files[0]);
        const added = await call('POST', base, body);
        await render();
        main.append(el('div', { class: 'notice', id: 'attached' }, 'Attached ' + added.filename + ' (SHA-256 ' + added.sha256
          + '). Return to Tasklist to complete your task.'));
      } catch (error) {
        form.append(problem(error));
      }
    });
    parts.push(form);
  }
  main.replaceChildren(...parts);
}

render().catch(error => main.replaceChildren(problem(error)));
