/* realtime-hub console: the one-task view, /tasks.html?task=<id> — a channel per entity, worked out. The hub's task board
 * publishes every update of a task on its own channel task:<id> (the built-in namespace `task`) as well as on `tasks`.
 * The view subscribes the channel with since = 0, so the channel's history (the task's last updates) is replayed
 * first and live updates follow; the client recovers it with since/epoch after every reconnect. The task's current
 * state also comes from one GET /api/tasks (the board's state), for a task whose channel no longer holds its updates.
 * An id that is no channel key ([A-Za-z0-9_.-]{1,64}), or a hub whose `task` has no channels, falls back to `tasks`
 * with the hub-side filter {"task_id": [id]} on a connection of its own. Every text goes in through textContent. */
(function () {
  'use strict';

  const id = new URLSearchParams(window.location.search).get('task');
  if (id == null) return; // the board (tasks.js)

  const { el, fetchJson, formatDuration, formatTime, formatTimeMs, toaster, ws } = window.hubConsole;
  const CHANNEL_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
  const FINISHED = new Set(['done', 'failed', 'cancelled']);
  const STATUSES = new Set(['running', 'queued', 'done', 'failed', 'cancelled']);
  const MAX_ENTRIES = 500;

  const channel = 'task:' + id;
  /** The latest update shown, from the channel (or filtered tasks) or the board's snapshot; null: no such task yet. */
  let current = null;
  let entries = 0;
  let mode = null; // 'channel' | 'filter'
  let skewMs = 0; // the hub's clock minus this browser's

  const statusOf = (event) => (STATUSES.has(event.status) ? event.status : 'queued');
  const clampProgress = (p) => Math.max(0, Math.min(100, Math.round(Number(p) || 0)));
  const stamp = (event) => { const t = Date.parse(event.timestamp); return Number.isFinite(t) ? t : 0; };

  const ui = render();

  function render() {
    const parts = {
      name: el('h1', { id: 'task-name', text: id }),
      pill: el('span', { class: 'status-pill', id: 'task-status' }),
      fill: el('div', { class: 'progress-fill' }),
      value: el('span', { class: 'progress-value', id: 'task-progress-value' }),
      message: el('div', { class: 'task-message', id: 'task-message' }),
      started: el('b', { id: 'task-started', text: '—' }),
      duration: el('b', { id: 'task-duration', text: '—' }),
      updated: el('b', { id: 'task-updated', text: '—' }),
      source: el('span', { class: 'chip', id: 'task-source' }),
      unknown: el('div', { class: 'empty', id: 'task-unknown' }, 'No such task yet: ', el('code', { text: id }),
        '. This page turns live when its first update arrives.'),
      timeline: el('ol', { class: 'timeline', id: 'task-timeline', reversed: true }),
      timelineEmpty: el('div', { class: 'timeline-empty', id: 'timeline-empty' }),
    };
    parts.bar = el('div', { class: 'progress', id: 'task-progress', role: 'progressbar', 'aria-valuemin': '0',
      'aria-valuemax': '100', 'aria-valuenow': '0' }, parts.fill);
    parts.state = el('section', { class: 'task task-state', id: 'task-state', hidden: true },
      el('div', { class: 'task-head' }, parts.pill, el('span', { class: 'task-id', title: id, text: id })),
      el('div', { class: 'progress-row' }, parts.bar, parts.value),
      parts.message,
      el('div', { class: 'task-meta' }, el('span', {}, 'Started ', parts.started),
        el('span', {}, 'Duration ', parts.duration), el('span', {}, 'Last update ', parts.updated)));
    parts.root = el('div', { class: 'task-view', id: 'task-view', 'data-known': 'false' },
      el('a', { class: 'back-link', id: 'back-to-board', href: '/tasks.html', text: '← All tasks' }),
      el('div', { class: 'page-head' }, el('div', {}, parts.name), el('div', { class: 'chips' }, parts.source)),
      parts.unknown, parts.state,
      el('h2', { text: 'Updates' }), parts.timelineEmpty, parts.timeline);
    document.querySelector('main').replaceChildren(parts.root);
    document.title = id + ' · Tasks · realtime-hub';
    return parts;
  }

  /** An update of this task: a timeline entry, and the current state unless the page holds a later one. */
  function onUpdate(event, topic) {
    if (event === null) return historyLost();
    if (!event || event.type !== 'task_update' || String(event.task_id) !== id) return;
    addEntry(event, topic);
    if (current === null || stamp(event) >= stamp(current)) show(event);
  }

  function addEntry(event, topic) {
    const status = statusOf(event);
    const entry = el('li', { class: 'timeline-entry status-' + status, 'data-seq': String(event.seq),
      'data-topic': topic || '', 'data-status': status },
      el('time', { datetime: event.timestamp || '', text: stamp(event) ? formatTimeMs(stamp(event)) : '—' }),
      el('span', { class: 'status-pill', text: status }),
      el('span', { class: 'timeline-progress', text: clampProgress(event.progress) + '%' }),
      el('span', { class: 'timeline-message', text: event.message || '' }));
    ui.timeline.prepend(entry);
    entries++;
    while (ui.timeline.children.length > MAX_ENTRIES) ui.timeline.lastElementChild.remove();
    drawTimelineEmpty();
  }

  /** A recovery failed (history no longer reaches back, a new epoch): say so, and take the state from the board. */
  function historyLost() {
    ui.timeline.prepend(el('li', { class: 'timeline-break', text: 'Updates may be missing here: the history no longer'
      + ' reached back when this page reconnected.' }));
    loadBoardState();
  }

  function show(event) {
    current = event;
    const status = statusOf(event), progress = clampProgress(event.progress);
    ui.root.dataset.known = 'true';
    ui.root.dataset.status = status;
    ui.unknown.hidden = true;
    ui.state.hidden = false;
    ui.state.className = 'task task-state status-' + status;
    ui.name.textContent = event.name || id;
    document.title = ui.name.textContent + ' · Tasks · realtime-hub';
    ui.pill.textContent = status;
    ui.fill.style.width = progress + '%';
    ui.bar.setAttribute('aria-valuenow', String(progress));
    ui.value.textContent = progress + '%';
    ui.message.textContent = event.message || '';
    const started = Date.parse(event.started_at);
    ui.started.textContent = Number.isFinite(started) ? formatTime(started) : '—';
    ui.started.title = event.started_at || '';
    ui.updated.textContent = stamp(event) ? formatTime(stamp(event)) : '—';
    drawDuration();
    drawTimelineEmpty();
  }

  function drawDuration() {
    if (!current) return;
    const started = Date.parse(current.started_at);
    const end = FINISHED.has(current.status) ? stamp(current) : Date.now() + skewMs;
    ui.duration.textContent = Number.isFinite(started) && current.status !== 'queued' ? formatDuration(end - started) : '—';
  }

  function drawTimelineEmpty() {
    ui.timelineEmpty.hidden = entries > 0;
    ui.timelineEmpty.textContent = current
      ? 'No updates of this task are kept any more; new ones appear here as they come.'
      : 'Waiting for the first update…';
  }

  /** The task's latest update from the board (GET /api/tasks): its state when the channel holds nothing newer. */
  function loadBoardState() {
    return fetchJson('/api/tasks').then((snapshot) => {
      const serverTime = Date.parse(snapshot.server_time);
      if (Number.isFinite(serverTime)) skewMs = serverTime - Date.now();
      const latest = (snapshot.tasks || []).find((event) => String(event.task_id) === id);
      if (latest && (current === null || stamp(latest) > stamp(current))) show(latest);
    }, (error) => toaster.error('Cannot load the task: ' + error.message));
  }

  function followChannel() {
    mode = 'channel';
    ui.source.textContent = 'Following ' + channel;
    ui.source.title = 'The task\'s own channel: its history, then every update live';
    ws.onError((error) => {
      // task configured without channels (or a refused channel): follow tasks, filtered on the hub, instead
      if (mode === 'channel' && error.type === 'subscription' && error.topic === channel) {
        ws.unsubscribe(channel, onUpdate);
        followFiltered();
      }
    });
    ws.subscribe(channel, onUpdate, { since: 0 });
  }

  function followFiltered() {
    mode = 'filter';
    ui.source.textContent = 'Following tasks, filtered by task_id';
    ui.source.title = 'This id is no channel key ([A-Za-z0-9_.-]{1,64}): the hub sends this page only this task\'s'
      + ' updates of tasks, the latest one first';
    const own = new window.WebSocketManager({ shared: false, lazy: true }); // a filter needs a connection of its own
    own.subscribe('tasks', onUpdate, { since: 0, filter: { task_id: [id] } });
  }

  drawTimelineEmpty();
  loadBoardState();
  if (CHANNEL_KEY.test(id)) followChannel();
  else followFiltered();
  setInterval(drawDuration, 1000);

  window.hubTaskView = { id, mode: () => mode, entries: () => entries, known: () => current !== null };
})();
