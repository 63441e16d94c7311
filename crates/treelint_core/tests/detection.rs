//! Which documents hold a tree (FORMAT.md §1), and which only look like one.

use treelint_core::{Config, Document};

fn is_tree(text: &str) -> bool {
    Document::parse(text, &Config::default()).is_tree()
}

#[test]
fn a_tree_info_string_declares_a_tree() {
    assert!(is_tree("```tree\nRoot\n└── A\n```\n"));
    assert!(is_tree("```decision-tree\nRoot\n└── A\n```\n"));
}

#[test]
fn a_block_under_the_tree_heading_is_a_tree() {
    assert!(is_tree("# Decision Tree: X\n\n## The Tree\n\n```\nRoot\n└── A\n```\n"));
    // Outside a tree document the heading proves nothing: the block must read as a decision.
    assert!(!is_tree("## The Tree\n\n```\nRoot\n└── A\n```\n"));
}

#[test]
fn an_undeclared_block_that_draws_decisions_is_a_tree() {
    assert!(is_tree("```\nIs it down?\n├── YES → ✅ PAGE\n└── NO → ✅ WAIT\n```\n"));
    assert!(is_tree("```text\nIs it down?\n|-- YES -> page\n`-- NO -> wait\n```\n"));
}

#[test]
fn directory_listings_and_box_tables_are_not_trees() {
    assert!(!is_tree("```\nsrc/\n├── lib.rs\n└── main.rs\n```\n"));
    assert!(!is_tree("```\n┌────┬────┐\n│ a  │ b  │\n└────┴────┘\n```\n"));
    assert!(!is_tree("src/\n├── lib.rs\n└── main.rs\n"));
    assert!(!is_tree("```bash\ntree .\n├── a.md?\n└── b\n```\n"), "a block in another language is never a tree");
}

#[test]
fn an_unfenced_decision_outline_is_a_tree() {
    let doc = Document::parse("# T\n\nIs it down?\n│\n├── YES → ✅ PAGE\n└── NO → ✅ WAIT\n", &Config::default());
    assert_eq!(doc.blocks.len(), 1);
    assert!(doc.blocks[0].fence.is_none());
    assert_eq!(doc.model.roots.len(), 1, "the root line above the branches belongs to the run");
}
