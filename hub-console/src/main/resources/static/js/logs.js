/* realtime-hub console: the logs page. Follows the logs topic (batches arrive unpacked), with pause/resume (lines
 * that come while paused are held and counted, and appear on resume), level and text filters, and a bounded buffer
 * (?buffer=N lines, default 50,000; the oldest dropped with a note). No polling.
 * ?level=ERROR,CRITICAL and/or ?module=a.b,c filter ON THE HUB: the page subscribes with a filter (on a connection of
 * its own, since tabs share one subscription per topic), so lines of other levels and modules never reach it. */
(function () {
  'use strict';

  const { el, formatNumber, formatTimeMs, ws } = window.hubConsole;
  const { LEVELS, normalizeLevel, spellings } = window.LogView;
  const DEFAULT_CAPACITY = 50000;

  const params = new URLSearchParams(window.location.search);
  const requested = parseInt(params.get('buffer'), 10);
  const capacity = Number.isFinite(requested) ? Math.max(1000, Math.min(1000000, requested)) : DEFAULT_CAPACITY;

  const pauseButton = document.getElementById('pause');
  const heldNote = document.getElementById('held');
  const droppedNote = document.getElementById('dropped');
  const jumpButton = document.getElementById('jump');
  const textFilter = document.getElementById('text-filter');
  const summary = document.getElementById('log-summary');
  const levelButtons = new Map();

  const view = new window.LogView(document.getElementById('log-viewport'), { capacity, onChange: showState });
  let paused = false;
  let held = []; // lines that came while paused, oldest first, at most `capacity`
  let heldDropped = 0; // lines that overflowed `held` and so never reached the buffer

  /** A logger name that fits its column: leading packages cut to their first letter (d.r.server.RealtimeHub). */
  function shortModule(module) {
    const parts = module.split('.');
    for (let i = 0; i < parts.length - 1 && parts.join('.').length > 24; i++) parts[i] = parts[i].charAt(0);
    return parts.join('.');
  }

  /** A log event as a line of the view; the time shown is the hub's timestamp, in local time. */
  function toLine(event) {
    const ms = Date.parse(event.timestamp), module = event.module == null ? '' : String(event.module);
    return { seq: event.seq, time: Number.isFinite(ms) ? formatTimeMs(ms) : '', level: event.level, module,
      moduleShort: module.length > 24 ? shortModule(module) : module, message: event.message == null ? '' : String(event.message) };
  }

  function onLog(event) {
    if (!event || event.type !== 'log') return;
    const line = toLine(event);
    if (!paused) {
      view.append([line]);
      return;
    }
    held.push(line);
    if (held.length > capacity) {
      held.shift();
      heldDropped++;
    }
    showHeld();
  }

  function setPaused(value) {
    paused = value;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(paused));
    if (!paused && held.length) {
      const lines = held;
      held = [];
      view.append(lines);
      view.scrollToBottom();
    }
    showHeld();
  }

  function showHeld() {
    heldNote.hidden = !paused;
    heldNote.textContent = 'Paused · ' + formatNumber(held.length) + ' new ' + (held.length === 1 ? 'line' : 'lines') + ' held';
  }

  function applyFilter() {
    const levels = LEVELS.filter((level) => levelButtons.get(level).getAttribute('aria-pressed') === 'true');
    view.setFilter(levels, textFilter.value);
  }

  function showState(stats) {
    for (const level of LEVELS) levelButtons.get(level).querySelector('.count').textContent = formatNumber(stats.levels[level]);
    summary.replaceChildren(
      el('span', { class: 'chip', id: 'line-count' }, el('b', { text: formatNumber(stats.total) }), ' lines'),
      el('span', { class: 'chip', id: 'shown-count' }, el('b', { text: formatNumber(stats.shown) }), ' shown'),
      el('span', { class: 'chip' }, 'buffer ', el('b', { text: formatNumber(stats.capacity) })));
    const dropped = stats.dropped + heldDropped;
    droppedNote.hidden = dropped === 0;
    droppedNote.textContent = formatNumber(dropped) + ' older ' + (dropped === 1 ? 'line' : 'lines')
      + ' dropped: the buffer keeps the latest ' + formatNumber(stats.capacity) + '.';
    jumpButton.hidden = stats.following || stats.shown === 0;
  }

  for (const level of LEVELS) {
    const button = el('button', { type: 'button', class: 'level-' + level, 'aria-pressed': 'true', 'data-level': level,
      onclick: () => { button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true')); applyFilter(); } },
    level, el('span', { class: 'count', text: '0' }));
    levelButtons.set(level, button);
    document.getElementById('levels').append(button);
  }
  let filterTimer = null;
  textFilter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, 150);
  });
  pauseButton.addEventListener('click', () => setPaused(!paused));
  jumpButton.addEventListener('click', () => view.scrollToBottom());
  document.getElementById('clear').addEventListener('click', () => {
    held = [];
    heldDropped = 0;
    view.clear();
    showHeld();
  });

  /** The hub-side filter the URL asks for ({level: [...], module: [...]}), or null for every line. */
  function serverFilter() {
    const list = (name) => (params.get(name) || '').split(',').map((v) => v.trim()).filter(Boolean);
    const filter = {};
    const levels = list('level').map(normalizeLevel);
    if (levels.length) filter.level = [...new Set(levels.flatMap(spellings))].slice(0, 32);
    const modules = list('module');
    if (modules.length) filter.module = modules.slice(0, 32);
    return Object.keys(filter).length ? filter : null;
  }

  const filter = serverFilter();
  if (filter) {
    const logsWs = new window.WebSocketManager({ shared: false, lazy: true }); // connects on its subscribe
    logsWs.onError((error) => { if (error.type === 'subscription') window.hubConsole.toaster.show(error.message, 'error'); });
    logsWs.subscribe('logs', onLog, { filter });
    const shown = [filter.level ? 'level ' + levels(filter.level) : null, filter.module ? 'module ' + filter.module.join(', ') : null];
    document.getElementById('log-summary').before(el('div', { class: 'chip', id: 'server-filter',
      title: 'Filtered by the hub: other lines are never sent to this page' }, 'Hub filter: ', el('b', { text: shown.filter(Boolean).join(' · ') })));
    window.hubLogsConnection = logsWs;
  } else {
    ws.subscribe('logs', onLog);
  }

  /** The filter's levels as the page names them (aliases folded). */
  function levels(values) {
    return [...new Set(values.map(normalizeLevel))].join(', ');
  }
  view.render();

  window.hubLogs = {
    view,
    stats: () => Object.assign(view.stats(), { paused, held: held.length, rows: document.querySelectorAll('.log-rows .log-row').length }),
    filter,
    pause: () => setPaused(true),
    resume: () => setPaused(false),
  };
})();
