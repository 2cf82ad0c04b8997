/* realtime-hub console: the dashboard's metric charts — samples per node kept for a time window, drawn with uPlot,
 * one series per node. Needs uPlot (window.uPlot) and console.js (window.hubConsole). */
(function () {
  'use strict';

  const { el, formatBytes, formatNumber, formatTime } = window.hubConsole;
  const COLORS = ['#4f8cff', '#3fb950', '#d29922', '#a371f7', '#39c5cf', '#f85149', '#e275ad', '#8b98a9'];
  const AXIS = { stroke: '#8b98a9', font: '11px system-ui, sans-serif', grid: { stroke: '#212a37', width: 1 }, ticks: { stroke: '#212a37', width: 1 } };
  const pct = (v) => v.toFixed(1) + ' %';

  /** What each chart shows: how to read it from a sample's data, how to print it, and how nodes add up in the head. */
  const CHARTS = [
    { id: 'cpu', title: 'Host CPU', value: (d) => d.cpu_percent, format: pct, axis: (v) => v + '%', range: [0, 100], total: 'max' },
    { id: 'memory', title: 'Host memory used', range: [0, 100], total: 'max', format: pct, axis: (v) => v + '%',
      value: (d) => (d.memory_total_bytes ? (100 * d.memory_used_bytes) / d.memory_total_bytes : null) },
    { id: 'heap', title: 'JVM heap used', value: (d) => d.heap_used_bytes, format: formatBytes, axis: formatBytes, total: 'sum' },
    { id: 'connections', title: 'Live connections', value: (d) => d.connections, format: formatNumber, axis: formatNumber, total: 'sum' },
    { id: 'events', title: 'Events out / s', value: (d) => d.events_out_per_sec, format: (v) => formatNumber(Math.round(v)),
      axis: formatNumber, total: 'sum' },
  ];

  /** Samples per node (the event's source), oldest first, none older than windowMs behind the newest. */
  class SampleStore {
    constructor(windowMs) {
      this.windowMs = windowMs;
      this.byNode = new Map(); // node -> [{t: seconds, data}]
    }
    clear() { this.byNode.clear(); }
    /** Adds a metrics event; returns true when it brought a node not seen before. */
    add(event) {
      const node = String(event.source || 'hub'), t = Date.parse(event.timestamp) / 1000;
      if (!Number.isFinite(t) || !event.data) return false;
      let samples = this.byNode.get(node);
      const isNew = !samples;
      if (isNew) this.byNode.set(node, (samples = []));
      samples.push({ t, data: event.data });
      const oldest = t - this.windowMs / 1000;
      let drop = 0;
      while (drop < samples.length && samples[drop].t < oldest) drop++;
      if (drop) samples.splice(0, drop);
      return isNew;
    }
    nodes() { return [...this.byNode.keys()].sort(); }
    samples(node) { return this.byNode.get(node) || []; }
    latest(node) { const s = this.samples(node); return s.length ? s[s.length - 1].data : null; }
    count() { let n = 0; for (const s of this.byNode.values()) n += s.length; return n; }

    /** uPlot data for one chart: [times, node1 values, node2 values, …], aligned on the union of sample times. */
    aligned(value, nodes) {
      const read = (sample) => { const v = value(sample.data); return typeof v === 'number' && Number.isFinite(v) ? v : null; };
      if (nodes.length === 1) {
        const samples = this.samples(nodes[0]);
        return [samples.map((s) => s.t), samples.map(read)];
      }
      const times = new Set();
      for (const node of nodes) for (const s of this.samples(node)) times.add(s.t);
      const xs = [...times].sort((a, b) => a - b), index = new Map(xs.map((t, i) => [t, i]));
      const columns = nodes.map((node) => {
        const column = new Array(xs.length).fill(null);
        for (const s of this.samples(node)) column[index.get(s.t)] = read(s);
        return column;
      });
      return [xs, ...columns];
    }
  }

  /** One panel per chart in `container`; redraws at most once per animation frame. */
  class MetricCharts {
    constructor(container, windowMs = 10 * 60 * 1000) {
      this.container = container;
      this.store = new SampleStore(windowMs);
      this.panels = CHARTS.map((chart) => this._panel(chart));
      this.nodes = [];
      this.pending = false;
      this.resize = new ResizeObserver(() => this._fit());
      this.panels.forEach((p) => this.resize.observe(p.body));
    }

    /** Replaces every sample with a snapshot's. */
    reset(events) {
      this.store.clear();
      for (const event of events) this.store.add(event);
      this._rebuild();
    }
    /** Adds one live sample. */
    add(event) {
      if (this.store.add(event)) this._rebuild();
      else this._schedule();
    }
    /** How many points the charts hold (sample times across nodes). */
    points() { return this.panels[0].plot ? this.panels[0].plot.data[0].length : 0; }

    _panel(chart) {
      const value = el('span', { class: 'value', text: '—' });
      const body = el('div', { class: 'chart-body' });
      const panel = el('section', { class: 'panel chart', 'data-chart': chart.id },
        el('div', { class: 'panel-head' }, el('h2', { text: chart.title }), value), body);
      this.container.append(panel);
      return { chart, value, body, plot: null };
    }
    _options(chart, width) {
      return {
        width, height: 180, padding: [12, 26, 0, 4],
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        legend: { show: this.nodes.length > 1, live: true },
        scales: { x: { time: true }, y: { range: chart.range ? () => chart.range : (u, min, max) => [0, max > 0 ? max * 1.2 : 1] } },
        axes: [Object.assign({}, AXIS, { space: 80, size: 30, values: (u, splits) => splits.map((s) => formatTime(s * 1000)) }),
          Object.assign({}, AXIS, { size: 64, values: (u, values) => values.map(chart.axis) })],
        series: [{}].concat(this.nodes.map((node, i) => ({
          label: node, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true, points: { show: false },
          fill: this.nodes.length === 1 ? 'rgba(79, 140, 255, 0.10)' : undefined,
          value: (u, v) => (v == null ? '—' : chart.format(v)),
        }))),
      };
    }
    /** New plots, for a changed set of nodes (uPlot series are fixed at creation). */
    _rebuild() {
      this.nodes = this.store.nodes();
      for (const panel of this.panels) {
        if (panel.plot) panel.plot.destroy();
        panel.plot = null;
        if (!this.nodes.length) continue;
        const data = this.store.aligned(panel.chart.value, this.nodes);
        panel.plot = new window.uPlot(this._options(panel.chart, this._width(panel)), data, panel.body);
      }
      this._heads();
    }
    _schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this._draw(); });
    }
    _draw() {
      for (const panel of this.panels) if (panel.plot) panel.plot.setData(this.store.aligned(panel.chart.value, this.nodes));
      this._heads();
    }
    /** The head shows the latest figure: one node's, else the nodes' sum or maximum. */
    _heads() {
      for (const panel of this.panels) {
        const values = this.nodes.map((n) => this.store.latest(n)).filter(Boolean).map(panel.chart.value)
          .filter((v) => typeof v === 'number' && Number.isFinite(v));
        if (!values.length) { panel.value.textContent = '—'; continue; }
        const total = panel.chart.total === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
        panel.value.textContent = (values.length > 1 ? (panel.chart.total === 'sum' ? 'total ' : 'max ') : '') + panel.chart.format(total);
      }
    }
    _width(panel) { return Math.max(200, panel.body.clientWidth); }
    _fit() { for (const p of this.panels) if (p.plot) p.plot.setSize({ width: this._width(p), height: 180 }); }
  }

  window.MetricCharts = MetricCharts;
})();
