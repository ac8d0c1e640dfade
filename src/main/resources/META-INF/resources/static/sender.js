// @ts-check
// Sends a list page's waiting edits to the service, oldest first and one at a time, each with its
// own Idempotency-Key, and tries again later while the network is away or the service busy: it
// moves each edit along its life (outbox.js), from waiting to sent, then done or in conflict.
import { describe, newKey } from './forms.js';
import { render, settle, state } from './list-state.js';
import { renumberRow } from './list-view.js';
import { OP, STAGE, answerOf, isStale, nextEdit, rebase, requestOf } from './outbox.js';
import { forgetEdit, keepEdit } from './store.js';

/** @typedef {import('./outbox.js').Edit} Edit */

let flushing = false;
// The edit on its way to the service, if any.
/** @type {Edit | null} */
let inFlight = null;
// Whether the saved outbox is loaded (nothing is sent before it, so the order holds); the edits
// it held, made on an earlier page; and whether the service said the page's user is the one
// logged in (a kept page, with its outbox, may be another's).
let loaded = false;
/** @type {Set<number>} */
const earlier = new Set();
let sameUser = false;
let retries = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retryTimer;
let leaving = false;

/**
 * Starts sending, once the edits kept on the device are in the outbox.
 * @param {number[]} saved the edits among them made on an earlier page, by seq
 */
export function startSending(saved) {
  saved.forEach(seq => earlier.add(seq));
  loaded = true;
  flush();
}

/** The edit on its way to the service, if any. */
export function sending() {
  return inFlight;
}

/** Sends the edits waiting, unless they are being sent already. */
export async function flush() {
  if (flushing || !loaded) return;
  flushing = true;
  clearTimeout(retryTimer);
  try {
    for (let edit = nextEdit(state.edits); edit; edit = nextEdit(state.edits)) {
      inFlight = edit;
      if ((earlier.has(edit.seq) && !await checkUser()) || !await send(edit)) {
        retryTimer = setTimeout(flush, Math.min(30000, 1000 * 2 ** retries++));
        return;
      }
    }
    retries = 0;
    if (leaving && !state.edits.some(edit => !edit.done)) location.assign('/');
  } finally {
    inFlight = null;
    flushing = false;
  }
}

/** The list is gone for this user: edits still waiting are sent first, so their refusals are shown. */
export function leave() {
  leaving = true;
  if (!state.edits.some(edit => !edit.done)) location.assign('/');
  else flush();
}

// A page the service worker kept may be another user's who used this browser before: their
// edits are never sent with this user's session. False when the service cannot say yet.
async function checkUser() {
  if (sameUser) return true;
  try {
    const response = await fetch('/user', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 401) location.assign('/');
    else if (response.ok && (await response.json()).username !== state.me) location.reload();
    else sameUser = response.ok;
  } catch (offline) {
    return false;
  }
  return sameUser;
}

// An edit older than the service keeps its key may have been done already with its answer lost:
// it is not sent again as it is. A change of a todo carries its If-Match, a delete of a
// deleted todo is done and a move done twice is done once, so those are safe; an add is looked
// for first; the rest is the user's to confirm.
// True when the stale edit was settled here (done already, or now the user's choice); false to send it, null to try later.
/** @param {Edit} edit */
async function settleStale(edit) {
  if (edit.op === OP.DELETE || edit.op === OP.MOVE || (edit.op === OP.UPDATE && edit.base != null)) return false;
  if (edit.op === OP.ADD) {
    const todos = await fetchJson(`/lists/${edit.list}/todos/`);
    if (!todos) return null;
    const mine = todos.find(todo => todo.name === edit.name && todo.created_by === state.me);
    if (!mine) {
      edit.key = newKey();
      return false;
    }
    edit.done = {};
    number(/** @type {string} */ (edit.todo), mine.id, mine.version);
    await forgetEdit(edit);
    settle();
    render();
    return true;
  }
  edit.conflict = { status: 'stale', error: 'This edit waited more than a day to be sent; it may have been done already, or the list changed since.' };
  await keepEdit(edit);
  render();
  return true;
}

