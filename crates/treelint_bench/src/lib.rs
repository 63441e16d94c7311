//! Benchmark support for treelint: a deterministic generator of realistic decision-tree
//! documents ([`corpus`]) and the bare pulldown-cmark pass that is the speed floor
//! ([`floor`]). The binaries `gen-corpus` and `md-floor`, the cargo benches and
//! `bench/compare.sh` are thin shells over these modules.
//!
//! Invariant: generation depends only on its parameters and seed (no clock, no
//! environment), so every machine benchmarks the same bytes.

pub mod corpus;
pub mod floor;
pub mod rng;
