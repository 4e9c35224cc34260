//! The spec's columns, named once: the loader's hint, the validator's
//! header check and the importer's output all take their names from here.

/// A column of the spec's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    StatusCode,
    ErrorCode,
    ErrorMsg,
    Description,
    HandlingMeasure,
    Category,
    Retryable,
    Deprecated,
}

impl Field {
    /// Every field, in the spec's column order.
    pub const ALL: [Field; 8] = [
        Field::StatusCode,
        Field::ErrorCode,
        Field::ErrorMsg,
        Field::Description,
        Field::HandlingMeasure,
        Field::Category,
        Field::Retryable,
        Field::Deprecated,
    ];

    /// The five fields every spec table has.
    pub const REQUIRED: [Field; 5] = [
        Field::StatusCode,
        Field::ErrorCode,
        Field::ErrorMsg,
        Field::Description,
        Field::HandlingMeasure,
    ];

    /// The editorial fields a table may have.
    pub const OPTIONAL: [Field; 3] = [Field::Category, Field::Retryable, Field::Deprecated];

    /// The column's name in a spec table (`status_code`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Field::StatusCode => "status_code",
            Field::ErrorCode => "error_code",
            Field::ErrorMsg => "error_msg",
            Field::Description => "description",
            Field::HandlingMeasure => "handling_measure",
            Field::Category => "category",
            Field::Retryable => "retryable",
            Field::Deprecated => "deprecated",
        }
    }

    #[must_use]
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The names of `fields`, in their order.
    #[must_use]
    pub const fn names<const N: usize>(fields: [Field; N]) -> [&'static str; N] {
        let mut names = [""; N];
        let mut i = 0;
        while i < N {
            names[i] = fields[i].name();
            i += 1;
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_spec_order() {
        assert_eq!(
            Field::names(Field::REQUIRED),
            [
                "status_code",
                "error_code",
                "error_msg",
                "description",
                "handling_measure"
            ]
        );
        for field in Field::ALL {
            assert_eq!(Field::from_name(field.name()), Some(field));
        }
        assert_eq!(Field::from_name("kind"), None);
    }
}
