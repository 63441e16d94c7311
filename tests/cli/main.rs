//! `treelint` as a black box: the built binary run in folders of fixtures, one module per
//! command or concern. One test binary for all of them, since each one costs a link.

mod cli_support;

mod check_canonical;
mod config;
mod corners;
mod export;
mod fix;
mod fmt;
mod formats;
mod hostile_files;
mod integrations;
mod paths;
mod rules;
mod several_trees;
