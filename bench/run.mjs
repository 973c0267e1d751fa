// The benchmark (bash bench/run runs this after building): the console's release bundle
// against Swagger UI and RapiDoc on the same three operations, loaded in headless Chromium
// through the DevTools protocol; timings inside the console; a size report of its wasm.
// See bench/README.md for what is measured and how.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { makeSite, serve, walk, gzip9, brotli11 } from './serve.mjs';
import { makeSeed, readDemoEnv, PORTS200_SERVICE_ID, LIST_PROJECT_ID, LIST_SIZE, listServiceName, BATCH_PROJECT_ID, BATCH_SIZE } from './lib/seed.mjs';
import { summary, round } from './lib/stats.mjs';
import { sizeReport } from './lib/wasmsize.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const T_START = performance.now();

// ---------------------------------------------------------------- options
const opt = {
  dist: process.env.BENCH_DIST || path.join(ROOT, 'target/bench-dist'),
  rawWasm: process.env.BENCH_RAW_WASM || path.join(ROOT, 'target/release-nightly/wasm32-unknown-unknown/release/vpcep-console.wasm'),
  // The main module the release build's split left (.ci/split/wasm-bindgen): the first download's code.
  mainWasm: process.env.BENCH_MAIN_WASM || path.join(ROOT, 'target/release-nightly/wasm-split/split/vpcep-console.wasm'),
  api: process.env.BENCH_API_BIN || path.join(ROOT, 'target/debug/vpcep-local-api'),
  chromium: process.env.BENCH_CHROMIUM || '/usr/bin/chromium',
  loads: Number(process.env.BENCH_LOADS || 10),
  keystrokes: Number(process.env.BENCH_KEYSTROKES || 100),
  profiles: (process.env.BENCH_PROFILES || 'loopback,throttled').split(','),
  parts: (process.env.BENCH_PARTS || 'loads,ports,list,batch,size').split(','),
  batchRuns: Number(process.env.BENCH_BATCH_RUNS || 3),
  out: process.env.BENCH_OUT || BENCH,
  serveOnly: process.argv.includes('--serve'),
};
const SITES = (process.env.BENCH_SITES || 'console,swagger,rapidoc').split(',');
const SITE_LABEL = { console: 'console', swagger: 'Swagger UI', rapidoc: 'RapiDoc' };
const PROFILES = {
  loopback: null,
  // 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (bytes per second for the protocol).
  throttled: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
};
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--window-size=1280,900',
];
const LOAD_TIMEOUT_MS = 60_000;
const BATCH_RATE = 50;
const BATCH_CONCURRENCY = 4;

const log = (...a) => console.error(`[${((performance.now() - T_START) / 1000).toFixed(1).padStart(6)} s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kb = (n) => (n == null ? null : round(n / 1024, 1));
const mb = (n) => (n == null ? null : round(n / 1048576, 2));

// ---------------------------------------------------------------- the stack
async function startApi(seedFile) {
  const child = spawn(opt.api, ['--port', '0', '--quiet', '--seed', seedFile, '--creating-delay-ms', '200'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local API server did not start in 30 s')), 30_000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the local API server exited (${code})`)); });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function peerFiles(name) {
  const nm = path.join(BENCH, 'node_modules');
  const spec = path.join(BENCH, 'openapi.json');
  if (name === 'swagger') {
    return [
      ['/index.html', path.join(BENCH, 'peers/swagger-ui/index.html')],
      ['/swagger-ui.css', path.join(nm, 'swagger-ui-dist/swagger-ui.css')],
      ['/swagger-ui-bundle.js', path.join(nm, 'swagger-ui-dist/swagger-ui-bundle.js')],
      ['/openapi.json', spec],
    ];
  }
  return [
    ['/index.html', path.join(BENCH, 'peers/rapidoc/index.html')],
    ['/rapidoc-min.js', path.join(nm, 'rapidoc/dist/rapidoc-min.js')],
    ['/openapi.json', spec],
  ];
}

const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;

async function startStack(demo) {
  const work = path.join(ROOT, 'target/bench');
  fs.mkdirSync(work, { recursive: true });
  const seedFile = path.join(work, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(makeSeed(ROOT, demo)));
  const api = await startApi(seedFile);
  log(`local API ${api.url} (seed ${path.relative(ROOT, seedFile)})`);
  // The batch part runs at the highest rate config.json allows, so the rate limit is not what it measures.
  const config = Buffer.from(JSON.stringify({ api_proxy_url: '/vpcep', auth: 'proxy', batch_rate_per_second: BATCH_RATE }));
  const t0 = performance.now();
  const sites = {
    console: makeSite([...walk(opt.dist).filter(([u]) => u !== '/config.json'), ['/config.json', config]]),
    swagger: makeSite(peerFiles('swagger')),
    rapidoc: makeSite(peerFiles('rapidoc')),
  };
  log(`precompressed every file (gzip -9, brotli 11) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const servers = {
    console: await serve(sites.console, {
      proxy: { prefix: '/vpcep/', backend: `${api.url}/`, headers: { 'x-auth-token': demo.DEMO_TOKEN } },
    }),
    swagger: await serve(sites.swagger),
    rapidoc: await serve(sites.rapidoc),
  };
  const urls = {
    console: `${servers.console.url}/?project_id=${demo.DEMO_PROJECT_ID}&service_id=${demo.DEMO_SERVICE_ID}`,
    swagger: `${servers.swagger.url}/#/Endpoint%20services/updateEndpointService`,
    rapidoc: `${servers.rapidoc.url}/#put-/v1/-project_id-/vpc-endpoint-services/-vpc_endpoint_service_id-`,
  };
  const stop = async () => {
    for (const s of Object.values(servers)) await s.close();
    api.stop();
  };
  return { api, sites, servers, urls, stop };
}

