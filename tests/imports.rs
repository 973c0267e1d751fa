//! The shape of the code, read from its source as a newcomer reads it: which file names
//! which. In `src/api`, `src/ui`, `local-api/src` and `local-api/sim/src` no two files may name each other,
//! directly or around a circle, and no file in `src/` is over 500 lines.
//!
//! A file is a node. It has an edge to another file when it names an item of that file's
//! module by a path: `crate::a::b`, `super::b`, `self::b`, `$crate::…` in a macro, or a
//! `use` of a child module. A path ends at the deepest module it names, so `super::X` for
//! an item of the parent (defined or re-exported there) is an edge to the parent's
//! `mod.rs`. `mod b;` declares, it does not name: no edge. Comments and string literals
//! are left out; inline modules (`mod tests { … }`) resolve `super` from where they are.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path from the crate root: `["api", "batch", "runner"]`.
type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Colons,
    Open,
    Close,
    Comma,
    Other(char),
}

/// The tokens of Rust source that matter for paths: identifiers (`$crate` among them),
/// `::`, braces, commas. Comments, strings and char literals are dropped.
fn tokens(src: &str) -> Vec<Token> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && raw_string_at(&b, i) {
            i = skip_raw_string(&b, i);
        } else if c == 'b' && next == Some('"') {
            i = skip_string(&b, i + 1);
        } else if c == '"' {
            i = skip_string(&b, i);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic()
            || c == '_'
            || (c == '$' && next.is_some_and(char::is_alphabetic))
        {
            let start = i;
            i += 1;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(b[start..i].iter().collect()));
        } else if c == ':' && next == Some(':') {
            out.push(Token::Colons);
            i += 2;
        } else {
            out.push(match c {
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                c if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                c => Token::Other(c),
            });
            i += 1;
        }
    }
    out
}

fn raw_string_at(b: &[char], i: usize) -> bool {
    // `r"` or `r#…#"`, not an identifier that ends in r (checked by the caller's order:
    // identifiers are read whole, so `r` here starts a token).
    let mut j = i + 1;
    while b.get(j) == Some(&'#') {
        j += 1;
    }
    b.get(j) == Some(&'"') && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_'))
}

fn skip_raw_string(b: &[char], i: usize) -> usize {
    let mut j = i + 1;
    let mut hashes = 0;
    while b[j] == '#' {
        hashes += 1;
        j += 1;
    }
    j += 1; // the opening quote
    while j < b.len() {
        if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
            return j + 1 + hashes;
        }
        j += 1;
    }
    j
}

fn skip_string(b: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            _ => j += 1,
        }
    }
    j
}

/// A `use` tree or an inline path read from `at`: every full path it spells, and where
/// it ends. `a::{b, c::{d, e}}` spells `a::b`, `a::c::d`, `a::c::e`.
fn read_paths(t: &[Token], at: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut i = at;
    loop {
        match t.get(i) {
            Some(Token::Ident(name)) => {
                prefix.push(name.clone());
                i += 1;
                if t.get(i) == Some(&Token::Colons) {
                    i += 1;
                    continue;
                }
                return (vec![prefix], i);
            }
            Some(Token::Open) => {
                let mut all = Vec::new();
                i += 1;
                while i < t.len() && t[i] != Token::Close {
                    if t[i] == Token::Comma {
                        i += 1;
                        continue;
                    }
                    let (paths, end) = read_paths(t, i);
                    for p in paths {
                        let mut full = prefix.clone();
                        full.extend(p);
                        all.push(full);
                    }
                    // `as name` and anything else up to the next comma or brace.
                    i = end.max(i + 1);
                    while i < t.len() && !matches!(t[i], Token::Comma | Token::Close) {
                        if t[i] == Token::Open {
                            break;
                        }
                        i += 1;
                    }
                }
                return (all, i + 1);
            }
            Some(Token::Other('*')) => return (vec![prefix], i + 1),
            _ => return (vec![prefix], i),
        }
    }
}

/// The source files of one crate under `root`, each with its module path.
fn modules(root: &Path, dir: &Path, out: &mut BTreeMap<ModPath, PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            match parts.last().map(String::as_str) {
                Some("lib") if parts.len() == 1 => parts.clear(),
                // The binary is a crate of its own.
                Some("main") if parts.len() == 1 => continue,
                Some("mod") => {
                    parts.pop();
                }
                _ => {}
            }
            out.insert(parts, path);
        }
    }
}

