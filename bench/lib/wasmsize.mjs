// A twiggy-style size report from a wasm binary's code and name sections: the size of
// each function body, its (demangled) name, and totals per crate.

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    byte() { return buf[pos++]; },
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = buf[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
    bytes(n) { const out = buf.subarray(pos, pos + n); pos += n; return out; },
    name() { const n = r.u32(); return Buffer.from(r.bytes(n)).toString('utf8'); },
  };
  return r;
}

/// Sections, imported function count, function bodies (sizes) and names.
export function parseWasm(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm binary');
  const r = reader(buf);
  r.pos = 8;
  const sections = [];
  let importedFuncs = 0;
  const bodies = []; // { size } in order, index = importedFuncs + i
  const names = new Map();
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'][id] ?? `id${id}`;
    if (id === 0) {
      const name = r.name();
      label = `custom:${name}`;
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.byte();
          const subSize = r.u32();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.u32();
            for (let i = 0; i < count; i++) {
              const idx = r.u32();
              names.set(idx, r.name());
            }
          }
          r.pos = subEnd;
        }
      }
    } else if (id === 2) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) { r.u32(); importedFuncs++; }
        else if (kind === 1) { r.byte(); const flags = r.u32(); r.u32(); if (flags & 1) r.u32(); }
        else if (kind === 2) { const flags = r.u32(); r.u32(); if (flags & 1) r.u32(); }
        else if (kind === 3) { r.byte(); r.byte(); }
        else if (kind === 4) { r.byte(); r.u32(); }
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 10) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const at = r.pos;
        const bodySize = r.u32();
        r.pos += bodySize;
        bodies.push({ size: r.pos - at }); // with its own size field, as twiggy counts
      }
    }
    sections.push({ id, name: label, size: end - start });
    r.pos = end;
  }
  return { sections, importedFuncs, bodies, names };
}

const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/// Demangles a legacy Rust symbol (`_ZN…E`) enough to read it and find its crate;
/// other names come back as they are.
export function demangle(sym) {
  let s = sym;
  if (s.startsWith('__ZN')) s = s.slice(1);
  if (!s.startsWith('_ZN')) return sym;
  let i = 3;
  const parts = [];
  while (i < s.length && s[i] !== 'E') {
    let j = i;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
    if (j === i) return sym;
    const len = Number(s.slice(i, j));
    parts.push(s.slice(j, j + len));
    i = j + len;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .map((p) => {
      let t = p.startsWith('_$') ? p.slice(1) : p;
      t = t.replace(/\$([A-Z]+)\$/g, (m, k) => ESCAPES[k] ?? m);
      t = t.replace(/\$u([0-9a-f]{2,6})\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)));
      return t.replace(/\.\./g, '::');
    })
    .join('::');
}

/// Demangles a v0 Rust symbol (`_R…`) roughly: its identifiers joined by `::` (generic
/// arguments flattened in), without the instantiating crate at the end.
export function demangleV0(sym) {
  if (!sym.startsWith('_R')) return sym;
  const s = sym.slice(2);
  const idents = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === 'C' || c === 'N' || c === 'M' || c === 'X' || c === 'Y' || c === 'I' || c === 'E' || c === 'B') {
      if (c === 'B') { // a back reference: B<base62>_
        const j = s.indexOf('_', i);
        i = j < 0 ? s.length : j + 1;
        continue;
      }
      i++;
      if (c === 'N') i++; // the namespace tag (v, t, C, …)
      continue;
    }
    if (c === 's') { // a disambiguator: s<base62>_
      const j = s.indexOf('_', i);
      i = j < 0 ? s.length : j + 1;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i;
      while (s[j] >= '0' && s[j] <= '9') j++;
      const len = Number(s.slice(i, j));
      if (s[j] === '_') j++;
      idents.push(s.slice(j, j + len));
      i = j + len;
      continue;
    }
    i++;
  }
  // The last identifier, after the main path, is the instantiating crate.
  if (idents.length > 2 && /E[0-9A-Za-z_]*$/.test(s) && /C(s[0-9A-Za-z]*_)?\d+[A-Za-z_]\w*$/.test(s)) idents.pop();
  return idents.length ? idents.join('::') : sym;
}

/// A readable name: legacy and v0 symbols demangled, `$LT$`-style escapes undone.
export function readableName(sym) {
  let name = sym.startsWith('_R') ? demangleV0(sym) : demangle(sym);
  name = name.replace(/\$([A-Z]+)\$/g, (m, k) => ESCAPES[k] ?? m).replace(/\$u([0-9a-f]{2,6})\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)));
  return name;
}

function pathCrate(s) {
  let t = s.trim();
  for (;;) {
    const before = t;
    t = t.replace(/^<+/, '').replace(/^(&mut |&|\*const |\*mut |mut |dyn |impl |\[|\(|\{)+/, '');
    if (t === before) break;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(t);
  return m ? m[1] : null;
}

/// The crate a (readable) name belongs to: its first path segment; for `<T as Trait>::f`
/// the crate of T, or of the trait when T is a generic parameter; for
/// `crate::<impl Trait for T>::f` the crate it is in.
export function crateOf(name) {
  const s = name.trim();
  const as = /^<(.+?) as ([A-Za-z_][\w:]*)/.exec(s);
  if (as) return pathCrate(as[1]) ?? pathCrate(`${as[2]}::`) ?? '(other)';
  const c = pathCrate(s);
  if (c) return c;
  if (/^(__wbindgen|__wbg|__externref|wasm_bindgen)/.test(s)) return 'wasm_bindgen';
  if (/^(__rust_|__rdl_|__rg_|rust_begin_unwind|rust_panic)/.test(s)) return 'std';
  if (/^(memcpy|memmove|memset|memcmp|bcmp|__multi3|__udivti3|__divti3|__umodti3|__ashlti3|__lshrti3|compiler_builtins)/.test(s)) return 'compiler_builtins';
  return '(other)';
}

export function sizeReport(buf, top = 25) {
  const w = parseWasm(buf);
  const funcs = w.bodies.map((b, i) => {
    const idx = w.importedFuncs + i;
    const raw = w.names.get(idx) ?? `func[${idx}]`;
    const name = readableName(raw);
    return { index: idx, size: b.size, name, crate: crateOf(name) };
  });
  const code = w.sections.find((s) => s.id === 10)?.size ?? 0;
  const crates = new Map();
  for (const f of funcs) {
    const c = crates.get(f.crate) ?? { crate: f.crate, size: 0, functions: 0 };
    c.size += f.size;
    c.functions++;
    crates.set(f.crate, c);
  }
  const pctFile = (n) => Math.round((n / buf.length) * 10000) / 100;
  const pct = (n) => Math.round((n / code) * 10000) / 100; // of the code section
  return {
    file_size: buf.length,
    functions: funcs.length,
    named_functions: funcs.filter((f) => w.names.has(f.index)).length,
    sections: w.sections.map((s) => ({ ...s, percent_of_file: pctFile(s.size) })),
    code_section: code,
    top_functions: [...funcs].sort((a, b) => b.size - a.size).slice(0, top).map((f) => ({ ...f, percent_of_code: pct(f.size) })),
    crates: [...crates.values()].sort((a, b) => b.size - a.size).map((c) => ({ ...c, percent_of_code: pct(c.size) })),
  };
}
