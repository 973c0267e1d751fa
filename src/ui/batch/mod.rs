//! Many services at once: the selection in the list, one change for all of them, the
//! per-service review, the run (progress, cancel, retry failed) and its results.
//!
//! The decisions are the core's ([`crate::api::batch`]): what each service gets, when the
//! next request may start, what a throttled answer means. The one run driver
//! ([`crate::ui::run`]) sends what its runner hands out; these modules draw where each row
//! stands.
//!
//! - [`state`]: the batch's signals, held by the console (made by [`Console::batch`](crate::ui::state::Console::batch));
//! - [`selection`]: the row and page boxes, *Select all N matching*, the change to make;
//! - [`flow`]: review, start, cancel, retry, close;
//! - [`panel`]: the review and the run as drawn.

pub mod flow;
pub mod panel;
pub mod selection;
pub mod state;

use leptos::prelude::*;
use state::BatchState;

impl crate::ui::state::Console {
    /// The batch's state, made the first time the list's code asks for it (so its signals
    /// are not in the first download), under the console's owner: it outlives the list.
    pub fn batch(self) -> BatchState {
        if let Some(b) = self.batch_slot.get_value() {
            return b;
        }
        let b = crate::ui::state::with_console_owner(|| BatchState::new(self.batch_defaults));
        self.batch_slot.set_value(Some(b));
        b
    }
}
