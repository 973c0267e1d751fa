//! The words of the list area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The list area's words.
    List {
    }
);
