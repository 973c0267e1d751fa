//! End to end: the release bundle is split (src/ui/split.rs, .ci/split/wasm-bindgen). A page
//! opened on a service downloads neither the list's code nor the tabs'; a tab's chunk comes
//! when the tab is first opened; a chunk that does not arrive gives a banner with *Try again*
//! in the tab, and nothing typed is lost. The service page's own extras (what an edit brings
//! up) are fetched as soon as the page is usable, and config.json comes with the wasm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::path::Path;
use support::{Browser, Stack, WEB};

/// The files the page has fetched so far, by name (the Resource Timing entries).
async fn fetched(browser: &Browser) -> Vec<String> {
    let names = browser
        .execute(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
            vec![],
        )
        .await;
    match names {
        Value::Array(a) => a
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => panic!("resource names: {other}"),
    }
}

fn has(files: &[String], part: &str) -> bool {
    files.iter().any(|f| f.contains(part))
}

/// The bundle's file of the split point chunk `part` (`split_{part}-HASH.wasm`).
fn chunk(site: &Path, part: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names
        .iter()
        .find(|n| n.starts_with(&format!("split_{part}-")) && n.ends_with(".wasm"))
        .unwrap_or_else(|| panic!("no split_{part} chunk in the bundle: {names:?}"))
        .clone()
}

