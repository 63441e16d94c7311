//! `treelint walk` end to end: scripted (`--answers`), plain prompts, and the full screen in a
//! pseudo-terminal.

mod plain;
mod pty;
mod scripted;
