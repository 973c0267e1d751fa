//! What the wire and storage types add to serde's derives, as `deserialize_with` helpers:
//! structs read from objects only, lists that may be `null`, list items numbered in
//! messages, and what kind a JSON value is, for messages.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// Reads `text` as `T`, which must be written as a JSON object.
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str::<Object<T>>(text).map(|o| o.0)
}

/// A struct read from a JSON object only. serde's derive also reads a struct written as
/// an array of its fields in order (`[80, 8080, "TCP"]`); no server and no storage writes
/// that, and the console refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
                Err(de::Error::custom("expected an object, not an array"))
            }
        }

        d.deserialize_any(ObjectVisitor(PhantomData)).map(Object)
    }
}

/// `deserialize_with` for a struct field: read from an object only (see [`Object`]).
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Object::deserialize(d).map(|o| o.0)
}

/// `deserialize_with` for a list that must be there, of objects (see [`Object`]).
pub fn object_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<Object<T>>::deserialize(d)?;
    Ok(items.into_iter().map(|o| o.0).collect())
}

/// `deserialize_with` for a list that servers may send as `null`: `null` reads as empty
/// (with `#[serde(default)]`, a missing list does too).
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_option(Items {
        name: None,
        item: PhantomData,
    })
}

/// [`list`], of objects.
pub fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let items: Vec<Object<T>> = list(d)?;
    Ok(items.into_iter().map(|o| o.0).collect())
}

/// [`list`], with a bad item's message saying which one: `connections[2]: missing field
/// `id``. `deserialize_with` takes a function of the deserializer only, so each such
/// list has a one-line function that names it.
pub fn numbered<'de, D, T>(d: D, name: &'static str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_option(Items {
        name: Some(name),
        item: PhantomData,
    })
}

/// [`numbered`], of objects.
pub fn numbered_objects<'de, D, T>(d: D, name: &'static str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items: Vec<Object<T>> = numbered(d, name)?;
    Ok(items.into_iter().map(|o| o.0).collect())
}

/// A list, or `null` for an empty one; `name` numbers its items in messages.
struct Items<T> {
    name: Option<&'static str>,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        loop {
            match seq.next_element() {
                Ok(Some(item)) => out.push(item),
                Ok(None) => return Ok(out),
                Err(e) => {
                    let Some(name) = self.name else {
                        return Err(e);
                    };
                    let message = e.to_string();
                    return Err(de::Error::custom(format_args!(
                        "{name}[{}]: {}",
                        out.len(),
                        without_position(&message)
                    )));
                }
            }
        }
    }
}

/// serde_json's message without the ` at line L column C` it ends with: the error this
/// message goes into gets its own position.
fn without_position(message: &str) -> &str {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match message.rfind(" at line ") {
        Some(at)
            if message[at + " at line ".len()..]
                .split_once(" column ")
                .is_some_and(|(line, column)| digits(line) && digits(column)) =>
        {
            &message[..at]
        }
        _ => message,
    }
}

/// What kind the value written as `raw` (valid JSON) is, for messages.
pub fn raw_kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Whether `text` is one JSON value, every string in it text (no lone surrogate, bad
/// escape or raw control character), as serde_json reads a `Value`, without building one.
pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<Checked>(text).is_ok()
}

/// Any JSON value, read and dropped; strings are read as text, so they are checked.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}
