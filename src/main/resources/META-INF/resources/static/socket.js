// @ts-check
// The live connection (/live). It resumes from the versions the page shows, so the server
// replays what the page missed; a lost connection comes back, soon at first, then every few
// seconds; each message goes to the page, and the status line tells the user whether what they
// see is live.

/**
 * A change of a list, as the server sends it.
 * @typedef {{ type: string, list_id: number, version: number, by?: string, at?: string, data: any }} Change
 */

/**
 * What a page does with the live connection.
 * @typedef {object} LivePage
 * @property {Record<string, number>} lastSeen list id -> the last version the page shows; the server replays anything newer
 * @property {(current: Record<string, number>) => void} hello the user's lists and their versions as the
 *   connection opened: the page learns which came or went while it was not connected
 * @property {(message: Change) => void} change a change of a list the page shows, newer than the page has
 * @property {(message: Change) => void} [otherChange] a change of a list the page does not show
 * @property {(id: string) => void} [otherResync] a list the page does not show changed more than the server
 *   keeps: only its present state is to be had
 * @property {(message: { list_id: number, users: string[] }) => void} [presence] who has a list's page open
 * @property {() => void} [online] the network is back
 */

/** @type {LivePage} */
let page;
/** @type {WebSocket | null} */
let socket = null;
let failures = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let reconnect;
// list id -> the version the server had when the connection opened.
/** @type {Record<string, number>} */
let current = {};

/**
 * Connects the page, and connects it again whenever the connection is lost.
 * @param {LivePage} shown
 */
export function connect(shown) {
  page = shown;
  show('connecting', 'Connecting…');
  // The network is back: no need to wait for the next attempt.
  addEventListener('online', () => {
    if (!socket) {
      clearTimeout(reconnect);
      open();
    }
    page.online?.();
  });
  open();
}

/**
 * Whether the page has a connection, open or opening: false from a loss until the next attempt.
 */
export function connected() {
  return socket !== null;
}

/**
 * Says the page is looking at the list: the server then tells who is (presence), this user among them.
 * @param {number} list
 */
export function watch(list) {
  socket?.send(JSON.stringify({ type: 'watch', list_id: list }));
}

/**
 * Tells the user where the connection stands: connecting, catching-up, live or down.
 * @param {string} state
 * @param {string} text
 */
function show(state, text) {
  const status = /** @type {HTMLElement} */ (document.getElementById('live-status'));
  if (status.dataset.state === state) return;
  status.dataset.state = state;
  status.textContent = text;
}

/**
 * How long to wait before the next attempt after `failures` in a row: half a second, doubled
 * each time up to five, of which a random half or more, so the browsers a server lost do not all
 * come back at once.
 * @param {number} failures
 * @param {number} random from 0 to 1
 */
export function backoff(failures, random) {
  return Math.min(5000, 500 * 2 ** failures) * (0.5 + random / 2);
}

/**
 * Whether the page shows every list at least at the version the server had when the connection opened.
 * @param {Record<string, number>} lastSeen
 * @param {Record<string, number>} current
 */
export function caughtUp(lastSeen, current) {
  return Object.keys(lastSeen).every(id => !(id in current) || lastSeen[id] >= current[id]);
}

function open() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
  socket = ws;
  let opened = false;
  ws.onopen = () => {
    opened = true;
    show('catching-up', 'Catching up…');
    ws.send(JSON.stringify({ type: 'resume', lists: page.lastSeen }));
  };
  ws.onmessage = event => {
    failures = 0;
    receive(JSON.parse(event.data));
  };
  ws.onclose = event => {
    if (socket !== ws) return;
    socket = null;
    // The server ended it on purpose (the session is over, or the page broke a limit): the front page tells where the user stands.
    if (event.code === 1008) {
      location.assign('/');
      return;
    }
    // A refused upgrade looks like any failed connection: ask whether the session still holds.
    if (!opened) {
      fetch('/user', { headers: { Accept: 'application/json' } })
        .then(response => { if (response.status === 401) location.assign('/'); })
        .catch(() => {});
    }
    show('down', 'Offline, reconnecting…');
    const delay = backoff(failures, Math.random());
    failures++;
    reconnect = setTimeout(open, delay);
  };
}

/** @param {any} message */
function receive(message) {
  if (message.type === 'hello') {
    current = {};
    message.lists.forEach(list => { current[list.id] = list.version; });
    page.hello(current);
  } else if (message.type === 'resync') {
    if (String(message.list_id) in page.lastSeen) {
      location.reload();
      return;
    }
    page.otherResync?.(String(message.list_id));
  } else if (message.type === 'presence') {
    page.presence?.(message);
  } else if (message.list_id !== undefined) {
    change(message);
  }
  if (caughtUp(page.lastSeen, current)) show('live', 'Live');
}

/** @param {Change} message */
function change(message) {
  const id = String(message.list_id);
  if (!(id in page.lastSeen)) {
    page.otherChange?.(message);
    return;
  }
  if (message.version <= page.lastSeen[id]) return;
  page.lastSeen[id] = message.version;
  page.change(message);
}
