//! JSON objects that keep their keys in the order they were built.
//!
//! `serde_json`'s `Value` sorts keys (its `preserve_order` feature would change
//! every JSON output of the workspace), but these documents read best top
//! down: the `@generated` key first, `openapi` and `info` before the
//! components, a schema's `type` before its `enum`, and the maps that have
//! one entry per code in table order. `serde_json` still writes every byte:
//! [`Json`] only decides the order in which it is handed the entries.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A JSON value whose objects keep their keys in insertion order.
#[derive(Clone, Debug)]
pub enum Json {
    /// A value as `serde_json` writes it (any object inside it sorted by key).
    Value(Value),
    Object(Object),
    Array(Vec<Json>),
}

/// A JSON object: its entries in insertion order.
#[derive(Clone, Debug, Default)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The object with one more entry, last.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Json>) -> Self {
        self.insert(key, value);
        self
    }

    /// Adds an entry, last. Keys are the caller's to keep distinct.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        self.0.push((key.into(), value.into()));
    }

    /// Adds every entry of `other`, in its order.
    pub fn extend(&mut self, other: Object) {
        self.0.extend(other.0);
    }

    /// The keys, in order (for the tests).
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(key, _)| key.as_str())
    }

    /// The value of the first entry with this key (for the tests).
    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
    }
}

impl Json {
    /// The object this is, if it is one (for the tests).
    #[cfg(test)]
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The document as pretty-printed JSON (two-space indent, one array
    /// item per line), ending with a line feed.
    #[must_use]
    pub fn pretty(&self) -> String {
        crate::emit::pretty_json(self)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Value(value) => value.serialize(serializer),
            Json::Object(object) => object.serialize(serializer),
            Json::Array(items) => serializer.collect_seq(items),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl From<Object> for Json {
    fn from(object: Object) -> Self {
        Json::Object(object)
    }
}

impl From<Value> for Json {
    fn from(value: Value) -> Self {
        Json::Value(value)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Json::Value(Value::from(text))
    }
}

impl From<String> for Json {
    fn from(text: String) -> Self {
        Json::Value(Value::from(text))
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Value(Value::from(b))
    }
}

impl From<u16> for Json {
    fn from(n: u16) -> Self {
        Json::Value(Value::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_text_is_escaped_by_serde_json() {
        let doc = Json::from(
            Object::new()
                .with("z", "*/ \"quoted\" \\ </script>")
                .with("a", vec![Json::from(1u16), Json::from(true)])
                .with("m", serde_json::json!({"b": 1, "a": 2})),
        );
        let text = doc.pretty();
        assert_eq!(
            text,
            "{\n  \"z\": \"*/ \\\"quoted\\\" \\\\ </script>\",\n  \"a\": [\n    1,\n    true\n  ],\n  \
             \"m\": {\n    \"a\": 2,\n    \"b\": 1\n  }\n}\n"
        );
        let parsed: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(parsed["z"], "*/ \"quoted\" \\ </script>");
    }
}
