//! The tables: every word the console shows, in each of its languages, side by side.
//!
//! Each area of the console (`core`, `shell`, `list`, `page`, `batch`, `access`,
//! `errors`) declares its keys with `area!` (in `area.rs`), each key with its English, Chinese and
//! German text in that order, so a key without one of them does not compile. [`Words`]
//! holds one language's areas; [`w`] is the one shown now.
//!
//! English is in every download, but for the areas only a chunk shows (see the methods of
//! [`Words`]). The others are reached only through [`zh`] and [`de`],
//! which the browser shell calls from a split point of its own (`ui::lang`), so the
//! release build moves each language's text into a chunk fetched only when it is chosen.
//!
//! Sentences with values use `{0}`, `{1}`, … (see [`super::lang::fill`]); API names
//! (`approval_enabled`, `EndPoint.3044`) stay in every language as the API spells them.

use super::lang::Lang;
use std::cell::Cell;

use super::{
    access::Access, batch::Batch, code::Code, core::Core, errors::Errors, list::List, page::Page,
    shell::Shell, sign_in::SignIn,
};

/// One language's words.
#[derive(Debug)]
pub struct Words {
    pub lang: Lang,
    /// Terms of the API shared by every part: editions, ports, fields, states, yes/no.
    pub core: Core,
    /// The header, the language switch, the settings and the first run's checklist.
    pub shell: Shell,
    /// The list page (English: `None`, see [`Words::list`]).
    list: Option<&'static List>,
    /// The service page: card, editor, preview, action bar, upgrade, outcome, history.
    pub page: Page,
    /// Many services at once: the selection, the review, the run.
    batch: Option<&'static Batch>,
    /// The Connections and Who may connect tabs.
    access: Option<&'static Access>,
    /// What went wrong: API errors, validation, requests that did not get through.
    pub errors: Errors,
    /// Signing in with an IAM user, and the token's lifetime.
    pub sign_in: SignIn,
    /// The change as code: the preview's Request tabs.
    code: Option<&'static Code>,
}

/// The areas the first screen never shows are reached through these methods, and
/// English's text of them only here: the release build moves it into the chunks whose code
/// calls them (the list's, the tabs', the Request tab's), out of the first download.
impl Words {
    /// The list page's words.
    pub fn list(&self) -> &'static List {
        self.list.unwrap_or(&List::EN)
    }

    /// The batch's words (the list's selection, the review, the run).
    pub fn batch(&self) -> &'static Batch {
        self.batch.unwrap_or(&Batch::EN)
    }

    /// The Connections and Who may connect tabs' words.
    pub fn access(&self) -> &'static Access {
        self.access.unwrap_or(&Access::EN)
    }

    /// The change as code's words.
    pub fn code(&self) -> &'static Code {
        self.code.unwrap_or(&Code::EN)
    }

    /// Every key as `area.key` with its text.
    pub fn entries(&self) -> Vec<(String, &'static str)> {
        let areas = [
            ("core", self.core.entries()),
            ("shell", self.shell.entries()),
            ("list", self.list().entries()),
            ("page", self.page.entries()),
            ("batch", self.batch().entries()),
            ("access", self.access().entries()),
            ("errors", self.errors.entries()),
            ("sign_in", self.sign_in.entries()),
            ("code", self.code().entries()),
        ];
        areas
            .into_iter()
            .flat_map(|(area, keys)| {
                keys.into_iter()
                    .map(move |(k, t)| (format!("{area}.{k}"), t))
            })
            .collect()
    }
}

/// English: the console's first language, in every download.
pub const EN: Words = Words {
    lang: Lang::En,
    core: Core::EN,
    shell: Shell::EN,
    list: None,
    page: Page::EN,
    batch: None,
    access: None,
    errors: Errors::EN,
    sign_in: SignIn::EN,
    code: None,
};

/// Simplified Chinese, with the cloud's own terms (终端节点服务, 审批, 白名单, …).
pub fn zh() -> &'static Words {
    static ZH: Words = Words {
        lang: Lang::ZhCn,
        core: Core::ZH,
        shell: Shell::ZH,
        list: Some(&List::ZH),
        page: Page::ZH,
        batch: Some(&Batch::ZH),
        access: Some(&Access::ZH),
        errors: Errors::ZH,
        sign_in: SignIn::ZH,
        code: Some(&Code::ZH),
    };
    &ZH
}

/// German, as Open Telekom Cloud's console words it.
pub fn de() -> &'static Words {
    static DE: Words = Words {
        lang: Lang::De,
        core: Core::DE,
        shell: Shell::DE,
        list: Some(&List::DE),
        page: Page::DE,
        batch: Some(&Batch::DE),
        access: Some(&Access::DE),
        errors: Errors::DE,
        sign_in: SignIn::DE,
        code: Some(&Code::DE),
    };
    &DE
}

thread_local! {
    static CURRENT: Cell<&'static Words> = const { Cell::new(&EN) };
}

/// The words shown now (English until the shell sets another language).
pub fn w() -> &'static Words {
    CURRENT.with(Cell::get)
}

/// Shows `words` from now on; what is drawn next reads them.
pub fn set_words(words: &'static Words) {
    CURRENT.with(|c| c.set(words));
}

/// A count in the language shown now: `12,345`, or `12.345` in German.
pub fn count(n: usize) -> String {
    super::lang::count_in(n as u64, w().core.group_separator)
}
