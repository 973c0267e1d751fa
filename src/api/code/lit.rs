//! String literals of the three languages, so that any value (a description with quotes, a
//! newline, `${`) is written as the value it is.

/// A Python string literal in double quotes (also a valid Go interpreted string literal).
pub fn py(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Go interpreted string literal.
pub fn go(s: &str) -> String {
    py(s)
}

/// An HCL quoted string: as Go's, with `${` and `%{` (template starts) doubled.
pub fn hcl(s: &str) -> String {
    py(&s.replace("${", "$${").replace("%{", "%%{"))
}

/// A Terraform resource name from a service name: letters, digits, `_` and `-`, not
/// starting with a digit.
pub fn tf_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect::<String>()
        .replace('-', "_");
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "service_");
    }
    out
}
