// @ts-check
// The list page's outbox as a model, without the page: what the page shows of the list the server
// confirmed with the user's waiting edits applied, which edit goes next and as which request, what
// the answer to it means, and which answered edits the confirmed list now shows.
//
// An edit's life (list-page.js makes it and takes the user's choices, sender.js sends it):
//   waiting   made, kept on the device and shown at once, behind the edits made before it;
//   sent      on its way with its Idempotency-Key, one edit at a time, in order; without an
//             answer it is waiting again, to be sent with the same key;
//   done      answered: gone from the device, still shown until its change comes back over the
//             live connection, then settled (dropped);
//   conflict  refused: kept, and shown with the user's choices, to be sent again with a new key
//             (mine) or dropped (theirs).
//
// A move names where the todo goes (right after another todo, or first), never a key: the server
// makes the keys, one move at a time, so every page ends with its order. It is shown at once over
// the confirmed order, and waits, like any edit of a todo, until both todos have their numbers.
// Refused, it offers only to drop it: a todo deleted meanwhile (404) has nothing left to move, and
// a todo it was put after that is gone or in another list (422) leaves no place to put it; the
// list's order stays the server's. Sent a day late it is sent as it is: done twice, it is done once.

/**
 * When a todo is due, as the API writes it: a day, or a moment in a time zone (`at`, the instant,
 * is the server's to compute).
 * @typedef {{ date: string, time?: string, time_zone?: string, at?: string }} Due
 */

/**
 * A todo as the page knows it; its place in the list is the place in the view's order.
 * @typedef {{ id: number | string, name: string, finished: boolean, version?: number,
 *   position?: string, due?: Due | null, assignee?: string | null, notes?: string,
 *   waiting?: boolean, conflict?: Edit }} Todo
 */

/**
 * Whether todo `a` comes before todo `b` in their list: by the key of its place the server gave
 * it (compared as the server compares them, code unit by code unit), then by id; a todo still
 * waiting for its number and place comes last.
 * @param {{ id: number | string, position?: string }} a
 * @param {{ id: number | string, position?: string }} b
 */
export function comesBefore(a, b) {
  const first = a.position ?? LAST;
  const second = b.position ?? LAST;
  if (first !== second) return first < second;
  return numberOf(a.id) < numberOf(b.id);
}

/** Above every key the server makes: its keys are ASCII. */
const LAST = '\uffff';

/** @param {number | string} id */
function numberOf(id) {
  return typeof id === 'number' ? id : Number.MAX_SAFE_INTEGER;
}

/**
 * An edit the user made; its op is one of OP.
 * `todo` is the todo's id, or 'new-<seq>' until an added todo has its number; `after` the todo a
 * move puts it after (null: first); of the todo's fields (FIELDS), those it sets; `base` the
 * version an update expects (If-Match); `done` is set once answered, `conflict` once refused.
 * @typedef {{ seq: number, list: number, op: string, key: string, made?: number,
 *   todo?: number | string, after?: number | string | null, name?: string, finished?: boolean,
 *   due?: Due | null, assignee?: string | null, notes?: string | null, base?: number | null,
 *   was?: { name: string, finished: boolean, due?: Due | null, assignee?: string | null, notes?: string },
 *   done?: { version?: number, position?: string },
 *   conflict?: { status: number | string, error: string, version?: number } }} Edit
 */

/** The fields of a todo an add or an update sets: those it has (undefined: left as it is). */
export const FIELDS = Object.freeze(['name', 'finished', 'due', 'assignee', 'notes']);

/**
 * The edits a list's page makes, as its forms name them (data-outbox; a move is made by dragging
 * or the keyboard) and the device keeps them: a name changed here strands the edits kept under
 * the old one.
 */
export const OP = Object.freeze({
  ADD: 'add',
  UPDATE: 'update',
  DELETE: 'delete',
  FINISH_ALL: 'finish-all',
  CLEAR_FINISHED: 'clear-finished',
  MOVE: 'move',
});

/** Where the answer to a sent edit leaves it. */
export const STAGE = Object.freeze({
  WAITING: 'waiting',
  DONE: 'done',
  CONFLICT: 'conflict',
});

/** The service keeps an Idempotency-Key 24 hours: an edit older than this (an hour less, for clocks) is not sent as it is. */
export const KEY_KEPT_MS = 23 * 60 * 60 * 1000;

/**
 * What the page shows: the confirmed todos with every edit not confirmed yet applied in order,
 * in list order; the edits no row can show (unplaced); and added todos the server has numbered
 * already (their change came before their answer), temporary id to number.
 * @param {Map<number, Todo>} confirmed
 * @param {Edit[]} edits
 * @param {Set<number | string>} gone todos deleted while the page was open
 */
