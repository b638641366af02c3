"""What "no executable markup got through" means, checked on the parsed page
rather than by a regular expression on its text: escaped text such as
`&lt;script&gt;` is just words, and is fine.

`page_problems(html)` lists every element or attribute on a page that could
run script or send the reader (or their form) somewhere else:

- a <script> from another site, or an inline script (the public site and
  the portal have none: their CSP forbids them; in the Wagtail admin, which
  has a few of its own, one that mentions a payload or a test marker);
  a <style> or <noscript> trick that runs script;
- an event handler attribute (`on…=`) on any element;
- a javascript:, vbscript:, livescript: or data: address (data: images
  excepted) in any attribute that holds an address, after the browser's own
  clean-up (entities decoded, control characters and spaces removed);
- <iframe>, <frame>, <frameset>, <object>, <embed>, <applet>, <base>,
  <bgsound>, <isindex>, <meta http-equiv>, <math>, SVG animation and
  foreignObject elements, `srcdoc`;
- a form, or a button's formaction, that posts anywhere but this site; a
  form with fields but no address, method or CSRF token of its own (every
  form of the site's states at least one);
- CSS that runs script (expression(), behavior:, -moz-binding, javascript:).

The Wagtail admin's own markup passes: its scripts are files from the site,
JSON configuration islands and a few inline calls, and its icons are
<svg><use href="#…">; so do the report's charts (SVG shapes and text,
nothing that runs or links). Where Python's parser and a browser disagree
(a comment closed by "<!-->", raw text in <noscript>), the browser's reading
is checked too.

`csv_problems`, `xlsx_problems` and `docx_problems` do the same for the
downloads: spreadsheet cells that a spreadsheet would run as a formula, and
Word fields, embedded HTML chunks or objects in a .docx."""
import csv
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pypdf
from lxml import etree

VECTORS_FILE = Path(__file__).with_name("xss_vectors.txt")
# The corpus is one vector per line; characters a line cannot hold are written
# as these placeholders.
PLACEHOLDERS = {"{NUL}": "\x00", "{TAB}": "\t", "{CR}": "\r"}

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "dynsrc", "lowsrc",
    "codebase", "code", "cite", "longdesc", "ping", "manifest", "icon", "profile", "usemap", "archive",
    "classid", "srcset", "itemtype", "xml:base", "to", "from", "values", "by",
}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "bgsound", "isindex", "keygen",
    "math", "maction", "mglyph", "animate", "animatemotion", "animatetransform", "set", "foreignobject",
    "handler", "listener", "xmp", "plaintext",
}
# What the admin's icons (<use href="#icon-…">) and the report's charts draw with.
SVG_SHAPES = {"use", "path", "title", "desc", "g", "symbol", "defs", "line", "rect", "text", "tspan", "circle",
              "ellipse", "polyline", "polygon"}
EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "livescript:", "mocha:", "data:")
SAFE_DATA = re.compile(r"^data:image/(png|gif|jpe?g|webp);")
PAYLOAD = re.compile(r"alert|prompt\(|confirm\(|__xss|msgbox|evil\.example|expression\(|calc'", re.I)
DANGEROUS_CSS = re.compile(r"expression\(|javascript:|vbscript:|behavior:|-moz-binding|@import", re.I)
JSON_TYPES = {"application/json", "application/ld+json"}


def load_vectors():
    vectors = []
    for line in VECTORS_FILE.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        for placeholder, character in PLACEHOLDERS.items():
            line = line.replace(placeholder, character)
        vectors.append(line)
    return vectors


def browser_url(value):
    """An address as a browser reads it: entities are already decoded by the
    parser; it drops control characters and spaces, and ignores case."""
    return re.sub(r"[\x00-\x20\x7f-\xa0\s]+", "", value or "").lower()


def css_text(value):
    """CSS as a browser reads it: escapes such as \\65 decoded, spaces dropped."""
    decoded = re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value or "")
    return browser_url(decoded.replace("\\", ""))


def same_site(url):
    url = (url or "").strip()
    return url == "" or url.startswith(("?", "#")) or (url.startswith("/") and not url.startswith("//"))


