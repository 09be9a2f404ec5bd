#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the DOCX, ODT and EPUB fixtures of the document importer's tests.

    make-documents.py --outdir DIR REVIEW.txt
    make-documents.py --wrapped --title T --out FILE.docx|.odt|.epub TEXT.txt

The first form writes, from one plain-text review, the same review as
review.docx, review.odt and review.epub, a small document of tables and
lists in each format (structures.*), and the bad inputs the importer must
refuse (a damaged zip, zip bombs, XML entity expansion, deep nesting, a zip
that is no document, DRM, ...). The second form writes one document from
any text, for the benchmark.

The review's shape: paragraphs are separated by a blank line; a line break
inside a paragraph is a line break in the documents too; the first
paragraph is the title; a one-line paragraph that does not end like a
sentence is a heading. Each format hides things in the review that a reader
must not see (deleted text, notes, comments, a table of contents, hidden
text, scripts, ...), so the text the importer extracts must equal the
review exactly.

Only the Python standard library is used, and nothing is random: the files
are the same on every run.
"""

import argparse
import os
import struct
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

AUTHOR = "Lena Marsh"
DATE = "2012-07-27"
PUBLISHER = "The Harbour Film Quarterly"

# Zip entries get a fixed time so the files do not change between runs.
ZIP_TIME = (2012, 7, 27, 12, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

ODT_MIME = "application/vnd.oasis.opendocument.text"
EPUB_MIME = "application/epub+zip"

CHAPTER_BLOCKS = 50
SENTENCE_ENDS = ".!?…:;,”’\")"


# The review {{{

class Block:
    """One paragraph of the review: kind is title, heading, quote or para."""

    def __init__(self, kind, lines):
        self.kind = kind
        self.lines = lines

    @property
    def text(self):
        return " ".join(self.lines)


def parse_review(text, wrapped=False):
    blocks = []
    for i, chunk in enumerate(p for p in text.strip("\n").split("\n\n") if p.strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if wrapped:
            lines = [" ".join(lines)]
        if i == 0 and not wrapped:
            kind = "title"
        elif len(lines) == 1 and len(lines[0]) < 80 and lines[0][-1] not in SENTENCE_ENDS:
            kind = "heading"
        elif lines[0].startswith("“"):
            kind = "quote"
        else:
            kind = "para"
        blocks.append(Block(kind, lines))
    return blocks


def words_split(text, size=38):
    """Cuts text into pieces of about size characters at spaces, keeping the
    spaces, so that runs and spans end in the middle of sentences."""
    pieces = []
    start = 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def zip_write(path, entries, stored_first=None):
    """entries: (name, bytes or str) in order; stored_first: the name of an
    entry written first and uncompressed (ODF and EPUB's mimetype)."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


# }}}

# DOCX {{{

def w_run(text, italic=False):
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (props, escape(text))


def w_runs(text):
    out = []
    for i, piece in enumerate(words_split(text)):
        if i == 1:
            out.append('<w:proofErr w:type="spellStart"/>')
        out.append(w_run(piece, italic=(i % 3 == 2)))
        if i == 1:
            out.append('<w:proofErr w:type="spellEnd"/>')
    return "".join(out)


def split_at(text, marker, after=True):
    i = text.index(marker) + (len(marker) if after else 0)
    return text[:i], text[i:]


# What each body paragraph of review.docx hides, by its position among the
# body paragraphs: the text around it is the review's own.
def docx_body_paragraph(n, text):
    if n == 0:
        # Deleted text inside a sentence, and a tab instead of a space
        head, tail = split_at(text, "Never Sorry” ")
        three, years = split_at(tail, "for roughly three")
        return (w_runs(head) +
                '<w:del w:id="1" w:author="Editor" w:date="2012-07-01T10:00:00Z">'
                '<w:r><w:delText xml:space="preserve">DELETED WORDS </w:delText></w:r></w:del>' +
                w_runs(three) + "<w:r><w:tab/></w:r>" + w_runs(years[1:]))
    if n == 1:
        # Inserted text is kept; a footnote reference leaves nothing; a
        # non-breaking hyphen is a hyphen
        head, tail = split_at(text, "of 2008. ")
        mid, rest = split_at(tail, "volunteers working", after=False)
        tofu, dreg = split_at(rest, "tofu")
        return (w_runs(head[:-1]) +
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>' +
                w_run(" ") +
                '<w:ins w:id="2" w:author="Editor" w:date="2012-07-01T10:00:00Z">' + w_runs(mid) + "</w:ins>" +
                w_runs(tofu) + "<w:r><w:noBreakHyphen/></w:r>" + w_runs(dreg[1:]))
    if n == 2:
        # A hyperlink field and a hyperlink element: their text stays, the
        # field's code does not; hidden text and a comment do not show
        head, tail = split_at(text, "the floor of the ")
        link, rest = split_at(tail, "Tate Modern")
        mid, rest2 = split_at(rest, "his Twitter feed", after=False)
        return (w_runs(head) +
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/tate" </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + w_run(link) +
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
                '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> HIDDEN TEXT</w:t></w:r>' +
                '<w:commentRangeStart w:id="0"/>' + w_runs(mid) + '<w:commentRangeEnd w:id="0"/>'
                '<w:r><w:commentReference w:id="0"/></w:r>' +
                '<w:hyperlink r:id="rIdLink" w:history="1">' + w_run("his Twitter feed") + "</w:hyperlink>" +
                '<w:bookmarkStart w:id="0" w:name="feed"/><w:bookmarkEnd w:id="0"/>' +
                w_runs(rest2[len("his Twitter feed"):]))
    if n == 3:
        # A text box (a pull quote) drawn over the page is furniture
        head, tail = split_at(text, "of their own. ")
        box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
               '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
               '<w:p><w:r><w:t>PULL QUOTE</w:t></w:r></w:p>'
               '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
               '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
               '<w:txbxContent><w:p><w:r><w:t>PULL QUOTE</w:t></w:r></w:p></w:txbxContent>'
               '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
        return w_runs(head) + box + w_runs(tail)
    return w_runs(text)


DOCX_STYLES = {"title": "Title", "heading": "Heading1", "quote": "Quote"}


def w_paragraph(block, body_index=None):
    style = DOCX_STYLES.get(block.kind)
    ppr = "<w:pPr>"
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    # Tab stops are paragraph properties, not tabs in the text
    ppr += '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>'
    if body_index is not None:
        content = docx_body_paragraph(body_index, block.text)
    else:
        parts = []
        for i, line in enumerate(block.lines):
            if i > 0:
                parts.append("<w:r><w:br/></w:r>")
            parts.append(w_runs(line))
        content = "".join(parts)
    return "<w:p>%s%s</w:p>" % (ppr, content)


DOCX_NAMESPACES = (
    'xmlns:w="%s" xmlns:r="%s" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable=""' % (W_NS, R_NS))

SECT_PR = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>')


def docx_document(body, doctype=""):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n%s'
            '<w:document %s><w:body>%s%s</w:body></w:document>' % (doctype, DOCX_NAMESPACES, body, SECT_PR))


