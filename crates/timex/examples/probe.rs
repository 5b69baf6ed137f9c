//! Print what `find` makes of one sentence: `probe DCT TEXT`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dct = chrono::NaiveDate::parse_from_str(&args[0], "%Y-%m-%d").ok();
    let text = args[1..].join(" ");
    for t in chronicle_timex::find(&text, dct) {
        println!("{:?}\t{}\t{}", t.span.slice(&text), t.kind.as_str(), t.value);
    }
}
