// The one host global that the README example uses (the consumers load no @types).
declare const console: { log(...values: unknown[]): void };