def docx_core(title, author, date):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>Editor</cp:lastModifiedBy>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%sT09:30:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2012-08-02T16:00:00Z</dcterms:modified>'
            '</cp:coreProperties>' % (escape(title), escape(author), date))


def docx_package(document_xml, title, author, date, main="word/document.xml", extra=()):
    main_dir, main_name = os.path.split(main)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/%s" ContentType="%s"/>'
        '<Override PartName="/%s/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/%s/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/%s/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '</Types>' % (main, CT_MAIN, main_dir, main_dir, main_dir))
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="%s" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="%s" Target="%s"/>'
            '</Relationships>' % (REL_CORE, REL_DOC, main))
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="%s" Target="styles.xml"/>'
                '<Relationship Id="rId2" Type="%s" Target="footnotes.xml"/>'
                '<Relationship Id="rId3" Type="%s" Target="comments.xml"/>'
                '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/hyperlink" Target="https://example.org/feed" TargetMode="External"/>'
                '</Relationships>' % (REL_STYLES, REL_FOOTNOTES, REL_COMMENTS))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="%s">'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>'
              '</w:styles>' % W_NS)
    footnotes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="%s">'
                 '<w:footnote w:id="1"><w:p><w:r><w:t>FOOTNOTE TEXT</w:t></w:r></w:p></w:footnote>'
                 '</w:footnotes>' % W_NS)
    comments = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="%s">'
                '<w:comment w:id="0" w:author="Editor"><w:p><w:r><w:t>COMMENT TEXT</w:t></w:r></w:p>'
                '</w:comment></w:comments>' % W_NS)
    return [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("docProps/core.xml", docx_core(title, author, date)),
        (main, document_xml),
        ("%s/_rels/%s.rels" % (main_dir, main_name), doc_rels),
        ("%s/styles.xml" % main_dir, styles),
        ("%s/footnotes.xml" % main_dir, footnotes),
        ("%s/comments.xml" % main_dir, comments),
    ] + list(extra)