class _Audit(HTMLParser):
    def __init__(self, *, inline_scripts_allowed=False):
        super().__init__(convert_charrefs=True)
        self.inline_scripts_allowed = inline_scripts_allowed
        self.problems = []
        self.open_raw = None  # "script" or "style" while inside one
        self.raw_text = []
        self.raw_attrs = {}
        self.svg_depth = 0
        self.forms = []

    def _flag(self, message):
        self.problems.append(f"{message} (line {self.getpos()[0]})")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.svg_depth -= 1

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        shown = f"<{tag}{''.join(f' {k}={v!r}' for k, v in attrs)}>"[:160]
        if tag in FORBIDDEN_ELEMENTS:
            self._flag(f"forbidden element {shown}")
        if tag == "svg":
            self.svg_depth += 1
        elif self.svg_depth and tag not in SVG_SHAPES:
            self._flag(f"{shown} inside an <svg> (only icons and charts are expected)")
        elif self.svg_depth and tag == "use" and not (attributes.get("href") or attributes.get("xlink:href") or "#").startswith("#"):
            self._flag(f"{shown} uses something outside the page")
        if tag == "meta" and "http-equiv" in attributes:
            self._flag(f"forbidden element {shown}")
        if tag == "script":
            src = attributes.get("src")
            kind = (attributes.get("type") or "").lower()
            if src is not None and not (same_site(src) and src.strip()):
                self._flag(f"script from outside the site {shown}")
            if src is None and kind not in JSON_TYPES:
                self.open_raw, self.raw_text, self.raw_attrs = "script", [], attributes
            elif src is None:
                self.open_raw, self.raw_text, self.raw_attrs = "json", [], attributes
        if tag == "style":
            self.open_raw, self.raw_text, self.raw_attrs = "style", [], attributes
        if tag == "noscript":
            self.open_raw, self.raw_text, self.raw_attrs = "noscript", [], attributes
            self.set_cdata_mode(tag)
        if tag == "meta" and (attributes.get("charset") or "utf-8").lower() != "utf-8":
            self._flag(f"a character set other than UTF-8 {shown}")
        if tag == "link" and not same_site(attributes.get("href")) and "stylesheet" in (attributes.get("rel") or ""):
            self._flag(f"stylesheet from elsewhere {shown}")
        if tag == "form":
            if not same_site(attributes.get("action")):
                self._flag(f"form posting elsewhere {shown}")
            own = bool((attributes.get("action") or "").strip() or attributes.get("method"))
            self.forms.append({"shown": shown, "own": own, "line": self.getpos()[0]})
        if tag == "input" and attributes.get("name") == "csrfmiddlewaretoken" and self.forms:
            self.forms[-1]["own"] = True
        elif tag in ("input", "button", "select", "textarea") and self.forms:
            self.forms[-1]["controls"] = True
        for name, value in attrs:
            if name.startswith("on"):
                self._flag(f"event handler {name}= on {shown}")
            elif name == "srcdoc":
                self._flag(f"srcdoc on {shown}")
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                for part in (value or "").split(",") if name == "srcset" else [value]:
                    url = browser_url(part)
                    if url.startswith(EXECUTABLE_SCHEMES) and not (tag == "img" and SAFE_DATA.match(url)):
                        self._flag(f"executable address in {name}= on {shown}")
                if name == "formaction" and not same_site(value):
                    self._flag(f"formaction elsewhere on {shown}")
            elif name == "style" and DANGEROUS_CSS.search(css_text(value)):
                self._flag(f"script in CSS on {shown}")
            elif name == "http-equiv":
                pass  # flagged above
            if tag == "meta" and name == "content" and "url=" in browser_url(value):
                self._flag(f"refresh address in {shown}")

    def handle_comment(self, data):
        # "<!-->" and "<!--->" end a comment at once in a browser: what
        # Python's parser takes for the rest of the comment is markup there.
        for start in (">", "->"):
            if data.startswith(start):
                self._audit_fragment(data[len(start):])
                break

    def _audit_fragment(self, fragment):
        line = self.getpos()[0]
        self.problems += [f"{problem} [inside markup a browser parses differently, near line {line}]"
                          for problem in page_problems(fragment, inline_scripts_allowed=self.inline_scripts_allowed)]

    def handle_endtag(self, tag):
        if tag == "form" and self.forms:
            form = self.forms.pop()
            if form.get("controls") and not form["own"]:
                self.problems.append(f"a form with fields but no address, method or CSRF token "
                                     f"{form['shown']} (line {form['line']})")
        if tag == "noscript" and self.open_raw == "noscript":
            # With script on, a browser reads <noscript> as raw text up to
            # </noscript>: what follows is markup, whatever the quotes before said.
            self.open_raw = None
            return
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1
        if tag in ("script", "style") and self.open_raw:
            text = "".join(self.raw_text)
            if self.open_raw == "script" and text.strip() and (
                not self.inline_scripts_allowed or PAYLOAD.search(text) or "xssmark" in text
            ):
                self._flag(f"inline script: {text.strip()[:120]!r}")
            if self.open_raw == "style" and (PAYLOAD.search(text) or DANGEROUS_CSS.search(css_text(text))):
                self._flag(f"CSS that runs script: {text.strip()[:120]!r}")
            self.open_raw = None

    def handle_data(self, data):
        if self.open_raw:
            self.raw_text.append(data)


