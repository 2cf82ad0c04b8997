// The classic script /js/ws-manager.js, generated from the ES modules in ../src: the module graph of src/classic.js,
// dependencies first, in one function scope (imports dropped, `export` keywords removed). Deterministic: the same
// sources give the same bytes. Used by build.mjs and by the tests, which run the generated text as a page would.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOME = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(HOME, 'src');

/** Fails the build with a message naming the file. */
export function fail(message) {
  throw new Error('build.mjs: ' + message);
}

/** Every file under `dir` whose name ends with `suffix`, relative to it, sorted (so the output never depends on the file system's order). */
export function filesUnder(dir, suffix) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, suffix).map((f) => join(entry.name, f)));
    else if (entry.name.endsWith(suffix)) found.push(entry.name);
  }
  return found.sort();
}

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'(\.{1,2}\/[^']+)';\s*$/;

/** The modules `entry` needs, dependencies before dependents (depth first, imports in their written order). */
export function moduleOrder(entry) {
  const order = [], state = new Map(); // path -> 'visiting' | 'done'
  const visit = (path, from) => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'visiting') fail('import cycle through ' + relative(HOME, path));
    if (!existsSync(path)) fail(relative(HOME, from) + ' imports ' + relative(HOME, path) + ', which does not exist');
    state.set(path, 'visiting');
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.startsWith('import')) continue;
      const match = IMPORT.exec(line);
      if (!match) fail(relative(HOME, path) + ': the classic build reads only single-line `import { a, b } from \'./x.js\';`: ' + line);
      if (/\bas\b/.test(match[1])) fail(relative(HOME, path) + ': no renaming imports (`as`) in the classic build: ' + line);
      visit(resolve(dirname(path), match[2]), path);
    }
    state.set(path, 'done');
    order.push(path);
  };
  visit(join(SRC, entry), join(SRC, entry));
  return order;
}

/**
 * The lines without their JSDoc comments (the types and docs stay in the modules and the .d.ts; the classic script
 * is for running): a block that starts a line is dropped, code after its end on the same line is kept. Line
 * comments stay.
 */
export function withoutDocComments(lines) {
  const out = [];
  let inDoc = false, indent = '';
  const keep = (rest) => { if (rest.trim()) out.push(indent + rest.trim()); };
  for (const line of lines) {
    if (inDoc) {
      const end = line.indexOf('*/');
      if (end >= 0) { inDoc = false; keep(line.slice(end + 2)); }
      continue;
    }
    const start = line.search(/\S/);
    if (start < 0 || !line.startsWith('/**', start)) { out.push(line); continue; }
    indent = line.slice(0, start);
    const end = line.indexOf('*/', start + 3);
    if (end >= 0) keep(line.slice(end + 2));
    else inDoc = true;
  }
  if (inDoc) fail('an unterminated /** comment');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').split('\n');
}

/**
 * A classic script: every module's code of the graph of `entry` in one function scope, imports dropped, `export`
 * keywords removed. classic.js gives /js/ws-manager.js, shared-worker.js the SharedWorker /js/ws-shared-worker.js.
 */
export function classicScript(entry = 'classic.js') {
  const declared = new Map(); // top-level name -> module, as all modules share one scope
  const parts = moduleOrder(entry).map((path) => {
    const name = relative(SRC, path);
    const lines = readFileSync(path, 'utf8').split('\n')
      .filter((line) => line !== '// @ts-check' && !line.startsWith('import ') && line !== 'export {};')
      .map((line) => {
        if (/^export\s*\{/.test(line)) fail(name + ': no `export { … }` lists in a module of the classic build: ' + line);
        return line.replace(/^export (const|let|function|async function|class) /, '$1 ');
      });
    const body = withoutDocComments(lines);
    for (const line of body) {
      const top = /^(?:const|let|var|function|async function|class) ([A-Za-z_$][\w$]*)/.exec(line);
      if (!top) continue;
      if (declared.has(top[1])) fail(`${name} and ${declared.get(top[1])} both declare ${top[1]} at top level`);
      declared.set(top[1], name);
    }
    return '  // ---- ' + name + '\n' + body.join('\n').trim().split('\n').map((l) => (l ? '  ' + l : l)).join('\n');
  });
  if (entry === 'shared-worker.js') {
    return '/* realtime-hub SharedWorker: holds the one hub connection the tabs of an origin share (clients/js/src/sharing).\n'
      + ' * GENERATED by clients/js/scripts/build.mjs from the ES modules in clients/js/src (' + parts.length + ' modules) — do not edit. */\n'
      + '(function () {\n  \'use strict\';\n\n' + parts.join('\n\n') + '\n})();\n';
  }
  return '/* realtime-hub browser client, wire protocol v1: sets window.WebSocketManager and window.wsManager.\n'
    + ' * GENERATED by clients/js/scripts/build.mjs from the ES modules in clients/js/src (' + parts.length + ' modules) — do not edit;\n'
    + ' * the same client as ES modules is served under /js/modules/ (entry: /js/modules/index.js). */\n'
    + '(function () {\n  \'use strict\';\n\n' + parts.join('\n\n') + '\n})();\n';
}


/**
 * The client's build id: a hash of every source file (path and bytes), so that any change to the client gives a new
 * one. It replaces CLIENT_BUILD's 'dev' (src/sharing/build-id.js) in what the hub serves.
 */
export function buildId() {
  const hash = createHash('sha256');
  for (const file of filesUnder(SRC, '.js')) hash.update(file + '\0').update(readFileSync(join(SRC, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/** `text` with the build id in place of CLIENT_BUILD's 'dev'; fails when a text that must carry it does not. */
export function stampBuild(text, id, required = false) {
  const pattern = /(\bCLIENT_BUILD = )'dev';/;
  if (!pattern.test(text)) {
    if (required) fail('no CLIENT_BUILD to stamp');
    return text;
  }
  return text.replace(pattern, `$1'${id}';`);
}
