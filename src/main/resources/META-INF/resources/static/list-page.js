// @ts-check
// A list's page: its todos, whose edits go through the outbox (outbox.js, sent by sender.js) and
// show at once, moves (list-moves.js) included; the list's name, members, presence and activity,
// kept in step with the live connection; and the choices the user makes about refused edits.
import { bodyOf, newKey } from './forms.js';
import { addActivity, showActivity } from './list-activity.js';
import { detailsOf, readDetails, removeAssignee } from './list-details.js';
import { showMember, showPresence, showRole } from './list-members.js';
import { movable } from './list-moves.js';
import { keepSnapshot, render, saveSnapshot, settle, state } from './list-state.js';
import { rowId, setInputValue } from './list-view.js';
import { OP, changed, dropTodo, intended, knownVersion, view } from './outbox.js';
import { flush, leave, sending, startSending } from './sender.js';
import { watch } from './socket.js';
import { forgetEdit, keepEdit, openStore, savedEdits, savedList } from './store.js';

/** @typedef {import('./outbox.js').Edit} Edit */
/** @typedef {import('./socket.js').Change} Change */
/** @typedef {import('./socket.js').LivePage} LivePage */

// The list's version the page was made at.
let pageVersion = 0;
// The last edit's seq: edits are numbered in the order they are made, across pages and reloads.
let lastSeq = 0;

/**
 * Sets the list's page going, from what the server wrote into it.
 * @param {HTMLElement} main the page's main element, whose data attributes name the list, its version and the user
 * @returns {LivePage}
 */
export function listPage(main) {
  state.list = /** @type {string} */ (main.dataset.list);
  state.me = /** @type {string} */ (main.dataset.user);
  pageVersion = Number(main.dataset.version);
  state.lastSeen[state.list] = pageVersion;
  openStore(state.me);
  listen();
  movable(moveTodo);
  readRows();
  showFilter();
  addEventListener('pagehide', saveSnapshot);
  loadOffline();
  showActivity(state.list, pageVersion);
  return {
    lastSeen: state.lastSeen,
    // The list went away while this page was not connected; else the page watches it again.
    hello(current) {
      if (!(state.list in current)) leave();
      else watch(Number(state.list));
      flush();
    },
    change,
    presence(message) {
      if (String(message.list_id) === state.list) showPresence(message.users, state.me);
    },
    online: flush,
  };
}

function listen() {
  document.addEventListener('click', event => {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest?.('button[data-choice]'));
    if (button) choose(Number(button.dataset.seq), /** @type {string} */ (button.dataset.choice));
    const copy = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest?.('button[data-copy]'));
    if (copy) copyLink(copy);
  });
  document.addEventListener('submit', event => {
    const form = /** @type {HTMLFormElement} */ (event.target);
    if (!form.hasAttribute('data-enhance') || !form.dataset.outbox) return;
    event.preventDefault();
    enqueue(form);
  });
  // A todo's name is edited in place: Escape puts back the saved name, leaving the field saves it.
  document.addEventListener('keydown', event => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (event.key === 'Escape' && input.classList?.contains('todo-name')) {
      input.value = input.defaultValue;
      input.blur();
    }
  });
  document.addEventListener('focusout', event => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (!input.classList?.contains('todo-name') || !input.value.trim() || input.value === input.defaultValue) return;
    const form = /** @type {HTMLFormElement} */ (input.form);
    // Saved already (by Enter), its change not back yet.
    if (form.dataset.saved === bodyOf(form).toString()) return;
    form.requestSubmit();
  });
}

/**
 * Copies the new invite link the button names, and says so.
 * @param {HTMLElement} button
 */
async function copyLink(button) {
  const link = /** @type {HTMLInputElement} */ (document.getElementById(/** @type {string} */ (button.dataset.copy)));
  link.select();
  try {
    await navigator.clipboard.writeText(link.value);
    button.textContent = 'Copied';
  } catch (e) {
    // Without the clipboard (an insecure origin, a refused permission) the link stays selected to copy by hand.
    button.textContent = 'Selected: copy it';
  }
}

/** @param {Change} message */
function change(message) {
  addActivity(message, true);
  const data = message.data;
  switch (message.type) {
    case 'todo.created':
    case 'todo.updated':
      state.confirmed.set(data.id, todoOf(data));
      break;
    case 'todo.deleted':
      state.confirmed.delete(data.id);
      state.gone.add(data.id);
      break;
    case 'todo.moved':
      moved(data.id, data.position);
      break;
    case 'list.reordered':
      Object.entries(data.positions).forEach(([id, position]) => moved(Number(id), position));
      break;
    default:
      applyToList(message);
      return;
  }
  settle();
  render();
  keepSnapshot();
}

