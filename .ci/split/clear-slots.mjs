// Empties the function table's slots of code nothing can call: node clear-slots.mjs WASM PATTERN
//
// wasm-streams' IntoUnderlying{Source,ByteSource,Sink} come with Leptos's server functions,
// which the console has none of. wasm-bindgen (split) removes their exports, but the closures
// they hand to JavaScript have their slots in the function table, and the table is shared
// with the split chunks (they call the main module through it), so wasm-opt must keep every
// function a slot holds. This points each slot whose function's name matches PATTERN at one
// function that traps (nothing calls them: their only callers were the removed exports), and
// the optimiser that trunk runs next drops their code. WASM must still have its names (the
// wasm-bindgen output does); the slots keep their indices, so the chunks link as before.
// binaryen.js is the npm package whose wasm-opt is on PATH (VPCEP_BINARYEN_JS, its index.js).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const lib = process.env.VPCEP_BINARYEN_JS;
if (!lib) {
  console.error('clear-slots: VPCEP_BINARYEN_JS (binaryen.js) is not set');
  process.exit(2);
}
const { default: binaryen } = await import(pathToFileURL(lib).href);

const [file, pattern] = process.argv.slice(2);
if (!file || !pattern) {
  console.error('usage: node clear-slots.mjs WASM PATTERN');
  process.exit(2);
}
const fail = (why) => {
  console.error(`clear-slots: ${why}`);
  process.exit(1);
};
const match = new RegExp(pattern);
const segmentsOf = (m) => {
  const out = [];
  for (let i = 0; i < m.getNumElementSegments(); i++) {
    const info = binaryen.getElementSegmentInfo(m.getElementSegmentByIndex(i));
    const offset = binaryen.getExpressionInfo(info.offset);
    if (offset.id !== binaryen.ConstId) fail(`segment ${info.name}'s offset is not a constant`);
    out.push({ ...info, at: offset.value });
  }
  return out;
};

// Which slots, by their function's name.
const named = binaryen.readBinary(fs.readFileSync(file));
const clear = segmentsOf(named).map((s) => s.data.map((f) => match.test(f)));
const cleared = clear.flat().filter(Boolean).length;
if (cleared === 0) fail(`no slot holds a function named like /${pattern}/: not the shape this script knows`);
// The rest without the names (which the next wasm-opt drops anyway): binaryen.js hands a
// segment's function names over on its small stack, and 2,000 of Rust's long names overflow it.
binaryen.setDebugInfo(false);
const bare = named.emitBinary();
named.dispose();
const m = binaryen.readBinary(bare);
const TRAP = '__vpcep_cleared_slot';
m.addFunction(TRAP, binaryen.none, binaryen.none, [], m.unreachable());
const segments = segmentsOf(m);
if (segments.length !== clear.length) fail('the segments changed when the names went');
// Only the segments with a slot to clear are written again (the others may hold entries that
// are not plain functions, which binaryen.js cannot add back); a written one goes last, so it
// must not share a slot with any other.
segments.forEach((s, i) => {
  if (!clear[i].some(Boolean)) return;
  if (s.data.some((f) => !f)) fail(`segment ${s.name} holds an entry that is not a function`);
  const end = s.at + s.data.length;
  for (const o of segments) {
    if (o !== s && o.at < end && s.at < o.at + o.data.length) fail(`segment ${s.name} overlaps segment ${o.name}`);
  }
  m.removeElementSegment(s.name);
  m.addActiveElementSegment(s.table, s.name, s.data.map((f, j) => (clear[i][j] ? TRAP : f)), m.i32.const(s.at));
});
if (!m.validate()) fail('the module does not validate after clearing its slots');
fs.writeFileSync(file, m.emitBinary());
console.log(`clear-slots: ${cleared} table slots of /${pattern}/ now trap; their code goes`);
