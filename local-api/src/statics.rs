//! The files of `--static-dir`, so one origin serves a console bundle and the API, as a
//! production proxy does. A small filtered service rather than tower-http's ServeDir: the
//! README promises exact content types, `Cache-Control: no-cache` and the same plain 404 for
//! a missing file and for any path that tries to leave the folder.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

/// Answers a GET or HEAD for `path` from `dir`: `/` (and any directory) is its `index.html`;
/// a path that is not a plain file inside `dir` is a 404 with a short text body.
pub async fn serve_file(dir: PathBuf, path: String) -> Response {
    let found = tokio::task::spawn_blocking(move || read_static(&dir, &path))
        .await
        .ok()
        .flatten();
    let (status, content_type, body) = match found {
        Some((bytes, content_type)) => (StatusCode::OK, content_type, Body::from(bytes)),
        None => (
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Body::from("404 Not Found\n"),
        ),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// The bytes and content type of the file `path` names inside `root`, or `None`.
fn read_static(root: &Path, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let rel = static_relative_path(path)?;
    let root = root.canonicalize().ok()?;
    let mut file = root.join(&rel).canonicalize().ok()?;
    // Symbolic links may point anywhere: the resolved file must still be inside the root.
    if !file.starts_with(&root) {
        return None;
    }
    if file.is_dir() {
        file = file.join("index.html").canonicalize().ok()?;
        if !file.starts_with(&root) {
            return None;
        }
    }
    if !file.is_file() {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    Some((bytes, content_type_for(&file)))
}

/// The request path as a relative file path: percent-decoded (`+` stays a `+`), split on `/`,
/// empty segments dropped. `None` (a 404) for a bad escape, a path that is not UTF-8 once
/// decoded, or one that holds a NUL, a backslash, a `:`, or a segment starting with `.`
/// (`.`, `..` and hidden files alike).
fn static_relative_path(path: &str) -> Option<PathBuf> {
    if !well_escaped(path) {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let mut rel = PathBuf::new();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') || seg.contains(['\\', '\0', ':']) {
            return None;
        }
        rel.push(seg);
    }
    if rel.as_os_str().is_empty() {
        rel.push("index.html");
    }
    Some(rel)
}

/// Every `%` starts a two-digit hex escape (percent-encoding leaves a bad one as it is; here
/// it is a 404, like any path that is not what it seems).
fn well_escaped(path: &str) -> bool {
    let b = path.as_bytes();
    b.iter().enumerate().all(|(i, c)| {
        *c != b'%'
            || b.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

fn content_type_for(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_paths() {
        let rel = |p: &str| static_relative_path(p).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(rel("/").as_deref(), Some("index.html"));
        assert_eq!(rel("//").as_deref(), Some("index.html"));
        assert_eq!(rel("/app.js").as_deref(), Some("app.js"));
        assert_eq!(rel("/a//b/c%20d+e.txt").as_deref(), Some("a/b/c d+e.txt"));
        assert_eq!(rel("/a/").as_deref(), Some("a"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/..%2f..%2fsecret",
            "/a/%2e",
            "/.git/config",
            "/a%5c..%5cb",
            "/a\\b",
            "/a%00b",
            "/c:/x",
            "/%zz",
            "/%f",
            "/%ff",
        ] {
            assert_eq!(rel(bad), None, "{bad}");
        }
        assert_eq!(
            content_type_for(Path::new("x/app_bg.WASM")),
            "application/wasm"
        );
        assert_eq!(
            content_type_for(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }
}
