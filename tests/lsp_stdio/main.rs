//! `treelint lsp` end to end, over stdio.

mod stdio;
