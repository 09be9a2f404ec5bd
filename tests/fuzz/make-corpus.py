#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fuzz targets' seed corpus (tests/fuzz/corpus/TARGET/): small
inputs of our own, a few hundred bytes each. Run it again after changing
an input format of a target; the files are committed, so the build needs
no Python for them. Python's standard library only."""

import glob
import io
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

REVIEW = ("The Lantern Keeper is a patient film. Its harbour town feels lived in, "
          "and the score by Ida Brenner carries the quiet scenes.\n\n"
          "Critics will argue about the ending; the lighthouse sequence is "
          "the best thing in it. Café owners, fishermen and a stray dog — "
          "all of them get their moment.\n")
REVIEW_2 = ("A slow harbour drama. The lighthouse sequence looks fine, but the "
            "ending drags and the score by Ida Brenner repeats itself.\n\n"
            "Still, the e-mail subplot and the dog’s scenes are charming.\n")
REVIEW_ZH = "灯塔看守人是一部安静的电影。港口小镇很真实，配乐很好。结局有争议。\n"

TOPICS_LINES = "score|music*|soundtrack\nending|finale\nlighthouse sequence|light-house\ndog*|café\n灯塔|港口\n"


def write(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def zip_bytes(entries, stored_first=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX = [
    ("[Content_Types].xml",
     '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
     'wordprocessingml.document.main+xml"/></Types>'),
    ("_rels/.rels",
     '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
     'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
     'relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
     'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
     'Target="docProps/core.xml"/></Relationships>'),
    ("docProps/core.xml",
     '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
     '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Lantern Keeper'
     '</dc:title><dc:creator>A. Critic</dc:creator></cp:coreProperties>'),
    ("word/document.xml",
     '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>'
     '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The Lantern Keeper</w:t></w:r></w:p>'
     '<w:p><w:r><w:t xml:space="preserve">A patient film with a </w:t></w:r><w:r><w:rPr><w:i/></w:rPr>'
     '<w:t>lighthouse</w:t></w:r><w:r><w:tab/><w:t>sequence.</w:t></w:r></w:p>'
     '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>score</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
     '<w:p><w:r><w:t>The ending drags.</w:t><w:br/><w:t>Still good.</w:t></w:r></w:p>'
     '</w:body></w:document>' % W),
]
ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
ODT = [
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("META-INF/manifest.xml",
     '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
     'xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
     'manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry '
     'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
    ("content.xml",
     '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s><office:body><office:text>'
     '<text:h text:outline-level="1">The Lantern Keeper</text:h><text:p>A patient film,<text:s text:c="2"/>a '
     '<text:span>lighthouse</text:span> sequence.<text:line-break/>Score: fine.</text:p>'
     '<text:list><text:list-item><text:p>ending</text:p></text:list-item></text:list>'
     '<text:p>Notes<text:note><text:note-body><text:p>a note</text:p></text:note-body></text:note></text:p>'
     '</office:text></office:body></office:document-content>' % ODF),
    ("meta.xml",
     '<?xml version="1.0" encoding="UTF-8"?><office:document-meta %s><office:meta><dc:title>The Lantern Keeper'
     '</dc:title><meta:initial-creator>A. Critic</meta:initial-creator></office:meta></office:document-meta>' % ODF),
]
EPUB = [
    ("mimetype", "application/epub+zip"),
    ("META-INF/container.xml",
     '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
     '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
     '</rootfiles></container>'),
    ("OEBPS/content.opf",
     '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="u">'
     '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="u">x</dc:identifier>'
     '<dc:title>The Lantern Keeper</dc:title><dc:creator>A. Critic</dc:creator><dc:date>2020-01-02</dc:date>'
     '</metadata><manifest><item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>'
     '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>'
     '<spine><itemref idref="nav" linear="no"/><itemref idref="c1"/></spine></package>'),
    ("OEBPS/nav.xhtml",
     '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
     '<body><nav epub:type="toc"><ol><li><a href="ch1.xhtml">One</a></li></ol></nav></body></html>'),
    ("OEBPS/ch1.xhtml",
     '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head><body>'
     '<h1>The Lantern Keeper</h1><p>A patient film with a <em>lighthouse</em> sequence.</p>'
     '<p>The ending&#160;drags; the score<br/>does not.</p></body></html>'),
]

HTML = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<title>The Lantern Keeper review | Harbour Weekly</title>'
        '<meta name="author" content="A. Critic"><meta property="og:site_name" content="Harbour Weekly">'
        '<meta property="article:published_time" content="2020-01-02T10:00:00Z">'
        '<script type="application/ld+json">{"@type":"Review","author":{"name":"A. Critic"},'
        '"datePublished":"2020-01-02"}</script><style>p{}</style></head>'
        '<body><nav><a href="/">Home</a> <a href="/films">Films</a></nav>'
        '<article><h1>The Lantern Keeper</h1><p class="byline">By A. Critic</p>'
        '<p>A patient film. The <b>lighthouse</b> sequence is the best thing in it &mdash; the score too.</p>'
        '<p>The ending drags.<br>Still, caf&eacute; scenes charm.</p><ul><li>one</li><li>two</li></ul>'
        '<table><tr><td>cell</td></tr></table></article>'
        '<footer>Comments (3) · Share</footer></body></html>\n')


def pdf_bytes(lines):
    """A one-page PDF with @lines in Helvetica, its xref offsets right."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(%s) '" % l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for l in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Title (The Lantern Keeper) /Author (A. Critic) >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i + 1, body)
    xref = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += "".join("%010d 00000 n \n" % o for o in offsets)
    out += "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out.encode("latin-1")


def built_zip(entries):
    return b"\x04" + b"\x00".join(n.encode() + b"\n" + (d.encode() if isinstance(d, str) else d)
                                  for n, d in entries)


def load():
    pdf = pdf_bytes(["The Lantern Keeper", "A patient film. The lighthouse sequence", "is the best thing in it.",
                     "The ending drags."])
    write("load", "bytes-utf8.txt", b"\x00" + REVIEW.encode())
    write("load", "bytes-utf16le-bom.txt", b"\x00" + b"\xff\xfe" + REVIEW.encode("utf-16-le"))
    write("load", "bytes-utf16be.txt", b"\x00" + REVIEW.encode("utf-16-be"))
    write("load", "bytes-1252.txt", b"\x00" + REVIEW.encode("cp1252"))
    write("load", "bytes-broken-utf8.txt", b"\x00" + REVIEW.encode()[:40] + b"\xc3" + REVIEW.encode()[40:120])
    write("load", "bytes-html.html", b"\x00" + HTML.encode())
    write("load", "bytes-pdf.pdf", b"\x00" + pdf)
    write("load", "bytes-docx.docx", b"\x00" + zip_bytes(DOCX))
    write("load", "html.html", b"\x01" + HTML.encode())
    write("load", "html-latin1.html", b"\x01" + HTML.replace('charset="utf-8"', 'charset="iso-8859-1"')
          .encode("latin-1", "replace"))
    write("load", "html-bare.html", b"\x01<p>Just a <i>paragraph</i> of text.</p><p>And one more.</p>")
    write("load", "pdf.pdf", b"\x02" + pdf)
    write("load", "zip-docx.docx", b"\x03" + zip_bytes(DOCX))
    write("load", "zip-odt.odt", b"\x03" + zip_bytes(ODT, stored_first="mimetype"))
    write("load", "zip-epub.epub", b"\x03" + zip_bytes(EPUB, stored_first="mimetype"))
    write("load", "built-docx", built_zip(DOCX))
    write("load", "built-odt", built_zip(ODT))
    write("load", "built-epub", built_zip(EPUB))
    write("load", "decode-utf8-bom.txt", b"\x05\xef\xbb\xbf" + REVIEW.encode())
    write("load", "decode-utf16be-bom.txt", b"\x05\xfe\xff" + REVIEW_ZH.encode("utf-16-be"))
    write("load", "decode-utf16le.txt", b"\x05" + REVIEW_ZH.encode("utf-16-le"))
    write("load", "decode-utf32.txt", b"\x05" + REVIEW.encode("utf-32"))
    write("load", "decode-crlf.txt", b"\x05" + REVIEW.replace("\n", "\r\n").encode())
    write("load", "decode-binary", b"\x05\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")
    write("load", "file-utf8.txt", b"\x06" + REVIEW.encode())
    write("load", "file-html.html", b"\x06" + HTML.encode())


def topics():
    write("topics", "every-key",
          "# Topics for a film review, every key.\n\n"
          "[score]\nLabel=Score\nLabel[de]=Filmmusik\nLabel[zh_CN]=配乐\nColor=#E5A50A\n"
          "Terms=score;music*;sound\\;track;\nEnabled=true\n\n"
          "  # an indented comment\n   \n"
          "[ending]\nLabel = Ending\nColor=#3584e4\nTerms=ending;finale;\nEnabled=false\n"
          "Description=kept as it is\nTerms[de]=Ende;\n\n[plain_topic.2]\nTerms=one\n")
    write("topics", "minimal", "[a]\nTerms=a\n")
    write("topics", "escapes",
          "[esc]\nLabel=Tab\\there \\\\ and \\s space\nTerms=e-mail; it's;Café;ſtraße;İstanbul\n")
    write("topics", "crlf", "[one]\r\nLabel=One\r\nTerms=a;b\r\n\r\n[two]\r\nLabel=Two\r\nColor=#fff\r\n")
    write("topics", "bad-group", "[not valid id!]\nTerms=x\n")
    write("topics", "bad-key", "Terms=before any group\n[a]\nTerms=a\n")
    write("topics", "empty", "")
    write("topics", "comments-only", "# nothing but a comment\n\n")
    write("topics", "duplicates", "[a]\nLabel=A\nLabel=B\nTerms=x;X;x*\n[b]\nTerms=y\n")


def matcher():
    write("matcher", "basic", "\x00score|music*\nending|finale\n\x00"
          "The score is music to the ears; the ending is a Finale. Scores, musicals.")
    write("matcher", "reversed", "\x01dog*|café\nlighthouse sequence\n\x00"
          "Dogs at the CAFÉ near the lighthouse\n sequence; the dog's bowl.")
    write("matcher", "hyphens", "\x00e-mail|light-house|well-known-film\n\x00"
          "e mail, e-mail, e–mail, e\u2011mail, light house, well known-film, email")
    write("matcher", "apostrophes", "\x00it's|dog's\n\x00It’s the dog's and the dog’s; its dogs.")
    write("matcher", "cjk", "\x00灯塔|港口\nTwitter\n\x00在Twitter上，灯塔看守人在港口。灯塔灯塔")
    write("matcher", "folding", "\x00straße|istanbul|ǆ|σας\n\x00STRASSE Straße İSTANBUL Istanbul ǅ Ǆ ΣΑΣ σας")
    write("matcher", "overlaps", "\x00new york|york city|new york city\nyork\n\x00new york city, New  York\tCity")
    write("matcher", "spaces", "\x00a b|\u00a0x\n\x00a\u00a0b a\u200bb a\n\nb  x  \u00a0x")
    write("matcher", "prefix", "\x00tweet*|re-tweet*|c*\n\x00tweets tweet retweet re-tweeted re tweeting cat c")


def multi(steer, topics_lines, *documents):
    return bytes([steer]) + topics_lines.encode() + b"".join(b"\x00" + d.encode() for d in documents)


def discover():
    write("discover", "two", multi(0, "", REVIEW, REVIEW_2))
    write("discover", "three-topics", multi(1, TOPICS_LINES, REVIEW, REVIEW_2, REVIEW_ZH + REVIEW))
    write("discover", "zh", multi(0x12, "", REVIEW_ZH, REVIEW_ZH + "灯塔看守人很好。", "港口小镇的灯塔看守人"))
    write("discover", "repeats", multi(0x30, "", "word " * 40, "word word other " * 10, "word"))


def sheet_content():
    write("sheet-content", "shared", multi(0x04, TOPICS_LINES, REVIEW, REVIEW_2))
    write("sheet-content", "all-full", multi(0x5f, TOPICS_LINES, REVIEW, REVIEW_2, REVIEW_ZH))
    write("sheet-content", "odd", multi(0x33, "=HYPERLINK(|\"quote\"|a,b\n<&>\n",
                                        "=HYPERLINK(\"x\") and \"quote\" a,b <&> \x01\x1f control",
                                        "\"quote\" a,b\r\n<&>"))


def sheet():
    write("sheet", "a4", multi(0x04, TOPICS_LINES, REVIEW, REVIEW_2))
    write("sheet", "letter-full", multi(0x0d, TOPICS_LINES, REVIEW, REVIEW_2, REVIEW_ZH))
    write("sheet", "long-word", multi(0x0c, "x\n", "x " + "y" * 3000, "x " + "\u0301" * 500))
    write("sheet", "rtl-mixed", multi(0x0e, "שלום|مرحبا\n", "שלום world مرحبا 123 \u202e reversed", "שלום"))


def counterpoint(document):
    """A comparison file as Counterpoint writes it: pretty-printed, UTF-8"""
    return json.dumps(document, ensure_ascii=False, indent=2, separators=(",", " : ")) + "\n"


def comparison():
    topics = "[score]\nLabel=Score\nLabel[de]=Filmmusik\nColor=#e5a50a\nTerms=score;music*;\n\n" \
             "[ending]\nLabel=Ending\nTerms=ending;finale;\n"
    reviews = [{"text": REVIEW, "label": "Ours", "name": "lantern.html", "source": "file:///tmp/lantern.html",
                "format": "html", "title": "The Lantern Keeper", "author": "A. Critic", "site": "Harbour Weekly",
                "date": "2026-01-02", "encoding": "utf8", "repaired": 0},
               {"text": REVIEW_2, "label": None, "name": "drama.txt", "source": None, "format": "text",
                "title": None, "author": None, "site": None, "date": None, "encoding": "windows-1252",
                "repaired": 2},
               {"text": REVIEW_ZH, "name": "灯塔.txt"}]
    notes = [{"review": 0, "start": 4, "end": 19, "quote": "Lantern Keeper ", "text": "the title",
              "created": "2026-12-07T15:30:00Z", "modified": "2026-12-07T15:31:00Z"},
             {"review": 2, "start": 0, "end": 5, "quote": "灯塔看守人", "text": "注"},
             {"review": 1, "start": 2, "end": 99999, "quote": "harbour", "text": "moved"}]
    write("comparison", "three", counterpoint({
        "format": "counterpoint-comparison", "version": 1, "generator": "Counterpoint 0.1.0",
        "topics": topics, "focus-topic": "score", "reviews": reviews, "notes": notes}))
    write("comparison", "minimal", counterpoint({"format": "counterpoint-comparison"}))
    write("comparison", "newer", counterpoint({
        "format": "counterpoint-comparison", "version": 7, "topics": "", "reviews": reviews[2:],
        "sketches": [{"x": [1, 2, {"y": None}]}]}))
    write("comparison", "wrong-types", counterpoint({
        "format": "counterpoint-comparison", "version": "1", "topics": 3, "focus-topic": [],
        "reviews": [{"text": 1}, {"text": "x", "title": {}, "encoding": "ebcdic", "repaired": -1}, "r"],
        "notes": [{"review": 1, "start": 0, "end": 1}, {"review": 0}, 5]}))
    write("comparison", "not-json", '{"format": "counterpoint-comparison", "reviews": [{"text": "cut')
    # What the unit tests write (tests/test-comparison-file.c), when they
    # have run in the build folder given (default _build)
    built = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "_build"),
                         "tests", "comparison-files")
    for path in sorted(glob.glob(os.path.join(built, "*.counterpoint"))):
        with open(path, "rb") as f:
            data = f.read()
        if len(data) <= 65536:
            write("comparison", "test-" + os.path.basename(path)[:-len(".counterpoint")], data)


if __name__ == "__main__":
    load()
    topics()
    matcher()
    discover()
    sheet_content()
    sheet()
    comparison()
