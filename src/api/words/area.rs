//! The `area!` macro: one area's keys and its three tables (see [`super::table`]).

/// `area!(Name { key: "English" / "中文" / "Deutsch", … })`: a struct of the area's keys
/// and its three tables, `Name::EN`, `Name::ZH` and `Name::DE`.
macro_rules! area {
    ($(#[$m:meta])* $name:ident { $($(#[$km:meta])* $key:ident: $en:literal / $zh:literal / $de:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug)]
        pub struct $name {
            $($(#[$km])* pub $key: &'static str,)*
        }

        impl $name {
            pub const EN: $name = $name { $($key: $en,)* };
            pub const ZH: $name = $name { $($key: $zh,)* };
            pub const DE: $name = $name { $($key: $de,)* };

            /// Every key with its text, for the checks of the tables.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}
pub(crate) use area;
