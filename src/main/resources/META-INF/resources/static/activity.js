// @ts-check
// A list's activity as people read it: a sentence for each change of its history, and how long
// ago it was made.

/**
 * The sentence for a change, or null for one the activity does not show. `known` is each todo's
 * name and finished state as the changes described so far left it (todo id -> state), which
 * this keeps; `nameOnPage` names a todo older than those changes, as the page shows it.
 * @param {{ type: string, by?: string, data: any }} message
 * @param {Record<string, { name: string, finished: boolean }>} known
 * @param {(id: number) => string | undefined} nameOnPage
 * @returns {string | null}
 */
export function describeChange(message, known, nameOnPage) {
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
      const name = before ? before.name : nameOnPage(data.id);
      delete known[data.id];
      return name ? `${by} deleted “${name}”` : `${by} deleted a todo`;
    }
    case 'todo.moved': {
      const name = before ? before.name : nameOnPage(data.id);
      return name ? `${by} moved “${name}”` : `${by} moved a todo`;
    }
    case 'list.reordered':
      return `${by} reordered the list`;
    case 'list.updated':
      return `${by} renamed the list to “${data.name}”`;
    case 'member.added':
      if (data.username !== by) return `${by} shared the list with ${data.username}`;
      return data.role === 'owner' ? `${by} made the list` : `${by} joined`;
    case 'member.updated':
      if (data.role === 'owner') return `${by} passed the list on to ${data.username}`;
      // Passing the list on makes its owner a member too: the line above says it.
      if (data.username === by) return null;
      return data.role === 'viewer' ? `${by} made ${data.username} a viewer` : `${by} let ${data.username} edit`;
    case 'member.removed':
      return data.username === by ? `${by} left` : `${by} removed ${data.username}`;
    default:
      return null;
  }
}

/**
 * How long ago a time was, as the activity shows it: just now, minutes, hours, then the date.
 * @param {string} at
 * @param {number} now
 */
export function ago(at, now) {
  const seconds = Math.max(0, (now - Date.parse(at)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
  return new Date(at).toLocaleDateString();
}
