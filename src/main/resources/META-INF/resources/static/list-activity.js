// @ts-check
// A list's activity on its page: its latest changes, newest first, from its history
// (GET /lists/{id}/changes) and then live, each told in a sentence (activity.js) with how long ago.
import { ago, describeChange } from './activity.js';

/** @typedef {import('./socket.js').Change} Change */

const ACTIVITY_SHOWN = 20;
// todo id -> its name and whether it was finished, as the changes shown so far left it.
/** @type {Record<string, { name: string, finished: boolean }>} */
const known = {};
/** @param {number} id */
const nameOnPage = id => /** @type {HTMLInputElement | null} */ (document.querySelector(`#todos > li[data-id="${id}"] .todo-name`))?.defaultValue;
let loaded = false;
// Changes that come live before the history is in: each sentence needs the changes before it.
/** @type {Change[]} */
const pending = [];

/**
 * What the activity asked the service for, for the service worker to keep as well.
 * @type {string[]}
 */
export const activityAsked = [];

/**
 * Loads the list's latest changes, and keeps their times up to date.
 * @param {string} list
 * @param {number} version the list's version the page was made at
 */
export function showActivity(list, version) {
  loadActivity(list, version);
  setInterval(() => document.querySelectorAll('#activity time').forEach(element => {
    const time = /** @type {HTMLTimeElement} */ (element);
    time.textContent = ago(time.dateTime, Date.now());
  }), 30000);
}

/**
 * @param {string} list
 * @param {number} version
 */
async function loadActivity(list, version) {
  const since = Math.max(0, version - ACTIVITY_SHOWN);
  try {
    activityAsked.push(`/lists/${list}/changes?after=${since}&limit=${ACTIVITY_SHOWN}`);
    let response = await fetch(activityAsked[0], { headers: { Accept: 'application/json' } });
    // Before the user joined or older than the kept history: from the oldest they may read.
    if (response.status === 410) {
      activityAsked.push(`/lists/${list}/changes?limit=${ACTIVITY_SHOWN}`);
      response = await fetch(activityAsked[1], { headers: { Accept: 'application/json' } });
    }
    if (!response.ok) return;
    (await response.json()).forEach(message => addActivity(message, false));
  } catch (e) {
    return;
  } finally {
    loaded = true;
    pending.splice(0).forEach(message => addActivity(message, true));
  }
  /** @type {HTMLElement} */ (document.querySelector('.activity')).hidden = false;
}

/**
 * Shows a change in the activity, in its place by version, once.
 * @param {Change} message
 * @param {boolean} live whether it came over the live connection, rather than from the history
 */
export function addActivity(message, live) {
  if (live && !loaded) {
    pending.push(message);
    return;
  }
  const entries = /** @type {HTMLElement} */ (document.getElementById('activity'));
  if (entries.querySelector(`li[data-version="${message.version}"]`)) return;
  const text = describeChange(message, known, nameOnPage);
  if (!text) return;
  const entry = document.createElement('li');
  entry.dataset.version = String(message.version);
  const when = document.createElement('time');
  when.dateTime = message.at;
  when.textContent = ago(message.at, Date.now());
  entry.append(text, ' · ', when);
  const newer = [...entries.children].find(li => Number(/** @type {HTMLElement} */ (li).dataset.version) < message.version);
  entries.insertBefore(entry, newer || null);
  while (entries.children.length > ACTIVITY_SHOWN) entries.lastElementChild?.remove();
}
