/* realtime-hub console: a virtual log list. A bounded ring buffer holds the lines (the oldest dropped, and counted),
 * a filter keeps the indices of the lines that match, and only the rows in sight are in the DOM, whatever the buffer
 * holds. Follows the newest line until the reader scrolls up; follows again once they are back at the bottom. */
(function () {
  'use strict';

  const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
  const ALIASES = { TRACE: 'DEBUG', FINE: 'DEBUG', WARN: 'WARNING', ERR: 'ERROR', FATAL: 'CRITICAL', CRIT: 'CRITICAL', SEVERE: 'ERROR' };
  const OVERSCAN = 8;

  /** The level as one of LEVELS (WARN → WARNING, FATAL → CRITICAL, …); INFO when unknown. */
  function normalizeLevel(level) {
    const upper = String(level == null ? 'INFO' : level).toUpperCase();
    return LEVELS.includes(upper) ? upper : ALIASES[upper] || 'INFO';
  }

  /** The last `capacity` lines, addressed by absolute index: `start` is the oldest kept, `end` the next to come. */
  class LogBuffer {
    constructor(capacity) {
      this.capacity = capacity;
      this.ring = new Array(capacity);
      this.start = 0;
      this.end = 0;
      this.dropped = 0;
      this.levelCounts = Object.fromEntries(LEVELS.map((l) => [l, 0]));
    }
    size() { return this.end - this.start; }
    get(index) { return this.ring[index % this.capacity]; }
    push(line) {
      if (this.size() === this.capacity) {
        this.levelCounts[this.get(this.start).level]--;
        this.start++;
        this.dropped++;
      }
      this.ring[this.end % this.capacity] = line;
      this.end++;
      this.levelCounts[line.level]++;
    }
    clear() {
      this.ring = new Array(this.capacity);
      this.start = this.end = this.dropped = 0;
      for (const level of LEVELS) this.levelCounts[level] = 0;
    }
  }

  class LogView {
    /**
     * @param viewport a scrollable element (the view fills it)
     * @param options capacity (lines kept), rowHeight (px, every row is one line), onChange (after a render)
     */
    constructor(viewport, { capacity = 50000, rowHeight = 24, onChange = () => {} } = {}) {
      this.viewport = viewport;
      this.rowHeight = rowHeight;
      this.onChange = onChange;
      this.buffer = new LogBuffer(capacity);
      this.levels = new Set(LEVELS);
      this.text = '';
      this.matches = []; // absolute indices of matching lines, from matchHead on
      this.matchHead = 0;
      this.following = true;
      this.pending = false;
      this.pool = [];
      this.spacer = viewport.appendChild(document.createElement('div'));
      this.spacer.className = 'log-spacer';
      this.rows = this.spacer.appendChild(document.createElement('div'));
      this.rows.className = 'log-rows';
      viewport.addEventListener('scroll', () => {
        const gap = viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight;
        this.following = gap <= this.rowHeight; // scrolled up: stop following; back at the bottom: follow again
        this.schedule();
      }, { passive: true });
      new ResizeObserver(() => this.schedule()).observe(viewport);
    }

    /** Adds lines ({time, level, module, moduleShort?, message}, oldest first); the oldest past capacity are dropped. */
    append(lines) {
      const buffer = this.buffer;
      for (const line of lines) {
        line.level = normalizeLevel(line.level);
        buffer.push(line);
        if (this._matches(line)) this.matches.push(buffer.end - 1);
      }
      let gone = 0;
      while (this.matchHead < this.matches.length && this.matches[this.matchHead] < buffer.start) { this.matchHead++; gone++; }
      if (this.matchHead > 4096 && this.matchHead * 2 > this.matches.length) {
        this.matches = this.matches.slice(this.matchHead);
        this.matchHead = 0;
      }
      if (gone && !this.following) this.viewport.scrollTop -= gone * this.rowHeight; // keep the lines in sight still
      this.schedule();
    }

    /** Shows only lines of `levels` (a Set of LEVELS) whose message or module contains `text` (any case). */
    setFilter(levels, text) {
      this.levels = new Set(levels);
      this.text = String(text || '').trim().toLowerCase();
      this.matches = [];
      this.matchHead = 0;
      const buffer = this.buffer;
      for (let i = buffer.start; i < buffer.end; i++) if (this._matches(buffer.get(i))) this.matches.push(i);
      this.following = true;
      this.schedule();
    }

    /** Forgets every line. */
    clear() {
      this.buffer.clear();
      this.matches = [];
      this.matchHead = 0;
      this.following = true;
      this.schedule();
    }

    /** Scrolls to the newest line and follows again. */
    scrollToBottom() {
      this.following = true;
      this.schedule();
    }

    /** {total, shown, dropped, following, levels: {LEVEL: count}}. */
    stats() {
      const b = this.buffer;
      return { total: b.size(), shown: this.matches.length - this.matchHead, dropped: b.dropped, following: this.following,
        capacity: b.capacity, levels: Object.assign({}, b.levelCounts) };
    }

    _matches(line) {
      if (!this.levels.has(line.level)) return false;
      if (!this.text) return true;
      if (line.search === undefined) line.search = (line.message + '\u0000' + (line.module || '')).toLowerCase();
      return line.search.includes(this.text);
    }

    schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.render(); });
    }

    /** Lays out the rows in sight (plus a few either side); every other row stays out of the DOM. */
    render() {
      const count = this.matches.length - this.matchHead, h = this.rowHeight, vp = this.viewport;
      this.spacer.style.height = count * h + 'px';
      if (this.following) vp.scrollTop = vp.scrollHeight;
      const first = Math.max(0, Math.floor(vp.scrollTop / h) - OVERSCAN);
      const last = Math.min(count, Math.ceil((vp.scrollTop + vp.clientHeight) / h) + OVERSCAN);
      const wanted = Math.max(0, last - first);
      while (this.pool.length < wanted) this.pool.push(this._row());
      for (let i = 0; i < this.pool.length; i++) {
        const row = this.pool[i];
        if (i >= wanted) { if (row.root.isConnected) row.root.remove(); continue; }
        if (!row.root.isConnected) this.rows.append(row.root);
        this._fill(row, this.buffer.get(this.matches[this.matchHead + first + i]));
      }
      this.rows.style.transform = 'translateY(' + first * h + 'px)';
      this.onChange(this.stats());
    }

    _row() {
      const root = document.createElement('div');
      root.className = 'log-row';
      const cells = ['log-time', 'log-level', 'log-module', 'log-message'].map((name) => {
        const cell = root.appendChild(document.createElement('span'));
        cell.className = name;
        return cell;
      });
      return { root, time: cells[0], level: cells[1], module: cells[2], message: cells[3], line: null };
    }

    _fill(row, line) {
      if (row.line === line) return;
      row.line = line;
      row.root.className = 'log-row level-' + line.level;
      row.time.textContent = line.time;
      row.level.textContent = line.level;
      row.module.textContent = line.moduleShort || line.module || '';
      row.module.title = line.module || '';
      row.message.textContent = line.message;
      row.message.title = line.message.length > 80 ? line.message : '';
    }
  }

  window.LogView = LogView;
  window.LogView.LEVELS = LEVELS;
  window.LogView.normalizeLevel = normalizeLevel;
  /** The wire spellings of a level: itself and every alias that reads as it (ERROR: ERR, SEVERE). */
  window.LogView.spellings = (level) => [level].concat(Object.keys(ALIASES).filter((alias) => ALIASES[alias] === level));
})();
