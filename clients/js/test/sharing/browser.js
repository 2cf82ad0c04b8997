// A simulated browser of tabs that share one hub connection through shareConnection (Web Locks + BroadcastChannel,
// or a SharedWorker), on a fake hub, fake clock, fake locks and fake channels.
import { shareConnection } from '../../src/sharing/share.js';
import { serveTabs } from '../../src/sharing/worker-host.js';
import { FakeClock, FakeHub, FakeLockRegistry, FakeWindow, channelClass, portPair } from './fakes.js';

export class FakeBrowser {
  /** @param {{worker?: boolean, locks?: boolean}} [o] */
  constructor({ worker = false, locks = true } = {}) {
    Object.assign(this, { clock: new FakeClock(), hub: new FakeHub(), locks: new FakeLockRegistry(), channels: [],
      connections: [], tabs: [], toasts: [], nextTab: 1, worker: null, tabPorts: new Map() });
    this.withLocks = locks;
    if (worker) this._startWorker();
  }
  /** Opens a tab whose page calls new WebSocketManager(options) (a TabClient here), and records its events. */
  openTab(options = { lazy: true }) {
    const id = 'tab' + this.nextTab++, win = new FakeWindow(), opened = [];
    const env = { version: 'v1', window: win, timers: this.clock, createConnection: this.hub.factory(this.connections, id),
      notify: (kind, message, action) => this.toasts.push({ tab: id, kind, message, action }),
      locks: this.withLocks ? this.locks.forTab(id) : null, BroadcastChannel: channelClass(this.channels, id, opened) };
    if (this.worker) Object.assign(env, { SharedWorker: this._workerClass(id), workerUrl: '/js/ws-shared-worker.js' });
    const client = shareConnection({ url: 'ws://hub/api/ws/realtime', ...options }, env);
    const tab = { id, client, win, opened, events: [], closed: false };
    this.tabs.push(tab);
    return tab;
  }
  /** The page subscribes `topic`, recording what its handler sees as "topic#seq". */
  subscribe(tab, topic) {
    return tab.client.subscribe(topic, (ev, t, meta) => tab.events.push(ev ? t + '#' + ev.seq : 'lost:' + t + '@' + meta.seq));
  }
  /** Closes a tab as a browser does: pagehide, then its locks, channels and ports go. */
  close(tab, { quietly = false } = {}) {
    if (!quietly) tab.win.fire('pagehide', { persisted: false });
    tab.closed = true;
    this.locks.closeTab(tab.id);
    for (const c of tab.opened) c.close();
    for (const c of this.connections) if (c.tab === tab.id && this.hub.open.has(c)) c.dropByHub(1006, 'tab closed');
    if (this.tabPorts.has(tab.id)) this.tabPorts.get(tab.id).close();
    if (this.workerPorts) this.workerPorts.delete(tab.id);
  }
  holders() { return this.tabs.filter((t) => !t.closed && t.client.getStats().holder).map((t) => t.id); }
  openConnections() { return this.hub.open.size; }

  _startWorker() {
    this.workerPorts = new Map();
    this.worker = { onconnect: null, navigator: this.withLocks ? { locks: this.locks.forTab('worker') } : {},
      setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms), clearTimeout: (id) => this.clock.clearTimeout(id) };
    this.workerHost = serveTabs(this.worker, this.hub.factory(this.connections));
  }
  _workerClass(tabId) {
    const browser = this;
    return class FakeSharedWorker {
      constructor(url, options) {
        browser.workerUrls = [...(browser.workerUrls || []), { url, options }];
        const [tabEnd, workerEnd] = portPair();
        this.port = tabEnd;
        browser.tabPorts.set(tabId, tabEnd);
        browser.workerPorts.set(tabId, workerEnd);
        setImmediate(() => browser.worker.onconnect({ ports: [workerEnd] }));
      }
    };
  }
}
