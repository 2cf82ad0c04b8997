/* realtime-hub console: the tasks page. One GET /api/tasks snapshot (the hub's state: the latest update of every
 * task), then the tasks topic with `since` = the snapshot's seq, so no update between the two is missed or applied
 * twice. Finished tasks fade out after the hub's console.task-fade-ms. No polling: the one-second timer only redraws
 * durations and fades. Each task's name links to its one-task view, /tasks.html?task=<id> (task-view.js). */
(function () {
  'use strict';

  if (new URLSearchParams(window.location.search).has('task')) return; // the one-task view (task-view.js)

  const { el, fetchJson, formatDuration, formatTime, toaster, ws } = window.hubConsole;
  const FINISHED = new Set(['done', 'failed', 'cancelled']);
  const ORDER = ['running', 'queued', 'done', 'failed', 'cancelled'];
  const FADE_MS = 1000; // the CSS transition of .fading

  const grid = document.getElementById('tasks');
  const empty = document.getElementById('tasks-empty');
  const summary = document.getElementById('task-summary');
  /** task_id -> {event, card, startSeen, fading}; every task of the hub's state, shown or faded. */
  const tasks = new Map();
  let fadeAfterMs = 60000;
  let skewMs = 0; // the hub's clock minus this browser's
  let loaded = false;

  const serverNow = () => Date.now() + skewMs;
  const isFinished = (event) => FINISHED.has(event.status);
  const statusOf = (event) => (ORDER.includes(event.status) ? event.status : 'queued');
  const clampProgress = (p) => Math.max(0, Math.min(100, Math.round(Number(p) || 0)));

  async function loadSnapshot() {
    const snapshot = await fetchJson('/api/tasks');
    if (typeof snapshot.fade_after_ms === 'number') fadeAfterMs = snapshot.fade_after_ms;
    const serverTime = Date.parse(snapshot.server_time);
    if (Number.isFinite(serverTime)) skewMs = serverTime - Date.now();
    // the snapshot is the whole state: start again from it
    for (const task of tasks.values()) task.card.root.remove();
    tasks.clear();
    for (const event of snapshot.tasks || []) apply(event, true);
    loaded = true;
    refresh();
    return snapshot;
  }

  function onTask(event) {
    if (event === null) {
      loadSnapshot().catch((error) => toaster.error('Cannot reload tasks: ' + error.message));
      return;
    }
    if (event.type !== 'task_update' || event.task_id == null) return;
    apply(event, false);
    refresh();
  }

  /** Applies an update unless the page already holds a newer one for that task. */
  function apply(event, fromSnapshot) {
    const id = String(event.task_id);
    let task = tasks.get(id);
    if (task && typeof event.seq === 'number' && typeof task.event.seq === 'number' && event.seq <= task.event.seq) return;
    if (!task) {
      task = { event, card: makeCard(id), startSeen: null, fading: false };
      tasks.set(id, task);
    }
    if (!fromSnapshot && task.startSeen == null && event.status !== 'queued') task.startSeen = Date.parse(event.timestamp);
    task.event = event;
    if (isFinished(event) && fadeDue(task)) {
      task.card.root.remove(); // finished long enough ago: not shown, still in the state
      return;
    }
    task.fading = false;
    task.card.root.classList.remove('fading');
    if (!task.card.root.isConnected) grid.prepend(task.card.root);
    draw(task, !fromSnapshot);
  }

  function makeCard(id) {
    const card = {
      name: el('a', { class: 'task-name', href: '/tasks.html?task=' + encodeURIComponent(id) }),
      pill: el('span', { class: 'status-pill' }),
      fill: el('div', { class: 'progress-fill' }),
      value: el('span', { class: 'progress-value' }),
      message: el('div', { class: 'task-message' }),
      started: el('b'),
      duration: el('b', { class: 'task-duration' }),
    };
    card.bar = el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, card.fill);
    card.root = el('article', { class: 'task', 'data-task-id': id },
      el('div', { class: 'task-head' }, card.name, card.pill),
      el('div', { class: 'progress-row' }, card.bar, card.value),
      card.message,
      el('div', { class: 'task-meta' },
        el('span', {}, 'Started ', card.started), el('span', {}, 'Duration ', card.duration),
        el('span', { class: 'task-id', title: id, text: id })));
    return card;
  }

  function draw(task, flash) {
    const { event, card } = task;
    const status = statusOf(event), progress = clampProgress(event.progress);
    card.root.className = 'task status-' + status;
    card.root.dataset.status = status;
    card.name.textContent = event.name || String(event.task_id);
    card.name.title = card.name.textContent;
    card.pill.textContent = status;
    card.fill.style.width = progress + '%';
    card.bar.setAttribute('aria-valuenow', String(progress));
    card.value.textContent = progress + '%';
    card.message.textContent = event.message || '';
    card.message.title = event.message || '';
    const started = startedAt(task);
    card.started.textContent = started ? formatTime(started) : "—";
    card.started.title = event.started_at || '';
    drawDuration(task);
    if (flash) {
      void card.root.offsetWidth; // restart the animation
      card.root.classList.add('updated');
    }
  }

  /** When the task started, in the hub's clock: the hub's stamp, else the first running update this page saw. */
  function startedAt(task) {
    const stamped = Date.parse(task.event.started_at);
    return Number.isFinite(stamped) ? stamped : task.startSeen;
  }

  function drawDuration(task) {
    const started = startedAt(task);
    const end = isFinished(task.event) ? Date.parse(task.event.timestamp) : serverNow();
    task.card.duration.textContent = started && task.event.status !== 'queued' ? formatDuration(end - started) : '—';
  }

  function fadeDue(task) {
    return fadeAfterMs > 0 && serverNow() >= Date.parse(task.event.timestamp) + fadeAfterMs;
  }

  /** Every second: running durations, and finished tasks whose time is up fade, then leave the page. */
  function tick() {
    for (const task of tasks.values()) {
      if (!task.card.root.isConnected) continue;
      if (!isFinished(task.event)) drawDuration(task);
      else if (!task.fading && fadeDue(task)) {
        task.fading = true;
        task.card.root.classList.add('fading');
        setTimeout(() => { if (task.fading) { task.card.root.remove(); refresh(); } }, FADE_MS);
      }
    }
  }

  function refresh() {
    const counts = new Map(ORDER.map((s) => [s, 0]));
    for (const task of tasks.values()) counts.set(statusOf(task.event), counts.get(statusOf(task.event)) + 1);
    summary.replaceChildren(...ORDER.filter((s) => counts.get(s) > 0 || s === 'running').map((s) =>
      el('span', { class: 'chip status-' + s, 'data-status-count': s }, el('b', { text: String(counts.get(s)) }), ' ' + s)));
    empty.hidden = !loaded || grid.children.length > 0;
  }

  loadSnapshot().then(
    (snapshot) => ws.subscribe('tasks', onTask, { since: snapshot.seq, epoch: snapshot.epoch }),
    (error) => {
      toaster.error('Cannot load tasks: ' + error.message);
      loaded = true;
      refresh();
      ws.subscribe('tasks', onTask);
    });
  setInterval(tick, 1000);

  window.hubTasks = { count: () => tasks.size, shown: () => grid.children.length };
})();