// ---------------------------------------------------------------- the browser
async function withBrowser(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpcep-bench-profile-'));
  const browser = await puppeteer.launch({
    executablePath: opt.chromium,
    headless: true,
    pipe: true,
    userDataDir: dir,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 120_000,
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PROBE = fs.readFileSync(path.join(BENCH, 'lib/page-probe.js'), 'utf8');

/// One load of `site` in a fresh browser (fresh profile): bytes, time to the usable control, heap.
async function measureLoad(site, url, profile) {
  return withBrowser(async (browser) => {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const cdp = await page.createCDPSession();
    const requests = new Map();
    let inflight = 0;
    let lastNet = performance.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!requests.has(e.requestId)) inflight++;
      requests.set(e.requestId, { url: e.request.url, start: e.timestamp, wallTime: e.wallTime, type: e.type, done: null, bytes: 0 });
      lastNet = performance.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) {
        r.status = e.response.status;
        r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || 'identity';
        r.protocol = e.response.protocol;
      }
    });
    const finish = (e, failed) => {
      const r = requests.get(e.requestId);
      if (r && r.done === null) {
        r.done = e.timestamp;
        r.bytes = failed ? 0 : e.encodedDataLength;
        r.failed = failed || undefined;
        inflight--;
      }
      lastNet = performance.now();
    };
    cdp.on('Network.loadingFinished', (e) => finish(e, false));
    cdp.on('Network.loadingFailed', (e) => finish(e, true));
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    if (PROFILES[profile]) await cdp.send('Network.emulateNetworkConditions', PROFILES[profile]);
    await cdp.send('Page.enable');
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE.replaceAll('__BENCH_SITE__', site) });
    await cdp.send('Page.navigate', { url });
    const deadline = performance.now() + LOAD_TIMEOUT_MS;
    let bench = null;
    while (performance.now() < deadline) {
      bench = await page.evaluate(() => (window.__bench && window.__bench.ready !== null
        ? { found: window.__bench.found, ready: window.__bench.ready, trunkAt: window.__bench.trunkAt, timeOrigin: performance.timeOrigin }
        : null)).catch(() => null);
      if (bench) break;
      await sleep(25);
    }
    if (!bench) throw new Error(`${site} (${profile}): no usable control within ${LOAD_TIMEOUT_MS / 1000} s`);
    // The document's request ties the page clock (timeOrigin) to the protocol's clock.
    const doc = [...requests.values()].find((r) => r.type === 'Document');
    const offsetMs = doc.wallTime * 1000 - bench.timeOrigin; // request start after navigation start
    const readyTicks = doc.start + (bench.ready - offsetMs) / 1000;
    const before = [...requests.values()].filter((r) => r.done !== null && r.done <= readyTicks);
    const bytesToReady = before.reduce((s, r) => s + r.bytes, 0);
    // Then until the network is quiet (500 ms with nothing in flight, at most 15 s more).
    const quietBy = performance.now() + 15_000;
    while (performance.now() < quietBy && (inflight > 0 || performance.now() - lastNet < 500)) await sleep(50);
    const all = [...requests.values()];
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    let wasmMemory = null;
    if (site === 'console') {
      wasmMemory = await page.evaluate(() => {
        const fromTrunk = window.__bench.trunk && window.__bench.trunk.wasm && window.__bench.trunk.wasm.memory;
        const fromBindings = window.wasmBindings && window.wasmBindings.__wasm && window.wasmBindings.__wasm.memory;
        const mem = fromTrunk || fromBindings;
        return mem && mem.buffer ? mem.buffer.byteLength : null;
      });
    }
    return {
      site,
      profile,
      time_to_control_ms: bench.ready,
      control_found_ms: bench.found,
      app_started_ms: bench.trunkAt,
      bytes_to_control: bytesToReady,
      requests_to_control: before.length,
      bytes_total: all.reduce((s, r) => s + r.bytes, 0),
      requests_total: all.length,
      js_heap_used: metrics.JSHeapUsedSize,
      js_heap_total: metrics.JSHeapTotalSize,
      wasm_memory: wasmMemory,
      resources: all.filter((r) => !r.url.startsWith('data:')).map((r) => ({
        url: r.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
        status: r.status,
        encoding: r.encoding,
        bytes: r.bytes,
        before_control: r.done !== null && r.done <= readyTicks,
        // From the document's request start, ms: when it was asked for and when it was in.
        start_ms: Math.round((r.start - doc.start) * 1000),
        end_ms: r.done === null ? null : Math.round((r.done - doc.start) * 1000),
        failed: r.failed,
      })),
    };
  });
}

