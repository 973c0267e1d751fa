//! The words of the page area, in English / Chinese / German (see [`super::table`]).

use super::table::area;

area!(
    /// The page area's words.
    Page {
    }
);
