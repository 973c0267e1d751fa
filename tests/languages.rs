//! End to end: the console in the visitor's language. A Chromium whose languages are
//! Chinese gets the list, a service page, the preview, an error at its field, the upgrade
//! dialog, a batch review and the Connections tab in Chinese, with no English word of the
//! English table left (API names in code font and the server's data aside); switching to
//! English and back keeps the unsaved edit and the route; `?lang=de` opens in German. Each
//! language's table is a chunk of its own, fetched only by those who read it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use support::{Browser, Stack, PROJECT, TOKEN, WEB};
use vpcep_console::api::words::{zh, EN};

/// Words the same in every language (the API's, the clouds', the protocols' names).
const NAMES: &[&str] = &[
    "tcp",
    "udp",
    "ipv4",
    "ipv6",
    "vpc",
    "toa",
    "proxy",
    "protocol",
    "vni",
    "api",
    "url",
    "json",
    "csv",
    "http",
    "https",
    "huawei",
    "cloud",
    "open",
    "telekom",
    "token",
    "curl",
    "profession",
    "basic",
    "permissions",
    "whitelist",
    "english",
    "deutsch",
    "get",
    "put",
    "post",
    "delete",
];

/// Every English word (three letters or more, lowercase) of the English table that is not a
/// name and that the Chinese table does not use itself.
fn english_vocabulary() -> BTreeSet<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|t| t.len() >= 3)
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let in_chinese: BTreeSet<String> = zh().entries().iter().flat_map(|(_, t)| words(t)).collect();
    EN.entries()
        .iter()
        .flat_map(|(_, t)| words(t))
        .filter(|w| !NAMES.contains(&w.as_str()) && !in_chinese.contains(w))
        .collect()
}

/// Every string the server holds about the demo project's services (names, descriptions,
/// IDs): data, shown as the server wrote it in every language.
async fn server_data(stack: &Stack) -> Vec<String> {
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = vec![PROJECT.to_owned(), TOKEN.to_owned()];
    for path in [
        format!("/v1/{PROJECT}/vpc-endpoint-services?limit=1000"),
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}/connections?limit=1000"),
        format!("/v1/{PROJECT}/vpc-endpoint-services/{WEB}/permissions?limit=1000"),
    ] {
        let answer: Value = support::stack::http()
            .get(format!("{}{path}", stack.origin))
            .header("X-Auth-Token", TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        strings(&answer, &mut out);
    }
    // Longest first, so that a name is not cut by a shorter one inside it.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// The English words of the table that the page shows now, outside code font, API names
/// and the server's data.
async fn english_left(
    browser: &Browser,
    vocabulary: &BTreeSet<String>,
    data: &[String],
) -> Vec<String> {
    let text = browser
        .execute(
            "const body = document.body.cloneNode(true);
             body.querySelectorAll('code, kbd, samp, pre, .api-name, script, style, noscript, [hidden], .lang-switch').forEach(e => e.remove());
             return body.innerText;",
            vec![],
        )
        .await;
    let mut text = text.as_str().unwrap_or_default().to_owned();
    for d in data.iter().filter(|d| d.len() >= 3) {
        text = text.replace(d.as_str(), " ");
    }
    let mut left: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))
        // An API name (`approval_enabled`, `EndPoint.3044`, `/v2/…`) or a number is not a word.
        .filter(|t| !t.contains(['_', '.', '/']) && !t.chars().any(|c| c.is_ascii_digit()))
        .flat_map(|t| t.split('-'))
        .map(str::to_ascii_lowercase)
        .filter(|w| vocabulary.contains(w))
        .collect();
    left.sort();
    left.dedup();
    // Each with where it stands, so that a failure names the text to translate.
    let lower = text.to_ascii_lowercase();
    left.into_iter()
        .map(|w| {
            let at = lower.find(&w).unwrap_or(0);
            let from = lower[..at]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            let to = lower[at..]
                .char_indices()
                .nth(w.len() + 30)
                .map_or(lower.len(), |(i, _)| at + i);
            format!("{w}: …{}…", text[from..to].replace('\n', " "))
        })
        .collect()
}

async fn assert_chinese(
    browser: &Browser,
    state: &str,
    vocabulary: &BTreeSet<String>,
    data: &[String],
) {
    let left = english_left(browser, vocabulary, data).await;
    assert!(
        left.is_empty(),
        "English words on {state} in Chinese: {left:?}"
    );
}

