// The Keygate Panel page. The session lives in an HttpOnly cookie the script cannot read; the
// CSRF token and any secret shown once live only in memory, never in browser storage.
'use strict';

const state = {
  csrf: null,
  user: null,
  account: null,
  auditCursor: null,
  chart: null,
  challenge: null,
  enrolOnly: false,
};
const $ = (selector, root = document) => root.querySelector(selector);
const isAdmin = () => state.user && state.user.role === 'admin';

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (state.csrf && method !== 'GET') headers['x-csrf-token'] = state.csrf;
  const response = await fetch(`/panel/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(data?.error?.message ?? `HTTP ${response.status}`);
    error.status = response.status;
    error.fields = data?.error?.fields ?? [];
    throw error;
  }
  return data;
}

/** An error shown in place, in the section it happened in (never an alert box). */
function showError(where, error) {
  $(where).textContent = describeError(error);
}

const describeError = (error) =>
  error.fields?.length
    ? error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')
    : error.message;

const date = (iso) => (iso ? new Date(iso).toISOString().slice(0, 10) : '—');
const dateTime = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '—');
const text = (value) => document.createTextNode(value == null ? '—' : String(value));

function cell(row, content, className) {
  const td = row.insertCell();
  if (className) td.className = className;
  if (content instanceof Node) td.append(content);
  else td.append(text(content));
  return td;
}

function button(label, className, onClick) {
  const b = document.createElement('button');
  b.textContent = label;
  b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

// --- session ---------------------------------------------------------------------------------

async function restoreSession() {
  try {
    const session = await api('GET', '/session');
    enter(session);
  } catch {
    showAuth();
  }
}

function showAuth() {
  $('#auth').hidden = false;
  $('#app').hidden = true;
  $('#whoami').hidden = true;
}

function enter({ user, account, csrfToken, twoFactorEnrolmentRequired }) {
  state.user = user;
  state.account = account;
  state.csrf = csrfToken;
  state.enrolOnly = Boolean(twoFactorEnrolmentRequired);
  $('#auth').hidden = true;
  $('#app').hidden = false;
  $('#whoami').hidden = false;
  $('#account-name').textContent = account.name;
  $('#plan').textContent = `${account.plan} plan`;
  $('#user-email').textContent = `${user.email} (${user.role})`;
  for (const el of document.querySelectorAll('[data-admin]')) el.hidden = !isAdmin();
  refresh();
}

async function refresh() {
  // A session that may only enrol its second factor sees the security card alone.
  for (const card of document.querySelectorAll('#app > .card'))
    card.hidden = state.enrolOnly && card.id !== 'security-card';
  $('#enrol-notice').hidden = !state.enrolOnly;
  if (state.enrolOnly) return loadSecurity();
  await loadSecurity();
  await loadTeam();
  // The audit names keys by name: it is drawn once the keys are known.
  await Promise.all([loadKeys().then(() => loadAudit(true)), loadUsage(), loadWebhooks()]);
}

function bindAuthForm(form, path, toBody, after) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('[data-error]', form);
    error.textContent = '';
    try {
      const answer = await api('POST', path, toBody(new FormData(form)));
      form.reset();
      if (answer.twoFactorRequired) {
        // The password was right; the session waits for a code.
        state.challenge = answer.challenge;
        form.hidden = true;
        $('#two-factor-form').hidden = false;
        $('#two-factor-form input[name=code]').focus();
        return;
      }
      enter(answer);
      after?.(answer);
    } catch (e) {
      error.textContent = describeError(e);
    }
  });
}

// --- keys ------------------------------------------------------------------------------------

const WINDOW_NAMES = { 1: 's', 60: 'min', 3600: 'h', 86400: 'day' };
const limitsText = (key) =>
  (key.rateLimits ?? [])
    .map((l) => `${l.limit}/${WINDOW_NAMES[l.windowSeconds] ?? `${l.windowSeconds} s`}`)
    .join(', ');
const rulesText = (key) =>
  (key.kind === 'application'
    ? key.access
    : key.rules.map((r) => `${r.resource}: ${r.actions.join(', ')}`).join(' · ') +
      (key.type === 'administration' ? ' (+ content types)' : '')) +
  (key.rateLimits?.length ? ` · at most ${limitsText(key)}` : '') +
  (key.meta && Object.keys(key.meta).length ? ` · meta: ${Object.keys(key.meta).join(', ')}` : '') +
  creditsText(key);

function creditsText(key) {
  if (!key.credits) return '';
  const left = key.creditsLeft ? `${key.creditsLeft.remaining} credits left` : 'credits';
  const refill = key.credits.refill;
  const next = key.creditsLeft?.nextRefillAt
    ? `, ${refill.mode === 'add' ? '+' : ''}${refill.amount} on ${date(key.creditsLeft.nextRefillAt)}`
    : '';
  return ` · ${left}${next}`;
}

const LEAK_OUTCOMES = {
  revoke: 'it was revoked',
  quarantine: 'it is refused until an admin releases or revokes it',
  notify: 'it still works: revoke or rotate it',
};

/** A banner for every key reported leaked, newest first: what was found where, what was done. */
function showLeaks(keys) {
  const leaked = keys
    .filter((key) => key.leak)
    .sort((a, b) => (a.leak.reportedAt < b.leak.reportedAt ? 1 : -1));
  const banner = $('#leak-banner');
  banner.hidden = leaked.length === 0;
  banner.replaceChildren(
    ...leaked.map((key) => {
      const line = document.createElement('p');
      const where = key.leak.url ? ` at ${key.leak.url}` : '';
      line.textContent = `Key “${key.name}” was reported leaked by ${key.leak.source}${where} on ${dateTime(key.leak.reportedAt)}: ${LEAK_OUTCOMES[key.leak.action]}.`;
      return line;
    }),
  );
}

async function loadKeys() {
  const { keys } = await api('GET', '/keys');
  state.keyNames = new Map(keys.map((key) => [key.id, key.name]));
  showLeaks(keys);
  const body = $('#keys tbody');
  body.replaceChildren();
  for (const key of keys) {
    const row = body.insertRow();
    row.dataset.keyId = key.id;
    row.dataset.keyName = key.name;
    const name = document.createElement('span');
    name.append(text(key.name));
    if (key.unusedFor30Days) {
      const flag = document.createElement('span');
      flag.className = 'flag';
      flag.textContent = 'unused for 30 days';
      name.append(flag);
    }
    cell(row, name);
    if (key.kind === 'user' && key.status === 'active') void showAdvice(key, name);
    const kind = document.createElement('span');
    kind.append(text(key.kind === 'user' ? `user (${key.type})` : 'application'));
    if (key.environment === 'test') {
      const badge = document.createElement('span');
      badge.className = 'flag test-key';
      badge.textContent = 'test';
      kind.append(badge);
    }
    cell(row, kind);
    const hint = document.createElement('code');
    hint.textContent = key.hint;
    cell(row, hint);
    cell(row, rulesText(key));
    cell(row, key.status, `status-${key.status}`);
    cell(row, date(key.createdAt));
    cell(row, dateTime(key.lastUsedAt));
    cell(row, date(key.expiresAt));
    cell(row, key.callsLast30Days ?? '—');
    const actions = cell(row, '', 'actions');
    actions.replaceChildren();
    const openapi = document.createElement('a');
    openapi.href = `/panel/api/keys/${encodeURIComponent(key.id)}/openapi.json`;
    openapi.textContent = 'OpenAPI';
    openapi.target = '_blank';
    actions.append(openapi);
    actions.append(button('Decisions', 'small', () => showDecisions(key)));
    if (isAdmin() && key.status === 'active')
      actions.append(button('Rotate', 'small', () => rotateKey(key)));
    if (isAdmin() && key.kind === 'user' && key.status === 'active')
      actions.append(
        button('Edit', 'small', () => openEditDialog(key)),
        button('Limits', 'small', () => openLimitsDialog(key)),
        button('Revoke', 'danger', () => revokeKey(key)),
      );
    if (isAdmin() && key.kind === 'user')
      actions.append(button('Delete', 'danger', () => deleteKey(key)));
  }
}

// --- decisions and least-privilege advice ---------------------------------------------------

const rulesOf = (rules) => rules.map((r) => `${r.resource}: ${r.actions.join(', ')}`).join(' · ');

/** Beside a key: the narrower rules its last 30 days of calls call for, with Apply for admins. */
async function showAdvice(key, beside) {
  const advice = await api('GET', `/keys/${key.id}/advice`).catch(() => null);
  if (!advice?.offered) return;
  const note = document.createElement('span');
  note.className = 'advice';
  const unused = advice.unused.map((u) => `${u.resource}:${u.action}`).join(', ');
  note.textContent = `unused in 30 days: ${unused || 'all types (*)'} · needs only ${rulesOf(advice.suggestedRules) || 'no rules'}`;
  if (isAdmin())
    note.append(
      button('Apply', 'small', async () => {
        await api('PATCH', `/keys/${key.id}`, { rules: advice.suggestedRules }).catch((e) =>
          showError('#keys-error', e),
        );
        await refresh();
      }),
    );
  beside.append(note);
}

/** A key's last 24 hours in counts, and its refusals of the last 30 days with why. */
async function showDecisions(key) {
  $('#decisions-title').textContent = `Decisions of “${key.name}”`;
  const [summary, page] = await Promise.all([
    api('GET', `/keys/${key.id}/decisions/summary`),
    api('GET', `/keys/${key.id}/decisions?outcome=refused&limit=50`),
  ]);
  const byOutcome = summary.counts
    .map((c) => `${c.resource ?? '—'}:${c.action ?? '—'} ${c.outcome} ${c.calls}`)
    .join(' · ');
  $('#decisions-summary').textContent =
    `Last 24 hours: ${summary.admitted} admitted, ${summary.refused} refused` +
    (byOutcome ? ` (${byOutcome})` : '');
  const body = $('#refusals tbody');
  body.replaceChildren();
  for (const refusal of page.decisions) {
    const row = body.insertRow();
    cell(row, dateTime(refusal.at));
    cell(row, `${refusal.method} ${refusal.path}`);
    cell(row, refusal.code, 'status-revoked');
    const detail = Object.entries(refusal.detail)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    cell(row, refusal.reason + (detail ? ` (${detail})` : ''));
    const id = document.createElement('code');
    id.textContent = refusal.requestId;
    cell(row, id);
  }
  $('#no-refusals').hidden = page.decisions.length > 0;
  const dialog = $('#decisions-dialog');
  if (!dialog.open) dialog.showModal();
}

function confirmAction(title, message, { grace = false } = {}) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = message;
  $('#grace-field').hidden = !grace;
  $('input[name=graceHours]', dialog).value = '0';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () =>
        resolve(
          dialog.returnValue === 'ok'
            ? { graceHours: Number($('input[name=graceHours]', dialog).value || 0) }
            : null,
        ),
      { once: true },
    );
  });
}

async function rotateKey(key) {
  const answer = await confirmAction(
    `Rotate “${key.name}”?`,
    'A new secret is issued. The old one stops working after the grace period.',
    { grace: true },
  );
  if (!answer) return;
  try {
    const rotated = await api('POST', `/keys/${key.id}/rotate`, {
      gracePeriodSeconds: Math.round(answer.graceHours * 3600),
    });
    showSecrets([{ label: rotated.key.name, secret: rotated.secret }]);
    await refresh();
  } catch (e) {
    showError('#keys-error', e);
  }
}

async function revokeKey(key) {
  if (!(await confirmAction(`Revoke “${key.name}”?`, 'It stops working at once, for good.')))
    return;
  try {
    const { propagation } = await api('POST', `/keys/${key.id}/revoke`);
    showRevocation(key, propagation);
    // Gateways still pending are asked about again for a while (the answer came after 2 s).
    for (let tries = 0; propagation && !propagation.confirmed && tries < 10; tries++) {
      await new Promise((wait) => setTimeout(wait, 1000));
      const later = await api('GET', `/keys/${key.id}/revocation`);
      showRevocation(key, later.propagation);
      if (later.propagation.confirmed) break;
    }
  } catch (e) {
    showError('#keys-error', e);
  }
  await refresh();
}

/** “refused on N of N gateways”, from where the revocation stands on the live gateways. */
function showRevocation(key, propagation) {
  const notice = $('#revocation-notice');
  notice.hidden = false;
  if (!propagation) {
    notice.textContent = `“${key.name}” is revoked; whether every gateway refuses it yet is unknown.`;
    return;
  }
  const refused = propagation.gateways.filter((gateway) => gateway.status === 'confirmed');
  const pending = propagation.gateways.filter((gateway) => gateway.status === 'pending');
  notice.textContent =
    `“${key.name}” is revoked: refused on ${refused.length} of ${propagation.gateways.length} gateways` +
    (pending.length ? ` (waiting for ${pending.map((g) => g.host || g.id).join(', ')})` : '') +
    '.';
}

async function deleteKey(key) {
  if (!(await confirmAction(`Delete “${key.name}”?`, 'It stops working and leaves the list.')))
    return;
  await api('DELETE', `/keys/${key.id}`).catch((e) => showError('#keys-error', e));
  await refresh();
}

// --- a key's rate limits --------------------------------------------------------------------

const WINDOWS = [
  [1, 'second'],
  [60, 'minute'],
  [3600, 'hour'],
  [86400, 'day'],
];

function addLimitRow(limit = '', windowSeconds = 60) {
  const row = $('#limits-editor tbody').insertRow();
  const calls = document.createElement('input');
  calls.type = 'number';
  calls.min = '1';
  calls.step = '1';
  calls.required = true;
  calls.value = String(limit);
  calls.setAttribute('aria-label', 'Calls');
  cell(row, calls);
  const per = document.createElement('select');
  per.setAttribute('aria-label', 'per');
  for (const [seconds, name] of WINDOWS) per.add(new Option(name, String(seconds)));
  if (!WINDOWS.some(([seconds]) => seconds === windowSeconds))
    per.add(new Option(`${windowSeconds} s`, String(windowSeconds)));
  per.value = String(windowSeconds);
  cell(row, per);
  cell(
    row,
    button('Remove', 'link', () => row.remove()),
  );
  $('#add-limit').hidden = $('#limits-editor tbody').rows.length >= 3;
}

/** Edits what a user key may do and where from: name, rules, expiry, allowed hosts. */
function openEditDialog(key) {
  const form = $('#edit-form');
  form.dataset.keyId = key.id;
  $('#edit-title').textContent = `Edit “${key.name}”`;
  $('[data-error]', form).textContent = '';
  form.elements.name.value = key.name;
  form.elements.expiresAt.value = key.expiresAt ? key.expiresAt.slice(0, 10) : '';
  form.elements.allowedHosts.value = (key.allowedHosts ?? []).join(', ');
  $('#edit-rule-editor tbody').replaceChildren();
  for (const rule of key.rules) addRuleRow(rule.resource, rule.actions, '#edit-rule-editor');
  $('#edit-dialog').showModal();
}

async function saveKey(event) {
  event.preventDefault();
  const form = $('#edit-form');
  const data = new FormData(form);
  const expires = data.get('expiresAt');
  try {
    await api('PATCH', `/keys/${form.dataset.keyId}`, {
      name: data.get('name'),
      rules: rulesFromEditor('#edit-rule-editor'),
      expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null,
      allowedHosts: String(data.get('allowedHosts') || '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    });
    $('#edit-dialog').close();
    await refresh();
  } catch (e) {
    $('[data-error]', form).textContent = describeError(e);
  }
}

function openLimitsDialog(key) {
  const form = $('#limits-form');
  form.dataset.keyId = key.id;
  $('#limits-title').textContent = `Rate limits of “${key.name}”`;
  $('[data-error]', form).textContent = '';
  $('#limits-editor tbody').replaceChildren();
  for (const limit of key.rateLimits ?? []) addLimitRow(limit.limit, limit.windowSeconds);
  $('#add-limit').hidden = (key.rateLimits ?? []).length >= 3;
  $('#limits-dialog').showModal();
}

async function saveLimits(event) {
  event.preventDefault();
  const form = $('#limits-form');
  const rateLimits = [...$('#limits-editor tbody').rows].map((row) => ({
    limit: Number($('input', row).value),
    windowSeconds: Number($('select', row).value),
  }));
  try {
    await api('PATCH', `/keys/${form.dataset.keyId}`, { rateLimits });
    $('#limits-dialog').close();
    await refresh();
  } catch (e) {
    $('[data-error]', form).textContent = describeError(e);
  }
}

// --- create dialog with the rule editor ------------------------------------------------------

const ACTIONS = ['create', 'read', 'update', 'delete'];

function addRuleRow(resource = '', actions = ['read'], editor = '#rule-editor') {
  const row = $(`${editor} tbody`).insertRow();
  const input = document.createElement('input');
  input.type = 'text';
  input.placeholder = 'content type, or * for all';
  input.value = resource;
  input.setAttribute('aria-label', 'Content type');
  cell(row, input);
  for (const action of ACTIONS) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = action;
    box.checked = actions.includes(action);
    box.setAttribute('aria-label', action);
    cell(row, box);
  }
  cell(
    row,
    button('✕', 'link', () => row.remove()),
  );
}

function rulesFromEditor(editor = '#rule-editor') {
  return [...$(`${editor} tbody`).rows]
    .map((row) => ({
      resource: $('input[type=text]', row).value.trim(),
      actions: [...row.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value),
    }))
    .filter((rule) => rule.resource);
}

function openCreateDialog() {
  const form = $('#create-form');
  form.reset();
  $('[data-error]', form).textContent = '';
  $('#rule-editor tbody').replaceChildren();
  addRuleRow();
  $('#create-dialog').showModal();
}

async function createKey(event) {
  event.preventDefault();
  const form = $('#create-form');
  const data = new FormData(form);
  const expires = data.get('expiresAt');
  const hosts = String(data.get('allowedHosts') || '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const rateLimit = data.get('rateLimit');
  const creditsGiven = data.get('credits');
  const refillAmount = data.get('refillAmount');
  const metaText = String(data.get('meta') || '').trim();
  let meta;
  try {
    meta = metaText ? JSON.parse(metaText) : undefined;
  } catch {
    $('[data-error]', form).textContent = 'meta: must be JSON, like {"customer": "acme-42"}';
    return;
  }
  try {
    const created = await api('POST', '/keys', {
      name: data.get('name'),
      type: data.get('type'),
      environment: data.get('environment'),
      rules: rulesFromEditor(),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
      allowedHosts: hosts,
      ...(rateLimit
        ? {
            rateLimits: [
              { limit: Number(rateLimit), windowSeconds: Number(data.get('rateWindow')) },
            ],
          }
        : {}),
      ...(meta !== undefined ? { meta } : {}),
      ...(creditsGiven
        ? {
            credits: {
              remaining: Number(creditsGiven),
              ...(refillAmount
                ? {
                    refill: {
                      amount: Number(refillAmount),
                      every: data.get('refillEvery'),
                      mode: 'replace',
                    },
                  }
                : {}),
            },
          }
        : {}),
    });
    $('#create-dialog').close();
    showSecrets([{ label: created.key.name, secret: created.secret }]);
    await refresh();
  } catch (e) {
    $('[data-error]', form).textContent = describeError(e);
  }
}

// --- show-once secrets -----------------------------------------------------------------------

function qrImage(secret) {
  const qr = qrcode(0, 'M');
  qr.addData(secret);
  qr.make();
  const img = document.createElement('img');
  img.src = qr.createDataURL(6, 2);
  img.alt = 'QR code of the secret';
  return img;
}

function showSecrets(items) {
  const dialog = $('#secret-dialog');
  const [first, ...rest] = items;
  $('#secret-value').textContent = first.secret;
  $('#secret-qr').replaceChildren(qrImage(first.secret));
  for (const old of dialog.querySelectorAll('.extra-secret')) old.remove();
  for (const item of rest) {
    const box = document.createElement('div');
    box.className = 'secret-box extra-secret';
    const code = document.createElement('code');
    code.textContent = item.secret;
    box.append(text(`${item.label}: `), code);
    $('#secret-qr').after(box);
  }
  dialog.showModal();
  // Forget the secrets once the dialog closes.
  dialog.addEventListener(
    'close',
    () => {
      $('#secret-value').textContent = '';
      $('#secret-qr').replaceChildren();
      for (const old of dialog.querySelectorAll('.extra-secret')) old.remove();
    },
    { once: true },
  );
}

// --- webhooks --------------------------------------------------------------------------------

const WEBHOOK_EVENTS = [
  'quota.threshold',
  'key.expiring',
  'key.unused',
  'key.created',
  'key.rotated',
  'key.revoked',
  'key.deleted',
  'key.leaked',
  'webhook.test',
];

async function loadWebhooks() {
  const { webhooks } = await api('GET', '/webhooks');
  const body = $('#webhooks tbody');
  body.replaceChildren();
  $('#webhooks-empty').hidden = webhooks.length > 0;
  for (const webhook of webhooks) {
    const row = body.insertRow();
    row.dataset.webhookId = webhook.id;
    const url = document.createElement('code');
    url.textContent = webhook.url;
    cell(row, url);
    cell(row, webhook.events.join(', '));
    cell(
      row,
      webhook.enabled ? 'enabled' : 'disabled',
      webhook.enabled ? 'status-active' : 'status-revoked',
    );
    const actions = cell(row, '', 'actions');
    actions.replaceChildren(button('Deliveries', 'small', () => showDeliveries(webhook)));
    if (!isAdmin()) continue;
    actions.append(
      button('Test', 'small', () => testWebhook(webhook)),
      button(webhook.enabled ? 'Disable' : 'Enable', 'small', () =>
        changeWebhook(webhook, { enabled: !webhook.enabled }),
      ),
      button('Rotate secret', 'small', () => rotateWebhookSecret(webhook)),
      button('Delete', 'danger', () => deleteWebhook(webhook)),
    );
  }
}

function openWebhookDialog() {
  const form = $('#webhook-form');
  form.reset();
  $('[data-error]', form).textContent = '';
  const events = $('#webhook-events');
  events.replaceChildren(events.firstElementChild);
  for (const type of WEBHOOK_EVENTS) {
    const label = document.createElement('label');
    label.className = 'inline';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'events';
    box.value = type;
    box.checked = type !== 'webhook.test';
    label.append(box, text(` ${type}`));
    events.append(label);
  }
  $('#webhook-dialog').showModal();
}

async function addWebhook(event) {
  event.preventDefault();
  const form = $('#webhook-form');
  const data = new FormData(form);
  const description = String(data.get('description') ?? '').trim();
  try {
    const added = await api('POST', '/webhooks', {
      url: data.get('url'),
      events: data.getAll('events'),
      ...(description && { description }),
    });
    $('#webhook-dialog').close();
    showSecrets([{ label: 'Signing secret', secret: added.secret }]);
    await refresh();
  } catch (e) {
    $('[data-error]', form).textContent = describeError(e);
  }
}

async function testWebhook(webhook) {
  try {
    const { delivery } = await api('POST', `/webhooks/${webhook.id}/test`);
    const attempt = delivery.attempts.at(-1);
    $('#webhooks-status').textContent =
      delivery.status === 'delivered'
        ? `Delivered: ${attempt.status} in ${attempt.durationMs} ms`
        : `Not delivered: ${attempt.error ?? `HTTP ${attempt.status}`}; it will be retried`;
  } catch (e) {
    showError('#webhooks-error', e);
  }
}

async function changeWebhook(webhook, change) {
  await api('PATCH', `/webhooks/${webhook.id}`, change).catch((e) =>
    showError('#webhooks-error', e),
  );
  await refresh();
}

async function rotateWebhookSecret(webhook) {
  const confirmed = await confirmAction(
    'Rotate the signing secret?',
    'A new secret signs every delivery; the old one signs beside it for 24 hours.',
  );
  if (!confirmed) return;
  try {
    const rotated = await api('POST', `/webhooks/${webhook.id}/secret/rotate`);
    showSecrets([{ label: 'Signing secret', secret: rotated.secret }]);
    await refresh();
  } catch (e) {
    showError('#webhooks-error', e);
  }
}

async function deleteWebhook(webhook) {
  if (!(await confirmAction('Delete this endpoint?', `${webhook.url} gets nothing more.`))) return;
  await api('DELETE', `/webhooks/${webhook.id}`).catch((e) => showError('#webhooks-error', e));
  await refresh();
}

async function showDeliveries(webhook) {
  const { deliveries } = await api('GET', `/webhooks/${webhook.id}/deliveries?limit=50`);
  const body = $('#deliveries tbody');
  body.replaceChildren();
  for (const delivery of deliveries) {
    const row = body.insertRow();
    const last = delivery.attempts.at(-1);
    cell(row, dateTime(delivery.createdAt));
    cell(row, delivery.type);
    cell(
      row,
      delivery.status,
      delivery.status === 'failed' ? 'status-revoked' : `status-${delivery.status}`,
    );
    cell(row, delivery.attempts.length);
    cell(row, last ? (last.status ?? last.error) + ` (${last.durationMs} ms)` : '—');
    cell(row, dateTime(delivery.nextAttemptAt));
    const actions = cell(row, '', 'actions');
    actions.replaceChildren();
    if (isAdmin() && delivery.status !== 'pending')
      actions.append(
        button('Replay', 'small', async () => {
          await api('POST', `/webhooks/${webhook.id}/deliveries/${delivery.id}/replay`).catch((e) =>
            showError('#deliveries-error', e),
          );
          await showDeliveries(webhook);
        }),
      );
  }
  const dialog = $('#deliveries-dialog');
  if (!dialog.open) dialog.showModal();
}

// --- usage chart -----------------------------------------------------------------------------

async function loadUsage() {
  const usage = await api('GET', '/usage');
  $('#usage-summary').textContent =
    `${usage.used.toLocaleString()} of ${usage.limit.toLocaleString()} calls used · ` +
    `${usage.remaining.toLocaleString()} left in the rolling 30-day window` +
    (usage.test
      ? ` · test keys: ${usage.test.used.toLocaleString()} of ${usage.test.limit.toLocaleString()}`
      : '');
  const labels = [...usage.days.map((d) => d.date), ...usage.dropOffs.map((d) => d.date)];
  const past = usage.days.map((d) => d.calls);
  let inWindow = usage.used;
  const projected = usage.dropOffs.map((d) => (inWindow -= d.calls));
  const data = {
    labels,
    datasets: [
      {
        type: 'bar',
        label: 'Calls per day',
        data: [...past, ...projected.map(() => null)],
        backgroundColor: '#3b5bdb',
        yAxisID: 'daily',
      },
      {
        type: 'bar',
        label: 'Calls leaving the window',
        data: [...past.map(() => null), ...usage.dropOffs.map((d) => d.calls)],
        backgroundColor: '#f59f00',
        yAxisID: 'daily',
      },
      {
        type: 'line',
        label: 'Used in window (no new calls)',
        data: [...past.map(() => null), ...projected],
        borderColor: '#868e96',
        pointRadius: 0,
        yAxisID: 'window',
      },
      {
        type: 'line',
        label: 'Quota',
        data: labels.map(() => usage.limit),
        borderColor: '#c92a2a',
        borderDash: [6, 4],
        pointRadius: 0,
        yAxisID: 'window',
      },
    ],
  };
  const options = {
    animation: false,
    maintainAspectRatio: false,
    scales: {
      daily: {
        position: 'left',
        beginAtZero: true,
        ticks: { precision: 0 }, // calls are whole: no 0.2 ticks on a quiet day
        title: { display: true, text: 'calls per day' },
      },
      window: {
        position: 'right',
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { precision: 0 },
        title: { display: true, text: 'calls in window' },
      },
    },
  };
  if (state.chart) {
    state.chart.data = data;
    state.chart.update();
  } else {
    state.chart = new Chart($('#usage-chart'), { data, options });
  }
}

// --- audit log -------------------------------------------------------------------------------

async function loadAudit(fromStart) {
  if (fromStart) {
    state.auditCursor = null;
    $('#audit tbody').replaceChildren();
  }
  const query = state.auditCursor ? `?limit=20&cursor=${state.auditCursor}` : '?limit=20';
  const page = await api('GET', `/audit${query}`);
  for (const event of page.events) {
    const row = $('#audit tbody').insertRow();
    cell(row, dateTime(event.occurredAt));
    cell(row, event.action);
    // A key by its name (its id on hover); a deleted key by its id.
    const key = cell(row, event.keyId ? (state.keyNames?.get(event.keyId) ?? event.keyId) : '');
    if (event.keyId) key.title = event.keyId;
    const who = event.actor.email ?? event.actor.id;
    cell(row, who ? `${event.actor.type} ${who}` : event.actor.type);
    cell(row, event.ip ?? '');
  }
  state.auditCursor = page.nextCursor;
  $('#audit-more').hidden = !page.nextCursor;
}

// --- team ------------------------------------------------------------------------------------

async function loadTeam() {
  const { users } = await api('GET', '/users');
  const body = $('#users tbody');
  body.replaceChildren();
  for (const user of users) {
    const row = body.insertRow();
    row.dataset.userId = user.id;
    cell(row, user.email);
    if (isAdmin()) {
      const role = document.createElement('select');
      role.setAttribute('aria-label', `Role of ${user.email}`);
      for (const name of ['member', 'admin'])
        role.add(new Option(name, name, false, name === user.role));
      role.addEventListener('change', () =>
        teamAction(() => api('PATCH', `/users/${user.id}`, { role: role.value })),
      );
      cell(row, role);
    } else cell(row, user.role);
    cell(row, user.twoFactor ? 'on' : 'off');
    cell(row, date(user.createdAt));
    const actions = cell(row, '', 'actions');
    actions.replaceChildren();
    if (isAdmin() && user.id !== state.user.id)
      actions.append(
        button('Reset link', 'small', () => issueResetLink(user)),
        button('Remove', 'danger', async () => {
          if (!(await confirmAction(`Remove ${user.email}?`, 'Their sessions end at once.')))
            return;
          await teamAction(() => api('DELETE', `/users/${user.id}`));
        }),
      );
  }
}

/** Runs a team change, showing its error in the team card, then reloads the team and audit. */
async function teamAction(change) {
  $('#team-error').textContent = '';
  try {
    await change();
  } catch (e) {
    $('#team-error').textContent = describeError(e);
  }
  await Promise.all([loadTeam(), loadAudit(true)]);
}

async function issueResetLink(user) {
  $('#team-error').textContent = '';
  try {
    const { resetUrl, expiresAt } = await api('POST', `/users/${user.id}/password-reset`);
    const notice = $('#reset-link');
    notice.hidden = false;
    notice.replaceChildren(
      text(`Reset link for ${user.email}, shown once, valid until ${dateTime(expiresAt)}: `),
    );
    const link = document.createElement('code');
    link.textContent = resetUrl;
    notice.append(link);
  } catch (e) {
    $('#team-error').textContent = describeError(e);
  }
}

async function addUser(event) {
  event.preventDefault();
  const form = $('#add-user-form');
  const data = new FormData(form);
  await teamAction(async () => {
    await api('POST', '/users', {
      email: data.get('email'),
      password: data.get('password'),
      role: data.get('role'),
    });
    form.reset();
  });
}

// --- your security: password, two-factor sign-in, sessions ---------------------------------------

async function loadSecurity() {
  const { user } = await api('GET', '/session');
  state.user = { ...state.user, twoFactor: user.twoFactor };
  $('#two-factor-status').textContent = user.twoFactor
    ? 'On: a login asks for a code from your app.'
    : 'Off: a password alone signs you in.';
  $('#two-factor-start').hidden = user.twoFactor;
  $('#two-factor-off').hidden = !user.twoFactor;
  const { sessions } = await api('GET', '/sessions');
  const body = $('#sessions tbody');
  body.replaceChildren();
  for (const session of sessions) {
    const row = body.insertRow();
    cell(row, dateTime(session.createdAt) + (session.current ? ' (this one)' : ''));
    cell(row, dateTime(session.lastUsedAt));
    cell(row, session.ip);
    cell(row, session.userAgent);
    const actions = cell(row, '', 'actions');
    actions.replaceChildren();
    if (!session.current)
      actions.append(
        button('End', 'small', async () => {
          await api('DELETE', `/sessions/${session.id}`).catch(() => undefined);
          await loadSecurity();
        }),
      );
  }
}

async function changePassword(event) {
  event.preventDefault();
  const form = $('#password-form');
  const data = new FormData(form);
  $('#password-error').textContent = '';
  $('#password-done').hidden = true;
  try {
    const { ended } = await api('POST', '/session/password', {
      current: data.get('current'),
      next: data.get('next'),
    });
    form.reset();
    $('#password-done').hidden = false;
    $('#password-done').textContent = `Password changed; ${ended} other session(s) ended.`;
    await loadSecurity();
  } catch (e) {
    $('#password-error').textContent = describeError(e);
  }
}

async function startTwoFactor() {
  $('#two-factor-error').textContent = '';
  try {
    const { secret, otpauthUrl } = await api('POST', '/session/two-factor');
    $('#two-factor-qr').replaceChildren(qrImage(otpauthUrl));
    $('#two-factor-secret').textContent = secret;
    $('#two-factor-enrol').hidden = false;
    $('#two-factor-start').hidden = true;
  } catch (e) {
    $('#two-factor-error').textContent = describeError(e);
  }
}

async function confirmTwoFactor(event) {
  event.preventDefault();
  const form = $('#two-factor-confirm');
  $('#two-factor-error').textContent = '';
  try {
    const { recoveryCodes } = await api('POST', '/session/two-factor/confirm', {
      code: String(new FormData(form).get('code')).trim(),
    });
    form.reset();
    $('#two-factor-enrol').hidden = true;
    $('#two-factor-secret').textContent = '';
    $('#two-factor-qr').replaceChildren();
    $('#recovery-codes').hidden = false;
    $('#recovery-codes-list').textContent = recoveryCodes.join('\n');
    if (state.enrolOnly) {
      state.enrolOnly = false;
      await refresh();
    } else await loadSecurity();
  } catch (e) {
    $('#two-factor-error').textContent = describeError(e);
  }
}

async function turnOffTwoFactor(event) {
  event.preventDefault();
  const form = $('#two-factor-off');
  const given = String(new FormData(form).get('code')).trim();
  $('#two-factor-error').textContent = '';
  try {
    await api(
      'DELETE',
      '/session/two-factor',
      /^\d{6}$/.test(given) ? { code: given } : { recoveryCode: given },
    );
    form.reset();
    $('#recovery-codes').hidden = true;
    await loadSecurity();
  } catch (e) {
    $('#two-factor-error').textContent = describeError(e);
  }
}

async function loginSecondStep(event) {
  event.preventDefault();
  const form = $('#two-factor-form');
  const data = new FormData(form);
  const code = String(data.get('code') || '').trim();
  const recoveryCode = String(data.get('recoveryCode') || '').trim();
  $('[data-error]', form).textContent = '';
  try {
    const answer = await api('POST', '/login/two-factor', {
      challenge: state.challenge,
      ...(code ? { code } : { recoveryCode }),
    });
    form.reset();
    form.hidden = true;
    $('#login-form').hidden = false;
    state.challenge = null;
    enter(answer);
  } catch (e) {
    $('[data-error]', form).textContent = describeError(e);
  }
}

/** A reset link opens the page at #reset=<token>: a new password, then log in with it. */
function showResetForm(token) {
  const form = $('#reset-form');
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('[data-error]', form).textContent = '';
    try {
      await api('POST', '/password-reset', {
        token,
        password: new FormData(form).get('password'),
      });
      form.reset();
      history.replaceState(null, '', location.pathname);
      $('[data-done]', form).hidden = false;
      $('[data-done]', form).textContent = 'Your password is set: log in with it.';
    } catch (e) {
      $('[data-error]', form).textContent = describeError(e);
    }
  });
}

// --- wiring ----------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  bindAuthForm($('#login-form'), '/login', (d) => ({
    email: d.get('email'),
    password: d.get('password'),
  }));
  bindAuthForm(
    $('#signup-form'),
    '/signup',
    (d) => ({
      accountName: d.get('accountName'),
      email: d.get('email'),
      password: d.get('password'),
    }),
    (answer) =>
      showSecrets(
        answer.applicationKeys.map((k) => ({ label: `${k.name} (${k.access})`, secret: k.secret })),
      ),
  );
  $('#logout').addEventListener('click', async () => {
    await api('POST', '/logout').catch(() => undefined);
    state.csrf = null;
    state.user = null;
    showAuth();
  });
  $('#new-key').addEventListener('click', openCreateDialog);
  $('#add-rule').addEventListener('click', () => addRuleRow());
  $('#create-form').addEventListener('submit', createKey);
  $('#new-webhook').addEventListener('click', openWebhookDialog);
  $('#add-limit').addEventListener('click', () => addLimitRow());
  $('#limits-form').addEventListener('submit', saveLimits);
  $('#edit-form').addEventListener('submit', saveKey);
  $('#edit-add-rule').addEventListener('click', () =>
    addRuleRow('', ['read'], '#edit-rule-editor'),
  );
  $('#webhook-form').addEventListener('submit', addWebhook);
  $('#copy-secret').addEventListener('click', async () => {
    await navigator.clipboard?.writeText($('#secret-value').textContent).catch(() => undefined);
    $('#copy-secret').textContent = 'Copied';
    setTimeout(() => ($('#copy-secret').textContent = 'Copy'), 1500);
  });
  $('#audit-more').addEventListener('click', () => loadAudit(false));
  $('#two-factor-form').addEventListener('submit', loginSecondStep);
  $('#add-user-form').addEventListener('submit', addUser);
  $('#password-form').addEventListener('submit', changePassword);
  $('#two-factor-start').addEventListener('click', startTwoFactor);
  $('#two-factor-confirm').addEventListener('submit', confirmTwoFactor);
  $('#two-factor-off').addEventListener('submit', turnOffTwoFactor);
  $('#end-other-sessions').addEventListener('click', async () => {
    await api('DELETE', '/sessions').catch(() => undefined);
    await loadSecurity();
  });
  if (location.hash.startsWith('#reset=')) showResetForm(location.hash.slice('#reset='.length));
  for (const close of document.querySelectorAll('[data-close]'))
    close.addEventListener('click', () => close.closest('dialog').close());
  restoreSession();
});
