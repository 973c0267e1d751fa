//! The words of the errors area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The errors area's words.
    Errors {
    }
);
