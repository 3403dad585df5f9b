"""Synthetic upload files for tests: real PDFs built byte by byte (so a test can put a script
exactly where an attacker would: in the catalog, in an object stream, behind #xx escapes),
a DOCX and a PNG."""

import io
import zipfile

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), extra, content)


def pdf(
    text: str = "Verslag",
    *,
    catalog: bytes = CATALOG,
    page: bytes = PAGE,
    extra: tuple[bytes, ...] = (),
    in_object_stream: bool = False,
) -> bytes:
    """A one-page PDF with `text` on the page. `catalog` and `page` replace those objects'
    dictionaries; `extra` objects are numbered 5, 6, ... With `in_object_stream` the catalog,
    the page tree and the extra objects sit compressed in an object stream (PDF 1.5), found
    through a cross-reference stream."""
    content = b"BT /F1 12 Tf 20 100 Td (%s) Tj ET" % text.encode("latin-1")
    objects = {1: catalog, 2: PAGES, 3: page, 4: _stream(content)}
    objects.update({5 + i: body for i, body in enumerate(extra)})
    if in_object_stream:
        return _with_object_stream(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _with_object_stream(objects: dict[int, bytes]) -> bytes:
    direct = {3: objects[3], 4: objects[4]}  # a page and a content stream stay outside
    packed = {n: body for n, body in objects.items() if n not in direct}
    header, bodies = b"", b""
    for number, body in packed.items():
        header += b"%d %d " % (number, len(bodies))
        bodies += body + b"\n"
    stream_number = max(objects) + 1
    xref_number = stream_number + 1
    objstm = _stream(
        header + bodies, b"/Type /ObjStm /N %d /First %d " % (len(packed), len(header))
    )
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in {**direct, stream_number: objstm}.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[xref_number] = len(out)
    rows = b""
    for number in range(xref_number + 1):
        if number == 0:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
        elif number in packed:
            index = list(packed).index(number)
            rows += bytes([2]) + stream_number.to_bytes(4, "big") + index.to_bytes(2, "big")
        else:
            rows += bytes([1]) + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big")
    xref_dict = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R " % (xref_number + 1)
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, _stream(rows, xref_dict))
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Verslag</w:document>")
    return buffer.getvalue()
