//! Labelled form controls whose messages are tied to them for screen readers.

use leptos::prelude::*;

/// A labelled text input bound to `value`, with an optional rule in words under it
/// and the current error, if any, linked by `aria-describedby`.
#[component]
pub fn TextField(
    /// DOM id of the input; the error's id is this plus `-error`.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// What the user typed; the field writes every keystroke here.
    value: RwSignal<String>,
    /// The current problem with the value, shown under the field.
    #[prop(into, optional)]
    error: MaybeProp<String>,
    /// The rule in words, always shown.
    #[prop(optional)]
    help: Option<&'static str>,
    /// `text`, `password`, `url`, ...
    #[prop(optional)]
    input_type: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Shown but not editable (a value the deployment fixes).
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described_by = {
        let (error_id, help_id) = (error_id.clone(), help_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            if help.is_some() {
                ids.push(help_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=input_type.unwrap_or("text")
                placeholder=placeholder
                list=list
                autocomplete=autocomplete.unwrap_or("off")
                spellcheck="false"
                readonly=readonly
                bind:value=value
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
            />
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> })}
            <p class="error" id=error_id>{move || error.get()}</p>
        </div>
    }
}
