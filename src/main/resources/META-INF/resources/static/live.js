// Keeps a livetodo page in step with the live connection (/live), and sends the page's forms
// without reloading it. On a list's page, edits to its todos go through an outbox kept in
// IndexedDB: they show at once, wait there while the network is away (a reload or a browser
// restart included), and are sent in order, each with its own Idempotency-Key, so each is done
// exactly once; the list the server confirmed, over the live connection, is kept apart from them.
// The outbox's rules are outbox.js; this file is what the page does with them.
import { forgetAtLogOut, keepOffline } from './device.js';
import { bodyOf, describe, enhanceForms, newKey } from './forms.js';
import { activityAsked, addActivity, showActivity } from './list-activity.js';
import { renumberRow, rowId, setInputValue, showList } from './list-view.js';
import { listsPage } from './lists-page.js';
import { intended, isStale, knownVersion, nextEdit, rebase, requestOf, unsettled } from './outbox.js';
import { connect, watch } from './socket.js';
import { forgetEdit, keepEdit, keepList, openStore, savedEdits, savedList } from './store.js';

(() => {
  'use strict';

  const main = document.getElementById('main');
  const page = main.dataset.page;
  const me = main.dataset.user;

  // list id -> the last version this page shows; the server replays anything newer.
  const lastSeen = {};
  if (page === 'list') lastSeen[main.dataset.list] = Number(main.dataset.version);

  // The list went away while this page was not connected; else the page watches it again.
  function hello(current) {
    if (!(main.dataset.list in current)) leave();
    else watch(Number(main.dataset.list));
    flush();
  }

  function changeList(message) {
    addActivity(message, true);
    const data = message.data;
    switch (message.type) {
      case 'todo.created':
      case 'todo.updated':
        confirmed.set(data.id, todoOf(data));
        break;
      case 'todo.deleted':
        confirmed.delete(data.id);
        gone.add(data.id);
        break;
      default:
        applyToList(message);
        return;
    }
    settle();
    render();
    keepSnapshot();
  }

  function applyToList(message) {
    const data = message.data;
    switch (message.type) {
      case 'list.updated':
        document.getElementById('list-name').textContent = data.name;
        document.title = data.name + ' · livetodo';
        setInputValue(document.getElementById('list-rename'), data.name);
        break;
      case 'list.deleted':
        leave();
        break;
      case 'member.added':
        showMember(data);
        break;
      case 'member.removed':
        if (data.username === me) leave();
        else document.querySelector(`#members > li[data-username="${CSS.escape(data.username)}"]`)?.remove();
        break;
    }
  }

  function showPresence(users) {
    const others = users.filter(user => user !== me);
    document.getElementById('presence').textContent = others.length ? 'Also here: ' + others.join(', ') : '';
  }

  function showMember(member) {
    const members = document.getElementById('members');
    if (members.querySelector(`li[data-username="${CSS.escape(member.username)}"]`)) return;
    const row = document.getElementById('member-template').content.firstElementChild.cloneNode(true);
    row.dataset.username = member.username;
    row.querySelector('.member-name').textContent = member.username;
    const remove = row.querySelector('form.remove');
    if (remove && member.role === 'owner') {
      remove.remove();
    } else if (remove) {
      remove.action = `/app/lists/${main.dataset.list}/members/${encodeURIComponent(member.username)}/remove`;
      remove.querySelector('.visually-hidden').textContent = ' ' + member.username;
    }
    members.appendChild(row);
  }

  // The list as the server last confirmed it (todo id -> todo), and the user's edits that it does
  // not show yet, oldest first. An edit is sent edit after edit; once answered it leaves IndexedDB
  // but stays shown until its change comes back over the live connection, so nothing flickers.
  const confirmed = new Map();
  let edits = [];
  // Todos deleted while this page was open: an add answered after its todo was deleted is settled.
  const gone = new Set();
  let lastSeq = 0;
  let flushing = false;
  // The edit on its way to the service, if any.
  let inFlight = null;
  // Whether the saved outbox is loaded (nothing is sent before it, so the order holds); the edits
  // it held, made on an earlier page; and whether the service said the page's user is the one
  // logged in (a kept page, with its outbox, may be another's).
  let loaded = false;
  const earlier = new Set();
  let sameUser = false;
  let retries = 0;
  let retryTimer = null;
  let leaving = false;

  function todoOf(data) {
    return { id: data.id, name: data.name, finished: data.finished, version: data.version };
  }

  function readRows() {
    document.querySelectorAll('#todos > li').forEach(row => confirmed.set(Number(row.dataset.id), {
      id: Number(row.dataset.id),
      name: row.querySelector('.todo-name').defaultValue,
      finished: row.classList.contains('done'),
      version: Number(row.dataset.version),
    }));
  }

  if (page === 'list') openStore(me);

  // The page may come from the service worker's copy; the outbox and the last state seen are newer.
  async function loadOffline() {
    try {
      const [snapshot, saved] = await Promise.all([savedList(Number(main.dataset.list)), savedEdits()]);
      // Shown only: the live connection still resumes from the page's own version, and replays
      // on top of this what came after it, so the members and the activity catch up as well.
      const list = main.dataset.list;
      if (snapshot && snapshot.version > lastSeen[list] && lastSeen[list] === Number(main.dataset.version)) {
        confirmed.clear();
        snapshot.todos.forEach(todo => confirmed.set(todo.id, todo));
        document.getElementById('list-name').textContent = snapshot.name;
      }
      const mine = saved.filter(edit => edit.list === Number(main.dataset.list));
      mine.forEach(edit => earlier.add(edit.seq));
      edits = mine.concat(edits).sort((a, b) => a.seq - b.seq);
      lastSeq = Math.max(lastSeq, ...saved.map(edit => edit.seq));
    } catch (e) {
      // Without IndexedDB (a private window may refuse it) edits are kept by this page only.
    }
    loaded = true;
    render();
    flush();
  }

  // A burst of changes is kept once; leaving the page keeps what is pending at once.
  let snapshotTimer = null;

  function keepSnapshot() {
    if (!snapshotTimer) snapshotTimer = setTimeout(saveSnapshot, 200);
  }

  function saveSnapshot() {
    if (!snapshotTimer) return;
    clearTimeout(snapshotTimer);
    snapshotTimer = null;
    const list = Number(main.dataset.list);
    keepList({ id: list, version: lastSeen[list], name: document.getElementById('list-name').textContent, todos: [...confirmed.values()] });
  }

  function editOf(form) {
    const op = form.dataset.outbox;
    lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
    const edit = { seq: lastSeq, list: Number(main.dataset.list), op, key: newKey(), made: Date.now() };
    const name = form.querySelector('input[name="name"]');
    if (op === 'add') {
      edit.todo = 'new-' + edit.seq;
      edit.name = name.value;
      edit.finished = false;
    } else if (op === 'finish-all') {
      edit.finished = form.querySelector('input[name="finished"]').value === 'true';
    } else if (op !== 'clear-finished') {
      const row = form.closest('#todos > li');
      edit.todo = rowId(row);
      edit.was = { name: row.querySelector('.todo-name').defaultValue, finished: row.classList.contains('done') };
      edit.base = knownVersion(edits, confirmed, edit.todo);
      if (name) edit.name = name.value;
      else if (op === 'update') edit.finished = form.querySelector('input[name="finished"]').value === 'true';
    }
    return edit;
  }

  async function enqueue(form) {
    const edit = editOf(form);
    if (edit.op === 'update' && edit.name !== undefined && edit.name === edit.was.name) return;
    const add = edits.find(each => each.op === 'add' && each.todo === edit.todo && !each.done);
    if (edit.op === 'delete' && add && add !== inFlight) {
      // Never sent: nothing to undo on the server.
      const dropped = edits.filter(each => each.todo === edit.todo);
      edits = edits.filter(each => !dropped.includes(each));
      render();
      await Promise.all(dropped.map(forgetEdit));
      return;
    }
    edits.push(edit);
    if (form.hasAttribute('data-reset')) form.reset();
    render();
    // Kept and sent at once, together: an edit made just before leaving the page is on its way
    // (with its key) even if IndexedDB has not finished keeping it.
    keepEdit(edit);
    flush();
  }

  // What the page shows: the confirmed list with every edit not confirmed yet applied in order.
  function render() {
    showList(main.dataset.list, confirmed, edits, gone);
  }

  async function flush() {
    if (flushing || !loaded) return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (let edit = nextEdit(edits); edit; edit = nextEdit(edits)) {
        inFlight = edit;
        if ((earlier.has(edit.seq) && !await checkUser()) || !await send(edit)) {
          retryTimer = setTimeout(flush, Math.min(30000, 1000 * 2 ** retries++));
          return;
        }
      }
      retries = 0;
      if (leaving && !edits.some(edit => !edit.done)) location.assign('/');
    } finally {
      inFlight = null;
      flushing = false;
    }
  }

  // A page the service worker kept may be another user's who used this browser before: their
  // edits are never sent with this user's session. False when the service cannot say yet.
  async function checkUser() {
    if (sameUser) return true;
    try {
      const response = await fetch('/user', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.status === 401) location.assign('/');
      else if (response.ok && (await response.json()).username !== me) location.reload();
      else sameUser = response.ok;
    } catch (offline) {
      return false;
    }
    return sameUser;
  }

  // An edit older than the service keeps its key may have been done already with its answer lost:
  // it is not sent again as it is. A change of a todo carries its If-Match and a delete of a
  // deleted todo is done, so those are safe; an add is looked for first; the rest is the user's to confirm.
  // True when the stale edit was settled here (done already, or now the user's choice); false to send it, null to try later.
  async function settleStale(edit) {
    if (edit.op === 'delete' || (edit.op === 'update' && edit.base != null)) return false;
    if (edit.op === 'add') {
      const todos = await fetchJson(`/lists/${edit.list}/todos/`);
      if (!todos) return null;
      const mine = todos.find(todo => todo.name === edit.name && todo.created_by === me);
      if (!mine) {
        edit.key = newKey();
        return false;
      }
      edit.done = {};
      number(edit.todo, mine.id, mine.version);
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
  async function send(edit) {
    if (isStale(edit, Date.now())) {
      const settled = await settleStale(edit);
      if (settled === null) return false;
      if (settled) return true;
    }
    const [method, url, body] = requestOf(edit);
    const headers = { Accept: 'application/json', 'Idempotency-Key': edit.key };
    if (body) headers['Content-Type'] = 'application/json';
    if (edit.op === 'update' && edit.base != null) headers['If-Match'] = `"${edit.base}"`;
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
    // 409 with Retry-After: the same edit is still being answered, after a connection was lost.
    if (response.status >= 500 || response.status === 429 || (response.status === 409 && response.headers.has('Retry-After'))) return false;
    // An add is answered by a redirect to its todo, which may be deleted already; a delete of a deleted todo is done.
    if (response.ok || (edit.op === 'add' && response.redirected) || (edit.op === 'delete' && response.status === 404)) {
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

  async function answered(edit, response) {
    if (edit.op === 'add') {
      const id = Number(/\/todos\/(\d+)$/.exec(new URL(response.url).pathname)[1]);
      const created = response.ok ? await response.json().catch(() => null) : null;
      edit.done = {};
      number(edit.todo, id, created?.version ?? null);
    } else if (edit.op === 'update') {
      edit.done = { version: Number(response.headers.get('ETag')?.replaceAll('"', '')) };
      rebase(edits, edit, new Map([[edit.todo, edit.done.version]])).forEach(keepEdit);
    } else if (edit.op === 'delete') {
      edit.done = {};
    } else {
      // Settled once the page has the list's version after it; the todos it changed move on to new versions.
      const [version, todos] = await Promise.all([fetchJson('/lists/' + edit.list), fetchJson(`/lists/${edit.list}/todos/`)]);
      edit.done = { version: version?.version ?? 0 };
      rebase(edits, edit, new Map((todos || []).filter(todo => todo.updated_by === me).map(todo => [todo.id, todo.version]))).forEach(keepEdit);
    }
    await forgetEdit(edit);
    settle();
    render();
  }

  // An added todo got its number: the edits made to it since, and its row, take it.
  function number(temporary, id, version) {
    renumberRow(temporary, id);
    edits.filter(edit => edit.todo === temporary).forEach(edit => {
      edit.todo = id;
      if (edit.op === 'update' && edit.base == null) edit.base = version;
      if (edit.op !== 'add') keepEdit(edit);
    });
  }

  // Fresh from the service, never the service worker's copy; null when it cannot be had.
  async function fetchJson(url) {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      return response.ok ? await response.json() : null;
    } catch (e) {
      return null;
    }
  }

  // Answered edits the confirmed list now shows are dropped.
  function settle() {
    edits = unsettled(edits, confirmed, gone, lastSeen[main.dataset.list]);
  }

  async function choose(seq, value) {
    const edit = edits.find(each => each.seq === seq);
    if (!edit) return;
    if (value === 'theirs') {
      const dropped = edits.filter(each => each === edit || (edit.op === 'add' && each.todo === edit.todo));
      edits = edits.filter(each => !dropped.includes(each));
      await Promise.all(dropped.map(forgetEdit));
    } else {
      if (edit.conflict.status === 404) Object.assign(edit, { op: 'add', todo: 'new-' + edit.seq, ...intended(edit), base: null });
      else edit.base = edit.conflict.version ?? knownVersion(edits, confirmed, edit.todo);
      delete edit.conflict;
      edit.key = newKey();
      edit.made = Date.now();
      await keepEdit(edit);
    }
    render();
    // The focus stays with the todo when it is still there, else goes to the next choice to make.
    const row = document.querySelector(`#todos > li[data-id="${edit.todo}"]`);
    (row?.querySelector('.todo-name') || document.querySelector('button[data-choice]') || document.getElementById('new-todo')).focus();
    flush();
  }

  document.addEventListener('click', event => {
    const button = event.target.closest?.('button[data-choice]');
    if (button) choose(Number(button.dataset.seq), button.dataset.choice);
  });

  // The list is gone for this user: edits still waiting are sent first, so their refusals are shown.
  function leave() {
    leaving = true;
    if (!edits.some(edit => !edit.done)) location.assign('/');
    else flush();
  }

  forgetAtLogOut(me);

  document.addEventListener('submit', event => {
    const form = event.target;
    if (!form.hasAttribute('data-enhance') || !form.dataset.outbox) return;
    event.preventDefault();
    enqueue(form);
  });
  enhanceForms();

  // A todo's name is edited in place: Escape puts back the saved name, leaving the field saves it.
  document.addEventListener('keydown', event => {
    const input = event.target;
    if (event.key === 'Escape' && input.classList?.contains('todo-name')) {
      input.value = input.defaultValue;
      input.blur();
    }
  });
  document.addEventListener('focusout', event => {
    const input = event.target;
    if (!input.classList?.contains('todo-name') || !input.value.trim() || input.value === input.defaultValue) return;
    // Saved already (by Enter), its change not back yet.
    if (input.form.dataset.saved === bodyOf(input.form).toString()) return;
    input.form.requestSubmit();
  });

  // A page the service worker kept for another filter shows the one asked for.
  function showFilter() {
    const asked = new URLSearchParams(location.search).get('show');
    const show = ['active', 'completed'].includes(asked) ? asked : 'all';
    document.getElementById('todos').dataset.show = show;
    document.querySelectorAll('.filters a').forEach(link => {
      if (link.search === '?show=' + show) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
  }

  keepOffline(me, activityAsked);
  if (page === 'list') {
    readRows();
    showFilter();
    addEventListener('pagehide', saveSnapshot);
    loadOffline();
    showActivity(main.dataset.list, Number(main.dataset.version));
  }
  connect(page === 'list' ? {
    lastSeen,
    hello,
    change: changeList,
    presence: message => {
      if (String(message.list_id) === main.dataset.list) showPresence(message.users);
    },
    online: flush,
  } : listsPage(me));
})();