async function loads(stack) {
  const samples = [];
  // One discarded load per site first (the server's and the OS's caches are warm after it).
  for (const site of SITES) await measureLoad(site, stack.urls[site], 'loopback');
  log('warm-up loads done');
  for (const profile of opt.profiles) {
    for (let i = 0; i < opt.loads; i++) {
      for (const site of SITES) {
        const s = await measureLoad(site, stack.urls[site], profile);
        samples.push({ ...s, round: i });
        log(`${profile} #${i + 1} ${site.padEnd(8)} ${s.time_to_control_ms.toFixed(0).padStart(6)} ms ${kb(s.bytes_to_control).toFixed(1).padStart(8)} KB heap ${mb(s.js_heap_used)} MB${s.wasm_memory ? ` wasm ${mb(s.wasm_memory)} MB` : ''}`);
      }
    }
  }
  const stats = {};
  for (const profile of opt.profiles) {
    stats[profile] = {};
    for (const site of SITES) {
      const mine = samples.filter((s) => s.site === site && s.profile === profile);
      stats[profile][site] = {
        time_to_control_ms: summary(mine.map((s) => s.time_to_control_ms)),
        bytes_to_control: summary(mine.map((s) => s.bytes_to_control)),
        bytes_total: summary(mine.map((s) => s.bytes_total)),
        js_heap_used: summary(mine.map((s) => s.js_heap_used)),
        wasm_memory: site === 'console' ? summary(mine.map((s) => s.wasm_memory)) : undefined,
        js_heap_plus_wasm: site === 'console' ? summary(mine.map((s) => s.js_heap_used + (s.wasm_memory ?? 0))) : undefined,
        resources: mine[0]?.resources,
      };
    }
    const c = stats[profile].console;
    stats[profile].ratios = {};
    for (const peer of c ? SITES.filter((x) => x !== 'console') : []) {
      const p = stats[profile][peer];
      const ratio = (a, b) => (a && b ? round(a / b, 3) : null);
      stats[profile].ratios[`console/${peer}`] = {
        time_to_control_ms: ratio(c.time_to_control_ms.median, p.time_to_control_ms.median),
        bytes_to_control: ratio(c.bytes_to_control.median, p.bytes_to_control.median),
        js_heap_used: ratio(c.js_heap_used.median, p.js_heap_used.median),
        js_heap_plus_wasm_vs_js_heap: ratio(c.js_heap_plus_wasm.median, p.js_heap_used.median),
      };
    }
  }
  return { samples: samples.map(({ resources, ...s }) => s), stats };
}

// ---------------------------------------------------------------- inside the console
/// Code run in the page: resolves with `{ dom, painted }` (performance.now() values) once
/// `pred()` holds: `dom` when the DOM first shows it (checked in a MutationObserver, so right
/// after the app's synchronous update and its microtasks), `painted` after the next frame that
/// shows it has been produced. At most `ms`.
const WAIT_RENDERED = `(pred, ms) => new Promise((resolve, reject) => {
  let done = false;
  const paint = (dom) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve({ dom, painted: performance.now() });
    ch.port2.postMessage(0);
  });
  const check = () => {
    if (!done && pred()) { done = true; const dom = performance.now(); mo.disconnect(); clearTimeout(timer); paint(dom); }
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const timer = setTimeout(() => { if (!done) { done = true; mo.disconnect(); reject(new Error('timed out')); } }, ms);
  check();
})`;

/// Arms a wait in the page (before the action that should satisfy it) and returns a function
/// that awaits it: the observer is in place before the key or click is sent.
async function armRendered(page, predSource, ms) {
  await page.evaluate(`window.__wait = (${WAIT_RENDERED})(${predSource}, ${ms}); window.__wait.catch(() => {}); 0`);
  return () => page.evaluate(() => window.__wait);
}

async function consolePage(browser, url, readySelector) {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  await page.waitForSelector(readySelector, { timeout: LOAD_TIMEOUT_MS });
  await sleep(300);
  return page;
}

