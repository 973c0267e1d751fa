//! One wrapper for every form control: it draws the label (with the API's name as
//! secondary text), the rule in words and the current error, and hands the control its
//! id and aria wiring through context, so no control repeats that plumbing.

use leptos::prelude::*;

/// What a control inside a [`LabeledField`] needs to be labelled and described.
#[derive(Clone, Copy)]
pub struct FieldContext {
    pub id: &'static str,
    /// `aria-describedby`: the error (when there is one) and the help.
    pub described_by: Signal<Option<String>>,
    pub invalid: Signal<bool>,
}

/// The context of the enclosing [`LabeledField`].
pub fn use_field() -> FieldContext {
    expect_context::<FieldContext>()
}

/// The `input` handler of a text control that writes to `value` (with `prop:value=value`,
/// what `bind:value` does, without its generic signal type in the download).
pub fn set_text(value: RwSignal<String>) -> impl Fn(web_sys::Event) + Copy {
    move |ev| value.set(event_target_value(&ev))
}

/// The `change` handler of a checkbox that writes to `checked` (with
/// `prop:checked=checked`, what `bind:checked` does).
pub fn set_checked(checked: RwSignal<bool>) -> impl Fn(web_sys::Event) + Copy {
    move |ev| checked.set(event_target_checked(&ev))
}

/// A labelled control with its help and error.
#[component]
pub fn LabeledField(
    /// DOM id of the control; its error has this id plus `-error`, its help plus `-help`.
    id: &'static str,
    /// The console's word for the field.
    label: &'static str,
    /// The API's name of the field, shown after the label.
    #[prop(optional)]
    api: Option<&'static str>,
    /// The rule in words, always shown.
    #[prop(optional)]
    help: Option<&'static str>,
    /// The current problem, shown under the control.
    #[prop(into, optional)]
    error: MaybeProp<String>,
    children: Children,
) -> impl IntoView {
    let invalid = Signal::derive(move || error.with(|e| e.is_some()));
    let described_by = Signal::derive(move || {
        let mut ids = Vec::new();
        if invalid.get() {
            ids.push(format!("{id}-error"));
        }
        if help.is_some() {
            ids.push(format!("{id}-help"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    });
    provide_context(FieldContext {
        id,
        described_by,
        invalid,
    });
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>
                {label}
                {api.map(|a| view! { <code class="api-name">{a}</code> })}
            </label>
            {children()}
            {help.map(|h| view! { <p class="help" id=format!("{id}-help")>{h}</p> })}
            <p class="error" id=format!("{id}-error")>{move || error.get()}</p>
        </div>
    }
}

/// A text input for the enclosing [`LabeledField`], bound to `value`.
#[component]
pub fn TextInput(
    value: RwSignal<String>,
    /// `text`, `password`, `url`, ...
    #[prop(optional)]
    input_type: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Shown but not editable (a value the deployment fixes).
    #[prop(optional)]
    readonly: bool,
    /// What the browser may fill in (`username`, `current-password`…); default `off`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The keyboard a phone shows (`numeric`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let f = use_field();
    view! {
        <input
            id=f.id
            name=f.id
            type=input_type.unwrap_or("text")
            placeholder=placeholder
            list=list
            autocomplete=autocomplete.unwrap_or("off")
            inputmode=inputmode
            spellcheck="false"
            readonly=readonly
            prop:value=value
            on:input=set_text(value)
            aria-invalid=move || f.invalid.get().then_some("true")
            aria-describedby=move || f.described_by.get()
        />
    }
}