/**
 * The server gave the todo a new place in the list.
 * @param {number} id
 * @param {string} position
 */
function moved(id, position) {
  const todo = state.confirmed.get(id);
  if (todo) state.confirmed.set(id, { ...todo, position });
}

/** @param {Change} message */
function applyToList(message) {
  const data = message.data;
  switch (message.type) {
    case 'list.updated':
      /** @type {HTMLElement} */ (document.getElementById('list-name')).textContent = data.name;
      document.title = data.name + ' · livetodo';
      setInputValue(/** @type {HTMLInputElement | null} */ (document.getElementById('list-rename')), data.name);
      break;
    case 'list.deleted':
      leave();
      break;
    case 'member.added':
      showMember(data, state.list);
      showRole(data);
      break;
    case 'member.updated':
      // What the user may do changed (made a viewer, or the owner): the page is made for that.
      if (data.username === state.me) location.reload();
      else showRole(data);
      break;
    case 'member.removed':
      if (data.username === state.me) {
        leave();
        break;
      }
      document.querySelector(`#members > li[data-username="${CSS.escape(data.username)}"]`)?.remove();
      removeAssignee(data.username);
      break;
  }
}

/** @param {import('./outbox.js').Todo & { id: number }} data */
function todoOf(data) {
  const { id, name, finished, version, position, due, assignee, notes } = data;
  return { id, name, finished, version, position, due, assignee, notes };
}

function readRows() {
  document.querySelectorAll('#todos > li').forEach(element => {
    const row = /** @type {HTMLElement} */ (element);
    state.confirmed.set(Number(row.dataset.id), {
      id: Number(row.dataset.id),
      name: /** @type {HTMLInputElement} */ (row.querySelector('.todo-name')).defaultValue,
      finished: row.classList.contains('done'),
      version: Number(row.dataset.version),
      position: row.dataset.position,
      ...readDetails(row),
    });
  });
}

// The page may come from the service worker's copy; the outbox and the last state seen are newer.
async function loadOffline() {
  /** @type {number[]} */
  let earlier = [];
  try {
    const [snapshot, saved] = await Promise.all([savedList(Number(state.list)), savedEdits()]);
    // Shown only: the live connection still resumes from the page's own version, and replays
    // on top of this what came after it, so the members and the activity catch up as well.
    const list = state.list;
    if (snapshot && snapshot.version > state.lastSeen[list] && state.lastSeen[list] === pageVersion) {
      state.confirmed.clear();
      snapshot.todos.forEach(todo => state.confirmed.set(/** @type {number} */ (todo.id), todo));
      /** @type {HTMLElement} */ (document.getElementById('list-name')).textContent = snapshot.name;
    }
    const mine = saved.filter(edit => edit.list === Number(state.list));
    earlier = mine.map(edit => edit.seq);
    state.edits = mine.concat(state.edits).sort((a, b) => a.seq - b.seq);
    lastSeq = Math.max(lastSeq, ...saved.map(edit => edit.seq));
  } catch (e) {
    // Without IndexedDB (a private window may refuse it) edits are kept by this page only.
  }
  render();
  startSending(earlier);
}

/**
 * The edit a form of the outbox asks for (data-outbox names its op); a todo's details are
 * compared with the todo as shown.
 * @param {HTMLFormElement} form
 * @returns {Edit}
 */
function editOf(form) {
  const op = /** @type {string} */ (form.dataset.outbox);
  const edit = newEdit(op);
  const name = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="name"]'));
  const finished = () => /** @type {HTMLInputElement} */ (form.querySelector('input[name="finished"]')).value === 'true';
  if (op === OP.ADD) {
    edit.todo = 'new-' + edit.seq;
    edit.name = /** @type {HTMLInputElement} */ (name).value;
    edit.finished = false;
  } else if (op === OP.FINISH_ALL) {
    edit.finished = finished();
  } else if (op !== OP.CLEAR_FINISHED) {
    const row = /** @type {HTMLElement} */ (form.closest('#todos > li'));
    edit.todo = rowId(row);
    const todo = view(state.confirmed, state.edits, state.gone).todos.get(edit.todo);
    const { due, assignee, notes } = todo ?? {};
    edit.was = { name: /** @type {HTMLInputElement} */ (row.querySelector('.todo-name')).defaultValue, finished: row.classList.contains('done'), due, assignee, notes };
    edit.base = knownVersion(state.edits, state.confirmed, edit.todo);
    if (name) edit.name = name.value;
    else if (form.classList.contains('details')) Object.assign(edit, todo && detailsOf(form, todo));
    else if (op === OP.UPDATE) edit.finished = finished();
  }
  return edit;
}