export function view(confirmed, edits, gone) {
  const sorted = [...confirmed.values()].sort((a, b) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0));
  /** @type {Map<number | string, Todo>} */
  const todos = new Map(sorted.map(todo => [todo.id, { ...todo }]));
  const shown = { unplaced: /** @type {Edit[]} */ ([]), numbered: new Map(), order: sorted.map(todo => todo.id) };
  edits.forEach(edit => apply(todos, edit, shown, gone));
  const order = [...new Set(shown.order)].filter(id => todos.has(id));
  return { todos: new Map(order.map(id => [id, /** @type {Todo} */ (todos.get(id))])), unplaced: shown.unplaced, numbered: shown.numbered };
}

function apply(todos, edit, shown, gone) {
  const id = shown.numbered.get(edit.todo) ?? edit.todo;
  const todo = todos.get(id);
  if (edit.conflict) {
    if (todo) todo.conflict = edit;
    else if (edit.op === OP.ADD || edit.op === OP.UPDATE) show(todos, { id, ...intended(edit), conflict: edit }, shown);
    else shown.unplaced.push(edit);
    return;
  }
  const waiting = !edit.done;
  switch (edit.op) {
    case OP.ADD: {
      // Names are unique in a list: a todo of that name is this one, back before its answer, or a clash.
      const same = [...todos.values()].find(each => each.name === edit.name);
      if (same && typeof same.id === 'number' && typeof edit.todo === 'string') shown.numbered.set(edit.todo, same.id);
      else if (!same && !todos.has(id) && !gone.has(id)) show(todos, { id, ...changed(edit), waiting }, shown);
      break;
    }
    case OP.UPDATE:
      if (todo) Object.assign(todo, changed(edit), { waiting });
      break;
    case OP.DELETE:
      remove(todos, todo, shown);
      break;
    case OP.FINISH_ALL:
      todos.forEach(each => { if (each.finished !== edit.finished) Object.assign(each, { finished: edit.finished, waiting }); });
      break;
    case OP.CLEAR_FINISHED:
      [...todos.values()].filter(each => each.finished).forEach(each => remove(todos, each, shown));
      break;
    case OP.MOVE: {
      // Put after a todo no longer shown, it stays where it is: the server will say so.
      const after = shown.numbered.get(edit.after) ?? edit.after;
      if (!todo || after === id || (after !== null && !todos.has(after))) break;
      shown.order = shown.order.filter(each => each !== id);
      shown.order.splice(after === null ? 0 : shown.order.indexOf(after) + 1, 0, id);
      if (waiting) todo.waiting = true;
      break;
    }
  }
}

// A todo shown that the confirmed list does not have goes last.
function show(todos, todo, shown) {
  todos.set(todo.id, todo);
  shown.order.push(todo.id);
}

// A todo the user removed still shows, elsewhere, an earlier edit to it that waits for their choice.
function remove(todos, todo, shown) {
  if (!todo) return;
  if (todo.conflict) shown.unplaced.push(todo.conflict);
  todos.delete(todo.id);
}

/**
 * What an add or an update sets: the fields it has. An update sets its name, whether the todo is
 * finished, or some of its details (due, assignee, notes).
 * @param {Edit} edit
 * @returns {Partial<Todo>}
 */
export function changed(edit) {
  return Object.fromEntries(FIELDS.filter(field => edit[field] !== undefined).map(field => [field, edit[field]]));
}

/**
 * The todo as the user meant it to be after this edit.
 * @param {Edit} edit
 */
export function intended(edit) {
  return edit.op === OP.ADD ? changed(edit) : { ...edit.was, ...changed(edit) };
}

/**
 * The next edit to send: in order, past those waiting for the user's choice or for their todo's number.
 * @param {Edit[]} edits
 */
export function nextEdit(edits) {
  return edits.find(edit => !edit.done && !edit.conflict && (edit.op === OP.ADD || (typeof edit.todo !== 'string' && typeof edit.after !== 'string')));
}

/**
 * The request that sends an edit: method, path, and JSON body (none for a delete).
 * @param {Edit} edit
 * @returns {[string, string, object?]}
 */
export function requestOf(edit) {
  const list = `/lists/${edit.list}/todos/`;
  switch (edit.op) {
    case OP.ADD: return ['POST', list, changed(edit)];
    case OP.UPDATE: return ['PATCH', '/todos/' + edit.todo, changed(edit)];
    case OP.DELETE: return ['DELETE', '/todos/' + edit.todo];
    case OP.FINISH_ALL: return ['PATCH', list, { finished: edit.finished }];
    case OP.MOVE: return ['POST', `/todos/${edit.todo}/move`, { after: edit.after }];
    default: return ['DELETE', list + '?finished=true'];
  }
}

