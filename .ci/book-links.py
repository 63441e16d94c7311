#!/usr/bin/env python3
"""Fails on a broken internal link in the built book (the HTML mdBook wrote).

Usage: book-links.py BOOK_HTML_DIR

Every `href` and `src` that is not an external URL (a scheme such as https: or mailto:, or
`//host`) must name a file of the built book, and its `#fragment`, if any, an `id` (or
`<a name>`) of that page. Reading the HTML rather than the Markdown checks what readers get:
mdBook's `.md` to `.html` rewriting and its heading ids. Standard library only and offline:
the book's links are local, and a general link checker (lychee and the like) would compile
a few hundred crates (an HTTP client, an async runtime, an HTML5 parser) on a fresh CI
machine for a few hundred local links.
"""

import html.parser
import os
import sys
import urllib.parse

# mdBook's own pages and assets: the print page repeats every chapter, and the search index
# and theme files are mdBook's, not ours.
SKIP_PAGES = {"print.html", "toc.html", "404.html"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (line, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append((self.getpos()[0], value))


def parse(path, cache):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        cache[path] = page
    return cache[path]


def external(url):
    parts = urllib.parse.urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    cache = {}
    broken = []
    pages = 0
    links = 0
    for folder, _, files in os.walk(root):
        for file in sorted(files):
            if not file.endswith(".html") or file in SKIP_PAGES:
                continue
            path = os.path.join(folder, file)
            pages += 1
            for line, url in parse(path, cache).links:
                if external(url) or url.startswith("javascript:"):
                    continue
                links += 1
                parts = urllib.parse.urlsplit(url)
                target = path
                if parts.path:
                    target = os.path.normpath(os.path.join(folder, urllib.parse.unquote(parts.path)))
                    if os.path.isdir(target):
                        target = os.path.join(target, "index.html")
                    if not target.startswith(root + os.sep) or not os.path.isfile(target):
                        broken.append(f"{os.path.relpath(path, root)}:{line}: `{url}`: no such file in the book")
                        continue
                fragment = urllib.parse.unquote(parts.fragment)
                if fragment and target.endswith(".html") and fragment not in parse(target, cache).ids:
                    broken.append(f"{os.path.relpath(path, root)}:{line}: `{url}`: no `#{fragment}` in {os.path.relpath(target, root)}")
    if pages == 0:
        sys.exit(f"book-links: no HTML pages under {root}; was the book built?")
    for b in broken:
        print(b)
    if broken:
        sys.exit(f"book-links: {len(broken)} broken internal link(s) in {pages} pages")
    print(f"book-links: {links} internal links in {pages} pages, none broken")


if __name__ == "__main__":
    main()
