//! The console's languages, which one a visitor gets, and the two helpers every table
//! needs: [`fill`] for a sentence with values in it, [`count`] for a number as the
//! language groups it.

use std::fmt::Display;

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
    De,
}

impl Lang {
    /// In the order the header's switch shows them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhCn, Lang::De];

    /// The BCP 47 tag: `<html lang>`, `?lang=`, localStorage and `Intl` use it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::De => "de",
        }
    }

    /// The language named in itself, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
            Lang::De => "Deutsch",
        }
    }

    /// The console's language for a tag as browsers and links write it (`zh`, `zh-Hans-CN`,
    /// `de-AT`, `EN-us`); none for a language it does not have.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::ZhCn),
            "de" => Some(Lang::De),
            _ => None,
        }
    }
}

/// The language a visitor gets: the link's `?lang=` first (a portal can link to one), then
/// the one they chose before, then the first of the browser's languages the console has,
/// then English. A value the console does not know is passed over, not an error.
pub fn choose_lang<S: AsRef<str>>(
    query: Option<&str>,
    stored: Option<&str>,
    browser: &[S],
) -> Lang {
    query
        .and_then(Lang::from_tag)
        .or_else(|| stored.and_then(Lang::from_tag))
        .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t.as_ref())))
        .unwrap_or(Lang::En)
}

/// A table's sentence with its values: `{0}`, `{1}`, … are replaced by `args` in that
/// order (a language may put them where its grammar wants them). A placeholder without a
/// value stays as it is written.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((close, after[..close].parse::<usize>().ok()?)))
            .and_then(|(close, i)| Some((close, args.get(i)?)));
        match arg {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count as the language groups it (`12,345` in English and Chinese, `12.345` in
/// German). Only for amounts: ports, IDs and codes are never grouped.
pub fn count_in(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}
