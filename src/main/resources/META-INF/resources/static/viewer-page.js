// @ts-check
// A list's page for one of its viewers: the list without forms to change it, kept in step with
// the live connection by reading the page again a moment after a change, as the views pages are
// (views-page.js); who else looks at it and its activity, as on an editor's page. A change of the
// viewer's own membership (made a member, removed) or the list's deletion reloads the page, which
// then shows what they may do now.
import { addActivity, showActivity } from './list-activity.js';
import { showPresence } from './list-members.js';
import { watch } from './socket.js';
import { forgetEdit, openStore, savedEdits } from './store.js';
import { SETTLE_MS, freshPage } from './views-page.js';

/** @typedef {import('./socket.js').LivePage} LivePage */
/** @typedef {import('./socket.js').Change} Change */

/** The parts of the page read again, by id. */
const FRESH = ['list-name', 'left', 'todos', 'members'];

/**
 * @param {HTMLElement} main the page's main element, whose data attributes name the list, its version and the user
 * @returns {LivePage}
 */
export function viewerPage(main) {
  const list = /** @type {string} */ (main.dataset.list);
  const me = main.dataset.user;
  /** @type {Record<string, number>} */
  const lastSeen = { [list]: Number(main.dataset.version) };
  showActivity(list, lastSeen[list]);
  dropWaitingEdits(Number(list), /** @type {string} */ (me));
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;
  const readAgain = () => {
    clearTimeout(pending);
    pending = setTimeout(showAgain, SETTLE_MS);
  };
  return {
    lastSeen,
    hello(current) {
      if (!(list in current)) location.reload();
      watch(Number(list));
      readAgain();
    },
    /** @param {Change} message */
    change(message) {
      addActivity(message, true);
      const mine = message.type.startsWith('member.') && message.data.username === me;
      if (mine || message.type === 'list.deleted') location.reload();
      else readAgain();
    },
    presence(message) {
      if (String(message.list_id) === list) showPresence(message.users, /** @type {string} */ (me));
    },
  };
}

/**
 * Edits made while the user could still edit, not sent yet, would be refused (403): they are
 * dropped, and the page says how many.
 * @param {number} list
 * @param {string} me
 */
async function dropWaitingEdits(list, me) {
  try {
    openStore(me);
    const waiting = (await savedEdits()).filter(edit => edit.list === list);
    await Promise.all(waiting.map(forgetEdit));
    if (!waiting.length) return;
    const note = /** @type {HTMLElement} */ (document.getElementById('dropped'));
    note.textContent = (waiting.length === 1 ? '1 edit you made was' : `${waiting.length} edits you made were`)
        + ' not sent: you can now only view this list.';
    note.hidden = false;
  } catch (e) {
    // Without IndexedDB there is no outbox kept on the device to drop.
  }
}

/** Reads the page again and shows its list and members in place of the old ones. */
async function showAgain() {
  const fresh = await freshPage();
  if (!fresh) return;
  FRESH.forEach(id => {
    const shown = document.getElementById(id);
    const read = fresh.getElementById(id);
    if (shown && read) shown.replaceChildren(...[...read.childNodes].map(node => document.importNode(node, true)));
  });
}
