//! Markdown to plain text: headings, emphasis, links, images, code fences,
//! HTML comments and table rules lose their markup; the words stay.

use regex::Regex;
use std::sync::LazyLock;

static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
static REF_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\[[^\]]*\]").unwrap());
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\*\*|__|\*|`|~~)").unwrap());
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}#{1,6}\s*").unwrap());
static LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d+\.)\s+").unwrap());
static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[A-Za-z][^>]{0,200}>").unwrap());
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*_]\s*){3,}$|^\s*\|?[\s:|-]+\|[\s:|-]*$").unwrap());
static REF_DEF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\[[^\]]+\]:\s*\S+").unwrap());

/// Markdown reduced to the plain text a reader sees.
pub fn to_plain(source: &str) -> String {
    let source = COMMENT.replace_all(source, "");
    let mut out = String::with_capacity(source.len());
    let mut in_front_matter = source.starts_with("---\n");
    let mut in_code = false;
    for (n, line) in source.lines().enumerate() {
        if in_front_matter {
            if n > 0 && line.trim() == "---" {
                in_front_matter = false;
            }
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            out.push('\n');
            continue;
        }
        if in_code || RULE.is_match(line) || REF_DEF.is_match(line) {
            out.push('\n');
            continue;
        }
        let line = HEADING.replace(line, "");
        let line = LIST.replace(&line, "- ");
        let line = line.trim_start_matches('>').trim_start();
        let line = IMAGE.replace_all(line, "");
        let line = LINK.replace_all(&line, "$1");
        let line = REF_LINK.replace_all(&line, "$1");
        let line = TAG.replace_all(&line, "");
        let line = EMPHASIS.replace_all(&line, "");
        let line = line.trim_matches('|').replace(" | ", "  ");
        out.push_str(line.trim());
        out.push('\n');
    }
    out
}
