//! The words of the batch area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The batch area's words.
    Batch {
    }
);
