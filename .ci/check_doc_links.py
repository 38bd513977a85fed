#!/usr/bin/env python3
"""Checks the book (docs/) and README.md: every relative link and image resolves, every
`#anchor` names a heading of its page, no page under docs/ links outside docs/, every page is
in docs/SUMMARY.md, and no page refers to the tracker ("issue 18", "Targets (issue 10)").

Anchors are computed as mdBook (and the service's /guide/, `src/guide/mod.rs` `slug`) compute
them: the heading's text, trimmed, lower-cased; letters, digits, `_` and `-` kept, white space
turned into `-`, everything else dropped; a repeated id gets `-1`, `-2`…

Links inside code spans and fenced code blocks are not links. External links (http, https,
mailto) are not fetched: the book must build and check offline.

Usage: .ci/check_doc_links.py [ROOT]   (ROOT defaults to the repository). Exit 1 with one line
per problem.
"""
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
DOCS = os.path.join(ROOT, "docs")

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# "issue 18", "Issue 19 —", "issues 21–23", "(#40)"; not "issued", not "reissue".
TRACKER = re.compile(r"\b[Ii]ssues?\s+\d+|\(#\d+\)|\bissue\d+\b")


def is_alphanumeric(ch):
    """Rust's `char::is_alphanumeric` (what mdBook uses), close enough for these pages: Python's
    `isalnum` leaves out the combining marks Unicode counts as alphabetic, such as the Persian
    hamza above (U+0654) in «سامانهٔ»."""
    if ch.isalnum():
        return True
    return unicodedata.category(ch) in ("Mn", "Mc") and 0x0610 <= ord(ch) <= 0x0670


def slug(text):
    out = []
    for ch in text.strip().lower():
        if is_alphanumeric(ch) or ch in "_-":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
    return "".join(out)


def strip_inline(text):
    """Heading text as rendered: markup and link targets removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("`", "").replace("*", "").replace("\\", "")


def lines_outside_code(path):
    with open(path, encoding="utf-8") as f:
        fenced = False
        for no, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield no, line


_anchor_cache = {}


def anchors_of(path):
    if path not in _anchor_cache:
        used = set()
        for _, line in lines_outside_code(path):
            m = HEADING.match(line)
            if not m:
                continue
            base = slug(strip_inline(m.group(2)))
            ident, n = base, 1
            while ident in used:
                ident = f"{base}-{n}"
                n += 1
            used.add(ident)
        _anchor_cache[path] = used
    return _anchor_cache[path]


def check_file(path, problems, inside_docs):
    rel = os.path.relpath(path, ROOT)
    for no, line in lines_outside_code(path):
        code_free = re.sub(r"`[^`]*`", "", line)
        if TRACKER.search(code_free):
            problems.append(f"{rel}:{no}: refers to the tracker: {TRACKER.search(code_free).group(0)!r}")
        for m in LINK.finditer(code_free):
            target = m.group(1)
            if re.match(r"^[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            dest = path if not file_part else os.path.normpath(os.path.join(os.path.dirname(path), file_part))
            if file_part.endswith("/"):
                dest = os.path.join(dest, "README.md")
            if inside_docs and not (dest + os.sep).startswith(DOCS + os.sep):
                problems.append(f"{rel}:{no}: link leaves docs/ (the book and /guide/ cannot serve it): {target}")
                continue
            if not os.path.exists(dest):
                problems.append(f"{rel}:{no}: no such file: {target}")
                continue
            if anchor:
                if not dest.endswith(".md"):
                    problems.append(f"{rel}:{no}: anchor on a non-page: {target}")
                elif anchor not in anchors_of(dest):
                    problems.append(f"{rel}:{no}: no heading #{anchor} in {os.path.relpath(dest, ROOT)}")


def main():
    problems = []
    pages = []
    for root, _, names in os.walk(DOCS):
        pages += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    for page in sorted(pages):
        check_file(page, problems, inside_docs=True)
    check_file(os.path.join(ROOT, "README.md"), problems, inside_docs=False)

    summary = os.path.join(DOCS, "SUMMARY.md")
    listed = set()
    if os.path.exists(summary):
        for _, line in lines_outside_code(summary):
            for m in LINK.finditer(line):
                listed.add(os.path.normpath(os.path.join(DOCS, m.group(1).partition("#")[0])))
    for page in pages:
        if page != summary and page not in listed:
            problems.append(f"{os.path.relpath(page, ROOT)}: not in docs/SUMMARY.md")

    for p in problems:
        print(p)
    print(f"checked {len(pages) + 1} pages: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