/// The batch upgrade of BATCH_SIZE services (the basic ones get a POST each), 4 at once at
/// BATCH_RATE a second: the console from the Start click to its results, against a plain loop
/// in the same page that sends the same POSTs with the same concurrency and the same spacing
/// (and, for scale, the same loop with no rate limit). The server is reset before each run;
/// the runs interleave.
async function batchRuns(stack) {
  const base = stack.servers.console.url;
  const reset = async () => {
    const r = await fetch(`${stack.api.url}/__control/reset`, { method: 'POST' });
    if (!r.ok) throw new Error(`reset: ${r.status}`);
  };
  const posts = async () => {
    const r = await fetch(`${stack.api.url}/__control/requests`);
    return (await r.json()).filter((e) => e.method === 'POST' && e.path.endsWith('/upgrade') && e.path.includes(BATCH_PROJECT_ID));
  };
  const basic = Array.from({ length: BATCH_SIZE }, (_, i) => i).filter((i) => i % 3 !== 0)
    .map((i) => `0ba70000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
  const samples = { console: [], loop: [], loop_unlimited: [] };
  let sent = null;
  return withBrowser(async (browser) => {
    const page = await consolePage(browser, `${base}/?project_id=${BATCH_PROJECT_ID}&size=100`, '#service-table tbody tr');
    for (let run = 0; run < opt.batchRuns; run++) {
      // The console.
      await reset();
      await page.goto(`${base}/?project_id=${BATCH_PROJECT_ID}&size=100`, { waitUntil: 'load' });
      await page.waitForSelector('#service-table tbody tr', { timeout: LOAD_TIMEOUT_MS });
      await page.click('#select-matching');
      await page.waitForFunction((n) => document.getElementById('selection-count')?.textContent === `${n.toLocaleString('en-US')} selected`, { timeout: 30_000 }, BATCH_SIZE);
      await page.select('#batch-action', 'upgrade');
      await page.click('#batch-review');
      await page.waitForSelector('#batch-start:not([hidden])');
      await page.$eval('#batch-concurrency', (el, n) => { el.value = String(n); el.dispatchEvent(new Event('input', { bubbles: true })); }, BATCH_CONCURRENCY);
      await page.evaluate(() => {
        window.__batchStart = null;
        document.getElementById('batch-start').addEventListener('click', () => { window.__batchStart = performance.now(); }, { capture: true, once: true });
      });
      const waiting = await armRendered(page, `() => { const b = document.getElementById('batch-close'); return !!b && !b.closest('[hidden]'); }`, 120_000);
      await page.click('#batch-start');
      const done = (await waiting()).dom;
      const started = await page.evaluate(() => window.__batchStart);
      samples.console.push(done - started);
      const got = await posts();
      sent = got.length;
      if (got.length !== basic.length) throw new Error(`the console sent ${got.length} upgrades, not ${basic.length}`);
      // The plain loops, in the same page and through the same proxy.
      for (const [key, spacing] of [['loop', 1000 / BATCH_RATE], ['loop_unlimited', 0]]) {
        await reset();
        const ms = await page.evaluate(async (ids, project, concurrency, spacing) => {
          const t0 = performance.now();
          let next = 0;
          let lastStart = -Infinity;
          const worker = async () => {
            while (next < ids.length) {
              const id = ids[next++];
              const wait = lastStart + spacing - performance.now();
              lastStart = Math.max(performance.now(), lastStart + spacing);
              if (wait > 0) await new Promise((r) => setTimeout(r, wait));
              const r = await fetch(`/vpcep/v2/${project}/vpc-endpoint-services/${id}/upgrade`, {
                method: 'POST', headers: { 'Content-Type': 'application/json' }, cache: 'no-store', credentials: 'omit',
              });
              await r.text();
            }
          };
          await Promise.all(Array.from({ length: concurrency }, worker));
          return performance.now() - t0;
        }, basic, BATCH_PROJECT_ID, BATCH_CONCURRENCY, spacing);
        samples[key].push(ms);
        const n = (await posts()).length;
        if (n !== basic.length) throw new Error(`the plain loop sent ${n} upgrades, not ${basic.length}`);
      }
      log(`batch run ${run + 1}: console ${Math.round(samples.console.at(-1))} ms, loop ${Math.round(samples.loop.at(-1))} ms, loop without rate limit ${Math.round(samples.loop_unlimited.at(-1))} ms`);
    }
    const c = summary(samples.console);
    const l = summary(samples.loop);
    return {
      services: BATCH_SIZE,
      upgrades_sent: sent,
      concurrency: BATCH_CONCURRENCY,
      rate_per_second: BATCH_RATE,
      runs: opt.batchRuns,
      console_ms: c,
      plain_loop_ms: l,
      plain_loop_without_rate_limit_ms: summary(samples.loop_unlimited),
      console_overhead: round(c.median / l.median - 1, 3),
    };
  });
}

async function portEditor(stack, demo) {
  const base = stack.servers.console.url;
  const url = `${base}/?project_id=${demo.DEMO_PROJECT_ID}&service_id=${PORTS200_SERVICE_ID}`;
  return withBrowser(async (browser) => {
    const page = await consolePage(browser, url, '#f-port-199-client');
    const rows = await page.$$eval('ul.port-rows > li.port-row', (l) => l.length);
    const ROW = 99; // the 100th of 200 rows
    const sel = `#f-port-${ROW}-client`;
    await page.evaluate((sel) => {
      const input = document.querySelector(sel);
      const row = input.closest('li.port-row');
      const list = row.parentElement;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
      const b = (window.__keys = { keydown: null, samples: [], otherRows: new Set(), otherMutations: 0, ownMutations: 0, outside: 0 });
      addEventListener('keydown', (e) => { b.keydown = e.timeStamp; }, { capture: true });
      // Every DOM change in the port list, by the row it is in.
      new MutationObserver((records) => {
        for (const r of records) {
          const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          const li = node && node.closest('li.port-row');
          if (li === row) b.ownMutations++;
          else if (li) { b.otherMutations++; b.otherRows.add(li); }
          else b.outside++;
        }
      }).observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    }, sel);
    const samples = [];
    const painted = [];
    const invalidBy = []; // the keystrokes alternate: "x" makes the port invalid, Backspace valid again
    for (let i = 0; i < opt.keystrokes; i++) {
      const wantInvalid = i % 2 === 0;
      const waiting = await armRendered(page, `() => {
          const el = document.querySelector(${JSON.stringify(sel)});
          const invalid = el.getAttribute('aria-invalid') === 'true' && !!document.getElementById(${JSON.stringify(`f-port-${ROW}-client-error`)});
          return invalid === ${wantInvalid};
        }`, 5000);
      await page.keyboard.press(wantInvalid ? 'x' : 'Backspace');
      const t1 = await waiting();
      const t0 = await page.evaluate(() => window.__keys.keydown);
      samples.push(t1.dom - t0);
      painted.push(t1.painted - t0);
      invalidBy.push(wantInvalid);
      await sleep(30);
    }
    const counts = await page.evaluate(() => ({
      other_rows_changed: window.__keys.otherRows.size,
      other_row_mutations: window.__keys.otherMutations,
      own_row_mutations: window.__keys.ownMutations,
      list_mutations_outside_rows: window.__keys.outside,
    }));
    const value = await page.$eval(sel, (el) => el.value);
    return {
      rows,
      row_edited: ROW + 1,
      keystrokes: samples.length,
      final_value: value,
      keystroke_to_rendered_ms: summary(samples),
      keystroke_to_painted_ms: summary(painted),
      to_invalid_ms: summary(samples.filter((_, i) => invalidBy[i])),
      to_valid_ms: summary(samples.filter((_, i) => !invalidBy[i])),
      ...counts,
      samples_ms: samples.map((x) => round(x, 2)),
    };
  });
}

