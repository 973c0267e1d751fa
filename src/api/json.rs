//! A small JSON module: a parser to a value tree, a writer (compact and pretty), and one
//! set of readers that the wire and storage types use to read their fields.
//!
//! It replaces serde and serde_json in the console, whose derived code cost about 18 KB
//! of the gzipped wasm. It accepts exactly what serde_json accepts (RFC 8259, nesting up
//! to 127 levels, numbers that are finite as `f64`) and writes what serde_json writes.
//! Parsing is linear in the length of the text, and its recursion is bounded by the depth
//! limit, so no input can overflow the stack.

use std::fmt;

/// A JSON value. Objects keep their members in the order written, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written: valid JSON, and finite as an `f64`.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Arrays and objects nest at most this deep, less one (serde_json's limit: 127 levels
/// read, the 128th is refused).
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: &'static str,
    /// 1-based, like serde_json's.
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Parses a whole text (whitespace around the value is allowed, anything else is not).
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = p.value(MAX_DEPTH)?;
    p.skip_ws();
    if p.at < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> SyntaxError {
        // After a bad escape the position can be inside a character: back to its start.
        let mut at = self.at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError {
            message,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, without taking it; `eof` names what was cut.
    fn next_token(&mut self, eof: &'static str) -> Result<u8, SyntaxError> {
        self.skip_ws();
        self.peek().ok_or_else(|| self.error(eof))
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        match self.next_token("EOF while parsing a value")? {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            open @ (b'[' | b'{') => {
                if depth <= 1 {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.at += 1;
                if open == b'[' {
                    self.array(depth - 1)
                } else {
                    self.object(depth - 1)
                }
            }
            _ => Err(self.error("expected value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Json) -> Result<Json, SyntaxError> {
        for &b in word.as_bytes() {
            match self.peek() {
                Some(c) if c == b => self.at += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        let mut items = Vec::new();
        if self.next_token("EOF while parsing a list")? == b']' {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            match self.next_token("EOF while parsing a list")? {
                b',' => {
                    self.at += 1;
                    if self.next_token("EOF while parsing a value")? == b']' {
                        return Err(self.error("trailing comma"));
                    }
                }
                b']' => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        let mut members = Vec::new();
        if self.next_token("EOF while parsing an object")? == b'}' {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            if self.next_token("EOF while parsing an object")? != b'"' {
                return Err(self.error("key must be a string"));
            }
            let key = self.string()?;
            if self.next_token("EOF while parsing an object")? != b':' {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            members.push((key, self.value(depth)?));
            match self.next_token("EOF while parsing an object")? {
                b',' => {
                    self.at += 1;
                    if self.next_token("EOF while parsing a value")? == b'}' {
                        return Err(self.error("trailing comma"));
                    }
                }
                b'}' => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        let mut start = self.at;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            match b {
                b'"' | b'\\' => {
                    // Both are ASCII, so the run before them is whole UTF-8.
                    out.push_str(&self.text[start..self.at]);
                    self.at += 1;
                    if b == b'"' {
                        return Ok(out);
                    }
                    self.escape(&mut out)?;
                    start = self.at;
                }
                0..=0x1f => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => self.at += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone leading surrogate in hex escape"))
                    }
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                            self.at = (self.at + 1).min(self.bytes.len());
                            return Err(self.error("unexpected end of hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    n => n,
                };
                // Surrogates are handled above: every other code is a char.
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            let digit = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            self.at += 1;
            n = n * 16 + digit;
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let raw = &self.text[start..self.at];
        if overflows_f64(raw) {
            return Err(self.error("number out of range"));
        }
        Ok(Json::Number(raw.to_owned()))
    }
}

/// The smallest decimal that rounds to infinity as an `f64`: 2^1024 - 2^970, digits only.
const F64_OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a valid JSON number is too large for an `f64` (serde_json refuses those),
/// decided on the digits, without the float parser.
fn overflows_f64(raw: &str) -> bool {
    let raw = raw.trim_start_matches('-');
    let (mantissa, exp) = raw.split_once(['e', 'E']).unwrap_or((raw, "0"));
    let (negative, exp) = match exp.strip_prefix('-') {
        Some(e) => (true, e),
        None => (false, exp.trim_start_matches('+')),
    };
    // Clamped: any exponent past 2^40 decides the answer alike.
    let exp = exp
        .bytes()
        .fold(0i64, |n, d| (n * 10 + i64::from(d - b'0')).min(1 << 40));
    let exp = if negative { -exp } else { exp };
    let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let Some(first) = digits.iter().position(|&d| d != b'0') else {
        return false; // zero
    };
    // The power of ten of the first significant digit.
    let magnitude = int_len - 1 - first as i64 + exp;
    match magnitude.cmp(&308) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => {
            let significant = digits[first..].iter().rposition(|&d| d != b'0');
            let significant = &digits[first..=first + significant.unwrap_or(0)];
            significant >= F64_OVERFLOW
        }
    }
}

/// Writes `s` as a JSON string, escaped as serde_json does: `"`, `\`, and control
/// characters (`\b \t \n \f \r`, the others as `\u00XX`); nothing else.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

impl Json {
    /// Compact JSON, as `serde_json::to_string` writes it.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Indented by two spaces, as `serde_json::to_string_pretty` writes it.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// `indent`: `None` for compact output, else the current depth.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        let (open, close, len) = match self {
            Json::Null => return out.push_str("null"),
            Json::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => return out.push_str(n),
            Json::String(s) => return write_str(out, s),
            Json::Array(items) => ('[', ']', items.len()),
            Json::Object(members) => ('{', '}', members.len()),
        };
        out.push(open);
        let inner = indent.map(|d| d + 1);
        let newline = |out: &mut String, depth: Option<usize>| {
            if let Some(d) = depth {
                out.push('\n');
                out.push_str(&"  ".repeat(d));
            }
        };
        for i in 0..len {
            if i > 0 {
                out.push(',');
            }
            newline(out, inner);
            match self {
                Json::Array(items) => items[i].write(out, inner),
                Json::Object(members) => {
                    write_str(out, &members[i].0);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    members[i].1.write(out, inner);
                }
                _ => {}
            }
        }
        if len > 0 {
            newline(out, indent);
        }
        out.push(close);
    }

    /// The member `key` of an object (the last one when it is written twice, as in
    /// serde_json's `Value`); `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|m| &m.1),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: `a string`, `null`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// This value as an object to read fields from.
    pub fn obj(&self) -> Result<Obj<'_>, ReadError> {
        match self {
            Json::Object(members) => Ok(Obj { members }),
            other => Err(ReadError(format!(
                "expected an object, not {}",
                other.kind()
            ))),
        }
    }

    /// A string value, or why not (`what` names it in the message).
    pub fn string_value(&self, what: &str) -> Result<String, ReadError> {
        match self {
            Json::String(s) => Ok(s.clone()),
            other => Err(ReadError::wrong(what, "a string", other)),
        }
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_owned())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(n.to_string())
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

/// Builds an object member by member.
#[derive(Debug, Default)]
pub struct ObjWriter(Vec<(String, Json)>);

impl ObjWriter {
    pub fn new() -> Self {
        ObjWriter::default()
    }

    /// Adds `key` (`null` when `value` is `None`).
    pub fn put(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    /// Adds `key` only when there is a value: unset fields are omitted, never `null`.
    pub fn put_some<T: Into<Json>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    pub fn build(self) -> Json {
        Json::Object(self.0)
    }
}

/// Why a JSON value is not the expected type: the message names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ReadError {
    /// "`field` must be a string, not a number".
    pub fn wrong(field: &str, expected: &str, found: &Json) -> ReadError {
        ReadError(format!(
            "`{field}` must be {expected}, not {}",
            found.kind()
        ))
    }
}

/// An error while reading a text as a type: not JSON at all, or not that type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    Syntax(SyntaxError),
    Read(ReadError),
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Syntax(e) => e.fmt(f),
            JsonError::Read(e) => e.fmt(f),
        }
    }
}

/// Parses `text` and reads it with `read`.
pub fn from_str<T>(text: &str, read: fn(&Json) -> Result<T, ReadError>) -> Result<T, JsonError> {
    read(&parse(text).map_err(JsonError::Syntax)?).map_err(JsonError::Read)
}

/// The fields of an object, read as a derived serde struct reads them: unknown fields
/// are ignored, a field written twice is refused, `null` is a value only for options
/// and lists. A `key` of the form `"code|error_code"` is a field with an alias.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'a> {
    members: &'a [(String, Json)],
}

impl<'a> Obj<'a> {
    /// The value of `key` (or an alias of it), `None` when missing.
    pub fn field(&self, key: &str) -> Result<Option<&'a Json>, ReadError> {
        let mut found = None;
        for (k, v) in self.members {
            if key.split('|').any(|name| name == k) {
                if found.is_some() {
                    return Err(ReadError(format!("duplicate field `{k}`")));
                }
                found = Some(v);
            }
        }
        Ok(found)
    }

    fn name(key: &str) -> &str {
        key.split('|').next().unwrap_or(key)
    }

    /// A value that must be there (`null` included).
    pub fn required(&self, key: &str) -> Result<&'a Json, ReadError> {
        self.field(key)?
            .ok_or_else(|| ReadError(format!("missing field `{}`", Self::name(key))))
    }

    /// A string that must be there.
    pub fn str(&self, key: &str) -> Result<String, ReadError> {
        self.required(key)?.string_value(Self::name(key))
    }

    /// A string, `default` when missing (but not when `null`).
    pub fn str_or(&self, key: &str, default: &str) -> Result<String, ReadError> {
        match self.field(key)? {
            None => Ok(default.to_owned()),
            Some(v) => v.string_value(Self::name(key)),
        }
    }

    /// A value that is `None` when missing or `null`, else read by `read`.
    pub fn opt<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Json) -> Result<T, ReadError>,
    ) -> Result<Option<T>, ReadError> {
        match self.field(key)? {
            None | Some(Json::Null) => Ok(None),
            Some(v) => read(v).map(Some),
        }
    }

    /// A string, or `None` when missing or `null`.
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, ReadError> {
        self.opt(key, |v| v.string_value(Self::name(key)))
    }

    /// A boolean, or `None` when missing or `null`.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, ReadError> {
        self.opt(key, |v| match v {
            Json::Bool(b) => Ok(*b),
            other => Err(ReadError::wrong(Self::name(key), "true or false", other)),
        })
    }

    /// A boolean that must be there.
    pub fn bool(&self, key: &str) -> Result<bool, ReadError> {
        match self.required(key)? {
            Json::Bool(b) => Ok(*b),
            other => Err(ReadError::wrong(Self::name(key), "true or false", other)),
        }
    }

    /// A non-negative integer that must be there and fit a `u32`.
    pub fn u32(&self, key: &str) -> Result<u32, ReadError> {
        let n = self.unsigned(self.required(key)?, key)?;
        u32::try_from(n).map_err(|_| ReadError(format!("`{}` is too large", Self::name(key))))
    }

    /// A non-negative integer that fits a `u64`, `default` when missing.
    pub fn u64_or(&self, key: &str, default: u64) -> Result<u64, ReadError> {
        match self.field(key)? {
            None => Ok(default),
            Some(v) => self.unsigned(v, key),
        }
    }

    /// Only an integer written without fraction, exponent or sign reads as unsigned, as in
    /// serde_json: `80.0`, `8e1` and `-0` are floats there, and refused.
    fn unsigned(&self, v: &Json, key: &str) -> Result<u64, ReadError> {
        match v {
            Json::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n
                .parse()
                .map_err(|_| ReadError(format!("`{}` is too large", Self::name(key)))),
            other => Err(ReadError::wrong(
                Self::name(key),
                "a non-negative integer",
                other,
            )),
        }
    }

    /// A list read item by item; missing or `null` reads as empty.
    pub fn list<T>(
        &self,
        key: &str,
        item: fn(&Json) -> Result<T, ReadError>,
    ) -> Result<Vec<T>, ReadError> {
        match self.field(key)? {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(v) => list_of(v, Self::name(key), item),
        }
    }

    /// Refuses any member not named in `known` (serde's `deny_unknown_fields`).
    pub fn deny_unknown(&self, known: &[&str]) -> Result<(), ReadError> {
        match self
            .members
            .iter()
            .find(|(k, _)| !known.contains(&k.as_str()))
        {
            None => Ok(()),
            Some((k, _)) => Err(ReadError(format!(
                "unknown field `{k}`, expected one of `{}`",
                known.join("`, `")
            ))),
        }
    }
}

/// An array read item by item (`what` names it in the message).
pub fn list_of<T>(
    v: &Json,
    what: &str,
    item: fn(&Json) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    match v {
        Json::Array(items) => items.iter().map(item).collect(),
        other => Err(ReadError::wrong(what, "a list", other)),
    }
}

/// Strings read as a list: `["basic", "profession"]`.
pub fn string_item(v: &Json) -> Result<String, ReadError> {
    v.string_value("item")
}
