//! Why a command failed, and the exit code that says so.
//!
//! 0 success, 1 `check` found drift, 2 the spec has errors (or `gen` would
//! drop codes without a breaking version), 3 anything else: bad usage, a file
//! that cannot be read or written, a failed CI step.

use std::process::ExitCode;

/// Why a command failed; each has its exit code.
#[derive(Debug)]
pub enum Failure {
    /// `check` found differences (already printed).
    Drift,
    /// The spec has errors (already printed).
    SpecErrors,
    /// The command line is wrong: the message, then the command's usage.
    Usage(String),
    Other(String),
}

impl Failure {
    /// Prints what was not printed yet, and gives the exit code.
    #[must_use]
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Drift => ExitCode::from(1),
            Failure::SpecErrors => ExitCode::from(2),
            Failure::Usage(message) => {
                eprintln!("error: {message}\n\nrun `cargo xtask help` for the commands");
                ExitCode::from(3)
            }
            Failure::Other(message) => {
                eprintln!("error: {message}");
                ExitCode::from(3)
            }
        }
    }

    /// The failure as one line, for a CI step that ran a command.
    #[must_use]
    pub fn describe(self, what: &str) -> String {
        match self {
            Failure::Drift => format!("{what}: the output differs (diff above)"),
            Failure::SpecErrors => format!("{what}: the spec has errors (shown above)"),
            Failure::Usage(message) | Failure::Other(message) => format!("{what}: {message}"),
        }
    }
}