def render_blocks(blocks, render, traps):
    """Renders each block; with traps, a one-line body paragraph is also
    given its number among those, which says what it hides."""
    out = []
    n = 0
    for block in blocks:
        if traps and block.kind == "para" and len(block.lines) == 1:
            out.append(render(block, n))
            n += 1
        else:
            out.append(render(block))
    return out


def make_docx(blocks, title, traps=True):
    body = render_blocks(blocks, w_paragraph, traps)
    return docx_package(docx_document("".join(body)), title, AUTHOR, DATE)


# }}}

# ODT {{{

ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"')


def t_spans(text):
    out = []
    for i, piece in enumerate(words_split(text, 30)):
        out.append('<text:span text:style-name="T1">%s</text:span>' % escape(piece) if i % 2 else escape(piece))
    return "".join(out)


def odt_body_paragraph(n, text):
    if n == 0:
        # A comment, and a span that ends inside a word
        head, tail = split_at(text, "the artist ")
        return (t_spans(head) +
                '<office:annotation><dc:creator>Editor</dc:creator><dc:date>2012-07-01T10:00:00</dc:date>'
                '<text:p>ANNOTATION TEXT</text:p></office:annotation>' +
                '<text:span text:style-name="T2">艾未</text:span>未' + t_spans(tail[len("艾未未"):]))
    if n == 1:
        # A footnote, and a deletion recorded as a tracked change
        head, tail = split_at(text, "of 2008.")
        mid, rest = split_at(tail, " volunteers working", after=False)
        return (t_spans(head) +
                '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                '<text:note-body><text:p>FOOTNOTE TEXT</text:p></text:note-body></text:note>' +
                t_spans(mid) + '<text:change text:change-id="ct1"/>' + t_spans(rest))
    if n == 2:
        # One space written as <text:s/>, one as a tab; a frame with a text box
        head, tail = split_at(text, "porcelain")
        mid, rest = split_at(tail[1:], "seeds")
        return (t_spans(head) + "<text:s/>" + escape(mid) + "<text:tab/>" +
                '<draw:frame draw:name="Quote"><draw:text-box><text:p>FRAME TEXT</text:p></draw:text-box>'
                '</draw:frame>' + t_spans(rest[1:]))
    if n == 3:
        head, tail = split_at(text, "of their own. ")
        return (t_spans(head) + '<text:soft-page-break/><text:bookmark text:name="cameras"/>' + t_spans(tail))
    return t_spans(text)


def odt_paragraph(block, body_index=None):
    if block.kind == "para" and body_index is not None:
        content = odt_body_paragraph(body_index, block.text)
    else:
        content = "<text:line-break/>".join(t_spans(line) for line in block.lines)
    if block.kind == "heading":
        return '<text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>' % content
    style = {"title": "Title", "quote": "Quotations"}.get(block.kind, "Text_20_body")
    return '<text:p text:style-name="%s">%s</text:p>' % (style, content)


def odt_toc(blocks):
    entries = "".join('<text:p text:style-name="Contents_20_1">%s<text:tab/>1</text:p>' % escape(b.text)
                      for b in blocks if b.kind == "heading")
    return ('<text:table-of-content text:name="Contents"><text:table-of-content-source text:outline-level="2">'
            '<text:index-title-template>Contents</text:index-title-template></text:table-of-content-source>'
            '<text:index-body><text:index-title><text:p>Contents</text:p></text:index-title>%s</text:index-body>'
            '</text:table-of-content>' % entries)


def odt_content(body, tracked=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content %s>\n'
            '  <office:font-face-decls/>\n'
            '  <office:automatic-styles><style:style style:name="T1" style:family="text">'
            '<style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles>\n'
            '  <office:body>\n'
            '    <office:text>\n'
            '      <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Figure"/>'
            '</text:sequence-decls>\n%s%s'
            '    </office:text>\n'
            '  </office:body>\n'
            '</office:document-content>\n' % (ODF_NAMESPACES, tracked, body))