async function serviceList(stack) {
  const base = stack.servers.console.url;
  const url = `${base}/?project_id=${LIST_PROJECT_ID}&size=100`;
  const pages = Math.ceil(LIST_SIZE / 100);
  return withBrowser(async (browser) => {
    const page = await consolePage(browser, url, '#service-table tbody tr');
    const listEntry = () => page.evaluate(() => {
      const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/vpc-endpoint-services?')).pop();
      return e ? { start: e.startTime, responseStart: e.responseStart, responseEnd: e.responseEnd, size: e.encodedBodySize } : null;
    });
    const initial = await listEntry();
    // Paging: Next through every page, then First, twice.
    const pageSamples = [];
    for (let cycle = 0; cycle < 2; cycle++) {
      for (let p = 1; p <= pages; p++) {
        const target = p === 1 ? 1 : p;
        if (p === 1 && cycle === 0) continue; // page 1 is already shown
        await page.evaluate(() => performance.clearResourceTimings());
        const expect = `Page ${target} of ${pages}`;
        const firstName = listServiceName(LIST_SIZE - 1 - (target - 1) * 100);
        const waiting = await armRendered(page, `() => {
            const rows = document.querySelectorAll('#service-table tbody tr');
            return rows.length === 100 && document.getElementById('list-page-of')?.textContent === ${JSON.stringify(expect)}
              && rows[0].querySelector('.service-link')?.textContent === ${JSON.stringify(firstName)};
          }`, 10000);
        await page.click(p === 1 ? '#list-first' : '#list-next');
        const rendered = (await waiting()).dom;
        const e = await listEntry();
        pageSamples.push({ page: target, request_to_rendered: rendered - e.start, response_end_to_rendered: rendered - e.responseEnd, request_to_response_end: e.responseEnd - e.start, body_bytes: e.size });
      }
    }
    // The name filter: a digit (271 of the 1,000 names match), then Backspace (all again).
    await page.click('#list-first');
    await page.waitForFunction(() => document.getElementById('list-page-of')?.textContent?.startsWith('Page 1 '), { timeout: 10000 });
    await page.focus('#list-filter');
    const filterSamples = [];
    for (let i = 0; i < 20; i++) {
      const digit = String(1 + ((i >> 1) % 9));
      const typing = i % 2 === 0;
      const matches = typing ? Array.from({ length: LIST_SIZE }, (_, k) => listServiceName(k)).filter((n) => n.includes(digit)).length : LIST_SIZE;
      // The console groups thousands as English does ("1,000").
      const expect = `1–${Math.min(100, matches)} of ${matches.toLocaleString('en-US')}`;
      await page.evaluate(() => { performance.clearResourceTimings(); window.__kd = null; addEventListener('keydown', (e) => { window.__kd = e.timeStamp; }, { once: true, capture: true }); });
      const waiting = await armRendered(page, `() => document.getElementById('list-range')?.textContent === ${JSON.stringify(expect)}
          && document.querySelectorAll('#service-table tbody tr').length === ${Math.min(100, matches)}`, 10000);
      await page.keyboard.press(typing ? digit : 'Backspace');
      const rendered = (await waiting()).dom;
      const e = await listEntry();
      const kd = await page.evaluate(() => window.__kd);
      filterSamples.push({ filter: typing ? digit : '', matches, response_end_to_rendered: rendered - e.responseEnd, request_to_rendered: rendered - e.start, keystroke_to_rendered: rendered - kd, keystroke_to_request: e.start - kd });
    }
    const pick = (arr, k) => summary(arr.map((s) => s[k]));
    return {
      services: LIST_SIZE,
      page_size: 100,
      first_load_list_request: initial,
      paging: {
        samples: pageSamples.length,
        request_to_rendered_ms: pick(pageSamples, 'request_to_rendered'),
        request_to_response_end_ms: pick(pageSamples, 'request_to_response_end'),
        response_end_to_rendered_ms: pick(pageSamples, 'response_end_to_rendered'),
        body_bytes: pick(pageSamples, 'body_bytes'),
      },
      filter: {
        samples: filterSamples.length,
        response_end_to_rendered_ms: pick(filterSamples, 'response_end_to_rendered'),
        request_to_rendered_ms: pick(filterSamples, 'request_to_rendered'),
        keystroke_to_rendered_ms: pick(filterSamples, 'keystroke_to_rendered'),
        keystroke_to_request_ms: pick(filterSamples, 'keystroke_to_request'),
      },
      paging_samples: pageSamples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)]))),
      filter_samples: filterSamples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v]))),
    };
  });
}

