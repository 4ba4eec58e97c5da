#!/usr/bin/env python3
"""Read EPUBs as an independent reader would (zipfile + ElementTree) for
tests/t_epub.sh.

  epubtext.py meta EPUB            title, languages, subjects... one per line
  epubtext.py same EPUB JSON...    the chapters' texts equal the articles'
                                   texts (as multisets; white space ignored)
  epubtext.py spine EPUB           the chapter titles in spine order
  epubtext.py zipcheck EPUB        mimetype first, stored, no extra field
"""
import json
import re
import struct
import zlib
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"opf": "http://www.idpf.org/2007/opf",
      "dc": "http://purl.org/dc/elements/1.1/",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container",
      "x": "http://www.w3.org/1999/xhtml"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def opf(z):
    c = ET.fromstring(z.read("META-INF/container.xml"))
    path = c.find(".//c:rootfile", NS).get("full-path")
    return path, ET.fromstring(z.read(path))


def spine_docs(z):
    path, p = opf(z)
    base = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    items = {i.get("id"): i.get("href") for i in p.find("opf:manifest", NS)}
    return [base + items[r.get("idref")] for r in p.find("opf:spine", NS)]


def squash(s):
    return re.sub(r"\s+", "", s)


def xhtml_text(el, out, tail=True):
    """Text of el (an image's is its alt text), leaving out what galley
    adds (class galley-*)."""
    cls = el.get("class") or ""
    if not any(c.startswith("galley-") for c in cls.split()):
        if el.tag == "{%s}img" % NS["x"]:
            out.append(el.get("alt") or "")
        if el.text:
            out.append(el.text)
        for c in el:
            xhtml_text(c, out)
    if tail and el.tail:
        out.append(el.tail)


def chapters(z):
    res = []
    for d in spine_docs(z):
        root = ET.fromstring(z.read(d))
        for sec in root.iter("{%s}section" % NS["x"]):
            if sec.get(EPUB_TYPE) == "chapter":
                out = []
                xhtml_text(sec, out, tail=False)
                res.append("".join(out))
    return res


def json_text(n, out):
    t = n.get("type")
    if t in ("text", "code", "code_block"):
        out.append(n.get("text", ""))
    if t == "footnote_reference":
        return
    for c in n.get("children", []):
        json_text(c, out)


def article_text(path):
    doc = json.load(open(path, encoding="utf-8"))
    out = []
    for n in doc["body"]:
        json_text(n, out)
    return "".join(out)


# A PNG's pixels (8-bit RGB or RGBA, not interlaced), unfiltered: width,
# height, colour type, rows of bytes.
def png_pixels(b):
    assert b[:8] == b'\x89PNG\r\n\x1a\n'
    i, idat, ihdr = 8, b'', None
    while i < len(b):
        n, t = struct.unpack('>I4s', b[i:i+8]); d = b[i+8:i+8+n]; i += 12 + n
        if t == b'IHDR': ihdr = struct.unpack('>IIBBBBB', d)
        if t == b'IDAT': idat += d
    w, h, depth, ctype = ihdr[:4]
    bpp = {6: 4, 2: 3}[ctype]
    raw = zlib.decompress(idat); stride = w * bpp; rows = []; prev = bytearray(stride)
    for y in range(h):
        f = raw[y*(stride+1)]; line = bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
        for x in range(stride):
            a = line[x-bpp] if x >= bpp else 0; up = prev[x]; c = prev[x-bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + up) & 255
            elif f == 3: line[x] = (line[x] + (a + up) // 2) & 255
            elif f == 4:
                p = a + up - c; pa, pb, pc = abs(p-a), abs(p-up), abs(p-c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
        rows.append(bytes(line)); prev = line
    return w, h, ctype, rows


def main():
    cmd, epub = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(epub)
    if cmd == "meta":
        _, p = opf(z)
        md = p.find("opf:metadata", NS)
        print("version", p.get("version"))
        print("package-lang", p.get("{http://www.w3.org/XML/1998/namespace}lang"))
        for tag in ("identifier", "title", "language", "creator", "subject",
                    "description", "date", "publisher", "rights", "source"):
            for e in md.findall("dc:" + tag, NS):
                print(tag, e.text)
        for e in md.findall("opf:meta", NS):
            if e.get("property"):
                print(e.get("property"), e.text)
    elif cmd == "same":
        got = sorted(squash(t) for t in chapters(z))
        want = sorted(squash(article_text(j)) for j in sys.argv[3:])
        if got != want:
            for g, w in zip(got, want):
                if g != w:
                    i = next((k for k in range(min(len(g), len(w)))
                              if g[k] != w[k]), min(len(g), len(w)))
                    print("chapter: ...%s..." % g[max(0, i - 40):i + 40])
                    print("article: ...%s..." % w[max(0, i - 40):i + 40])
                    break
            print("%d chapters, %d articles" % (len(got), len(want)))
            sys.exit(1)
        print("%d chapters equal their articles" % len(got))
    elif cmd == "spine":
        for d in spine_docs(z):
            root = ET.fromstring(z.read(d))
            print(root.find(".//x:title", NS).text)
    elif cmd == "zipcheck":
        raw = open(epub, "rb").read(64)
        sig, _, _, method = struct.unpack("<IHHH", raw[:10])
        nlen, xlen = struct.unpack("<HH", raw[26:30])
        name = raw[30:30 + nlen]
        body = raw[30 + nlen + xlen:30 + nlen + xlen + 20]
        ok = (sig == 0x04034b50 and method == 0 and xlen == 0 and
              name == b"mimetype" and body == b"application/epub+zip" and
              z.testzip() is None)
        print("mimetype first and stored" if ok else "bad container")
        sys.exit(0 if ok else 1)
    elif cmd == "png":
        # "png EPUB ENTRY": size, colour type, and every pixel in hex
        w, h, ctype, rows = png_pixels(z.read(sys.argv[3]))
        print(w, h, ctype)
        for r in rows:
            print(r.hex())


main()