def odt_meta(title, author, date):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta %s><office:meta>'
            '<meta:generator>make-documents.py</meta:generator>'
            '<dc:title>%s</dc:title><meta:initial-creator>%s</meta:initial-creator>'
            '<dc:creator>Editor</dc:creator><meta:creation-date>%sT09:30:00</meta:creation-date>'
            '<dc:date>2012-08-02T16:00:00</dc:date>'
            '</office:meta></office:document-meta>\n' % (ODF_NAMESPACES, escape(title), escape(author), date))


def odt_manifest(mime, encrypted=False):
    crypt = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
             '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
             '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
             'manifest:salt="AAAA"/></manifest:encryption-data>') if encrypted else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">%s'
            '</manifest:file-entry>'
            '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>\n' % (mime, crypt))


def odt_package(content_xml, title, author, date, mime=ODT_MIME, encrypted=False):
    return [
        ("mimetype", mime),
        ("META-INF/manifest.xml", odt_manifest(mime, encrypted)),
        ("content.xml", content_xml),
        ("meta.xml", odt_meta(title, author, date)),
    ]


def make_odt(blocks, title, traps=True):
    body = [odt_toc(blocks)] if traps else []
    body += [paragraph + "\n" for paragraph in render_blocks(blocks, odt_paragraph, traps)]
    tracked = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
               '<office:change-info><dc:creator>Editor</dc:creator><dc:date>2012-07-01T10:00:00</dc:date>'
               '</office:change-info><text:p>DELETED TEXT</text:p></text:deletion></text:changed-region>'
               '</text:tracked-changes>\n') if traps else ""
    return odt_package(odt_content("".join(body), tracked), title, AUTHOR, DATE)


# }}}

# EPUB {{{

XHTML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n%s'
              '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">\n'
              '<head><title>%s</title><link rel="stylesheet" type="text/css" href="%sstyle.css"/>%s</head>\n')

XHTML11_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
                   '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n')


def xhtml_block(block, index, nbsp=False):
    lines = [escape(line) for line in block.lines]
    if nbsp and block.kind == "para":
        # An HTML entity an XHTML 1.1 document may use without declaring it
        lines[0] = lines[0].replace(" ", "&nbsp;", 1)
    content = "<br/>".join(lines)
    if block.kind == "title":
        return "<h1>%s</h1>" % content
    if block.kind == "heading":
        return '<h2 id="s%d">%s</h2>' % (index, content)
    if block.kind == "quote":
        return "<blockquote><p>%s</p></blockquote>" % content
    return "<p>%s</p>" % content


def xhtml_chapter(title, blocks, doctype="", prefix="", extra_head="", before="", nbsp=False):
    body = "\n".join(xhtml_block(block, i, nbsp) for i, block in enumerate(blocks))
    return (XHTML_HEAD % (doctype, escape(title), prefix, extra_head) +
            '<body>\n%s<div class="chapter">\n%s\n</div>\n</body>\n</html>\n' % (before, body))


def epub_package(title, chapters, spine, guide="", extra=(), ncx=True, container=True):
    """chapters: (id, href, media type, properties, content); spine: (id, linear)."""
    manifest = "".join(
        '<item id="%s" href="%s" media-type="%s"%s/>' % (
            cid, href, mtype, ' properties="%s"' % props if props else "")
        for cid, href, mtype, props, _ in chapters)
    itemrefs = "".join('<itemref idref="%s"%s/>' % (cid, "" if linear else ' linear="no"') for cid, linear in spine)
    opf = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
           'xmlns:opf="http://www.idpf.org/2007/opf">\n'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<dc:identifier id="uid">urn:uuid:6f1d9c3e-2f47-4b1a-9c41-0d2d2a7c0001</dc:identifier>'
           '<dc:title>%s</dc:title><dc:creator opf:role="edt">Editor</dc:creator>'
           '<dc:creator opf:role="aut">%s</dc:creator><dc:language>en</dc:language>'
           '<dc:date>%s</dc:date><dc:publisher>%s</dc:publisher>'
           '<meta property="dcterms:modified">2012-08-02T16:00:00Z</meta></metadata>\n'
           '<manifest>%s%s<item id="css" href="style.css" media-type="text/css"/></manifest>\n'
           '<spine%s>%s</spine>\n%s</package>\n' % (
               escape(title), escape(AUTHOR), DATE, escape(PUBLISHER), manifest,
               '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>' if ncx else "",
               ' toc="ncx"' if ncx else "", itemrefs,
               "<guide>%s</guide>\n" % guide if guide else ""))
    entries = [("mimetype", EPUB_MIME)]
    if container:
        entries.append(("META-INF/container.xml",
                        '<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                        '<rootfiles><rootfile full-path="OEBPS/content.opf" '
                        'media-type="application/oebps-package+xml"/></rootfiles></container>\n'))
    entries.append(("OEBPS/content.opf", opf))
    if ncx:
        entries.append(("OEBPS/toc.ncx",
                        '<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><docTitle><text>%s'
                        '</text></docTitle><navMap><navPoint id="n1" playOrder="1"><navLabel><text>NCX ENTRY'
                        '</text></navLabel><content src="ch1.xhtml"/></navPoint></navMap></ncx>\n' % escape(title)))
    entries.append(("OEBPS/style.css", "body { font-family: serif; }\n"))
    for _, href, _, _, content in chapters:
        entries.append(("OEBPS/" + href.replace("%20", " "), content))
    return entries + list(extra)


