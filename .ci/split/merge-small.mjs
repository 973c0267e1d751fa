// Merges the small shared chunks of a split into one file: node merge-small.mjs DIR LIMIT
//
// wasm-split-cli makes a chunk_N.wasm for every set of split points that share code or data,
// however little: most are a few hundred bytes (one shared string, two functions), and opening
// a part fetched up to a dozen of them. Every chunk_N.wasm in DIR under LIMIT bytes goes into
// one chunk_shared.wasm, and DIR/__wasm_split.js loads that one wherever it loaded any of them.
//
// Chunks import only the main module's memory, table and stack pointer (`__wasm_split`), and
// fill table slots and memory at fixed offsets, so they merge as they are. binaryen's
// wasm-merge would keep one import of the memory per input; a stub module imports each once
// and re-exports it, and the chunks import it from the stub (their import module renamed in
// their text form), so the merged file imports each once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [dir, limitArg] = process.argv.slice(2);
const limit = Number(limitArg);
if (!dir || !(limit > 0)) {
  console.error('usage: node merge-small.mjs DIR LIMIT');
  process.exit(2);
}
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-mutable-globals'];
const run = (tool, args) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const fail = (why) => {
  console.error(`merge-small: ${why}`);
  process.exit(1);
};

const small = fs
  .readdirSync(dir)
  .filter((f) => /^chunk_\d+\.wasm$/.test(f) && fs.statSync(path.join(dir, f)).size < limit)
  .sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
if (small.length < 2) {
  console.log(`merge-small: ${small.length} chunk(s) under ${limit} bytes, nothing to merge`);
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(dir, '.merge-'));
const HOST = '__wasm_split';
const STUB = '__wasm_split_stub';
const imports = new Map(); // field -> its description, e.g. (memory $mimport$0 7)
const inputs = [];
for (const [i, file] of small.entries()) {
  const wat = run('wasm-dis', [...features, path.join(dir, file)]);
  for (const m of wat.matchAll(/\(import "([^"]+)" "([^"]+)" (\((\w+) [^\n]*\))\)\n/g)) {
    if (m[1] !== HOST) fail(`${file} imports from ${m[1]}, not ${HOST}`);
    imports.set(m[2], { desc: m[3], kind: m[4] });
  }
  if (/\(export |\(start /.test(wat)) fail(`${file} has an export or a start function`);
  const renamed = path.join(work, `c${i}.wasm`);
  fs.writeFileSync(`${renamed}.wat`, wat.replaceAll(`(import "${HOST}" `, `(import "${STUB}" `));
  run('wasm-as', [...features, `${renamed}.wat`, '-o', renamed]);
  inputs.push(renamed, `c${i}`);
}
const stub = [...imports].map(([field, { desc, kind }], k) => {
  const own = desc.replace(/^\((\w+) \$\S+/, `($1 $x${k}`);
  return `(import "${HOST}" "${field}" ${own})\n(export "${field}" (${kind} $x${k}))`;
});
fs.writeFileSync(path.join(work, 'stub.wat'), `(module\n${stub.join('\n')}\n)\n`);
run('wasm-as', [...features, path.join(work, 'stub.wat'), '-o', path.join(work, 'stub.wasm')]);
const merged = path.join(dir, 'chunk_shared.wasm');
run('wasm-merge', [...features, path.join(work, 'stub.wasm'), STUB, ...inputs, '-o', merged]);
// The stub's re-exports are of no use to anyone.
run('wasm-opt', [...features, '--remove-exports', '--pass-arg=remove-exports@*', merged, '-o', merged]);

const link = path.join(dir, '__wasm_split.js');
let js = fs.readFileSync(link, 'utf8');
const names = small.map((f) => `__chunk_${f.match(/\d+/)[0]}`);
for (const [i, file] of small.entries()) {
  const block = new RegExp(
    `(?:/\\*[^\\n]*\\*/\\n)?const ${names[i]} = makeLoad\\(\\(\\) => \\{\\n[^\\n]*"\\./${file.replace('.', '\\.')}"[^]*?\\n\\}\\n, \\[\\]\\);\\n`,
  );
  if (!block.test(js)) fail(`${link} has no loader of ${file} in the shape this script knows`);
  js = js.replace(block, names[i] === names[0] ? '@SHARED@' : '');
}
js = js.replace(
  '@SHARED@',
  `/* the small shared chunks, in one file (.ci/split/merge-small.mjs) */
const __chunk_shared = makeLoad(() => {
    const src = fetch(new URL("./chunk_shared.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
`,
);
js = js.replace(/\[(__chunk_[^\]]*)\]/g, (_, list) => {
  const deps = list.split(/,\s*/).map((d) => (names.includes(d) ? '__chunk_shared' : d));
  return `[${[...new Set(deps)].join(', ')}]`;
});
for (const n of names) if (new RegExp(`\\b${n}\\b`).test(js)) fail(`${link} still names ${n}`);
fs.writeFileSync(link, js);
for (const f of small) fs.rmSync(path.join(dir, f));
fs.rmSync(work, { recursive: true });
console.log(`merge-small: ${small.join(' ')} -> chunk_shared.wasm (${fs.statSync(merged).size} bytes)`);
