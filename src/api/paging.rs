//! Paging, as the three server-paged lists share it (the service list, a service's
//! connections, its whitelist): the page is the person's, from 1; the server is asked with
//! `limit` and an `offset` that the first page leaves out.

use super::words::lang::count_in;
use super::words::{fill, w};

/// A number of entries as the language shown now groups it.
fn amount(n: u64) -> String {
    count_in(n, w().core.group_separator)
}

/// Which page of a list, and how big: what each list's view has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// From 1.
    pub number: u32,
    pub size: u32,
}

impl Page {
    /// How many pages `total` entries fill (at least one, so an empty list has a page).
    pub fn count(self, total: u64) -> u32 {
        let size = u64::from(self.size.max(1));
        u32::try_from(total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
    }

    /// The `offset` of this page with pages of `size` (the size as sent, which a list may
    /// have clamped): `None` on the first page, which the references want without one.
    pub fn offset(self, size: u32) -> Option<u32> {
        let offset = (self.number.max(1) - 1).saturating_mul(size);
        (offset > 0).then_some(offset)
    }

    /// "21–40 of 253": which entries this page shows, or "0 of 0".
    pub fn range_text(self, shown: usize, total: u64) -> String {
        if shown == 0 {
            return fill(w().errors.range_none, &[&amount(total)]);
        }
        let first = u64::from(self.number.max(1) - 1) * u64::from(self.size) + 1;
        let last = first + shown as u64 - 1;
        fill(
            w().errors.range,
            &[&amount(first), &amount(last), &amount(total)],
        )
    }
}
