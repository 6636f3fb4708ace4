/*
 * Frontier Engage developer portal: the developer API (/api) in a page, and nothing else. No
 * framework, nothing fetched from elsewhere; every value from the API is put in the page as text.
 * The credentials live in this tab's session storage and go out as HTTP Basic on each call.
 */
'use strict';

const ACTIONS = {
  'clarification': 'Answer intake\'s question',
  'access-offer': 'Offer the government access, or decline',
  'access-terms': 'Accept or decline the access terms',
  'trusted-partners': 'Propose trusted partners',
  'access-window/end': 'End the government\'s access early',
  'release': 'Report the release to trusted partners',
  'withdrawal': 'Withdraw the engagement'
};
const CATEGORIES = {
  FEDERAL_AGENCY: 'Federal agency',
  STATE_LOCAL_AUTHORITY: 'State or local authority',
  CRITICAL_INFRASTRUCTURE: 'Critical infrastructure operator',
  SECURITY_RESEARCHER: 'Security researcher',
  OTHER: 'Other'
};
const ACKNOWLEDGMENTS = {
  confidentiality: 'Confidentiality', cybersecurity: 'Cybersecurity', insiderRisk: 'Insider risk',
  intellectualProperty: 'Intellectual property', use: 'Use', nondisclosure: 'Nondisclosure'
};
const EVENTS = ['action.opened', 'action.reminder', 'engagement.closed'];
const KINDS = {
  MODEL_CARD: 'Model card', SYSTEM_CARD: 'System card', EVALUATION_REPORT: 'Evaluation report', OTHER: 'Other',
  TERMS: 'Access terms'
};
const DEVELOPER_KINDS = ['MODEL_CARD', 'SYSTEM_CARD', 'EVALUATION_REPORT', 'OTHER'];

/** How government access ended (the developer API's accessWindow.closedBy). */
const WINDOW_CLOSED = {
  EXPIRED: 'ended as agreed',
  EVALUATION_COMPLETED: 'handed back by the government',
  DEVELOPER: 'ended early by you',
  WITHDRAWN: 'ended by the withdrawal'
};

const main = document.getElementById('main');

function field(label, input) {
  return el('div', {}, el('label', { for: input.id }, label), input);
}

// ----- the API

function credentials() {
  return sessionStorage.getItem('frontier-engage.basic');
}

async function api(method, path, body) {
  // X-Requested-With: a 401 then carries no Basic challenge, so the browser shows no login prompt of its own
  const headers = { 'Authorization': 'Basic ' + credentials(), 'Accept': 'application/json',
    'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
    error.status = response.status;
    error.violations = json && json.violations;
    throw error;
  }
  return json;
}

