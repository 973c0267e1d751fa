//! The console's language in the browser: which one a visit starts in, its table (English is
//! here; Chinese and German are chunks of their own, fetched only when chosen), `<html lang>`,
//! and the header's switch. The words themselves are in [`crate::api::words`].
//!
//! A switch keeps everything the console holds (the route, unsaved edits, the selection):
//! only the view is drawn again, in the new words (`app::App` keys it on [`Language::shown`]).

use super::split::{split_call, Missing};
use crate::api::words::{self, choose_lang, w, Lang, Words};
use leptos::prelude::*;

/// Where the visitor's choice is kept between visits.
pub const LANG_KEY: &str = "vpcep-console:lang";

#[cfg_attr(
    vpcep_split,
    leptos::wasm_split::wasm_split(lang_zh, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn zh_words() -> Result<&'static Words, Missing> {
    Ok(words::zh())
}

#[cfg_attr(
    vpcep_split,
    leptos::wasm_split::wasm_split(lang_de, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn de_words() -> Result<&'static Words, Missing> {
    Ok(words::de())
}

/// A language's table: English at once, the others once their chunk is here.
pub async fn table(lang: Lang) -> Result<&'static Words, Missing> {
    #[cfg(vpcep_split)]
    if lang != Lang::En {
        split_runtime_ready().await;
    }
    match lang {
        Lang::En => Ok(&words::EN),
        Lang::ZhCn => split_call!(zh_words()).await,
        Lang::De => split_call!(de_words()).await,
    }
}

/// Waits (a bounded while) until the page's loader has published the main module's
/// bindings (`window.wasmBindings`), which a chunk links against: the start asks for the
/// visitor's language before that loader has finished.
#[cfg(vpcep_split)]
async fn split_runtime_ready() {
    for _ in 0..300 {
        let Some(window) = web_sys::window() else {
            return;
        };
        let ready = js_sys::Reflect::get(&window, &"wasmBindings".into())
            .map(|v| !v.is_undefined())
            .unwrap_or(true);
        if ready {
            return;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
    }
}

/// The language a visit starts in: `?lang=`, then the choice kept in localStorage, then
/// `navigator.languages`, then English.
pub fn initial() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default();
    choose_lang(
        super::storage::query_param("lang").as_deref(),
        stored.as_deref(),
        &browser,
    )
}

/// Shows `words` from now on: the tables, `<html lang>` for screen readers, fonts and
/// the browser's own translation offer, and the page's title.
pub fn apply(words: &'static Words) {
    words::set_words(words);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", words.lang.tag());
    }
    // The tab's and the bookmark's name.
    document.set_title(words.shell.product);
}

/// The language shown, for the view to follow.
#[derive(Clone, Copy)]
pub struct Language {
    pub shown: RwSignal<Lang>,
    /// The language asked for whose chunk is on its way (the switch shows it busy).
    pub pending: RwSignal<Option<Lang>>,
    /// The last switch's chunk did not arrive.
    pub failed: RwSignal<bool>,
}

impl Language {
    pub fn new() -> Self {
        Language {
            shown: RwSignal::new(w().lang),
            pending: RwSignal::new(None),
            failed: RwSignal::new(false),
        }
    }

    /// Switches to `lang`: fetches its table, keeps the choice, and draws the view anew.
    pub fn switch(self, lang: Lang) {
        if lang == self.shown.get_untracked() || self.pending.get_untracked().is_some() {
            return;
        }
        self.pending.set(Some(lang));
        self.failed.set(false);
        leptos::task::spawn_local(async move {
            let table = table(lang).await;
            self.pending.set(None);
            let Ok(table) = table else {
                self.failed.set(true);
                return;
            };
            apply(table);
            if let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = store.set_item(LANG_KEY, lang.tag());
            }
            // A link's `?lang=` would win at the next load: it follows the choice.
            if super::storage::query_param("lang").is_some() {
                super::storage::set_query_param("lang", lang.tag());
            }
            self.shown.set(lang);
        });
    }
}

impl Default for Language {
    fn default() -> Self {
        Self::new()
    }
}

/// The header's switch: each language named in itself, the shown one marked.
#[component]
pub fn LanguageSwitch(language: Language) -> impl IntoView {
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            let current = move || language.shown.get() == lang;
            view! {
                <button type="button" class="lang-choice" lang=lang.tag()
                    id=format!("lang-{}", lang.tag())
                    aria-pressed=move || current().to_string()
                    aria-busy=move || (language.pending.get() == Some(lang)).then_some("true")
                    on:click=move |_| language.switch(lang)>
                    {lang.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=w().shell.language_label>
            {buttons}
        </nav>
        <Show when=move || language.failed.get()>
            <p class="banner error lang-missing" role="alert" id="lang-missing">{w().shell.language_missing}</p>
        </Show>
    }
}