def epub_nav(blocks):
    items = "".join('<li><a href="ch2.xhtml">%s</a></li>' % escape(b.text) for b in blocks if b.kind == "heading")
    return (XHTML_HEAD % ("", "Contents", "", "") +
            '<body>\n<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>%s</ol></nav>\n'
            '<nav epub:type="landmarks"><ol><li><a epub:type="bodymatter" href="ch1.xhtml">Start</a></li></ol>'
            '</nav>\n</body>\n</html>\n' % items)


def epub_toc_page(blocks):
    items = "".join("<p>%s</p>" % escape(b.text) for b in blocks if b.kind == "heading")
    return XHTML_HEAD % ("", "Contents", "", "") + "<body>\n<h1>Contents</h1>%s\n</body>\n</html>\n" % items


def make_epub(blocks, title, traps=True):
    if not traps:
        # Chapters of 50 paragraphs, as books are cut
        chapters = [("c%d" % (i + 1), "ch%d.xhtml" % (i + 1), "application/xhtml+xml", "",
                     xhtml_chapter(title, blocks[start:start + CHAPTER_BLOCKS]))
                    for i, start in enumerate(range(0, len(blocks), CHAPTER_BLOCKS))]
        return epub_package(title, chapters, [(c[0], True) for c in chapters])
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    part1, part2, part3 = blocks[:headings[0]], blocks[headings[0]:headings[2]], blocks[headings[2]:]
    ch1 = xhtml_chapter(title, part1,
                        extra_head='<style>p { margin: 0; }</style><script>var SCRIPT = "SCRIPT TEXT";</script>',
                        before='<nav epub:type="landmarks"><ol><li>LANDMARK</li></ol></nav>\n'
                               '<script>document.title = "SCRIPT TEXT";</script>\n')
    # A footnote reference and the footnote it points at are not the text
    ch1 = ch1.replace("lets the camera run.",
                      'lets the camera run.<a epub:type="noteref" href="#fn1">1</a>', 1)
    ch1 = ch1.replace("</body>", '<aside epub:type="footnote" id="fn1"><p>FOOTNOTE TEXT</p></aside>\n</body>')
    ch2 = xhtml_chapter(title, part2, doctype=XHTML11_DOCTYPE, nbsp=True)
    # Not well-formed XML (unclosed <p>, a bare <br>, a named entity without
    # a DTD): read by the HTML parser instead
    ch3 = xhtml_chapter(title, part3, prefix="../")
    ch3 = ch3.replace("</p>", "").replace("<br/>", "<br>").replace("thinner, ", "thinner,&nbsp;", 1)
    notes = XHTML_HEAD % ("", "Notes", "", "") + "<body><p>LINEAR NO TEXT</p></body>\n</html>\n"
    chapters = [
        ("nav", "nav.xhtml", "application/xhtml+xml", "nav", epub_nav(blocks)),
        ("toc-page", "toc.xhtml", "application/xhtml+xml", "", epub_toc_page(blocks)),
        ("c1", "ch1.xhtml", "application/xhtml+xml", "", ch1),
        ("c2", "ch2.xhtml", "application/xhtml+xml", "", ch2),
        ("notes", "notes.xhtml", "application/xhtml+xml", "", notes),
        ("c3", "text/chapter%20three.xhtml", "application/xhtml+xml", "", ch3),
    ]
    spine = [("nav", True), ("toc-page", True), ("c1", True), ("c2", True), ("notes", False), ("c3", True)]
    return epub_package(title, chapters, spine, guide='<reference type="toc" title="Contents" href="toc.xhtml"/>')