// ---------------------------------------------------------------- sizes
function sizes() {
  // The split chunks (split_NAME, chunk_N) are fetched when their part is first shown; the
  // rest is what index.html loads before the console starts.
  const later = (u) => /\/(split|chunk)_[^/]*\.wasm$/.test(u);
  const files = walk(opt.dist)
    .filter(([u]) => /\.(wasm|js|css)$/.test(u))
    .map(([u, p]) => {
      const raw = fs.readFileSync(p);
      return { file: u.slice(1), first_download: !later(u), raw: raw.length, gzip9: gzip9(raw).length, brotli11: brotli11(raw, u).length };
    });
  const sum = (fs_) => fs_.reduce((a, f) => ({ files: a.files + 1, raw: a.raw + f.raw, gzip9: a.gzip9 + f.gzip9, brotli11: a.brotli11 + f.brotli11 }), { files: 0, raw: 0, gzip9: 0, brotli11: 0 });
  const totals = { first_download: sum(files.filter((f) => f.first_download)), when_shown: sum(files.filter((f) => !f.first_download)), all: sum(files) };
  const distWasm = walk(opt.dist).find(([u]) => u.endsWith('_bg.wasm'));
  const report = (file) => {
    if (!fs.existsSync(file)) return null;
    const stale = distWasm && fs.statSync(file).mtimeMs + 600_000 < fs.statSync(distWasm[1]).mtimeMs;
    return { file: path.relative(ROOT, file), stale_warning: stale ? 'older than the bundle by more than 10 minutes' : undefined, ...sizeReport(fs.readFileSync(file), 25) };
  };
  return { files, totals, names: report(opt.rawWasm), main_names: report(opt.mainWasm) };
}

// ---------------------------------------------------------------- report
function machine(demo) {
  const chromium = execFileSync(opt.chromium, ['--version'], { encoding: 'utf8' }).trim();
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memory_gb: round(os.totalmem() / 2 ** 30, 1),
    loadavg_at_start: os.loadavg().map((x) => round(x, 2)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    puppeteer_core: pkgVersion('puppeteer-core'),
    swagger_ui_dist: pkgVersion('swagger-ui-dist'),
    rapidoc: pkgVersion('rapidoc'),
    console_commit: (() => { try { return execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return null; } })(),
    dist: path.relative(ROOT, opt.dist) || opt.dist,
    demo_project: demo.DEMO_PROJECT_ID,
    demo_service: demo.DEMO_SERVICE_ID,
  };
}

