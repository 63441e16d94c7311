//! The exports of a tree: Mermaid (snapshot, escaping), DOT (renders with Graphviz when it
//! is installed), JSON (validates against its own schema).

use std::path::Path;

use treelint_core::export::{Format, SCHEMA, export};
use treelint_core::{Config, Document};

fn canonical() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Document::parse(text, &Config::default())
}

/// Labels that try every escape: quotes, brackets, `<`, `|`, `#`, `&`, backticks, emoji.
const HOSTILE: &str = r#"# Decision Tree: "Quotes" & <b>tags</b>

## The Tree

```tree
Is it "really" down? [yes|no] <now>
├── [Check 1] Does `curl` say {"ok": false} | 500?
│   ├── YES "hard" → ✅ ROLL BACK <fast> #quot; 😀
│   └── NO | maybe → go to [Check 2]
└── [Check 2] Is it C# & F#? (a\b)
    ├── YES → ⚠️ ESCALATE "now" -->
    ├── NO → config-change.md#check-2
    └── else → [Check 7]
```
"#;

#[test]
fn mermaid_of_the_canonical_example() {
    insta::assert_snapshot!(export(&canonical(), Format::Mermaid));
}

#[test]
fn mermaid_escapes_every_label() {
    let doc = Document::parse(HOSTILE, &Config::default());
    let out = export(&doc, Format::Mermaid);
    insta::assert_snapshot!(out);
    for line in out.lines().skip_while(|l| *l != "flowchart TD").skip(1) {
        let line = line.trim();
        if line.starts_with("classDef ") || line.starts_with("class ") {
            continue;
        }
        // Between the first and last quote of a line nothing can close the label early.
        if let (Some(a), Some(b)) = (line.find('"'), line.rfind('"')) {
            if a != b {
                let inner = &line[a + 1..b];
                let labels: Vec<&str> = if line.contains("|\"") { inner.split("\"| ").collect() } else { vec![inner] };
                for label in labels {
                    let label = label.trim_end_matches(['"', '|']);
                    assert!(!label.contains(['"', '<', '>', '|', '`']), "unescaped label in {line:?}");
                }
            }
        }
    }
    assert!(out.contains("#quot;really#quot;"));
    assert!(out.contains("#lt;fast#gt; #35;quot; 😀"));
    assert!(out.contains("-.->|\"NO #124; maybe\"| n"));
    assert!(out.contains("[Check 1] Does #96;curl#96; say {#quot;ok#quot;: false} #124; 500?"));
}

#[test]
fn mermaid_draws_questions_as_decisions_answers_on_edges_and_jumps_dashed() {
    let out = export(&canonical(), Format::Mermaid);
    assert!(out.contains("\nflowchart TD\n"));
    assert!(out.contains("n1{\"[Check 1] Is the service completely down or are users actively impacted?\"}"));
    assert!(out.contains("-->|\"YES (production down, revenue impact, error rate #gt; 50%)\"| n3"));
    assert!(out.contains("(\"✅ ROLL BACK IMMEDIATELY\")"));
    assert!(out.contains("classDef action "));
    assert!(out.contains("classDef warning "));
    let doc = Document::parse(HOSTILE, &Config::default());
    let out = export(&doc, Format::Mermaid);
    assert_eq!(out.matches("-.->").count(), 3, "{out}");
}

#[test]
fn dot_carries_the_same_boxes_and_arrows() {
    let doc = canonical();
    let mermaid = export(&doc, Format::Mermaid);
    let dot = export(&doc, Format::Dot);
    assert!(dot.starts_with("digraph \"Decision Tree: Roll Back or Fix Forward?\" {"));
    let is_box =
        |l: &&str| l.trim_start().strip_prefix('n').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let dot_boxes = dot.lines().filter(is_box).filter(|l| !l.contains(" -> ")).count();
    let mermaid_boxes = mermaid
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && !l.contains("-->") && !l.contains("-.->"))
        .count();
    assert_eq!(dot_boxes, mermaid_boxes);
    assert_eq!(dot.matches("style=dashed").count(), mermaid.matches("-.->").count());
    assert_eq!(dot.matches(" -> ").count(), mermaid.matches("-->").count() + mermaid.matches("-.->").count());
    let hostile = export(&Document::parse(HOSTILE, &Config::default()), Format::Dot);
    assert!(hostile.contains(r#"label="Is it \"really\" down? [yes|no]\n<now>""#), "{hostile}");
    assert!(hostile.contains(r#"(a\\b)"#));
}

/// Renders DOT with Graphviz when `dot` is on PATH (CI installs it); skipped otherwise.
#[test]
fn dot_renders_with_graphviz() {
    let Ok(probe) = std::process::Command::new("dot").arg("-V").output() else {
        eprintln!("skipped: graphviz `dot` is not installed");
        return;
    };
    assert!(probe.status.success());
    for doc in [canonical(), Document::parse(HOSTILE, &Config::default())] {
        let dot = export(&doc, Format::Dot);
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "dot failed: {stderr}\n{dot}");
        assert!(!stderr.contains("Error") && !stderr.contains("syntax error"), "{stderr}");
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains("<svg"));
        assert!(svg.matches("class=\"node").count() >= doc.model.graph.node_count() / 2);
    }
}

fn validate(json: &str) {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let value: serde_json::Value = serde_json::from_str(json).expect("the export is JSON");
    let errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_of_the_canonical_example_validates_against_its_schema() {
    let doc = canonical();
    let json = export(&doc, Format::Json);
    validate(&json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["nodes"].as_array().unwrap().len(), doc.model.graph.node_count());
    assert_eq!(value["edges"].as_array().unwrap().len(), doc.model.graph.edge_count());
    assert_eq!(value["sections"]["actions"].as_array().unwrap().len(), 5);
    // Spans agree with the text: the node's text is the slice its byte range names.
    let first = &value["nodes"][1];
    let (start, end) =
        (first["span"]["start"].as_u64().unwrap() as usize, first["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&doc.text[start..end], first["text"].as_str().unwrap());
    assert_eq!((first["span"]["line"].as_u64(), first["span"]["column"].as_u64()), (Some(13), Some(5)));
    // Answers label the edges from their question.
    let labelled = value["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "YES (production down, revenue impact, error rate > 50%)")
        .count();
    assert_eq!(labelled, 1);
}

#[test]
fn json_of_every_library_tree_and_odd_documents_validates() {
    let mut texts: Vec<String> =
        vec![HOSTILE.into(), String::new(), "no tree here\n".into(), "```tree\n├── implicit root\n```\n".into()];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../trees");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "md") {
                texts.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    for text in texts {
        validate(&export(&Document::parse(text, &Config::default()), Format::Json));
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&export(&canonical(), Format::Json)).unwrap();
    assert!(validator.is_valid(&value));
    value["version"] = 2.into();
    assert!(!validator.is_valid(&value));
    value["version"] = 1.into();
    value["nodes"][0]["kind"] = "leaf".into();
    assert!(!validator.is_valid(&value));
}
