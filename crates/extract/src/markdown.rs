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

/// What a YAML front matter block (`---` lines at the top) says of the
/// document: the metadata a Markdown writer gives, read key by key.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
}

/// Read the `key: value` lines of the front matter; nested YAML is passed
/// over, since no metadata we use lives there.
pub fn front_matter(source: &str) -> FrontMatter {
    let mut out = FrontMatter::default();
    let source = source.trim_start_matches('\u{feff}');
    if !source.starts_with("---\n") && !source.starts_with("---\r\n") {
        return out;
    }
    for line in source.lines().skip(1).take_while(|l| l.trim() != "---") {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() || key.starts_with(char::is_whitespace) {
            continue;
        }
        let value = Some(value.to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => out.title = value,
            "date" | "published" | "pubdate" => out.date = value,
            "site" | "source" | "publisher" => out.site = value,
            "author" | "authors" | "by" => out.authors = split_authors(value.as_deref().unwrap_or_default()),
            "url" | "link" | "canonical" => out.url = value,
            _ => {}
        }
    }
    out
}

fn split_authors(value: &str) -> Vec<String> {
    value
        .trim_matches(|c| c == '[' || c == ']')
        .split([',', ';'])
        .map(|a| a.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

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
