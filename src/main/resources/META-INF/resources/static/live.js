// Keeps a livetodo page in step with the live connection (/live), and sends the page's forms
// without reloading it. On a list's page, edits to its todos go through an outbox kept in
// IndexedDB: they show at once, wait there while the network is away (a reload or a browser
// restart included), and are sent in order, each with its own Idempotency-Key, so each is done
// exactly once; the list the server confirmed, over the live connection, is kept apart from them.
// The outbox's rules are outbox.js; this file is what the page does with them.
import { forgetAtLogOut, keepOffline } from './device.js';
import { bodyOf, enhanceForms, newKey } from './forms.js';
import { activityAsked, addActivity, showActivity } from './list-activity.js';
import { keepSnapshot, render, saveSnapshot, settle, state } from './list-state.js';
import { rowId, setInputValue } from './list-view.js';
import { listsPage } from './lists-page.js';
import { intended, knownVersion } from './outbox.js';
import { flush, leave, sending, startSending } from './sender.js';
import { connect, watch } from './socket.js';
import { forgetEdit, keepEdit, openStore, savedEdits, savedList } from './store.js';

(() => {
  'use strict';

  const main = document.getElementById('main');
  const page = main.dataset.page;
  const me = main.dataset.user;

  if (page === 'list') {
    state.list = main.dataset.list;
    state.me = me;
    state.lastSeen[main.dataset.list] = Number(main.dataset.version);
  }

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
        state.confirmed.set(data.id, todoOf(data));
        break;
      case 'todo.deleted':
        state.confirmed.delete(data.id);
        state.gone.add(data.id);
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

  let lastSeq = 0;

  function todoOf(data) {
    return { id: data.id, name: data.name, finished: data.finished, version: data.version };
  }

  function readRows() {
    document.querySelectorAll('#todos > li').forEach(row => state.confirmed.set(Number(row.dataset.id), {
      id: Number(row.dataset.id),
      name: row.querySelector('.todo-name').defaultValue,
      finished: row.classList.contains('done'),
      version: Number(row.dataset.version),
    }));
  }

  if (page === 'list') openStore(me);

  // The page may come from the service worker's copy; the outbox and the last state seen are newer.
  async function loadOffline() {
    let earlier = [];
    try {
      const [snapshot, saved] = await Promise.all([savedList(Number(main.dataset.list)), savedEdits()]);
      // Shown only: the live connection still resumes from the page's own version, and replays
      // on top of this what came after it, so the members and the activity catch up as well.
      const list = main.dataset.list;
      if (snapshot && snapshot.version > state.lastSeen[list] && state.lastSeen[list] === Number(main.dataset.version)) {
        state.confirmed.clear();
        snapshot.todos.forEach(todo => state.confirmed.set(todo.id, todo));
        document.getElementById('list-name').textContent = snapshot.name;
      }
      const mine = saved.filter(edit => edit.list === Number(main.dataset.list));
      earlier = mine.map(edit => edit.seq);
      state.edits = mine.concat(state.edits).sort((a, b) => a.seq - b.seq);
      lastSeq = Math.max(lastSeq, ...saved.map(edit => edit.seq));
    } catch (e) {
      // Without IndexedDB (a private window may refuse it) edits are kept by this page only.
    }
    render();
    startSending(earlier);
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
      edit.base = knownVersion(state.edits, state.confirmed, edit.todo);
      if (name) edit.name = name.value;
      else if (op === 'update') edit.finished = form.querySelector('input[name="finished"]').value === 'true';
    }
    return edit;
  }

  async function enqueue(form) {
    const edit = editOf(form);
    if (edit.op === 'update' && edit.name !== undefined && edit.name === edit.was.name) return;
    const add = state.edits.find(each => each.op === 'add' && each.todo === edit.todo && !each.done);
    if (edit.op === 'delete' && add && add !== sending()) {
      // Never sent: nothing to undo on the server.
      const dropped = state.edits.filter(each => each.todo === edit.todo);
      state.edits = state.edits.filter(each => !dropped.includes(each));
      render();
      await Promise.all(dropped.map(forgetEdit));
      return;
    }
    state.edits.push(edit);
    if (form.hasAttribute('data-reset')) form.reset();
    render();
    // Kept and sent at once, together: an edit made just before leaving the page is on its way
    // (with its key) even if IndexedDB has not finished keeping it.
    keepEdit(edit);
    flush();
  }

  async function choose(seq, value) {
    const edit = state.edits.find(each => each.seq === seq);
    if (!edit) return;
    if (value === 'theirs') {
      const dropped = state.edits.filter(each => each === edit || (edit.op === 'add' && each.todo === edit.todo));
      state.edits = state.edits.filter(each => !dropped.includes(each));
      await Promise.all(dropped.map(forgetEdit));
    } else {
      if (edit.conflict.status === 404) Object.assign(edit, { op: 'add', todo: 'new-' + edit.seq, ...intended(edit), base: null });
      else edit.base = edit.conflict.version ?? knownVersion(state.edits, state.confirmed, edit.todo);
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
    lastSeen: state.lastSeen,
    hello,
    change: changeList,
    presence: message => {
      if (String(message.list_id) === main.dataset.list) showPresence(message.users);
    },
    online: flush,
  } : listsPage(me));
})();