# }}}

# Structures: a table of contents, a table, a list {{{

STRUCTURE_EXPECTED = [
    "Credits", "Director", "Alison Klayman", "Running time", "91 minutes",
    "Scenes worth watching for:", "The wall of names", "The seeds at the Tate Modern",
    "The police station in Chengdu",
]


def structures_docx():
    def p(text, style=None):
        ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
        return "<w:p>%s%s</w:p>" % (ppr, w_run(text))

    def cell(text):
        return '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>%s</w:tc>' % p(text)

    toc = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + w_run("TOC ENTRY Credits") + "</w:p>"
           "<w:p>" + w_run("TOC ENTRY Scenes") + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    rows = "".join("<w:tr>%s%s</w:tr>" % (cell(a), cell(b))
                   for a, b in (("Director", "Alison Klayman"), ("Running time", "91 minutes")))
    items = "".join('<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/>'
                    '<w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>' % w_run(text)
                    for text in STRUCTURE_EXPECTED[6:])
    body = (toc + p("Credits", "Heading1") + "<w:tbl><w:tblPr/>%s</w:tbl>" % rows +
            p("Scenes worth watching for:") + items + "<w:p/>")
    # The main part is found through _rels/.rels, wherever it is
    return docx_package(docx_document(body), "Structures", AUTHOR, DATE, main="doc/main.xml")


def structures_odt():
    def p(text):
        return "<text:p>%s</text:p>" % escape(text)

    cells = "".join("<table:table-row><table:table-cell>%s</table:table-cell><table:table-cell>%s"
                    "</table:table-cell></table:table-row>" % (p(a), p(b))
                    for a, b in (("Director", "Alison Klayman"), ("Running time", "91 minutes")))
    items = "".join("<text:list-item>%s</text:list-item>" % p(text) for text in STRUCTURE_EXPECTED[6:])
    body = ('<text:table-of-content text:name="Contents"><text:index-body>%s</text:index-body>'
            '</text:table-of-content>' % p("TOC ENTRY Credits") +
            '<text:h text:outline-level="1">Credits</text:h>'
            '<table:table table:name="Credits"><table:table-column table:number-columns-repeated="2"/>%s'
            '</table:table>' % cells + p("Scenes worth watching for:") +
            '<text:list><text:list-header><text:p/></text:list-header>%s</text:list>' % items)
    return odt_package(odt_content(body), "Structures", AUTHOR, DATE)


def structures_epub():
    items = "".join("<li>%s</li>" % escape(text) for text in STRUCTURE_EXPECTED[6:])
    body = ('<section epub:type="toc"><p>TOC ENTRY Credits</p></section>'
            '<h2>Credits</h2><table><tr><td>Director</td><td>Alison Klayman</td></tr>'
            '<tr><th>Running time</th><td>91 minutes</td></tr></table>'
            '<div>Scenes worth watching for:<ul>%s</ul></div>' % items)
    chapter = XHTML_HEAD % ("", "Structures", "", "") + "<body>%s</body>\n</html>\n" % body
    # An EPUB 2 book: no nav document, no properties
    return epub_package("Structures", [("c1", "ch1.xhtml", "application/xhtml+xml", "", chapter)], [("c1", True)])


# }}}

# Bad inputs {{{

def billion_laughs(root):
    decls = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        decls.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    return '<!DOCTYPE %s [\n%s\n]>\n' % (root, "\n".join(decls))


