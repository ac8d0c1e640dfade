// Keeps a livetodo page in step with the live connection (/live), and sends the page's forms
// without reloading it: the page changes only when a change arrives over the connection, so a
// user's own change is shown once, exactly like everyone else's.
(() => {
  'use strict';

  const main = document.getElementById('main');
  const page = main.dataset.page;
  const me = main.dataset.user;
  const status = document.getElementById('live-status');

  // list id -> the last version this page shows; the server replays anything newer.
  const lastSeen = {};
  // list id -> the version the server had when the connection opened.
  let current = {};
  let socket = null;
  let failures = 0;
  // Lists being fetched for the front page, so that each is added once.
  const fetching = new Set();

  if (page === 'list') {
    lastSeen[main.dataset.list] = Number(main.dataset.version);
  } else {
    document.querySelectorAll('#lists > li').forEach(li => { lastSeen[li.dataset.list] = Number(li.dataset.version); });
  }

  function show(state, text) {
    if (status.dataset.state === state) return;
    status.dataset.state = state;
    status.textContent = text;
  }

  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      show('catching-up', 'Catching up…');
      ws.send(JSON.stringify({ type: 'resume', lists: lastSeen }));
    };
    ws.onmessage = event => {
      failures = 0;
      receive(JSON.parse(event.data));
    };
    ws.onclose = event => {
      if (socket !== ws) return;
      socket = null;
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
      const delay = Math.min(5000, 500 * 2 ** failures) * (0.5 + Math.random() / 2);
      failures++;
      setTimeout(connect, delay);
    };
  }

  function receive(message) {
    if (message.type === 'hello') {
      current = {};
      message.lists.forEach(list => { current[list.id] = list.version; });
      hello();
    } else if (message.type === 'resync') {
      if (String(message.list_id) in lastSeen) {
        location.reload();
        return;
      }
    } else if (message.type === 'presence') {
      if (page === 'list' && String(message.list_id) === main.dataset.list) showPresence(message.users);
    } else if (message.list_id !== undefined) {
      change(message);
    }
    if (Object.keys(lastSeen).every(id => !(id in current) || lastSeen[id] >= current[id])) {
      show('live', 'Live');
    }
  }

  // Lists that came or went while this page was not connected.
  function hello() {
    if (page === 'list') {
      if (!(main.dataset.list in current)) location.assign('/');
      else socket.send(JSON.stringify({ type: 'watch', list_id: Number(main.dataset.list) }));
      return;
    }
    Object.keys(lastSeen).filter(id => !(id in current)).forEach(removeListRow);
    Object.keys(current).filter(id => !(id in lastSeen)).forEach(id => addListRow(id, current[id]));
  }

  function change(message) {
    const id = String(message.list_id);
    if (!(id in lastSeen)) {
      if (page === 'lists' && message.type === 'member.added' && message.data.username === me) addListRow(id, message.version);
      return;
    }
    if (message.version <= lastSeen[id]) return;
    lastSeen[id] = message.version;
    (page === 'list' ? changeList : changeLists)(message);
  }

  function changeList(message) {
    addActivity(message, true);
    applyToList(message);
    const left = document.querySelectorAll('#todos > li:not(.done)').length;
    setText(document.getElementById('left'), left + (left === 1 ? ' item left' : ' items left'));
  }

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  function applyToList(message) {
    const data = message.data;
    switch (message.type) {
      case 'todo.created':
      case 'todo.updated':
        showTodo(data);
        break;
      case 'todo.deleted':
        removeTodo(data.id);
        break;
      case 'list.updated':
        document.getElementById('list-name').textContent = data.name;
        document.title = data.name + ' · livetodo';
        setInputValue(document.getElementById('list-rename'), data.name);
        break;
      case 'list.deleted':
        location.assign('/');
        break;
      case 'member.added':
        showMember(data);
        break;
      case 'member.removed':
        if (data.username === me) location.assign('/');
        else document.querySelector(`#members > li[data-username="${CSS.escape(data.username)}"]`)?.remove();
        break;
    }
  }

  function changeLists(message) {
    const id = String(message.list_id);
    if (message.type === 'list.updated') {
      const link = document.querySelector(`#lists > li[data-list="${id}"] > a`);
      if (link) link.textContent = message.data.name;
    } else if (message.type === 'list.deleted' || (message.type === 'member.removed' && message.data.username === me)) {
      removeListRow(id);
    }
  }

  function showPresence(users) {
    const others = users.filter(user => user !== me);
    document.getElementById('presence').textContent = others.length ? 'Also here: ' + others.join(', ') : '';
  }

  // The list's latest changes, newest first, from its history (GET /lists/{id}/changes), then live.
  const ACTIVITY_SHOWN = 20;
  // todo id -> its name and whether it was finished, as the changes shown so far left it.
  const known = {};
  let activityLoaded = false;
  const pendingActivity = [];

  async function loadActivity() {
    const list = main.dataset.list;
    const since = Math.max(0, Number(main.dataset.version) - ACTIVITY_SHOWN);
    try {
      let response = await fetch(`/lists/${list}/changes?after=${since}&limit=${ACTIVITY_SHOWN}`, { headers: { Accept: 'application/json' } });
      // Before the user joined or older than the kept history: from the oldest they may read.
      if (response.status === 410) response = await fetch(`/lists/${list}/changes?limit=${ACTIVITY_SHOWN}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      (await response.json()).forEach(message => addActivity(message, false));
    } catch (e) {
      return;
    } finally {
      activityLoaded = true;
      pendingActivity.splice(0).forEach(message => addActivity(message, true));
    }
    document.querySelector('.activity').hidden = false;
  }

  function addActivity(message, live) {
    if (live && !activityLoaded) {
      pendingActivity.push(message);
      return;
    }
    const entries = document.getElementById('activity');
    if (entries.querySelector(`li[data-version="${message.version}"]`)) return;
    const text = describeChange(message);
    if (!text) return;
    const entry = document.createElement('li');
    entry.dataset.version = message.version;
    const when = document.createElement('time');
    when.dateTime = message.at;
    when.textContent = ago(message.at);
    entry.append(text, ' · ', when);
    const newer = [...entries.children].find(li => Number(li.dataset.version) < message.version);
    entries.insertBefore(entry, newer || null);
    while (entries.children.length > ACTIVITY_SHOWN) entries.lastElementChild.remove();
  }

  function describeChange(message) {
    const by = message.by || 'someone';
    const data = message.data;
    const before = known[data.id];
    switch (message.type) {
      case 'todo.created':
        known[data.id] = { name: data.name, finished: data.finished };
        return `${by} added “${data.name}”`;
      case 'todo.updated': {
        known[data.id] = { name: data.name, finished: data.finished };
        if (before && before.name !== data.name) return `${by} renamed “${before.name}” to “${data.name}”`;
        if (before && before.finished !== data.finished) return `${by} ${data.finished ? 'ticked' : 'unticked'} “${data.name}”`;
        // Without the todo's earlier state (older than the history shown), a tick is the likely change.
        return `${by} ${!before && data.finished ? 'ticked' : 'changed'} “${data.name}”`;
      }
      case 'todo.deleted': {
        const row = document.querySelector(`#todos > li[data-id="${data.id}"] .todo-name`);
        const name = before ? before.name : row?.defaultValue;
        delete known[data.id];
        return name ? `${by} deleted “${name}”` : `${by} deleted a todo`;
      }
      case 'list.updated':
        return `${by} renamed the list to “${data.name}”`;
      case 'member.added':
        if (data.username !== by) return `${by} shared the list with ${data.username}`;
        return data.role === 'owner' ? `${by} made the list` : `${by} joined`;
      case 'member.removed':
        return data.username === by ? `${by} left` : `${by} removed ${data.username}`;
      default:
        return null;
    }
  }

  function ago(at) {
    const seconds = Math.max(0, (Date.now() - Date.parse(at)) / 1000);
    if (seconds < 60) return 'just now';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
    return new Date(at).toLocaleDateString();
  }

  function showTodo(todo) {
    const todos = document.getElementById('todos');
    let row = todos.querySelector(`li[data-id="${todo.id}"]`);
    if (!row) {
      row = document.getElementById('todo-template').content.firstElementChild.cloneNode(true);
      const after = [...todos.children].find(li => Number(li.dataset.id) > todo.id);
      todos.insertBefore(row, after || null);
    }
    const base = `/app/lists/${todo.list_id}/todos/${todo.id}/`;
    row.dataset.id = todo.id;
    row.classList.toggle('done', todo.finished);
    row.querySelector('form.tick').action = base + 'finished';
    row.querySelector('form.rename').action = base + 'rename';
    row.querySelector('form.delete').action = base + 'delete';
    row.querySelector('input[name="finished"]').value = String(!todo.finished);
    const tick = row.querySelector('.tick-button');
    tick.setAttribute('aria-pressed', String(todo.finished));
    tick.setAttribute('aria-label', 'Done: ' + todo.name);
    row.querySelector('form.rename button').setAttribute('aria-label', 'Rename: ' + todo.name);
    row.querySelector('form.delete button').setAttribute('aria-label', 'Delete: ' + todo.name);
    const name = row.querySelector('.todo-name');
    name.id = 'todo-' + todo.id;
    row.querySelector('form.rename label').htmlFor = name.id;
    setInputValue(name, todo.name);
  }

  function removeTodo(id) {
    const row = document.querySelector(`#todos > li[data-id="${id}"]`);
    if (!row) return;
    const hadFocus = row.contains(document.activeElement);
    row.remove();
    if (hadFocus) document.getElementById('new-todo').focus();
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

  // Changes that arrive while the list is fetched move lastSeen on; a fetch older than them is repeated.
  async function addListRow(id, version) {
    if (fetching.has(id) || document.querySelector(`#lists > li[data-list="${id}"]`)) return;
    fetching.add(id);
    lastSeen[id] = version;
    try {
      for (let attempt = 0; attempt < 3 && id in lastSeen; attempt++) {
        const response = await fetch('/lists/' + id, { headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        const list = await response.json();
        if (list.version >= lastSeen[id]) {
          if (id in lastSeen && !document.querySelector(`#lists > li[data-list="${id}"]`)) showListRow(list);
          return;
        }
      }
    } finally {
      fetching.delete(id);
    }
  }

  function showListRow(list) {
    const row = document.createElement('li');
    row.dataset.list = list.id;
    const link = document.createElement('a');
    link.href = '/app/lists/' + list.id;
    link.textContent = list.name;
    row.appendChild(link);
    if (list.role !== 'owner') {
      const role = document.createElement('span');
      role.className = 'role';
      role.textContent = 'shared by ' + list.owner;
      row.append(' ', role);
    }
    document.getElementById('lists').appendChild(row);
  }

  function removeListRow(id) {
    document.querySelector(`#lists > li[data-list="${id}"]`)?.remove();
    delete lastSeen[id];
  }

  // Someone typing in a field keeps what they typed; the field's saved value still moves on.
  function setInputValue(input, value) {
    if (!input) return;
    if (document.activeElement === input) input.defaultValue = value;
    else input.defaultValue = input.value = value;
  }

  document.addEventListener('submit', async event => {
    const form = event.target;
    if (!form.hasAttribute('data-enhance')) return;
    event.preventDefault();
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
    const error = form.querySelector('.form-error') || form.closest('li')?.querySelector('.form-error');
    const field = form.querySelector('input:not([type="hidden"])');
    const body = new URLSearchParams(new FormData(form));
    // The same form sent again while it is on its way (leaving a name's field, then its Rename
    // button) is the same edit; sent again after no answer came, it keeps its key, so it is
    // done once at most.
    if (form.dataset.sending === body.toString()) return;
    if (form.dataset.sent !== body.toString()) {
      form.dataset.key = newKey();
      form.dataset.sent = body.toString();
    }
    let response;
    form.dataset.sending = body.toString();
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json', 'Idempotency-Key': form.dataset.key },
      });
    } catch (e) {
      say(error, field, 'livetodo cannot be reached; try again.');
      return;
    } finally {
      delete form.dataset.sending;
    }
    delete form.dataset.sent;
    if (response.ok) {
      form.dataset.saved = body.toString();
      say(error, field, '');
      if (form.dataset.then) location.assign(form.dataset.then);
      else if (form.hasAttribute('data-reset')) form.reset();
    } else if (response.status === 401) {
      location.assign('/');
    } else {
      const body = await response.json().catch(() => ({}));
      say(error, field, describe(body));
    }
  });

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
    if (input.form.dataset.saved === new URLSearchParams(new FormData(input.form)).toString()) return;
    input.form.requestSubmit();
  });

  let errorIds = 0;

  function newKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
  }

  // Shows a form's error and ties it to the form's field, or clears both.
  function say(element, field, text) {
    if (!element) return;
    element.textContent = text;
    if (!field) return;
    if (text) {
      element.id ||= 'form-error-' + ++errorIds;
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', element.id);
    } else {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
  }

  function describe(body) {
    if (body.details && body.details.length) {
      return body.details.map(d => d.field.charAt(0).toUpperCase() + d.field.slice(1) + ' ' + d.message + '.').join(' ');
    }
    return body.error || 'That did not work; reload the page and try again.';
  }

  show('connecting', 'Connecting…');
  if (page === 'list') {
    loadActivity();
    setInterval(() => document.querySelectorAll('#activity time').forEach(time => { time.textContent = ago(time.dateTime); }), 30000);
  }
  connect();
})();
