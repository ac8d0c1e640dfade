// @ts-check
// A page across the user's lists (Today, Upcoming, Assigned to me, a search's results), kept in
// step with the live connection: a change to any of the user's lists has the page read its view
// again, a moment later, so that changes arriving together cost one read.

/** @typedef {import('./socket.js').LivePage} LivePage */

/** How long after a change the view is read again. */
export const SETTLE_MS = 300;

/**
 * The page, as the live connection sees it: it shows no list of its own, so every change is another list's.
 * @returns {LivePage}
 */
export function viewsPage() {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;
  function readAgain() {
    clearTimeout(pending);
    pending = setTimeout(showAgain, SETTLE_MS);
  }
  // hello too: what changed between the page's rendering and the connection is read.
  return { lastSeen: {}, hello: readAgain, change: readAgain, otherChange: readAgain, otherResync: readAgain };
}

/**
 * The page as the server makes it now; null when it would not say.
 * @returns {Promise<Document | null>}
 */
export async function freshPage() {
  const response = await fetch(location.href, { cache: 'no-store', headers: { Accept: 'text/html' } });
  return response.ok ? new DOMParser().parseFromString(await response.text(), 'text/html') : null;
}

/** Reads the page again and shows its sections in place of the old ones. */
async function showAgain() {
  const fresh = await freshPage();
  if (!fresh) return;
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  main.querySelectorAll(':scope > section.view').forEach(section => section.remove());
  fresh.querySelectorAll('#main > section.view').forEach(section => main.appendChild(document.importNode(section, true)));
}