/** An upload (multipart: the browser writes the boundary); the same errors as {@link api}. */
async function upload(path, form) {
  const response = await fetch(path, { method: 'POST', body: form, headers: { 'Authorization': 'Basic ' + credentials(),
    'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return json;
}

/** Saves a document: fetched with the credentials, handed to the browser as a download under its name. */
async function save(e, d) {
  const response = await fetch('/api/engagements/' + encodeURIComponent(e.id) + '/documents/' + encodeURIComponent(d.id)
    + '/content', { headers: { 'Authorization': 'Basic ' + credentials(), 'X-Requested-With': 'XMLHttpRequest' } });
  if (!response.ok) {
    const error = new Error('The document could not be read (HTTP ' + response.status + ').');
    error.status = response.status;
    throw error;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: d.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function problem(error) {
  const box = el('div', { class: 'error', role: 'alert' }, error.message);
  if (Array.isArray(error.violations)) {
    box.append(el('ul', {}, error.violations.map(v => el('li', {}, v))));
  }
  return box;
}

/** Runs an action; shows its problem in {@code where} and changes nothing else when refused. */
async function attempt(where, action) {
  where.querySelectorAll('.error').forEach(e => e.remove());
  try {
    await action();
  } catch (error) {
    if (error.status === 401) return signOut();
    where.append(problem(error));
  }
}

// ----- signing in

function signOut() {
  sessionStorage.removeItem('frontier-engage.basic');
  document.getElementById('nav').hidden = true;
  render();
}

function signIn() {
  const user = el('input', { type: 'text', id: 'user', name: 'user', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'card', id: 'sign-in' },
    el('h2', {}, 'Sign in'),
    el('p', {}, 'For AI developers: your organization\'s engagements. Agency staff sign in to Tasklist.'),
    field('User', user), field('Password', password),
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    sessionStorage.setItem('frontier-engage.basic', btoa(unescape(encodeURIComponent(user.value + ':' + password.value))));
    form.querySelectorAll('.error').forEach(e => e.remove());
    try {
      await api('GET', '/api/engagements?size=1');
      sessionStorage.setItem('frontier-engage.user', user.value);
      location.hash = '#/';
      render();
    } catch (error) {
      sessionStorage.removeItem('frontier-engage.basic');
      form.append(problem(error.status === 401 ? new Error('Wrong user or password.')
        : error.status === 403 ? new Error('This user is no developer of an organization; agency staff use Tasklist.')
          : error));
    }
  });
  main.replaceChildren(form);
}

// ----- the views

/** How many engagements a page of the list shows (the API's largest page). */
const PAGE_SIZE = 100;

async function list(number) {
  const page = await api('GET', '/api/engagements?size=' + PAGE_SIZE + '&page=' + number);
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  // newest first, a page at a time: every engagement is reached (to read it, or to withdraw it)
  const paging = pages > 1 ? el('p', { id: 'pages' },
    number > 0 ? el('a', { href: '#/page/' + (number - 1), id: 'newer' }, '\u2190 Newer') : null,
    ' Page ' + (number + 1) + ' of ' + pages + ' ',
    number + 1 < pages ? el('a', { href: '#/page/' + (number + 1), id: 'older' }, 'Older \u2192') : null) : null;
  const rows = page.items.map(item => el('tr', { class: 'row', 'data-id': item.id, onclick: () => { location.hash = '#/e/' + item.id; } },
    el('td', {}, el('a', { href: '#/e/' + item.id }, item.modelName + ' ' + item.modelVersion)),
    el('td', {}, el('span', { class: 'badge' }, item.stage), item.status ? el('span', { class: 'badge' }, item.status) : null),
    el('td', {}, item.openActions.filter(a => a !== 'withdrawal').map(a => ACTIONS[a] || a).join('; ')),
    el('td', {}, Object.values(item.deadlines || {}).map(when).sort()[0] || ''),
    el('td', {}, when(item.openedAt))));
  main.replaceChildren(el('h2', {}, 'Your organization\'s engagements (' + page.total + ')'),
    page.total === 0 ? el('p', {}, 'None yet. ', el('a', { href: '#/new' }, 'Open an engagement.'))
      : page.items.length === 0 ? el('p', {}, 'No engagements on this page. ', el('a', { href: '#/' }, 'The newest.'))
      : el('table', { id: 'engagements' },
        el('thead', {}, el('tr', {}, ['Model', 'Stage', 'Waits for you', 'Next deadline', 'Opened'].map(h => el('th', {}, h)))),
        el('tbody', {}, rows)),
    paging);
}

function openForm() {
  const inputs = {
    modelName: el('input', { type: 'text', id: 'modelName', required: true, maxlength: 200 }),
    modelVersion: el('input', { type: 'text', id: 'modelVersion', required: true, maxlength: 100 }),
    description: el('textarea', { id: 'description', required: true, maxlength: 4000 }),
    contactEmail: el('input', { type: 'email', id: 'contactEmail', required: true, maxlength: 254 }),
    plannedPartnerReleaseDate: el('input', { type: 'date', id: 'plannedPartnerReleaseDate' })
  };
  const form = el('form', { class: 'card', id: 'open' },
    el('h2', {}, 'Open an engagement (Sec. 3(b)(i))'),
    el('p', {}, 'Is your model a covered frontier model? NSA intake reviews the inquiry; a classified benchmark and the'
      + ' Director of NSA\'s decision follow. Engaging is voluntary: you may withdraw at any stage.'),
    field('Model', inputs.modelName), field('Version', inputs.modelVersion), field('Description', inputs.description),
    field('Security contact e-mail', inputs.contactEmail),
    field('Planned release to trusted partners (optional)', inputs.plannedPartnerReleaseDate),
    el('button', { type: 'submit', class: 'primary' }, 'Open'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    attempt(form, async () => {
      const body = {};
      for (const [name, input] of Object.entries(inputs)) if (input.value) body[name] = input.value;
      const made = await api('POST', '/api/engagements', body);
      location.hash = '#/e/' + made.id;
    });
  });
  main.replaceChildren(form);
}

async function detail(id) {
  const e = await api('GET', '/api/engagements/' + encodeURIComponent(id));
  const facts = el('dl', {},
    el('dt', {}, 'Organization'), el('dd', {}, e.organization),
    el('dt', {}, 'Description'), el('dd', {}, e.description),
    el('dt', {}, 'Security contact'), el('dd', {}, e.contactEmail),
    el('dt', {}, 'Planned release to trusted partners'), el('dd', {}, e.plannedPartnerReleaseDate || 'not given'),
    e.assessment ? [el('dt', {}, 'Designation (Sec. 3(a))'),
      el('dd', { id: 'designation' }, (e.assessment.designated ? 'Designated a covered frontier model. ' : 'Not designated. ')
        + (e.assessment.summary || ''))] : null,
    e.accessWindow ? [el('dt', {}, 'Government access window'),
      el('dd', { id: 'window' }, when(e.accessWindow.start) + ' to ' + when(e.accessWindow.end)
        + (e.accessWindow.closedAt ? '; ' + (WINDOW_CLOSED[e.accessWindow.closedBy] || 'ended') + ' ' + when(e.accessWindow.closedAt) : ''))] : null,
    e.accessTermsReference ? [el('dt', {}, 'Access terms'), el('dd', { id: 'terms' }, e.accessTermsReference
      + (e.acceptedTermsSha256 ? ' (accepted: the document of SHA-256 ' + e.acceptedTermsSha256 + ')' : ''))] : null);
  const partners = (e.trustedPartners || []).length === 0 ? null : el('div', { class: 'card' },
    el('h3', {}, 'Trusted partners (Sec. 3(b)(iii))'),
    el('table', { id: 'partners' }, el('thead', {}, el('tr', {}, ['Partner', 'Category', 'Status', 'Reason'].map(h => el('th', {}, h)))),
      el('tbody', {}, e.trustedPartners.map(p => el('tr', {}, el('td', {}, p.name), el('td', {}, CATEGORIES[p.category] || p.category),
        el('td', {}, p.status), el('td', {}, p.reason || ''))))));
  const docs = await api('GET', '/api/engagements/' + encodeURIComponent(id) + '/documents');
  const actions = e.openActions.map(action => actionCard(e, action, docs));
  const timeline = el('div', { class: 'card' }, el('h3', {}, 'Timeline'),
    el('ul', { id: 'timeline' }, (e.timeline || []).map(t => el('li', {}, when(t.at) + ': ' + t.event + (t.detail ? ' (' + t.detail + ')' : '')))));
  main.replaceChildren(...[
    el('h2', { id: 'title' }, e.modelName + ' ' + e.modelVersion),
    el('p', {}, el('span', { class: 'badge', id: 'stage' }, e.stage), e.status ? el('span', { class: 'badge', id: 'status' }, e.status) : null),
    el('div', { class: 'card' }, facts), ...actions, partners, documents(e, docs), timeline].filter(part => part));
}

function documents(e, docs) {
  const kind = el('select', { id: 'document-kind' }, DEVELOPER_KINDS.map(k => el('option', { value: k }, KINDS[k])));
  const file = el('input', { type: 'file', id: 'document-file', accept: '.pdf,.txt,.md,.csv,.json,.png,.jpg,.jpeg' });
  const card = el('form', { class: 'card', id: 'documents' }, el('h3', {}, 'Documents'),
    docs.length === 0 ? el('p', {}, 'No documents yet.') : el('table', { id: 'document-list' },
      el('thead', {}, el('tr', {}, ['Kind', 'File', 'Size', 'SHA-256', 'From', 'Attached', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, docs.map(d => el('tr', {}, el('td', {}, KINDS[d.kind] || d.kind), el('td', { class: 'filename' }, d.filename),
        el('td', {}, size(d.size)), el('td', { class: 'hash', title: d.sha256 }, d.sha256.substring(0, 12) + '…'),
        el('td', {}, d.from === 'AGENCY' ? 'the agency' : (d.uploadedBy || 'you')), el('td', {}, when(d.uploadedAt)),
        el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => attempt(card, () => save(e, d)) },
          'Download')))))));
  if (e.stage !== 'CLOSED') {
    card.append(el('p', {}, 'Attach a model card, system card, evaluation report or other document: PDF, UTF-8 text'
      + ' (Markdown, CSV, JSON), PNG or JPEG. The type is read from the content, not the name.'),
    field('Kind', kind), field('File', file),
    el('button', { type: 'button', class: 'primary', id: 'attach', onclick: () => attempt(card, async () => {
      if (!file.files.length) throw new Error('Choose a file first.');
      const form = new FormData();
      form.append('kind', kind.value);
      form.append('file', file.files[0]);
      await upload('/api/engagements/' + encodeURIComponent(e.id) + '/documents', form);
      await detail(e.id);
    }) }, 'Attach'));
  }
  return card;
}

function actionCard(e, action, docs) {
  const card = el('form', { class: 'card action', id: 'action-' + action.replace('/', '-') },
    el('h3', {}, ACTIONS[action] || action),
    e.deadlines && e.deadlines[action] ? el('p', {}, 'Open until ' + when(e.deadlines[action]) + '; it lapses then.') : null);
  const submit = (body, label, cls) => el('button', { type: 'button', class: cls || 'primary', onclick: () => attempt(card, async () => {
    await api('POST', '/api/engagements/' + e.id + '/' + action, body());
    await detail(e.id);
  }) }, label);
  switch (action) {
    case 'clarification': {
      const text = el('textarea', { id: 'clarification-text', maxlength: 4000 });
      card.append(el('p', {}, 'Intake asks: ', el('q', { id: 'question' }, e.intakeNote || '')), field('Your answer', text),
        submit(() => ({ text: text.value }), 'Send the answer'));
      break;
    }
    case 'access-offer': {
      const cap = e.accessCapDays || 30;
      const start = el('input', { type: 'date', id: 'offer-start' });
      const days = el('input', { type: 'number', id: 'offer-days', min: 1, max: cap });
      const release = el('input', { type: 'date', id: 'offer-release', value: e.plannedPartnerReleaseDate || '' });
      card.append(el('p', { class: 'rule', id: 'offer-rule' }, 'Sec. 3(b)(ii): the government\'s access lasts at most ' + cap
        + ' calendar days, starts today or later and ends no later than the planned release to trusted partners. An offer that'
        + ' breaks a rule is refused, never shortened. Nothing here licenses, pre-clears or blocks your release (Sec. 3(c)).'),
      field('Access starts', start), field('Calendar days of access (1 to ' + cap + ')', days),
      field('Planned release to trusted partners', release),
      submit(() => ({ offerAccess: true, accessStart: start.value || null, accessDays: days.value === '' ? null : Number(days.value),
        plannedPartnerReleaseDate: release.value || null }), 'Offer access'),
      submit(() => ({ offerAccess: false }), 'Decline', 'secondary'));
      break;
    }
    case 'access-terms': {
      const boxes = Object.entries(ACKNOWLEDGMENTS).map(([key, label]) =>
        [key, el('input', { type: 'checkbox', id: 'ack-' + key })]);
      const terms = (docs || []).find(d => d.id === e.accessTermsDocumentId);
      card.append(el('p', {}, 'The terms: ', el('strong', { id: 'terms-reference' }, e.accessTermsReference || '')),
        terms ? el('p', {}, 'Read the terms document ', el('span', { class: 'filename' }, terms.filename), ' ',
          el('button', { type: 'button', class: 'secondary', id: 'terms-download', onclick: () => attempt(card, () => save(e, terms)) },
            'Download the terms'),
          '. Accepting accepts this document, SHA-256 ', el('code', { id: 'terms-sha256' }, e.accessTermsSha256 || ''), '.') : null,
        el('p', {}, 'Acknowledge each requirement area of Sec. 3(b)(ii):'),
        ...boxes.map(([key, box]) => el('div', { class: 'check' }, box, el('label', { for: box.id }, ACKNOWLEDGMENTS[key]))),
        submit(() => ({ accept: true, acknowledgments: Object.fromEntries(boxes.map(([k, b]) => [k, b.checked])),
          termsSha256: e.accessTermsSha256 }), 'Accept the terms'),
        submit(() => ({ accept: false, acknowledgments: Object.fromEntries(boxes.map(([k]) => [k, false])) }), 'Decline', 'secondary'));
      break;
    }
    case 'trusted-partners': {
      const rows = el('div', { id: 'partner-rows' });
      const add = () => {
        const n = rows.children.length + 1;
        const category = el('select', { id: 'partner-category-' + n },
          Object.entries(CATEGORIES).map(([value, label]) => el('option', { value }, label)));
        rows.append(el('fieldset', { class: 'partner' }, el('legend', {}, 'Partner ' + n),
          field('Name', el('input', { type: 'text', id: 'partner-name-' + n, class: 'p-name', maxlength: 200 })),
          field('Category', category),
          field('Sector (for critical infrastructure)', el('input', { type: 'text', id: 'partner-sector-' + n, class: 'p-sector', maxlength: 100 })),
          field('Contact e-mail', el('input', { type: 'email', id: 'partner-email-' + n, class: 'p-email', maxlength: 254 }))));
      };
      add();
      card.append(el('p', {}, 'Sec. 3(b)(iii): you and the government choose together who gets early access. CISA vets each partner.'),
        rows, el('button', { type: 'button', class: 'secondary', id: 'add-partner', onclick: add }, 'Add a partner'),
        submit(() => ({ partners: [...rows.children].map(set => ({
          name: set.querySelector('.p-name').value, category: set.querySelector('select').value,
          sector: set.querySelector('.p-sector').value || null, contactEmail: set.querySelector('.p-email').value })) }),
        'Propose these partners'));
      break;
    }
    case 'access-window/end':
      card.append(el('p', {}, 'The government\'s access window is open. You may end it now.'), submit(() => ({}), 'End access now'));
      break;
    case 'release': {
      const at = el('input', { type: 'datetime-local', id: 'released-at' });
      card.append(field('Released to trusted partners at (UTC)', at),
        submit(() => ({ releasedAt: at.value ? at.value + (at.value.length === 16 ? ':00Z' : 'Z') : null }), 'Report the release'));
      break;
    }
    case 'withdrawal': {
      const reason = el('textarea', { id: 'withdrawal-reason', maxlength: 2000 });
      card.append(el('p', {}, 'Engaging is voluntary: you may withdraw at any stage.'), field('Why', reason),
        submit(() => ({ reason: reason.value }), 'Withdraw', 'secondary'));
      break;
    }
    default:
      card.append(el('p', {}, 'Through the API: POST /api/engagements/' + e.id + '/' + action));
  }
  return card;
}

async function webhooks(made) {
  const hooks = await api('GET', '/api/webhooks');
  const url = el('input', { type: 'url', id: 'webhook-url', maxlength: 2000 });
  const boxes = EVENTS.map(event => [event, el('input', { type: 'checkbox', id: 'event-' + event.replace('.', '-'), checked: true })]);
  const form = el('form', { class: 'card', id: 'webhook-form' }, el('h3', {}, 'Register a webhook'),
    el('p', {}, 'Signed deliveries (Standard Webhooks) of your engagements\' events; the client reads the rest through the API.'),
    field('URL', url), boxes.map(([event, box]) => el('div', { class: 'check' }, box, el('label', { for: box.id }, event))),
    el('button', { type: 'submit', class: 'primary' }, 'Register'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    attempt(form, async () => webhooks(await api('POST', '/api/webhooks',
      { url: url.value, events: boxes.filter(([, b]) => b.checked).map(([e]) => e) })));
  });
  const table = el('table', { id: 'webhooks' },
    el('thead', {}, el('tr', {}, ['URL', 'Events', 'State', ''].map(h => el('th', {}, h)))),
    el('tbody', {}, hooks.map(h => el('tr', {},
      el('td', {}, h.url), el('td', {}, h.events.join(', ')),
      el('td', {}, h.disabledAt ? 'disabled: ' + (h.disabledReason || '') : 'active'),
      el('td', {},
        el('button', { type: 'button', class: 'secondary', onclick: () => attempt(main, async () =>
          webhooks(await api('POST', '/api/webhooks/' + h.id + '/rotate'))) }, 'New secret'),
        el('button', { type: 'button', class: 'secondary', onclick: () => attempt(main, async () => {
          await api('DELETE', '/api/webhooks/' + h.id);
          await webhooks();
        }) }, 'Delete'))))));
  main.replaceChildren(...[el('h2', {}, 'Webhooks'),
    made && made.secret ? el('div', { class: 'notice', id: 'secret' }, 'The signing secret of ' + made.url
      + ', shown this once: ', el('span', { class: 'secret' }, made.secret)) : null,
    hooks.length ? table : el('p', {}, 'No webhooks yet.'), form].filter(part => part));
}

async function apiClients(made) {
  const clients = await api('GET', '/api/clients');
  const name = el('input', { type: 'text', id: 'client-name', maxlength: 200, required: true });
  const key = el('textarea', { id: 'client-key', rows: 3, placeholder: '{"kty":"RSA","n":"...","e":"AQAB"}' });
  const form = el('form', { class: 'card', id: 'client-form' }, el('h3', {}, 'Make an API client'),
    el('p', {}, 'A service account for a job: it gets tokens at /oauth2/token (client credentials, scope engagements)'
      + ' and uses the API as your organization. Leave the key empty for a secret, or give the public key (JWK) it signs'
      + ' its assertions with (private_key_jwt).'),
    field('Name', name), field('Public key (optional)', key),
    el('button', { type: 'submit', class: 'primary' }, 'Make'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    attempt(form, async () => {
      const body = { name: name.value };
      if (key.value.trim()) body.publicKey = JSON.parse(key.value);
      apiClients(await api('POST', '/api/clients', body));
    });
  });
  const table = el('table', { id: 'api-clients' },
    el('thead', {}, el('tr', {}, ['Name', 'Client id', 'Authentication', 'State', ''].map(h => el('th', {}, h)))),
    el('tbody', {}, clients.map(c => el('tr', {},
      el('td', {}, c.name), el('td', {}, c.clientId), el('td', {}, c.authentication),
      el('td', {}, c.revokedAt ? 'revoked ' + when(c.revokedAt) : c.rotatedAt ? 'rotated ' + when(c.rotatedAt) : 'active'),
      el('td', {}, c.revokedAt ? null : [
        c.authentication === 'client_secret' ? el('button', { type: 'button', class: 'secondary', onclick: () =>
          attempt(main, async () => apiClients(await api('POST', '/api/clients/' + c.clientId + '/rotate'))) }, 'New secret') : null,
        el('button', { type: 'button', class: 'secondary', onclick: () => attempt(main, async () => {
          await api('DELETE', '/api/clients/' + c.clientId);
          await apiClients();
        }) }, 'Revoke')].filter(b => b))))));
  main.replaceChildren(...[el('h2', {}, 'API clients'),
    made && made.clientSecret ? el('div', { class: 'notice', id: 'client-secret' }, 'The secret of ' + made.clientId
      + ', shown this once: ', el('span', { class: 'secret' }, made.clientSecret)) : null,
    clients.length ? table : el('p', {}, 'No API clients yet.'), form].filter(part => part));
}

async function render() {
  if (!credentials()) return signIn();
  const nav = document.getElementById('nav');
  nav.hidden = false;
  document.getElementById('nav-user').textContent = sessionStorage.getItem('frontier-engage.user') || '';
  const route = location.hash.replace(/^#/, '') || '/';
  await attempt(main, async () => {
    if (route === '/new') openForm();
    else if (route === '/webhooks') await webhooks();
    else if (route === '/clients') await apiClients();
    else if (route.startsWith('/e/')) await detail(decodeURIComponent(route.substring(3)));
    else if (/^\/page\/\d{1,6}$/.test(route)) await list(Number(route.substring('/page/'.length)));
    else await list(0);
  });
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', render);
render();