async fn html_lang(browser: &Browser) -> String {
    browser
        .execute("return document.documentElement.lang;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn fetched(browser: &Browser, part: &str) -> bool {
    browser
        .execute(
            "return performance.getEntriesByType('resource').some(e => new URL(e.name).pathname.includes(arguments[0]));",
            vec![json!(part)],
        )
        .await
        == json!(true)
}

async fn assert_accessible(browser: &Browser, state: &str) {
    let found = browser.axe().await;
    assert!(found.is_empty(), "axe-core on {state}: {found:#?}");
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_browser_gets_chinese_and_a_switch_keeps_the_draft() {
    let stack = Stack::start().await;
    let vocabulary = english_vocabulary();
    assert!(
        vocabulary.contains("save") && vocabulary.len() > 100,
        "{}",
        vocabulary.len()
    );
    let data = server_data(&stack).await;
    let browser = Browser::start_with_args(&["--accept-lang=zh-CN,zh", "--lang=zh-CN"]).await;

    // The service page, from a link, in the browser's language.
    browser.load_console(&stack.origin, WEB).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    let languages = browser
        .execute("return navigator.languages[0];", vec![])
        .await;
    assert!(
        languages.as_str().unwrap_or_default().starts_with("zh"),
        "{languages}"
    );
    assert_eq!(html_lang(&browser).await, "zh-CN");
    assert!(
        fetched(&browser, "split_lang_zh").await,
        "the Chinese chunk"
    );
    assert!(
        !fetched(&browser, "split_lang_de").await,
        "German is fetched only when chosen"
    );
    assert_eq!(browser.text(".product").await, zh().shell.product);
    assert_eq!(browser.title().await, zh().shell.product);
    assert_eq!(
        browser.attr("#lang-zh-CN", "aria-pressed").await.as_deref(),
        Some("true")
    );
    assert_chinese(&browser, "the service page", &vocabulary, &data).await;
    browser.screenshot("zh-03-service-page").await;
    assert_accessible(&browser, "the service page in Chinese").await;

    // An error at its field.
    browser.fill("#f-service-name", "web tier").await;
    let error = browser
        .wait_text("#f-service-name-error", |t| !t.is_empty())
        .await;
    assert!(has_chinese(&error), "{error}");
    assert_chinese(&browser, "a field in error", &vocabulary, &data).await;
    assert_accessible(&browser, "a field in error in Chinese").await;

    // The preview of a change.
    browser.fill("#f-service-name", "web-frontend").await;
    browser.fill("#f-description", "未保存的描述").await;
    let preview = browser.wait_text("#preview-title", |t| !t.is_empty()).await;
    assert!(has_chinese(&preview), "{preview}");
    assert_chinese(&browser, "the preview", &vocabulary, &data).await;

    // Switching to English and back keeps the unsaved edit and the route.
    let url = browser.url().await;
    browser.click("#lang-en").await;
    browser
        .wait_text(".product", |t| t == EN.shell.product)
        .await;
    assert_eq!(html_lang(&browser).await, "en");
    assert_eq!(browser.value("#f-description").await, "未保存的描述");
    assert_eq!(browser.url().await, url);
    browser.click("#lang-zh-CN").await;
    browser
        .wait_text(".product", |t| t == zh().shell.product)
        .await;
    assert_eq!(browser.value("#f-description").await, "未保存的描述");
    assert_eq!(browser.url().await, url);
    let kept = browser
        .execute("return localStorage.getItem('vpcep-console:lang');", vec![])
        .await;
    assert_eq!(kept, json!("zh-CN"));

    // The upgrade dialog.
    browser.click("#more-actions > summary").await;
    browser.click("#open-upgrade").await;
    let dialog = browser
        .wait_text("[role=dialog]", |t| t.contains("web-frontend"))
        .await;
    assert!(has_chinese(&dialog), "{dialog}");
    assert_chinese(&browser, "the upgrade dialog", &vocabulary, &data).await;
    assert_accessible(&browser, "the upgrade dialog in Chinese").await;
    browser.press_escape("#cancel-upgrade").await;
    browser.wait_gone("[role=dialog]").await;

    // The Connections tab.
    browser.click("#tab-connections").await;
    browser.wait_shown("#conn-title").await;
    browser
        .wait_until("the connections", || async {
            !browser.find_all("#conn-table tbody tr").await.is_empty()
                || browser.shown("#conn-empty").await
        })
        .await;
    assert_chinese(&browser, "the Connections tab", &vocabulary, &data).await;
    assert_accessible(&browser, "the Connections tab in Chinese").await;

    // The list, and a batch review (the unsaved draft is kept on the way).
    browser
        .goto(&format!("{}/?project_id={PROJECT}", stack.origin))
        .await;
    browser.wait_shown("#service-table").await;
    assert_eq!(html_lang(&browser).await, "zh-CN");
    assert_chinese(&browser, "the list", &vocabulary, &data).await;
    browser.screenshot("zh-02-service-list").await;
    assert_accessible(&browser, "the list in Chinese").await;
    browser
        .click(&format!("input.pick-row[data-id='{WEB}']"))
        .await;
    browser.select("#batch-action", "approval-on").await;
    browser.click("#batch-review").await;
    browser.wait_shown("#batch-start").await;
    assert_chinese(&browser, "a batch review", &vocabulary, &data).await;
    assert_accessible(&browser, "a batch review in Chinese").await;
    assert!(!fetched(&browser, "split_lang_de").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_with_lang_de_opens_in_german() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?project_id={PROJECT}&service_id={WEB}&lang=de",
            stack.origin
        ))
        .await;
    browser.fill("#s-token", TOKEN).await;
    browser
        .wait_text("#card-title", |t| t == "web-frontend")
        .await;
    assert_eq!(html_lang(&browser).await, "de");
    assert_eq!(browser.text(".product").await, "VPC-Endpunkt-Konsole");
    assert!(fetched(&browser, "split_lang_de").await);
    assert!(!fetched(&browser, "split_lang_zh").await);
    // The link's language stays in the address as the console follows the route.
    assert!(
        browser.url().await.contains("lang=de"),
        "{}",
        browser.url().await
    );
    browser.screenshot("de-03-service-page").await;
    assert_accessible(&browser, "the service page in German").await;
    browser
        .goto(&format!("{}/?project_id={PROJECT}&lang=de", stack.origin))
        .await;
    browser.wait_shown("#service-table").await;
    assert_eq!(html_lang(&browser).await, "de");
    browser.screenshot("de-02-service-list").await;
    assert_accessible(&browser, "the list in German").await;
}