// Sends one edit; false when it should be sent again later (no network, or the service is busy).
/** @param {Edit} edit */
async function send(edit) {
  if (isStale(edit, Date.now())) {
    const settled = await settleStale(edit);
    if (settled === null) return false;
    if (settled) return true;
  }
  const [method, url, body] = requestOf(edit);
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', 'Idempotency-Key': edit.key };
  if (body) headers['Content-Type'] = 'application/json';
  if (edit.op === OP.UPDATE && edit.base != null) headers['If-Match'] = `"${edit.base}"`;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
  } catch (offline) {
    return false;
  }
  if (response.status === 401) {
    location.assign('/');
    return false;
  }
  const stage = answerOf(edit, response);
  if (stage === STAGE.WAITING) return false;
  if (stage === STAGE.DONE) {
    await answered(edit, response);
    return true;
  }
  const refusal = await response.json().catch(() => ({}));
  edit.conflict = { status: response.status, error: describe(refusal) };
  // Keeping mine is sent over the version that refused it, whether or not the page has it yet.
  if (response.status === 412) edit.conflict.version = (await fetchJson('/todos/' + edit.todo))?.version;
  await keepEdit(edit);
  render();
  return true;
}

/**
 * @param {Edit} edit
 * @param {Response} response
 */
async function answered(edit, response) {
  if (edit.op === OP.ADD) {
    const id = Number(/** @type {RegExpExecArray} */ (/\/todos\/(\d+)$/.exec(new URL(response.url).pathname))[1]);
    const created = response.ok ? await response.json().catch(() => null) : null;
    edit.done = {};
    number(/** @type {string} */ (edit.todo), id, created?.version ?? null);
  } else if (edit.op === OP.UPDATE) {
    edit.done = { version: Number(response.headers.get('ETag')?.replaceAll('"', '')) };
    rebase(state.edits, edit, new Map([[/** @type {number} */ (edit.todo), edit.done.version]])).forEach(keepEdit);
  } else if (edit.op === OP.DELETE) {
    edit.done = {};
  } else if (edit.op === OP.MOVE) {
    // Settled once the confirmed list has the todo in that place, or the list's version after it.
    const [moved, list] = await Promise.all([response.json().catch(() => null), fetchJson('/lists/' + edit.list)]);
    edit.done = { position: moved?.position, version: list?.version };
  } else {
    // Settled once the page has the list's version after it; the todos it changed move on to new versions.
    const [version, todos] = await Promise.all([fetchJson('/lists/' + edit.list), fetchJson(`/lists/${edit.list}/todos/`)]);
    edit.done = { version: version?.version ?? 0 };
    rebase(state.edits, edit, new Map((todos || []).filter(todo => todo.updated_by === state.me).map(todo => [todo.id, todo.version]))).forEach(keepEdit);
  }
  await forgetEdit(edit);
  settle();
  render();
}

/**
 * An added todo got its number: the edits made to it since, the moves that put others after it,
 * and its row, take it.
 * @param {string} temporary
 * @param {number} id
 * @param {number | null} version
 */
function number(temporary, id, version) {
  renumberRow(temporary, id);
  state.edits.filter(edit => edit.todo === temporary || edit.after === temporary).forEach(edit => {
    if (edit.after === temporary) edit.after = id;
    if (edit.todo === temporary) edit.todo = id;
    if (edit.op === OP.UPDATE && edit.base == null) edit.base = version;
    if (edit.op !== OP.ADD) keepEdit(edit);
  });
}

/**
 * Fresh from the service, never the service worker's copy; null when it cannot be had.
 * @param {string} url
 */
async function fetchJson(url) {
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return response.ok ? await response.json() : null;
  } catch (e) {
    return null;
  }
}
