//! The words of the batch area, in English / Chinese / German (see [`super::table`]).

use super::table::area;

area!(
    /// The batch area's words.
    Batch {
    }
);
