// @ts-check
// What a list's page holds: the list as the server last confirmed it over the live connection,
// and the user's edits that it does not show yet, oldest first (the outbox, outbox.js). The page
// shows the first with the second applied, so an answered edit, gone from IndexedDB, stays shown
// until its change comes back, and nothing flickers.
import { showList } from './list-view.js';
import { unsettled } from './outbox.js';
import { keepList } from './store.js';

/** @typedef {import('./outbox.js').Edit} Edit */
/** @typedef {import('./outbox.js').Todo} Todo */

export const state = {
  /** The list's id, as the page has it. */
  list: '',
  /** The user the page is for. */
  me: '',
  /**
   * list id -> the last version this page shows; the server replays anything newer.
   * @type {Record<string, number>}
   */
  lastSeen: {},
  /**
   * todo id -> the todo as the server last confirmed it.
   * @type {Map<number, Todo>}
   */
  confirmed: new Map(),
  /** @type {Edit[]} */
  edits: [],
  /**
   * Todos deleted while this page was open: an add answered after its todo was deleted is settled.
   * @type {Set<number | string>}
   */
  gone: new Set(),
};

/** Shows the confirmed list with every edit not confirmed yet applied in order. */
export function render() {
  showList(state.list, state.confirmed, state.edits, state.gone);
}

/** Answered edits the confirmed list now shows are dropped. */
export function settle() {
  state.edits = unsettled(state.edits, state.confirmed, state.gone, state.lastSeen[state.list]);
}

// A burst of changes is kept once; leaving the page keeps what is pending at once.
/** @type {ReturnType<typeof setTimeout> | null} */
let snapshotTimer = null;

/** Keeps the confirmed list on the device soon, for the page to show offline. */
export function keepSnapshot() {
  if (!snapshotTimer) snapshotTimer = setTimeout(saveSnapshot, 200);
}

/** Keeps the confirmed list now, if a change to it is not kept yet. */
export function saveSnapshot() {
  if (!snapshotTimer) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = null;
  const list = Number(state.list);
  keepList({
    id: list,
    version: state.lastSeen[list],
    name: /** @type {HTMLElement} */ (document.getElementById('list-name')).textContent ?? '',
    todos: [...state.confirmed.values()],
  });
}