/// Moves a file of the served bundle (and its precompressed forms) from `from` to `to`:
/// away, as on a link that drops it, or back.
fn rename(site: &Path, from: &str, to: &str) {
    for ext in ["", ".gz", ".br"] {
        let (a, b) = (
            site.join(format!("{from}{ext}")),
            site.join(format!("{to}{ext}")),
        );
        if a.exists() {
            std::fs::rename(a, b).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parts_arrive_when_first_shown_and_a_missing_one_can_be_fetched_again() {
    let stack = Stack::start().await;
    let site = stack.site.path();
    let access = chunk(site, "access");
    let extras = chunk(site, "page");
    chunk(site, "list");
    let aside = |from: &str, to: &str| rename(site, from, to);

    // The Connections tab's chunk is away, as on a link that drops it.
    aside(&access, "away.wasm");
    // And the chunk of what an edit brings up (the preview's changes).
    aside(&extras, "away-extras.wasm");

    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser.wait_shown("#f-description").await;
    // Asked for as soon as the page was usable, before any edit (here it failed).
    let mut asked = false;
    for _ in 0..50 {
        asked = has(&fetched(&browser).await, "split_page-");
        if asked {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(asked, "the page's extras were not fetched ahead of an edit");
    browser.fill("#f-description", "typed before the tab").await;
    // The edit is taken (the bar counts it); the preview says its part is missing.
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    browser.wait_shown("#changes-missing").await;
    let banner = browser.text("#changes-missing").await;
    assert!(banner.contains("did not download"), "{banner}");
    assert!(!browser.shown("#diff").await);
    aside("away-extras.wasm", &extras);
    browser.click("#changes-retry").await;
    let diff = browser
        .wait_text("#diff", |t| t.contains("typed before the tab"))
        .await;
    assert!(diff.contains("Description"), "{diff}");
    let first = fetched(&browser).await;
    assert!(has(&first, "_bg.wasm"), "{first:?}");
    // Neither the list's chunk (with its batch panel) nor the tabs'.
    for part in ["split_list-", "split_access-"] {
        assert!(
            !has(&first, part),
            "a service page fetched {part}: {first:?}"
        );
    }

    // config.json was read once: the app's request took over index.html's preload, so it
    // came in with the wasm instead of one round trip after it.
    let config = browser
        .execute(
            "return performance.getEntriesByType('resource')\
               .filter(e => new URL(e.name).pathname === '/config.json').map(e => e.initiatorType);",
            vec![],
        )
        .await;
    assert_eq!(config, serde_json::json!(["link"]), "config.json requests");

    // The tab's code does not arrive: the tab says so, the form is untouched.
    browser.click("#tab-connections").await;
    browser.wait_shown("#connections-missing").await;
    let banner = browser.text("#connections-missing").await;
    assert!(banner.contains("did not download"), "{banner}");
    assert!(banner.contains("nothing you typed is lost"), "{banner}");
    assert!(!browser.shown("#conn-table").await);
    let found = browser.axe().await;
    assert!(
        found.is_empty(),
        "axe-core on the missing chunk's banner: {found:#?}"
    );

    // Back on the link: Try again fetches it, and the tab works.
    aside("away.wasm", &access);
    browser.click("#connections-retry").await;
    browser.wait_shown("#conn-table").await;
    browser.wait_gone("#connections-missing").await;
    assert!(has(&fetched(&browser).await, "split_access-"));

    browser.click("#tab-settings").await;
    assert_eq!(
        browser.value("#f-description").await,
        "typed before the tab"
    );

    // The list's code (its batch panel's too) comes with the list, and only then.
    assert!(!has(&fetched(&browser).await, "split_list-"));
    browser.click("#to-list").await;
    browser.click("#leave-keep").await;
    browser.wait_shown("#service-table").await;
    assert!(has(&fetched(&browser).await, "split_list-"));
}

/// The save is in the `page` chunk too: when its code does not arrive, the action bar says
/// so, nothing is sent and the edits stay; the same button saves once the code is here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_whose_code_does_not_arrive_sends_nothing_and_the_button_tries_again() {
    let stack = Stack::start().await;
    let site = stack.site.path();
    let extras = chunk(site, "page");
    rename(site, &extras, "away-extras.wasm");
    let browser = Browser::open_console(&stack.origin, WEB).await;
    browser.wait_shown("#f-description").await;
    // The service's own requests (the tab's pending count goes its own way meanwhile).
    let service_requests = || async {
        stack
            .api
            .requests()
            .await
            .into_iter()
            .filter(|r| r["path"].as_str().unwrap_or("").ends_with(WEB))
            .count()
    };
    let sent_before = service_requests().await;
    browser
        .fill("#f-description", "saved once its code is here")
        .await;
    browser
        .wait_text("#change-count", |t| t == "1 change")
        .await;
    browser.click("#save").await;
    let banner = browser
        .wait_text("#save-missing", |t| t.contains("did not download"))
        .await;
    assert!(banner.contains("nothing you typed is lost"), "{banner}");
    assert_eq!(
        service_requests().await,
        sent_before,
        "a request went out without the save's code"
    );
    assert_eq!(
        browser.value("#f-description").await,
        "saved once its code is here"
    );
    let found = browser.axe().await;
    assert!(
        found.is_empty(),
        "axe-core on the save's banner: {found:#?}"
    );
    browser.scroll_to("#save-missing").await;
    browser.screenshot("30-save-missing").await;

    rename(site, "away-extras.wasm", &extras);
    browser.click("#save").await;
    browser
        .wait_text("#save-result", |t| t.contains("Saved"))
        .await;
    browser.wait_gone("#save-missing").await;
    let puts = stack.api.requests_with("PUT").await;
    assert_eq!(puts.len(), 1, "{puts:?}");
    assert!(
        puts[0].to_string().contains("saved once its code is here"),
        "{}",
        puts[0]
    );
}

/// wasm-split-cli leaves a chunk per set of parts that share anything, most of them a few
/// hundred bytes; .ci/split/merge-small.mjs puts those under 2 KB into one file, which every
/// part that needed one of them loads instead.
#[test]
fn the_small_shared_chunks_come_as_one_file() {
    let dist = support::stack::dist();
    let names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let shared: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("chunk_shared-") && n.ends_with(".wasm"))
        .collect();
    assert_eq!(shared.len(), 1, "{names:?}");
    for n in names
        .iter()
        .filter(|n| n.starts_with("chunk_") && n.ends_with(".wasm"))
    {
        let size = std::fs::metadata(dist.join(n)).unwrap().len();
        assert!(
            n.starts_with("chunk_shared-") || size >= 2048,
            "{n} is {size} bytes: not merged"
        );
    }
    let link = names
        .iter()
        .find(|n| n.starts_with("__wasm_split-") && n.ends_with(".js"))
        .expect("the split's loader");
    let js = std::fs::read_to_string(dist.join(link)).unwrap();
    assert!(js.contains(&format!("\"./{}\"", shared[0])), "{js}");
    // Not their .br and .gz: the deployment's precompressed copies sit beside them.
    for n in names
        .iter()
        .filter(|n| n.starts_with("chunk_") && n.ends_with(".wasm"))
    {
        assert!(js.contains(&format!("\"./{n}\"")), "{n} is not loaded");
    }
}

/// wasm-streams' classes come with Leptos's server functions, which the console has none
/// of: .ci/split/wasm-bindgen removes their exports and JS classes from the first download.
#[test]
fn the_first_download_has_no_stream_classes_nothing_calls() {
    let dist = support::stack::dist();
    let mut main = 0;
    for entry in std::fs::read_dir(&dist).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let first = name.starts_with("vpcep-console-")
            && (name.ends_with(".js") || name.ends_with("_bg.wasm"));
        if !first {
            continue;
        }
        main += 1;
        let bytes = std::fs::read(dist.join(&name)).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        assert!(
            !text.contains("intounderlying"),
            "{name} still has IntoUnderlying*"
        );
    }
    assert_eq!(
        main,
        2,
        "the main module's .js and _bg.wasm in {}",
        dist.display()
    );
}

/// binaryen's `wasm-dis`, which the setup installs with wasm-opt (npm's binaryen).
fn wasm_dis() -> std::path::PathBuf {
    let installed = support::installed_tool("node_modules/.bin/wasm-dis");
    if installed.exists() {
        installed
    } else {
        "wasm-dis".into()
    }
}

/// The exports are not all: what they hand to JavaScript has slots in the function table
/// the chunks share, which would keep their code in the first download. .ci/split/
/// clear-slots.mjs points those slots at one function that traps, and the code goes: in the
/// shipped main module, one function with no body but a trap fills at least the 25 slots of
/// wasm-streams' closures.
#[test]
fn the_stream_classes_code_is_out_of_the_function_table() {
    let dist = support::stack::dist();
    let wasm = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("vpcep-console-") && n.ends_with("_bg.wasm")
        })
        .expect("the main module in dist/");
    let out = std::process::Command::new(wasm_dis())
        .arg(&wasm)
        .output()
        .expect("wasm-dis (npm's binaryen, installed by the setup)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let traps: Vec<&str> = lines
        .windows(3)
        .filter(|w| w[1] == "  (unreachable)" && w[2] == " )")
        .filter_map(|w| w[0].strip_prefix(" (func "))
        .filter(|name| !name.contains(' '))
        .collect();
    let slots = |f: &str| -> usize {
        lines
            .iter()
            .filter(|l| l.starts_with(" (elem "))
            .map(|l| l.split(' ').filter(|t| *t == f).count())
            .sum()
    };
    let most = traps.iter().map(|f| slots(f)).max().unwrap_or(0);
    assert!(
        most >= 25,
        "the most table slots one trapping function fills is {most} (functions that only trap: {traps:?})"
    );
}