def page_problems(html, *, inline_scripts_allowed=False):
    """The problems on a page. The Wagtail admin (outside the CSP) has inline
    scripts of its own: with `inline_scripts_allowed` only those that mention
    a payload or a test marker are problems."""
    audit = _Audit(inline_scripts_allowed=inline_scripts_allowed)
    audit.feed(html)
    audit.close()
    if audit.open_raw in ("script", "style"):
        audit.problems.append(f"a <{audit.open_raw}> that is never closed swallows the rest of the page")
    return audit.problems


def visible_text(html):
    """The page's words (tags dropped, entities decoded), for "was it shown?"."""

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1
            for name, value in attrs:
                if name == "value" and value:  # what a form field holds is shown too
                    self.parts.append(" " + value + " ")

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


# --------------------------------------------------------------------------- downloads

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content):
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def csv_problems(content):
    return [f"CSV cell a spreadsheet would run: {cell[:80]!r}" for cell in csv_cells(content)
            if cell.startswith(FORMULA_STARTS)]


def xlsx_strings(content):
    """Every text in the workbook (shared strings and inline strings)."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and ("sharedStrings" in name or name.startswith("xl/worksheets/")):
                root = etree.fromstring(archive.read(name))
                texts += ["".join(t.itertext()) for t in root.iter("{*}si", "{*}is")]
    return texts


def xlsx_problems(content):
    problems = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                for formula in root.iter("{*}f"):
                    problems.append(f"formula in {name}: {formula.text!r}")
            if name.startswith(("xl/externalLinks", "xl/embeddings", "xl/activeX")) or name.endswith(".bin"):
                problems.append(f"workbook part {name}")
    return problems


DOCX_FORBIDDEN = {"fldSimple", "instrText", "altChunk", "object", "control", "embed", "fldData"}


# The product's own fields, and the only ones a file may hold: the footer's
# page number and number of pages (a field is otherwise a way to run things).
PAGE_NUMBER_FIELDS = {"PAGE", "NUMPAGES"}


def _page_number_field(element, local):
    if local == "fldSimple":
        instruction = element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr") or ""
        return instruction.strip() in PAGE_NUMBER_FIELDS
    return False


def pdf_problems(content):
    """Anything in a PDF that could run or send a reader somewhere odd:
    JavaScript, launch or submit actions, embedded files, and links to
    anything but http(s) or mailto addresses."""
    problems = []
    raw = content
    for token in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/SubmitForm", b"/EmbeddedFile", b"/OpenAction",
                  b"/RichMedia", b"/XFA"):
        if token in raw:
            problems.append(f"{token.decode()} in the PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None:
                continue
            action = action.get_object()
            uri = action.get("/URI")
            if action.get("/S") == "/URI" and not str(uri).startswith(("https:", "http:", "mailto:")):
                problems.append(f"page {number}: a link to {str(uri)[:80]!r}")
            elif action.get("/S") not in ("/URI", "/GoTo", None):
                problems.append(f"page {number}: an action {action.get('/S')}")
    return problems


def pdf_text(content):
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def docx_problems(content):
    problems = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            lowered = name.lower()
            if lowered.endswith((".htm", ".html", ".mht", ".bin", ".js")) or "activex" in lowered:
                problems.append(f"document part {name}")
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(name))  # well-formed, or this raises
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                local = etree.QName(element).localname
                if local in DOCX_FORBIDDEN and not _page_number_field(element, local):
                    problems.append(f"<{local}> in {name}")
                if name.endswith(".rels") and local == "Relationship":
                    target = element.get("Target") or ""
                    external = element.get("TargetMode") == "External"
                    if "aFChunk" in (element.get("Type") or "") or (
                        external and not browser_url(target).startswith(("https:", "http:", "mailto:"))
                    ):
                        problems.append(f"HTML chunk or odd external link in {name}: {target!r}")
    return problems


def docx_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return " ".join("".join(t.itertext()) for t in root.iter("{*}t"))
