//! Statuses as pages write them: a number (`400`), a number with its reason
//! phrase before or after it (`400 Bad Request`, `Bad Request (400)`,
//! `BadRequest (400)`), or several of those for one code (`400/500`,
//! `400 or 404`). Anything else (a class such as `5XX`, a dash, a sentence)
//! is no status the importer can read, and is kept as written.

/// What a status cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// One status.
    One(u16),
    /// Several statuses for one code, in the page's order (no repeats).
    Several(Vec<u16>),
    /// Not a status, or not one that is read (a class, empty text, a sentence).
    Unread,
}

/// Reads a status cell.
pub fn read(text: &str) -> Status {
    let text = text.trim();
    if let Some(status) = one(text) {
        return Status::One(status);
    }
    let mut statuses: Vec<u16> = Vec::new();
    for part in parts(text) {
        let Some(status) = one(part) else {
            return Status::Unread;
        };
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    match statuses.as_slice() {
        [] => Status::Unread,
        [one] => Status::One(*one),
        _ => Status::Several(statuses),
    }
}

/// The parts of a cell that lists statuses: split at `/`, `,`, `;`, line
/// ends, and the words `or` and `and`.
fn parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in text.split(['/', ',', ';', '\n', '、']) {
        let mut rest = piece;
        while let Some(i) = find_word(rest, &["or", "and"]) {
            parts.push(&rest[..i.0]);
            rest = &rest[i.1..];
        }
        parts.push(rest);
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The first of `words` that stands alone in `text` (spaces either side):
/// where it starts and ends.
fn find_word(text: &str, words: &[&str]) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    words
        .iter()
        .filter_map(|word| {
            let needle = format!(" {word} ");
            lower.find(&needle).map(|i| (i, i + needle.len()))
        })
        .min()
}

/// One status: three digits from 100 to 599, alone or with a reason phrase
/// before or after them, either of the two in parentheses.
fn one(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    let end = start
        + bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    if end - start != 3 {
        return None;
    }
    let status: u16 = text[start..end].parse().ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let before = text[..start].trim();
    let after = text[end..].trim();
    let phrase = if before.is_empty() {
        // `400`, `400 Bad Request`, `400 (Bad Request)`, `400 - Bad Request`
        let phrase = after.trim_start_matches(SEPARATORS).trim();
        match phrase.strip_prefix('(') {
            Some(inner) => inner.strip_suffix(')')?.trim(),
            None if phrase.is_empty() => return Some(status),
            None => phrase,
        }
    } else if after.is_empty() {
        // `Bad Request 400`, `Bad Request - 400`
        before.trim_end_matches(SEPARATORS).trim()
    } else if after == ")" {
        // `Bad Request (400)`
        before.strip_suffix('(')?.trim()
    } else {
        return None;
    };
    is_reason_phrase(phrase).then_some(status)
}

/// What may stand between a status and its reason phrase.
const SEPARATORS: &[char] = &[' ', '-', '–', '—', ':'];

/// Short words a reason phrase may hold in lower case (`Request Entity too
/// Large`).
const SMALL_WORDS: [&str; 10] = [
    "a", "an", "the", "of", "to", "for", "in", "on", "not", "too",
];

/// The reason phrases of RFC 9110 and common others, in lower case without
/// spaces or punctuation: a page may write them in any case (`bad request`).
const KNOWN_PHRASES: [&str; 62] = [
    "continue",
    "switchingprotocols",
    "ok",
    "created",
    "accepted",
    "nonauthoritativeinformation",
    "nocontent",
    "resetcontent",
    "partialcontent",
    "multiplechoices",
    "movedpermanently",
    "found",
    "movedtemporarily",
    "seeother",
    "notmodified",
    "useproxy",
    "temporaryredirect",
    "permanentredirect",
    "badrequest",
    "unauthorized",
    "paymentrequired",
    "forbidden",
    "notfound",
    "methodnotallowed",
    "notacceptable",
    "proxyauthenticationrequired",
    "requesttimeout",
    "conflict",
    "gone",
    "lengthrequired",
    "preconditionfailed",
    "contenttoolarge",
    "payloadtoolarge",
    "requestentitytoolarge",
    "uritoolong",
    "requesturitoolong",
    "requesturitoolarge",
    "unsupportedmediatype",
    "rangenotsatisfiable",
    "requestedrangenotsatisfiable",
    "expectationfailed",
    "imateapot",
    "misdirectedrequest",
    "unprocessablecontent",
    "unprocessableentity",
    "locked",
    "faileddependency",
    "tooearly",
    "upgraderequired",
    "preconditionrequired",
    "toomanyrequests",
    "requestheaderfieldstoolarge",
    "unavailableforlegalreasons",
    "internalservererror",
    "notimplemented",
    "badgateway",
    "serviceunavailable",
    "gatewaytimeout",
    "httpversionnotsupported",
    "insufficientstorage",
    "loopdetected",
    "networkauthenticationrequired",
];

/// Text that reads as a reason phrase, not a sentence: a known phrase in any
/// case, or words that start with a capital letter (`Bad Request`,
/// `Client Requested Range Not Satisfiable`, `ObjectNotAppendable`), short
/// words aside.
fn is_reason_phrase(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let is_word = |word: &&str| {
        word.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    if words.is_empty() || !words.iter().all(is_word) {
        return false;
    }
    let letters: String = phrase
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let capitalised = |word: &&str| word.starts_with(char::is_uppercase);
    KNOWN_PHRASES.contains(&letters.as_str())
        || (words.iter().any(capitalised)
            && words.iter().all(|word| {
                capitalised(word) || SMALL_WORDS.contains(&word.to_lowercase().as_str())
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_alone_or_with_its_reason_phrase() {
        for (text, status) in [
            ("400", 400),
            (" 404 ", 404),
            ("400 Bad Request", 400),
            ("414 URI Too Long", 414),
            ("409 ObjectNotAppendable", 409),
            ("416 Client Requested Range Not Satisfiable", 416),
            ("Bad Request (400)", 400),
            ("BadRequest (400)", 400),
            ("Unauthorized (401)", 401),
            ("Requested Range Not Satisfiable (416)", 416),
            ("400 (Bad Request)", 400),
            ("429 - Too Many Requests", 429),
            ("422 Unprocessable Entity", 422),
            ("418 I'm a teapot", 418),
            ("400 bad request", 400),
            ("service unavailable (503)", 503),
            ("414 Request-URI Too Large", 414),
            ("Not Found 404", 404),
        ] {
            assert_eq!(read(text), Status::One(status), "{text}");
        }
    }

    #[test]
    fn several_statuses_for_one_code() {
        for (text, statuses) in [
            ("400/500", vec![400, 500]),
            ("400/404/500", vec![400, 404, 500]),
            ("400 or 404", vec![400, 404]),
            ("400, 409 and 500", vec![400, 409, 500]),
            ("400 Bad Request / 404 Not Found", vec![400, 404]),
            ("Bad Request (400)\nNot Found (404)", vec![400, 404]),
        ] {
            assert_eq!(read(text), Status::Several(statuses), "{text}");
        }
        assert_eq!(read("400/400"), Status::One(400));
    }

    #[test]
    fn anything_else_is_kept_as_written() {
        for text in [
            "",
            "5XX",
            "4xx",
            "-",
            "N/A",
            "40",
            "4000",
            "600",
            "099",
            "400 when the body is invalid",
            "400 (see the note)",
            "400 (Bad Request",
            "Bad Request) 400",
            "400 Bad Request 500",
            "HTTP 400 Bad Request 1",
            "400/5XX",
            "or",
        ] {
            assert_eq!(read(text), Status::Unread, "{text:?}");
        }
    }
}
