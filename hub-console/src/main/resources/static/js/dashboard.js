/* realtime-hub console: the dashboard page. The charts are filled from one GET /api/metrics snapshot and then follow
 * the metrics topic with `since` = the snapshot's seq, so nothing between the two is missed or counted twice; the
 * counters come from the stats topic (its current state replayed with since 0, then live). No polling. */
(function () {
  'use strict';

  const { el, fetchJson, formatNumber, formatTime, humanize, toaster, ws } = window.hubConsole;
  const charts = new window.MetricCharts(document.getElementById('charts'));
  const subscriptions = el('div', { class: 'topic-counts', id: 'subscriptions' }, el('span', { class: 'muted', text: 'Waiting for the first sample…' }));
  document.getElementById('charts').append(el('section', { class: 'panel chart' },
    el('div', { class: 'panel-head' }, el('h2', { text: 'Subscriptions per topic' })), subscriptions));
  const summary = document.getElementById('metrics-summary');
  const cards = document.getElementById('stats-cards');
  const cardByKey = new Map();
  const busEvents = new Map(); // event name -> latest event
  let lastSeq = 0; // highest metrics seq applied, in the current snapshot's epoch
  let unsubscribe = null;

  // ---- metrics: snapshot, then the live topic from its seq ----

  async function loadSnapshot() {
    const snapshot = await fetchJson('/api/metrics');
    charts.reset(snapshot.samples || []);
    lastSeq = snapshot.seq || 0;
    showSummary();
    showSubscriptions();
    return snapshot;
  }

  function onMetrics(event) {
    if (event === null) {
      // recovery failed (hub restarted, or history gone): start again from a fresh snapshot
      loadSnapshot().catch((error) => toaster.error('Cannot reload metrics: ' + error.message));
      return;
    }
    if (event.type !== 'metrics' || (typeof event.seq === 'number' && event.seq <= lastSeq)) return;
    if (typeof event.seq === 'number') lastSeq = event.seq;
    charts.add(event);
    showSummary();
    showSubscriptions();
  }

  function follow(snapshot) {
    if (unsubscribe) return;
    const options = snapshot ? { since: snapshot.seq, epoch: snapshot.epoch } : {};
    unsubscribe = ws.subscribe('metrics', onMetrics, options);
  }

  function showSummary() {
    const nodes = charts.store.nodes();
    summary.replaceChildren(
      el('span', { class: 'chip' }, el('b', { text: String(nodes.length) }), nodes.length === 1 ? ' node' : ' nodes'),
      el('span', { class: 'chip', id: 'sample-count' }, el('b', { text: formatNumber(charts.store.count()) }), ' samples'),
      el('span', { class: 'chip' }, 'last ', el('b', { text: '10 min' })));
  }

  /** Subscribers per topic from every node's latest sample, summed; the title tells each node's share. */
  function showSubscriptions() {
    const nodes = charts.store.nodes();
    const latest = nodes.map((node) => (charts.store.latest(node) || {}).subscriptions || {});
    const topics = [...new Set(latest.flatMap((s) => Object.keys(s)))];
    if (!topics.length) return;
    subscriptions.replaceChildren(...topics.map((topic) => {
      const counts = latest.map((s) => s[topic] || 0);
      const title = nodes.map((node, i) => node + ': ' + counts[i]).join(', ');
      return el('div', { class: 'topic-count', 'data-topic': topic, title },
        el('code', { text: topic }), el('span', { text: formatNumber(counts.reduce((a, b) => a + b, 0)) }));
    }));
  }

  // ---- stats: counters and bus events ----

  function onStats(event) {
    if (!event) return;
    if (event.type === 'stats_update' && event.data && typeof event.data === 'object') {
      for (const [key, value] of Object.entries(event.data)) showCounter(key, value, event.timestamp);
    } else if (event.type === 'event' && event.event) {
      busEvents.set(event.event, event);
      showBusEvents();
    }
  }

  function showCounter(key, value, timestamp) {
    document.getElementById('stats-empty')?.remove();
    let card = cardByKey.get(key);
    if (!card) {
      const valueEl = el('div', { class: 'card-value' });
      const meta = el('div', { class: 'card-meta' });
      card = { root: el('div', { class: 'card', 'data-counter': key }, el('div', { class: 'card-label', text: humanize(key) }), valueEl, meta),
        valueEl, meta, value: undefined };
      cardByKey.set(key, card);
      cards.append(card.root);
    }
    const text = typeof value === 'number' ? formatNumber(value) : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (card.valueEl.textContent !== text) {
      const rising = typeof value === 'number' && typeof card.value === 'number' && value > card.value;
      card.valueEl.textContent = text;
      card.valueEl.title = text;
      card.root.classList.remove('bump');
      if (rising) { void card.root.offsetWidth; card.root.classList.add('bump'); }
    }
    card.value = value;
    card.meta.textContent = 'updated ' + formatTime(Date.parse(timestamp) || Date.now());
  }

  function summarize(data) {
    if (data == null) return '';
    if (typeof data !== 'object') return String(data);
    return Object.entries(data).map(([k, v]) => k + '=' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)).join('  ');
  }

  function showBusEvents() {
    const table = document.getElementById('bus-events');
    const rows = [...busEvents.values()].sort((a, b) => (b.seq || 0) - (a.seq || 0)).map((event) => el('tr', {},
      el('td', { class: 'nowrap' }, el('code', { text: event.event })),
      el('td', { class: 'ellipsis', title: summarize(event.data), text: summarize(event.data) }),
      el('td', { class: 'num muted', text: formatTime(Date.parse(event.timestamp) || Date.now()) })));
    table.replaceChildren(el('tbody', {}, ...rows));
  }

  ws.subscribe('stats', onStats, { since: 0 });
  loadSnapshot().then(follow, (error) => {
    toaster.error('Cannot load metrics history: ' + error.message);
    follow(null);
  });

  window.hubDashboard = { points: () => charts.points(), samples: () => charts.store.count(), lastSeq: () => lastSeq,
    nodes: () => charts.store.nodes() };
})();