/**
 * A new edit, numbered after every edit made before it.
 * @param {string} op
 * @returns {Edit}
 */
function newEdit(op) {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return { seq: lastSeq, list: Number(state.list), op, key: newKey(), made: Date.now() };
}

/**
 * The user put the todo right after another, or first.
 * @param {number | string} todo
 * @param {number | string | null} after
 */
function moveTodo(todo, after) {
  const row = /** @type {HTMLElement} */ (document.querySelector(`#todos > li[data-id="${todo}"]`));
  const was = { name: /** @type {HTMLInputElement} */ (row.querySelector('.todo-name')).defaultValue, finished: row.classList.contains('done') };
  push({ ...newEdit(OP.MOVE), todo, after, was });
}

/**
 * Shows the edit at once, keeps it and sends it.
 * @param {Edit} edit
 */
function push(edit) {
  state.edits.push(edit);
  render();
  // Kept and sent at once, together: an edit made just before leaving the page is on its way
  // (with its key) even if IndexedDB has not finished keeping it.
  keepEdit(edit);
  flush();
}

/**
 * Drops an added todo that has no number, with every edit of it.
 * @param {number | string} todo
 */
async function dropAdded(todo) {
  const dropped = state.edits.filter(each => each.todo === todo);
  const { kept, changed } = dropTodo(state.edits, todo, [...view(state.confirmed, state.edits, state.gone).todos.keys()]);
  state.edits = kept;
  render();
  await Promise.all([...dropped.map(forgetEdit), ...changed.map(keepEdit)]);
}

/** @param {HTMLFormElement} form */
async function enqueue(form) {
  const edit = editOf(form);
  if (edit.op === OP.UPDATE && edit.name !== undefined && edit.name === edit.was?.name) return;
  if (edit.op === OP.UPDATE && !Object.keys(changed(edit)).length) return;
  const add = state.edits.find(each => each.op === OP.ADD && each.todo === edit.todo && !each.done);
  if (edit.op === OP.DELETE && add && add !== sending()) {
    // Never sent: nothing to undo on the server.
    await dropAdded(/** @type {string} */ (edit.todo));
    return;
  }
  if (form.hasAttribute('data-reset')) form.reset();
  push(edit);
}

/**
 * The user's choice about a refused edit: `mine` sends it again, over what refused it; `theirs` drops it.
 * @param {number} seq
 * @param {string} value
 */
async function choose(seq, value) {
  const edit = state.edits.find(each => each.seq === seq);
  if (!edit) return;
  if (value === 'theirs' && edit.op === OP.ADD) {
    await dropAdded(/** @type {string} */ (edit.todo));
  } else if (value === 'theirs') {
    state.edits = state.edits.filter(each => each !== edit);
    await forgetEdit(edit);
  } else {
    const conflict = /** @type {NonNullable<Edit['conflict']>} */ (edit.conflict);
    if (conflict.status === 404) Object.assign(edit, { op: OP.ADD, todo: 'new-' + edit.seq, ...intended(edit), base: null });
    else edit.base = conflict.version ?? knownVersion(state.edits, state.confirmed, /** @type {number} */ (edit.todo));
    delete edit.conflict;
    edit.key = newKey();
    edit.made = Date.now();
    await keepEdit(edit);
  }
  render();
  // The focus stays with the todo when it is still there, else goes to the next choice to make.
  const row = document.querySelector(`#todos > li[data-id="${edit.todo}"]`);
  /** @type {HTMLElement} */ (row?.querySelector('.todo-name') || document.querySelector('button[data-choice]') || document.getElementById('new-todo')).focus();
  flush();
}

// A page the service worker kept for another filter shows the one asked for.
function showFilter() {
  const asked = new URLSearchParams(location.search).get('show');
  const show = asked === 'active' || asked === 'completed' ? asked : 'all';
  /** @type {HTMLElement} */ (document.getElementById('todos')).dataset.show = show;
  document.querySelectorAll('.filters a').forEach(element => {
    const link = /** @type {HTMLAnchorElement} */ (element);
    if (link.search === '?show=' + show) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}
