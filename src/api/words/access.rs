//! The words of the access area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The access area's words.
    Access {
    }
);
