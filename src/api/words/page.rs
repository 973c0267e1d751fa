//! The words of the page area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The page area's words.
    Page {
    }
);
