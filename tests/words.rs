//! The tables of words: every key in every language, the same values in each sentence,
//! Chinese that is Chinese, and the language a visit starts in.
#![cfg(not(target_arch = "wasm32"))]

use vpcep_console::api::words::lang::count_in;
use vpcep_console::api::words::{choose_lang, de, fill, w, zh, Lang, Words, EN};

/// Words that are the same in every language: the API's, the clouds' and the protocols'
/// names. A Chinese text made only of these (and no Chinese) is not untranslated.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "TCP",
    "UDP",
    "IPv4",
    "IPv6",
    "IP",
    "ID",
    "VPC",
    "TOA",
    "Proxy",
    "Protocol",
    "VNI",
    "API",
    "URL",
    "JSON",
    "CSV",
    "HTTP",
    "HTTPS",
    "Huawei",
    "Cloud",
    "Open",
    "Telekom",
    "English",
    "Deutsch",
    "Token",
    "curl",
    "profession",
    "basic",
    "permissions",
    "whitelist",
];

/// The `{0}`, `{1}`, … a text uses, in order of number.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .match_indices('{')
        .filter_map(|(i, _)| {
            let rest = &text[i + 1..];
            let close = rest.find('}')?;
            rest[..close].parse::<usize>().ok().map(|n| n.to_string())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The words of a text that are English words (letters only, three or more).
fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|t| t.len() >= 3)
        .collect()
}

fn other_languages() -> [&'static Words; 2] {
    [zh(), de()]
}

#[test]
fn every_language_has_every_key_of_english_with_text() {
    let en = EN.entries();
    assert!(en.len() > 50, "the English table has {} keys", en.len());
    for words in other_languages() {
        let keys: Vec<_> = words.entries().into_iter().map(|(k, _)| k).collect();
        let en_keys: Vec<_> = en.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys, en_keys, "{:?}", words.lang);
        // Only what is blank in English (a space between sentences, which Chinese does not
        // write) may be blank in another language.
        for ((key, en_text), (_, text)) in en.iter().zip(words.entries()) {
            assert!(
                !text.trim().is_empty() || en_text.trim().is_empty(),
                "{:?} {key} is empty",
                words.lang
            );
        }
    }
    for (key, text) in &en {
        assert!(!text.is_empty(), "en {key} is empty");
    }
}

#[test]
fn every_sentence_takes_the_same_values_in_every_language() {
    let en = EN.entries();
    for words in other_languages() {
        for ((key, en_text), (_, text)) in en.iter().zip(words.entries()) {
            assert_eq!(
                placeholders(text),
                placeholders(en_text),
                "{:?} {key}: {text:?} against {en_text:?}",
                words.lang
            );
        }
    }
}

#[test]
fn chinese_is_written_in_chinese() {
    let untranslated: Vec<_> = EN
        .entries()
        .into_iter()
        .zip(zh().entries())
        .filter(|((_, en), (_, zh))| {
            !has_chinese(zh)
                && english_words(zh)
                    .iter()
                    .any(|w| !SAME_IN_EVERY_LANGUAGE.contains(w) && english_words(en).contains(w))
        })
        .map(|((key, _), (_, zh))| format!("{key}: {zh:?}"))
        .collect();
    assert!(
        untranslated.is_empty(),
        "left in English: {untranslated:#?}"
    );
}

#[test]
fn the_cloud_s_own_chinese_terms() {
    let c = &zh().core;
    assert_eq!(c.endpoint_service, "终端节点服务");
    assert_eq!(c.endpoint, "终端节点");
    assert!(c.advanced.starts_with("专业型"));
    assert_eq!(c.basic, "基础型");
    assert!(c.client_port.starts_with("客户端口"));
    assert_eq!(c.server_port, "服务端口");
    assert_eq!(c.field_ports, "端口映射");
    assert!(c.field_approval_enabled.contains("审批"));
    assert_eq!(c.whitelist_tab, "白名单");
}

#[test]
fn a_visit_starts_in_the_link_s_language_then_the_chosen_then_the_browser_s() {
    let browser = ["fr-FR", "zh-CN", "en"];
    assert_eq!(choose_lang(Some("de"), Some("en"), &browser), Lang::De);
    assert_eq!(choose_lang(None, Some("en"), &browser), Lang::En);
    assert_eq!(choose_lang(None, None, &browser), Lang::ZhCn);
    // A language the console does not have is passed over.
    assert_eq!(
        choose_lang(Some("fr"), Some("klingon"), &browser),
        Lang::ZhCn
    );
    assert_eq!(choose_lang::<&str>(None, None, &[]), Lang::En);
    assert_eq!(choose_lang(None, None, &["ja", "pt-BR"]), Lang::En);
    for (tag, lang) in [
        ("zh", Lang::ZhCn),
        ("zh-Hans-CN", Lang::ZhCn),
        ("ZH_cn", Lang::ZhCn),
        ("de-AT", Lang::De),
        ("EN-us", Lang::En),
    ] {
        assert_eq!(Lang::from_tag(tag), Some(lang), "{tag}");
    }
    let names: Vec<_> = Lang::ALL.iter().map(|l| l.native_name()).collect();
    assert_eq!(names, ["English", "简体中文", "Deutsch"]);
    let tags: Vec<_> = Lang::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(tags, ["en", "zh-CN", "de"]);
}

#[test]
fn sentences_take_their_values_where_the_language_puts_them() {
    assert_eq!(fill("{1} of {0}", &[&"a", &2]), "2 of a");
    assert_eq!(fill("{0}{0}", &[&"x"]), "xx");
    // A brace that is not a placeholder stays, and so does one without a value.
    assert_eq!(fill("{x} {} {3} {0}", &[&"v"]), "{x} {} {3} v");
    assert_eq!(fill("", &[]), "");
}

#[test]
fn counts_are_grouped_as_the_language_groups_them() {
    assert_eq!(count_in(0, ","), "0");
    assert_eq!(count_in(999, ","), "999");
    assert_eq!(count_in(1000, ","), "1,000");
    assert_eq!(count_in(1234567, "."), "1.234.567");
    assert_eq!(EN.core.group_separator, ",");
    assert_eq!(de().core.group_separator, ".");
    assert_eq!(zh().core.group_separator, ",");
}

#[test]
fn the_words_shown_follow_the_language_set() {
    use vpcep_console::api::words::{field_label, set_words};
    // Each test thread starts in English.
    assert_eq!(w().lang, Lang::En);
    assert_eq!(field_label("ports"), "Port mappings");
    set_words(zh());
    assert_eq!(field_label("ports"), "端口映射");
    set_words(de());
    assert_eq!(field_label("ports"), "Port-Zuordnungen");
    set_words(&EN);
    assert_eq!(field_label("ports"), "Port mappings");
}
