#!/usr/bin/env bash
# Seed inputs for the fuzz targets, made from the project's own fixtures and
# samples (written to seeds/, which is not committed):
#   bash seed.sh && cargo +nightly fuzz run extract_page corpus/extract_page seeds/extract_page
set -euo pipefail
cd "$(dirname "$0")"
root=..
rm -rf seeds && mkdir -p seeds/{extract_page,feed,jsonl_lines,pubdate,timex}

# extract_page: the first byte picks the name (0 page.html, 1 page, 2 note.txt, 3 note.md).
n=0
for f in "$root"/crates/extract/tests/fixtures/*/input.* "$root"/samples/articles/*; do
  case "$f" in *.md) pick='\x03' ;; *.txt) pick='\x02' ;; *) pick='\x00' ;; esac
  { printf "$pick"; cat "$f"; } > "seeds/extract_page/$n"
  n=$((n + 1))
done

cat > seeds/feed/rss <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferries resume</title><link>https://gazette.example/ferries</link><guid>f-1</guid>
<pubDate>Tue, 06 May 2031 09:30:00 GMT</pubDate><author>Ana Lind</author>
<description>&lt;p&gt;The ferry crews returned to work on Tuesday.&lt;/p&gt;</description></item>
</channel></rss>
XML
cat > seeds/feed/atom <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Port Kessel News</title><id>urn:kessel</id>
<updated>2031-05-06T10:00:00Z</updated>
<entry><title>Council approves the budget</title><id>urn:kessel:1</id><link href="https://kessel.example/budget"/>
<published>2031-05-05T18:00:00+02:00</published><author><name>Jo Marr</name></author>
<content type="html">&lt;p&gt;The council approved the harbour budget.&lt;/p&gt;</content></entry>
</feed>
XML

cp "$root"/samples/events.jsonl seeds/jsonl_lines/events
cat > seeds/jsonl_lines/dump <<'JSON'
{"id": 1, "title": "Ferries resume", "text": "The ferry crews returned to work.", "published": "2031-05-06T09:30:00Z", "url": "https://gazette.example/ferries", "source": "Harbour Gazette", "authors": ["Ana Lind"]}
{"text": "Talks opened in Marsovia on Friday.", "date": "2031-05-02"}
{"date": "2031-05-02", "text": "Talks open.", "outlets": ["Gazette", {"name": "Courier"}], "stories": null, "category": "Politics"}
JSON

for d in "2031-05-06" "2031-05-06T09:30:00+02:00" "Tue, 06 May 2031 09:30:00 GMT" "May 6, 2031" "6 May 2031" \
  "https://news.example/2031/05/06/ferries" "https://news.example/20310506/x" "06.05.2031" "2031-05-06 21:37:37Z"; do
  printf '%s' "$d" > "seeds/pubdate/$(printf '%s' "$d" | sha1sum | cut -c1-12)"
done

# timex: two bytes of document date (days after 1900-01-01, little-endian), then text.
for f in "$root"/samples/articles/*.txt "$root"/crates/extract/tests/fixtures/plain_*/input.*; do
  { printf '\x10\xb3'; cat "$f"; } > "seeds/timex/$(basename "$(dirname "$f")")-$(basename "$f")"
done
printf '\x10\xb3%s' "Net rose in the fourth quarter from a year earlier; talks resume next Tuesday at 6 a.m. for two days." > seeds/timex/sentence
