#!/usr/bin/env node
// Checks the npm package as a user gets it: `npm pack` (prepack builds the types), the tarball installed into a fresh
// temporary folder (offline: the package has no dependencies), then
//   (a) Node 20 imports it and, with the `ws` package's WebSocket injected, connects to a real hub and receives an
//       event (scripts/package-check/run.mjs; only with --hub, as hub-app's NodeClientIT runs it against the packaged jar),
//   (b) a TypeScript consumer (scripts/package-check/consumer.ts) type-checks with moduleResolution nodenext, strict,
//   (c) esbuild bundles a browser entry (scripts/package-check/bundle-entry.js) from it.
// Usage: node scripts/package-check.mjs [--hub http://127.0.0.1:PORT --api-key KEY] [--keep]
// Exits non-zero, saying which step failed, on any failure. typescript, esbuild and ws come from this folder's
// node_modules (npm ci), linked into the consumer's.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HOME = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const esbuild = createRequire(join(HOME, 'package.json'))('esbuild');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(name, fn) {
  try {
    const detail = fn();
    console.log('package-check: ok   ' + name + (detail ? ' — ' + detail : ''));
  } catch (error) {
    console.error('package-check: FAIL ' + name + '\n' + (error.stdout || '') + (error.stderr || '') + (error.message || error));
    process.exit(1);
  }
}

/** Runs a command, failing with its output when it exits non-zero. */
function run(command, commandArgs, options) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw Object.assign(new Error(command + ' ' + commandArgs.join(' ') + ' exited with ' + (result.status ?? result.signal)),
      { stdout: result.stdout, stderr: result.stderr });
  }
  return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'realtime-hub-client-pack-'));
const consumer = join(work, 'consumer');
let tarball;
try {
  step('npm pack', () => {
    const text = run(NPM, ['pack', '--json', '--pack-destination', work], { cwd: HOME });
    const out = JSON.parse(text.slice(text.search(/^\[/m))); // after what prepack (the build) printed
    tarball = join(work, out[0].filename);
    const files = out[0].files.map((f) => f.path).sort();
    for (const needed of ['package.json', 'README.md', 'src/index.js', 'src/manager.js', 'types/index.d.ts', 'types/manager.d.ts']) {
      if (!files.includes(needed)) throw new Error('the tarball lacks ' + needed + '; it has ' + files.join(', '));
    }
    const stray = files.filter((f) => !/^(package\.json|README\.md|src\/.*\.js|types\/.*\.d\.ts)$/.test(f));
    if (stray.length) throw new Error('the tarball has files that are not the package: ' + stray.join(', '));
    return out[0].filename + ', ' + files.length + ' files';
  });

  step('npm install <tarball> --offline into a fresh folder', () => {
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run(NPM, ['install', tarball, '--offline', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: consumer });
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules/realtime-hub-client/package.json'), 'utf8'));
    // the consumer's own dependencies (ws and the types), as an app would have them
    for (const dep of ['ws', '@types/ws', '@types/node', 'undici-types']) {
      mkdirSync(dirname(join(consumer, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(HOME, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
    }
    for (const file of ['consumer.ts', 'run.mjs', 'bundle-entry.js']) cpSync(join(HOME, 'scripts/package-check', file), join(consumer, file));
    return installed.name + '@' + installed.version;
  });

  step('Node 20 imports it by name (exports map, import condition)', () => {
    const out = run(process.execPath, ['--input-type=module', '-e',
      "import * as c from 'realtime-hub-client'; console.log(Object.keys(c).sort().join(','))"], { cwd: consumer }).trim();
    const expected = 'CLOSE_CODES,DEFAULTS,STATES,SseTransport,WebSocketManager,backoffDelay,closePolicy';
    if (out !== expected) throw new Error('exports are ' + out + ', expected ' + expected);
    return out;
  });

  if (option('--hub')) {
    step('Node 20 with ws injected receives an event from the hub at ' + option('--hub'), () => run(process.execPath, ['run.mjs'],
      { cwd: consumer, env: { ...process.env, HUB_URL: option('--hub'), HUB_API_KEY: option('--api-key') || '' }, timeout: 60000 }).trim());
  }

  step('a TypeScript consumer type-checks with moduleResolution nodenext', () => {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext',
      moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], lib: ['es2022'] },
    files: ['consumer.ts'] }));
    const resolved = run(process.execPath, [join(HOME, 'node_modules/typescript/bin/tsc'), '-p', consumer, '--traceResolution'],
      { cwd: consumer }).split('\n').filter((line) => line.includes("'realtime-hub-client' was successfully resolved"));
    if (!resolved.length) throw new Error('tsc did not say where realtime-hub-client resolved');
    for (const line of resolved) {
      if (!line.includes('node_modules/realtime-hub-client/types/index.d.ts')) throw new Error('resolved elsewhere: ' + line);
    }
    return 'realtime-hub-client resolved to types/index.d.ts';
  });

  step('esbuild bundles a browser entry from it', () => {
    const outfile = join(consumer, 'bundle.js');
    const result = esbuild.buildSync({ absWorkingDir: consumer, entryPoints: ['bundle-entry.js'], bundle: true,
      platform: 'browser', format: 'esm', outfile, logLevel: 'silent' });
    if (result.errors.length || result.warnings.length) throw new Error(JSON.stringify(result, null, 2));
    const text = readFileSync(outfile, 'utf8');
    if (!/\bWebSocketManager = class\b/.test(text) || /\brequire\(/.test(text)) throw new Error('unexpected bundle:\n' + text.slice(0, 500));
    return text.length + ' bytes';
  });
} finally {
  if (args.includes('--keep')) console.log('package-check: kept ' + work);
  else rmSync(work, { recursive: true, force: true });
}