/// The edges of one crate: file module → the modules it names, with a path as evidence.
fn edges(root: &Path) -> BTreeMap<ModPath, BTreeMap<ModPath, String>> {
    let mut files = BTreeMap::new();
    modules(root, root, &mut files);
    let known: BTreeSet<ModPath> = files.keys().cloned().collect();
    let mut graph: BTreeMap<ModPath, BTreeMap<ModPath, String>> = BTreeMap::new();
    for (module, path) in &files {
        let t = tokens(&std::fs::read_to_string(path).unwrap());
        // Inline modules: (name, brace depth at which their body opened).
        let mut inline: Vec<(String, usize)> = Vec::new();
        let mut depth = 0usize;
        let mut i = 0;
        while i < t.len() {
            match &t[i] {
                Token::Open => {
                    depth += 1;
                    i += 1;
                    continue;
                }
                Token::Close => {
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                    depth = depth.saturating_sub(1);
                    i += 1;
                    continue;
                }
                Token::Ident(kw) if kw == "mod" => {
                    if let (Some(Token::Ident(name)), Some(Token::Open)) =
                        (t.get(i + 1), t.get(i + 2))
                    {
                        inline.push((name.clone(), depth + 1));
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let here: ModPath = module
                .iter()
                .cloned()
                .chain(inline.iter().map(|(n, _)| n.clone()))
                .collect();
            let is_use = matches!(&t[i], Token::Ident(k) if k == "use");
            let starts = match &t[i] {
                Token::Ident(k) if matches!(k.as_str(), "crate" | "$crate" | "super" | "self") => {
                    t.get(i + 1) == Some(&Token::Colons) && !(i > 0 && t[i - 1] == Token::Colons)
                }
                _ => false,
            };
            if !is_use && !starts {
                i += 1;
                continue;
            }
            let from = if is_use { i + 1 } else { i };
            let (paths, end) = read_paths(&t, from);
            for p in paths {
                let Some(target) = resolve(&here, &p, &known, is_use) else {
                    continue;
                };
                if target != *module {
                    graph
                        .entry(module.clone())
                        .or_default()
                        .entry(target)
                        .or_insert_with(|| p.join("::"));
                }
            }
            i = end.max(i + 1);
        }
    }
    graph
}

/// The deepest known module that `path`, read in module `here`, names; `None` for paths
/// outside the crate (std, other crates).
fn resolve(
    here: &ModPath,
    path: &[String],
    known: &BTreeSet<ModPath>,
    is_use: bool,
) -> Option<ModPath> {
    let mut at: ModPath;
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate" | "$crate") => {
            at = Vec::new();
            rest = &path[1..];
        }
        Some("self") => {
            at = here.clone();
            rest = &path[1..];
        }
        Some("super") => {
            at = here.clone();
            while rest.first().map(String::as_str) == Some("super") {
                at.pop();
                rest = &rest[1..];
            }
        }
        // `use child::…`: a child module of this one (2018 paths), else another crate.
        Some(first) if is_use => {
            let mut child = here.clone();
            child.push(first.to_owned());
            if !known.contains(&child) {
                return None;
            }
            at = here.clone();
        }
        _ => return None,
    }
    // An inline module is part of its file.
    while !known.contains(&at) {
        at.pop();
    }
    for segment in rest {
        let mut next = at.clone();
        next.push(segment.clone());
        if known.contains(&next) {
            at = next;
        } else {
            break;
        }
    }
    Some(at)
}

/// The strongly connected components of more than one node (Tarjan).
fn circles(graph: &BTreeMap<ModPath, BTreeMap<ModPath, String>>) -> Vec<Vec<ModPath>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<ModPath, BTreeMap<ModPath, String>>,
        index: BTreeMap<ModPath, usize>,
        low: BTreeMap<ModPath, usize>,
        stack: Vec<ModPath>,
        on_stack: BTreeSet<ModPath>,
        found: Vec<Vec<ModPath>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: &ModPath) {
            let n = self.index.len();
            self.index.insert(v.clone(), n);
            self.low.insert(v.clone(), n);
            self.stack.push(v.clone());
            self.on_stack.insert(v.clone());
            let next: Vec<ModPath> = self
                .graph
                .get(v)
                .map(|e| e.keys().cloned().collect())
                .unwrap_or_default();
            for w in next {
                if !self.index.contains_key(&w) {
                    self.visit(&w);
                    let low = self.low[v].min(self.low[&w]);
                    self.low.insert(v.clone(), low);
                } else if self.on_stack.contains(&w) {
                    let low = self.low[v].min(self.index[&w]);
                    self.low.insert(v.clone(), low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(&w);
                    let done = w == *v;
                    component.push(w);
                    if done {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

/// The circles among the files under `prefix` (a module path) of the crate at `root`,
/// each with the paths that close it.
fn circles_under(root: &str, prefix: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    let all = edges(&root);
    let inside = |m: &ModPath| m.len() >= prefix.len() && m.iter().zip(prefix).all(|(a, b)| a == b);
    let graph: BTreeMap<ModPath, BTreeMap<ModPath, String>> = all
        .into_iter()
        .filter(|(m, _)| inside(m))
        .map(|(m, e)| (m, e.into_iter().filter(|(t, _)| inside(t)).collect()))
        .collect();
    circles(&graph)
        .into_iter()
        .map(|c| {
            let name = |m: &ModPath| {
                if m.is_empty() {
                    "(root)".to_owned()
                } else {
                    m.join("/")
                }
            };
            let evidence: Vec<String> = c
                .iter()
                .flat_map(|a| {
                    graph[a]
                        .iter()
                        .filter(|(b, _)| c.contains(b))
                        .map(move |(b, p)| format!("{} → {} ({p})", name(a), name(b)))
                })
                .collect();
            format!(
                "{}:\n    {}",
                c.iter().map(name).collect::<Vec<_>>().join(", "),
                evidence.join("\n    ")
            )
        })
        .collect()
}

#[test]
fn the_api_core_has_no_import_circle() {
    let found = circles_under("src", &["api"]);
    assert!(
        found.is_empty(),
        "circles in src/api:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_browser_shell_has_no_import_circle() {
    let found = circles_under("src", &["ui"]);
    assert!(found.is_empty(), "circles in src/ui:\n{}", found.join("\n"));
}

#[test]
fn the_local_api_has_no_import_circle() {
    for folder in ["local-api/src", "local-api/sim/src"] {
        let found = circles_under(folder, &[]);
        assert!(
            found.is_empty(),
            "circles in {folder}:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn a_circle_is_found_where_there_is_one() {
    // The reader itself: two files that name each other, through a `use` group and an
    // inline path, and a third that only names them.
    let dir = tempfile::tempdir().unwrap();
    let w = |p: &str, s: &str| {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, s).unwrap();
    };
    w(
        "lib.rs",
        "mod a; mod b; mod c; // crate::c::X in a comment is no edge\n",
    );
    w(
        "a.rs",
        "use crate::{b::{self, Y as Z}, ROOT_ITEM};\nfn f() { let s = \"super::c\"; }\n",
    );
    w(
        "b.rs",
        "fn g() -> u8 { super::a::f(); 'x' as u8 }\n#[cfg(test)] mod tests { use super::*; }\n",
    );
    w("c.rs", "use super::a;\n");
    let graph = edges(dir.path());
    let key = |s: &str| vec![s.to_owned()];
    // An item of the crate root (`crate::ROOT_ITEM`) is an edge to lib.rs.
    assert_eq!(
        graph[&key("a")].keys().collect::<Vec<_>>(),
        vec![&Vec::new(), &key("b")]
    );
    assert_eq!(graph[&key("b")].keys().collect::<Vec<_>>(), vec![&key("a")]);
    assert_eq!(circles(&graph), vec![vec![key("a"), key("b")]]);
    assert!(!graph.contains_key(&Vec::new()), "comments name nothing");
}

#[test]
fn no_file_in_src_is_over_500_lines() {
    let mut files = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    modules(&root, &root, &mut files);
    let long: Vec<String> = files
        .values()
        .cloned()
        .chain([root.join("main.rs")])
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).unwrap().lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", p.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 500 lines: {long:?}");
}
