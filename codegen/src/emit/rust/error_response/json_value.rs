//! `JsonValue`: the parts of a body that its shape leaves open (an error
//! object's `innererror`, a google body's `details`, a problem's extension
//! members), kept as they were read so that they can be inspected and
//! written back. The crate has no JSON library of its own: this is the one
//! value type it needs, with text for numbers (so that it derives `Eq` and
//! `Hash` like the rest, and keeps every number as written).

use proc_macro2::TokenStream;
use quote::quote;

/// The `serde::ser` traits that [`serde_impls`] uses.
pub(super) const SER_TRAITS: [&str; 2] = ["SerializeMap", "SerializeSeq"];

/// The public type and its accessors, in every build.
pub(super) fn public_type() -> TokenStream {
    quote! {
        /// A JSON value of a part of an error body that its shape leaves open,
        /// as it was read.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum JsonValue {
            /// `null`.
            Null,
            /// `true` or `false`.
            Bool(bool),
            /// A number, as its decimal text (`30`, `-0.5`): integers in full,
            /// never with an exponent.
            Number(String),
            /// A string.
            String(String),
            /// An array.
            Array(Vec<JsonValue>),
            /// An object's members, in the order read (a key appears once: the
            /// last of repeated keys wins, as in `JSON.parse`).
            Object(Vec<(String, JsonValue)>),
        }

        impl JsonValue {
            /// The value of an object's member, or `None` if this is not an
            /// object or it has no such member.
            #[must_use]
            pub fn get(&self, key: &str) -> Option<&JsonValue> {
                match self {
                    JsonValue::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
                    _ => None,
                }
            }

            /// The text of a string, or `None` if this is not one.
            #[must_use]
            pub fn as_str(&self) -> Option<&str> {
                match self {
                    JsonValue::String(text) => Some(text),
                    _ => None,
                }
            }
        }
    }
}

/// Inside the `serde` module: `JsonValue`'s serde impls, and, with
/// `kind`, the helper that names what a value is in the reader's messages.
pub(super) fn serde_impls(kind: bool) -> TokenStream {
    let kind = if kind { kind_helper() } else { quote!() };
    quote! {
        impl<'de> Deserialize<'de> for JsonValue {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(ValueVisitor)
            }
        }

        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = JsonValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<JsonValue, E> {
                Ok(JsonValue::Bool(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<JsonValue, E> {
                Ok(JsonValue::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<JsonValue, E> {
                Ok(JsonValue::String(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsonValue, E> {
                Ok(JsonValue::Number(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsonValue, E> {
                Ok(JsonValue::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsonValue, E> {
                Ok(JsonValue::Number(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<JsonValue, E> {
                Ok(JsonValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<JsonValue, E> {
                Ok(JsonValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<JsonValue, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(JsonValue::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonValue, A::Error> {
                let mut members: Vec<(String, JsonValue)> = Vec::new();
                let mut places: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
                while let Some((key, value)) = map.next_entry::<String, JsonValue>()? {
                    // The last of repeated keys wins, in the place of the first.
                    if let Some(member) = places.get(&key).and_then(|&place| members.get_mut(place)) {
                        member.1 = value;
                    } else {
                        places.insert(key.clone(), members.len());
                        members.push((key, value));
                    }
                }
                Ok(JsonValue::Object(members))
            }
        }

        impl Serialize for JsonValue {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    JsonValue::Null => serializer.serialize_unit(),
                    JsonValue::Bool(v) => serializer.serialize_bool(*v),
                    JsonValue::Number(text) => {
                        if let Ok(n) = text.parse::<u64>() {
                            serializer.serialize_u64(n)
                        } else if let Ok(n) = text.parse::<i64>() {
                            serializer.serialize_i64(n)
                        } else if let Ok(n) = text.parse::<f64>() {
                            serializer.serialize_f64(n)
                        } else {
                            Err(serde::ser::Error::custom(format!("`{text}` is not a number")))
                        }
                    }
                    JsonValue::String(text) => serializer.serialize_str(text),
                    JsonValue::Array(items) => {
                        let mut seq = serializer.serialize_seq(Some(items.len()))?;
                        for item in items {
                            seq.serialize_element(item)?;
                        }
                        seq.end()
                    }
                    JsonValue::Object(members) => {
                        let mut map = serializer.serialize_map(Some(members.len()))?;
                        for (key, value) in members {
                            map.serialize_entry(key, value)?;
                        }
                        map.end()
                    }
                }
            }
        }

        #kind
    }
}

fn kind_helper() -> TokenStream {
    quote! {
        /// What a value is, for messages: `a number`.
        fn kind(value: &JsonValue) -> &'static str {
            match value {
                JsonValue::Null => "null",
                JsonValue::Bool(_) => "a boolean",
                JsonValue::Number(_) => "a number",
                JsonValue::String(_) => "a string",
                JsonValue::Array(_) => "an array",
                JsonValue::Object(_) => "an object",
            }
        }
    }
}