/**
 * What the service's answer to a sent edit means: waiting, to be sent again as it is (the service
 * is busy, or still answering the same edit after a connection was lost), done, or a conflict.
 * @param {Edit} edit
 * @param {{ status: number, ok: boolean, redirected: boolean, headers: { has(name: string): boolean } }} response
 */
export function answerOf(edit, response) {
  if (response.status >= 500 || response.status === 429 || (response.status === 409 && response.headers.has('Retry-After'))) return STAGE.WAITING;
  // An add is answered by a redirect to its todo, which may be deleted already; a delete of a deleted todo is done.
  if (response.ok || (edit.op === OP.ADD && response.redirected) || (edit.op === OP.DELETE && response.status === 404)) return STAGE.DONE;
  return STAGE.CONFLICT;
}

/**
 * Whether the edit waited longer than the service remembers its key: it may have been done already.
 * @param {Edit} edit
 * @param {number} now
 */
export function isStale(edit, now) {
  return now - (edit.made ?? edit.seq / 1000) > KEY_KEPT_MS;
}

/**
 * The todo's version as the user last saw it: the server's, or that of their own edit answered since.
 * @param {Edit[]} edits
 * @param {Map<number, Todo>} confirmed
 * @param {number | string} todo
 */
export function knownVersion(edits, confirmed, todo) {
  const versions = edits.filter(edit => edit.done?.version && edit.op === OP.UPDATE && edit.todo === todo).map(edit => edit.done.version);
  const version = Math.max(confirmed.get(/** @type {number} */ (todo))?.version ?? -1, ...versions);
  return version < 0 ? null : version;
}

/**
 * The user's own answered edit moved these todos to new versions: their later edits expect
 * those. Answers the edits rebased, to be kept again.
 * @param {Edit[]} edits
 * @param {Edit} answered
 * @param {Map<number | string, number>} versions
 */
export function rebase(edits, answered, versions) {
  const later = edits.filter(each => !each.done && each.seq > answered.seq && each.base != null && versions.has(each.todo));
  later.forEach(each => { each.base = versions.get(each.todo); });
  return later;
}

/**
 * The edits still to keep: answered ones the confirmed list now shows are dropped.
 * @param {Edit[]} edits
 * @param {Map<number, Todo>} confirmed
 * @param {Set<number | string>} gone
 * @param {number} listVersion the list's version the page has
 */
export function unsettled(edits, confirmed, gone, listVersion) {
  return edits.filter(edit => {
    if (!edit.done) return true;
    switch (edit.op) {
      case OP.ADD: return !confirmed.has(/** @type {number} */ (edit.todo)) && !gone.has(edit.todo);
      case OP.UPDATE: return confirmed.has(/** @type {number} */ (edit.todo)) && confirmed.get(/** @type {number} */ (edit.todo)).version < edit.done.version;
      case OP.DELETE: return confirmed.has(/** @type {number} */ (edit.todo));
      case OP.MOVE: return !movedAsAnswered(edit, confirmed.get(/** @type {number} */ (edit.todo)), listVersion);
      default: return listVersion < edit.done.version;
    }
  });
}

/**
 * Whether the confirmed list shows an answered move: the todo has the place the answer gave it,
 * or the page has the list's version read after the answer (a later move may have taken the todo
 * elsewhere already), or the todo is gone.
 * @param {Edit} edit
 * @param {Todo | undefined} todo
 * @param {number} listVersion
 */
function movedAsAnswered(edit, todo, listVersion) {
  const done = /** @type {NonNullable<Edit['done']>} */ (edit.done);
  return !todo || todo.position === done.position || (done.version !== undefined && listVersion >= done.version);
}

/**
 * An added todo dropped before it had its number: the edits of it go, and moves that put another
 * todo after it put it after the todo shown before it instead, so they keep their place and can
 * be sent. Answers the edits kept, and those of them changed, to be kept again.
 * @param {Edit[]} edits
 * @param {number | string} todo
 * @param {(number | string)[]} order the ids the page shows, in order
 */
export function dropTodo(edits, todo, order) {
  const kept = edits.filter(edit => edit.todo !== todo);
  const changed = kept.filter(edit => edit.op === OP.MOVE && edit.after === todo);
  changed.forEach(edit => {
    const before = order.slice(0, order.indexOf(todo)).filter(id => id !== edit.todo);
    edit.after = before.length ? before[before.length - 1] : null;
  });
  return { kept, changed };
}