def patch_zip(data, patch):
    """Calls patch(buffer, offset, is_central) for every local and central
    header of the zip in data, and returns the patched bytes."""
    buf = bytearray(data)
    eocd = buf.rindex(b"PK\x05\x06")
    n_entries, = struct.unpack_from("<H", buf, eocd + 10)
    pos, = struct.unpack_from("<I", buf, eocd + 16)
    for _ in range(n_entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", buf, pos + 28)
        local, = struct.unpack_from("<I", buf, pos + 42)
        patch(buf, local, False)
        patch(buf, pos, True)
        pos += 46 + name_len + extra_len + comment_len
    return bytes(buf)


def lie_about_sizes(buf, pos, central):
    # Uncompressed size: offset 22 in a local header, 24 in a central one
    struct.pack_into("<I", buf, pos + (24 if central else 22), 1000)


def set_encrypted_flag(buf, pos, central):
    offset = pos + (8 if central else 6)
    flags, = struct.unpack_from("<H", buf, offset)
    struct.pack_into("<H", buf, offset, flags | 1)


def write_bomb(path, size, lie=False):
    """A DOCX whose document.xml inflates to size bytes of white space."""
    entries = docx_package(docx_document(""), "Bomb", AUTHOR, DATE)
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name != "word/document.xml":
                z.writestr(info, data)
                continue
            with z.open(info, "w", force_zip64=False) as f:
                head, tail = data.split("<w:body>")
                f.write((head + "<w:body>").encode())
                chunk = b" " * (1 << 20)
                for _ in range(size >> 20):
                    f.write(chunk)
                f.write(tail.encode())
    with open(tmp, "rb") as f:
        data = f.read()
    os.unlink(tmp)
    if lie:
        data = patch_zip(data, lie_about_sizes)
    with open(path, "wb") as f:
        f.write(data)


def write_bad_inputs(outdir, blocks, title):
    def out(name):
        return os.path.join(outdir, name)

    with open(out("review.docx"), "rb") as f:
        docx = f.read()

    # Damaged: the middle of the compressed document.xml overwritten; cut
    # short; the zip signature followed by nothing a zip holds
    with zipfile.ZipFile(out("review.docx")) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    damaged = bytearray(docx)
    damaged[middle:middle + 48] = b"\xA5" * 48
    with open(out("damaged.docx"), "wb") as f:
        f.write(bytes(damaged))
    with open(out("truncated.docx"), "wb") as f:
        f.write(docx[:middle])
    with open(out("garbage.docx"), "wb") as f:
        f.write(b"PK\x03\x04" + bytes((i * 7 + 3) % 256 for i in range(4000)))

    # Zip bombs: one whose headers say it inflates to 100 MiB, one of 40
    # MiB (under the limit for one entry, a thousand times its size), and
    # one whose headers claim 1000 bytes for what inflates to 40 MiB
    write_bomb(out("bomb.docx"), 100 << 20)
    write_bomb(out("bomb-ratio.docx"), 40 << 20)
    write_bomb(out("bomb-lying.docx"), 40 << 20, lie=True)

    # XML entity expansion ("billion laughs"), in the body of a DOCX and in
    # the package file of an EPUB
    laughs = docx_document("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", billion_laughs("w:document"))
    zip_write(out("billion-laughs.docx"), docx_package(laughs, "Laughs", AUTHOR, DATE))
    epub = make_epub(blocks, title, traps=False)
    epub = [(name, data.replace("<package", billion_laughs("package") + "<package", 1)
             .replace("<dc:title>", "<dc:title>&lol9;", 1))
            if name == "OEBPS/content.opf" else (name, data) for name, data in epub]
    zip_write(out("billion-laughs.epub"), epub, stored_first="mimetype")

    # A few entities, declared and used: never expanded, never a failure
    small = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE office:document-content [\n'
             '<!ENTITY who "ENTITY TEXT"><!ENTITY twice "&who;&who;">\n]>\n')
    content = odt_content("<text:p>Before &twice; after.</text:p>").split("\n", 1)[1]
    zip_write(out("entities.odt"), odt_package(small + content, "Entities", AUTHOR, DATE), stored_first="mimetype")

    # 100,000 nested elements
    depth = 100000
    deep = odt_content("<text:p>%sToo deep%s</text:p>" % ("<text:span>" * depth, "</text:span>" * depth))
    zip_write(out("deep.odt"), odt_package(deep, "Deep", AUTHOR, DATE), stored_first="mimetype")
    # ... and in a chapter that is not well-formed, so that the HTML parser
    # reads it too
    chapter = XHTML_HEAD % ("", "Deep", "", "") + "<body>%s<p>Too deep&nbsp;</body></html>\n" % ("<span>" * depth)
    zip_write(out("deep.epub"), epub_package("Deep", [("c1", "ch1.xhtml", "application/xhtml+xml", "", chapter)],
                                             [("c1", True)]),
              stored_first="mimetype")

    # A zip of files that is no document
    zip_write(out("archive.zip"), [("reviews/review.txt", "\n\n".join(b.text for b in blocks) + "\n"),
                                   ("reviews/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64))])

    # Other OpenDocument and Office Open XML files
    zip_write(out("spreadsheet.ods"),
              odt_package(odt_content(""), "Sheet", AUTHOR, DATE,
                          mime="application/vnd.oasis.opendocument.spreadsheet"),
              stored_first="mimetype")
    workbook = docx_package('<?xml version="1.0"?><workbook/>', "Workbook", AUTHOR, DATE, main="xl/workbook.xml")
    workbook[0] = (workbook[0][0], workbook[0][1].replace(
        CT_MAIN, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))
    zip_write(out("workbook.xlsx"), workbook)

    # An e-book whose chapters are encrypted (DRM); its fonts' obfuscation
    # alone would not be
    drm = make_epub(blocks, title, traps=False)
    drm.append(("META-INF/encryption.xml",
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
                '<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
                '<enc:CipherData><enc:CipherReference URI="OEBPS/fonts/serif.otf"/></enc:CipherData>'
                '</enc:EncryptedData>'
                '<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                '<ds:KeyInfo><ds:RetrievalMethod URI="#EK" Type="http://www.w3.org/2001/04/xmlenc#EncryptedKey"/>'
                '</ds:KeyInfo><enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData>'
                '</enc:EncryptedData></encryption>\n'))
    zip_write(out("drm.epub"), drm, stored_first="mimetype")
    fonts = make_epub(blocks, title, traps=False)
    fonts.append(("META-INF/encryption.xml", drm[-1][1].split("<enc:EncryptedData><enc:EncryptionMethod "
                                                              "Algorithm=\"http://www.w3.org/2001/04/xmlenc")[0]
                  + "</encryption>\n"))
    zip_write(out("obfuscated-fonts.epub"), fonts, stored_first="mimetype")

    # An e-book without its container, and one that is a password-protected
    # zip (the entries' "encrypted" flag), and an ODT with a password
    no_container = [e for e in make_epub(blocks, title, traps=False) if e[0] != "META-INF/container.xml"]
    zip_write(out("no-container.epub"), no_container, stored_first="mimetype")
    with open(out("locked.docx"), "wb") as f:
        f.write(patch_zip(docx, set_encrypted_flag))
    locked = odt_package(odt_content("<text:p>x</text:p>"), "Locked", AUTHOR, DATE, encrypted=True)
    zip_write(out("locked.odt"), locked, stored_first="mimetype")

    # A document of pictures only
    pictures = docx_document('<w:p><w:r><w:drawing><wp:inline><a:graphic/></wp:inline></w:drawing></w:r></w:p>')
    zip_write(out("pictures.docx"), docx_package(pictures, "", AUTHOR, DATE))

    # An ODT named .docx: the contents decide
    with open(out("review.odt"), "rb") as f, open(out("review-odt.docx"), "wb") as g:
        g.write(f.read())


# }}}


def write_document(path, blocks, title, traps=True):
    if path.endswith(".docx"):
        zip_write(path, make_docx(blocks, title, traps))
    elif path.endswith(".odt"):
        zip_write(path, make_odt(blocks, title, traps), stored_first="mimetype")
    elif path.endswith(".epub"):
        zip_write(path, make_epub(blocks, title, traps), stored_first="mimetype")
    else:
        sys.exit("make-documents.py: %s: the name must end in .docx, .odt or .epub" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("text", help="the review, as plain text (UTF-8)")
    parser.add_argument("--outdir", help="write every fixture into this folder")
    parser.add_argument("--out", help="write one document (.docx, .odt or .epub)")
    parser.add_argument("--wrapped", action="store_true",
                        help="lines of a paragraph are wrapped prose, not line breaks; no title")
    parser.add_argument("--title", default=None, help="the document's title (with --out)")
    args = parser.parse_args()

    with open(args.text, encoding="utf-8") as f:
        blocks = parse_review(f.read(), args.wrapped)
    title = args.title or blocks[0].text

    if args.out:
        write_document(args.out, blocks, title, traps=False)
        return
    if not args.outdir:
        parser.error("give --outdir or --out")

    os.makedirs(args.outdir, exist_ok=True)
    for ext in ("docx", "odt", "epub"):
        write_document(os.path.join(args.outdir, "review." + ext), blocks, title)
    zip_write(os.path.join(args.outdir, "structures.docx"), structures_docx())
    zip_write(os.path.join(args.outdir, "structures.odt"), structures_odt(), stored_first="mimetype")
    zip_write(os.path.join(args.outdir, "structures.epub"), structures_epub(), stored_first="mimetype")
    write_bad_inputs(args.outdir, blocks, title)


if __name__ == "__main__":
    main()