const fmt = (x, d = 0) => (x == null ? '—' : Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

function markdown(r) {
  const out = [];
  const notes = new Set();
  const m = r.machine;
  out.push(`Measured ${m.date.slice(0, 10)} on ${m.cores} cores (${m.cpu}), ${m.chromium}, Node ${m.node}; Swagger UI ${m.swagger_ui_dist} (swagger-ui-dist), RapiDoc ${m.rapidoc}; console at ${m.console_commit}. The run took ${fmt(r.run_seconds)} s.`);
  out.push('');
  if (r.loads && SITES.length === 3) {
    for (const profile of Object.keys(r.loads.stats)) {
      const s = r.loads.stats[profile];
      const n = s.console.time_to_control_ms.n;
      out.push(`**${profile === 'loopback' ? 'Loopback, no throttling' : 'Throttled: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT'}** (${n} loads per site, fresh profile each; median, p90 in brackets)`);
      out.push('');
      out.push('| metric | console | Swagger UI | RapiDoc | console / Swagger UI | console / RapiDoc |');
      out.push('|---|--:|--:|--:|--:|--:|');
      const row = (label, key, scale, d, ratioKey) => {
        const cell = (site) => `${fmt(s[site][key].median / scale, d)} (${fmt(s[site][key].p90 / scale, d)})`;
        const ratio = (peer) => (ratioKey ? fmt(s.ratios[`console/${peer}`][ratioKey], 2) : '');
        out.push(`| ${label} | ${cell('console')} | ${cell('swagger')} | ${cell('rapidoc')} | ${ratio('swagger')} | ${ratio('rapidoc')} |`);
      };
      row('time to usable control, ms', 'time_to_control_ms', 1, 0, 'time_to_control_ms');
      row('bytes until then, KB', 'bytes_to_control', 1024, 1, 'bytes_to_control');
      row('bytes at network idle, KB', 'bytes_total', 1024, 1, null);
      row('JS heap after load (after GC), MB', 'js_heap_used', 1048576, 2, 'js_heap_used');
      const w = s.console.wasm_memory;
      const hw = s.console.js_heap_plus_wasm;
      out.push(`| wasm linear memory, MB | ${fmt(w.median / 1048576, 2)} (${fmt(w.p90 / 1048576, 2)}) | — | — | | |`);
      for (const site of SITES) {
        const ext = (s[site].resources ?? []).filter((x) => !x.url.startsWith('/'));
        if (ext.length) notes.add(`${SITE_LABEL[site]} asked for ${ext.length} file(s) from other origins (${[...new Set(ext.map((x) => new URL(x.url).host))].join(', ')}): ${ext.every((x) => x.failed) ? 'this machine has no internet, so they failed at once and count 0 bytes' : 'see results.json'}.`);
      }
      out.push(`| JS heap + wasm memory, MB | ${fmt(hw.median / 1048576, 2)} (${fmt(hw.p90 / 1048576, 2)}) | — | — | ${fmt(s.ratios['console/swagger'].js_heap_plus_wasm_vs_js_heap, 2)} | ${fmt(s.ratios['console/rapidoc'].js_heap_plus_wasm_vs_js_heap, 2)} |`);
      out.push('');
    }
    for (const n of notes) out.push(`Note: ${n}`);
    if (notes.size) out.push('');
  }
  if (r.port_editor) {
    const p = r.port_editor;
    out.push(`**Port editor, ${p.rows} rows**: ${p.keystrokes} keystrokes in row ${p.row_edited}'s client port (alternately \`x\`, which makes it invalid, and Backspace), keydown to the validated form re-rendered in the DOM: median ${fmt(p.keystroke_to_rendered_ms.median, 1)} ms, p95 ${fmt(p.keystroke_to_rendered_ms.p95, 1)} ms (max ${fmt(p.keystroke_to_rendered_ms.max, 1)}); to the next frame painted: median ${fmt(p.keystroke_to_painted_ms.median, 1)} ms, p95 ${fmt(p.keystroke_to_painted_ms.p95, 1)} ms (headless Chromium's frame clock included). Other rows whose DOM changed: **${p.other_rows_changed}** (${p.other_row_mutations} mutation records; ${p.own_row_mutations} in the edited row).`);
    out.push('');
  }
  if (r.service_list) {
    const l = r.service_list;
    out.push(`**Service list, ${fmt(l.services)} services, ${l.page_size} a page**: paging (${l.paging.samples} pages), list request start to rows rendered: median ${fmt(l.paging.request_to_rendered_ms.median, 1)} ms, p95 ${fmt(l.paging.request_to_rendered_ms.p95, 1)} (of which the response: ${fmt(l.paging.request_to_response_end_ms.median, 1)} ms, response end to rendered: ${fmt(l.paging.response_end_to_rendered_ms.median, 1)} ms). Name filter (${l.filter.samples} keystrokes): response end to rows rendered median ${fmt(l.filter.response_end_to_rendered_ms.median, 1)} ms, p95 ${fmt(l.filter.response_end_to_rendered_ms.p95, 1)}; keystroke to rendered ${fmt(l.filter.keystroke_to_rendered_ms.median, 0)} ms (the 350 ms pause included).`);
    out.push('');
  }
  if (r.batch) {
    const b = r.batch;
    out.push(`**Batch upgrade, ${b.services} services** (${b.upgrades_sent} upgrades sent, the rest skipped as advanced already), ${b.concurrency} at once, at most ${b.rate_per_second} a second, ${b.runs} runs, server reset before each: the console, Start to results shown, median ${fmt(b.console_ms.median, 0)} ms; a plain loop in the same page sending the same POSTs with the same concurrency and spacing, median ${fmt(b.plain_loop_ms.median, 0)} ms; **console overhead ${fmt(b.console_overhead * 100, 1)} %**. The same loop without the rate limit: ${fmt(b.plain_loop_without_rate_limit_ms.median, 0)} ms.`);
    out.push('');
  }
  if (r.sizes) {
    out.push('| file | raw | gzip -9 | brotli 11 |');
    out.push('|---|--:|--:|--:|');
    const row = (f, label) => out.push(`| ${label} | ${fmt(f.raw / 1024, 1)} KB | ${fmt(f.gzip9 / 1024, 1)} KB | ${fmt(f.brotli11 / 1024, 1)} KB |`);
    for (const f of r.sizes.files.filter((f) => f.first_download)) row(f, `\`${f.file}\``);
    const t = r.sizes.totals;
    if (t) {
      row(t.first_download, `**first download** (${t.first_download.files} files)`);
      row(t.when_shown, `fetched when shown: ${t.when_shown.files} chunks (split_NAME, chunk_N), largest below`);
      for (const f of r.sizes.files.filter((f) => !f.first_download).sort((a, b) => b.raw - a.raw).slice(0, 8)) row(f, `\`${f.file}\``);
      row(t.all, 'all files');
    }
    out.push('');
    const m = r.sizes.main_names;
    if (m) {
      out.push(`The first download's wasm before wasm-bindgen and wasm-opt, \`${m.file}\` (code section ${fmt(m.code_section / 1024, 1)} KB), by crate:`);
      out.push('');
      out.push('| crate | code | % of code | functions |');
      out.push('|---|--:|--:|--:|');
      for (const c of m.crates.slice(0, 12)) out.push(`| ${c.crate} | ${fmt(c.size / 1024, 1)} KB | ${fmt(c.percent_of_code, 1)} | ${c.functions} |`);
      out.push('');
    }
    const n = r.sizes.names;
    if (n) {
      out.push(`The whole app, raw cargo output before the split, \`${n.file}\` (${fmt(n.file_size / 1024, 1)} KB, ${fmt(n.functions)} functions, code section ${fmt(n.code_section / 1024, 1)} KB), by crate:`);
      out.push('');
      out.push('| crate | code | % of code | functions |');
      out.push('|---|--:|--:|--:|');
      for (const c of n.crates.slice(0, 20)) out.push(`| ${c.crate} | ${fmt(c.size / 1024, 1)} KB | ${fmt(c.percent_of_code, 1)} | ${c.functions} |`);
      out.push('');
      out.push('Largest functions:');
      out.push('');
      out.push('| bytes | % of code | function |');
      out.push('|--:|--:|---|');
      for (const f of n.top_functions) out.push(`| ${fmt(f.size)} | ${fmt(f.percent_of_code, 2)} | \`${f.name.length > 110 ? `${f.name.slice(0, 107)}...` : f.name}\` |`);
      out.push('');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  const demo = readDemoEnv(ROOT);
  if (!fs.existsSync(path.join(opt.dist, 'index.html'))) throw new Error(`no bundle at ${opt.dist}`);
  const stack = await startStack(demo);
  if (opt.serveOnly) {
    console.log(JSON.stringify(stack.urls, null, 2));
    console.log(`list: ${stack.servers.console.url}/?project_id=${LIST_PROJECT_ID}&size=100`);
    console.log(`ports: ${stack.servers.console.url}/?project_id=${demo.DEMO_PROJECT_ID}&service_id=${PORTS200_SERVICE_ID}`);
    await new Promise((r) => process.once('SIGTERM', r).once('SIGINT', r));
    await stack.stop();
    return;
  }
  const results = { machine: machine(demo), options: { loads_per_site_per_profile: opt.loads, profiles: opt.profiles, throttled: PROFILES.throttled, keystrokes: opt.keystrokes } };
  try {
    if (opt.parts.includes('loads')) results.loads = await loads(stack);
    results.served = Object.fromEntries(Object.entries(stack.servers).map(([k, s]) => [k, { requests: s.stats.requests, encodings: s.stats.encodings, accept_encoding: [...s.stats.acceptEncoding] }]));
    if (opt.parts.includes('ports')) { results.port_editor = await portEditor(stack, demo); log('port editor done'); }
    if (opt.parts.includes('list')) { results.service_list = await serviceList(stack); log('service list done'); }
    if (opt.parts.includes('batch')) { results.batch = await batchRuns(stack); log('batch done'); }
  } finally {
    await stack.stop();
  }
  if (opt.parts.includes('size')) results.sizes = sizes();
  results.run_seconds = round((performance.now() - T_START) / 1000 + Number(process.env.BENCH_BUILD_SECONDS || 0), 0);
  results.build_seconds = Number(process.env.BENCH_BUILD_SECONDS || 0);
  const md = markdown(results);
  fs.writeFileSync(path.join(opt.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(opt.out, 'results.md'), `${md}\n`);
  console.log(md);
  if (results.sizes?.names) {
    console.log('\nTop 25 functions (raw cargo wasm, name section):');
    for (const f of results.sizes.names.top_functions) console.log(`${String(f.size).padStart(8)}  ${f.crate.padEnd(18)} ${f.name}`);
    console.log('\nBy crate:');
    for (const c of results.sizes.names.crates) console.log(`${String(c.size).padStart(8)}  ${String(c.functions).padStart(5)} fns  ${c.crate}`);
  }
  log(`wrote ${path.relative(ROOT, path.join(opt.out, 'results.json'))} and results.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
