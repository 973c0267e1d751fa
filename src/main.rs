//! The browser entry point, built by trunk for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(vpcep_console::ui::app::start());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "vpcep-console runs in a browser: build it with `trunk build --release` (see README.md)."
    );
    std::process::exit(2);
}
