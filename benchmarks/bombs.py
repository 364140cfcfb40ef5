"""Archive bombs: build them, import each under a memory cap, show refusal time and peak memory.

    python -m benchmarks.bombs [--mb 300] [--cap-mb 1536] [--out FILE]

Each case is built here (a real .docx/.odt from python-docx/odfdo with one member swapped for
a huge repeated XML, a .qdpx with a huge source, a lying zip header, a nested zip) and
imported by the real import path in a child process limited to --cap-mb of address space
(RLIMIT_AS). The table shows what happened, how long it took and the child's peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

MB = 1024 * 1024
DEFAULT_OUT = Path("benchmarks/results/bombs.json")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH = (
    b"<w:p><w:r><w:t>I think the commissioning process was not a level field.</w:t></w:r></w:p>"
)
_ODF_PARAGRAPH = b"<text:p>I think the commissioning process was not a level field.</text:p>"
_ODF_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b"<office:body><office:text>"
)
_ODF_CLOSE = b"</office:text></office:body></office:document-content>"
_TEXT = "the we funding prison charity commissioners contract partnership time staff money \
service users probation a of and to in it was that they our with for not"
_WORDS = _TEXT.split()


def _stream_member(
    archive: zipfile.ZipFile,
    name: str,
    head: bytes,
    body: Callable[[], bytes],
    size: int,
    tail: bytes,
    *,
    method: int = zipfile.ZIP_DEFLATED,
) -> None:
    """Write a member of about `size` bytes: head, body() repeated, tail."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = method
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head)
        written = len(head)
        while written < size:
            chunk = body()
            member.write(chunk)
            written += len(chunk)
        member.write(tail)


def _repeat(unit: bytes) -> Callable[[], bytes]:
    block = unit * max(1, MB // len(unit))
    return lambda: block


def _varied(wrap: Callable[[bytes], bytes], seed: int = 1) -> Callable[[], bytes]:
    """Paragraphs of random words: compresses about 4 times, like real prose."""
    rng = random.Random(seed)

    def block() -> bytes:
        return b"".join(wrap(" ".join(rng.choices(_WORDS, k=40)).encode()) for _ in range(2000))

    return block


def _rewrite(
    original: bytes, target: Path, replace: str, write: Callable[[zipfile.ZipFile], None]
) -> Path:
    """Copy a real archive's members except `replace`, which write() adds."""
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if info.filename != replace:
                out.writestr(info, source.read(info))
        write(out)
    return target


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Interviewer: How do you find commissioning?")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt_bytes() -> bytes:
    from odfdo import Document, Paragraph

    document = Document("text")
    document.body.clear()
    document.body.append(Paragraph("Interviewer: How do you find commissioning?"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bomb(path: Path, mb: float, *, varied: bool = False) -> Path:
    """A real .docx whose word/document.xml repeats one paragraph to about `mb` MB."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    body = (
        _varied(lambda words: b"<w:p><w:r><w:t>" + words + b"</w:t></w:r></w:p>")
        if varied
        else _repeat(_PARAGRAPH)
    )
    tail = b"</w:body></w:document>"
    return _rewrite(
        _docx_bytes(),
        path,
        "word/document.xml",
        lambda out: _stream_member(out, "word/document.xml", head, body, int(mb * MB), tail),
    )


def odt_bomb(path: Path, mb: float) -> Path:
    """A real .odt whose content.xml repeats one paragraph to about `mb` MB."""
    return _rewrite(
        _odt_bytes(),
        path,
        "content.xml",
        lambda out: _stream_member(
            out, "content.xml", _ODF_OPEN, _repeat(_ODF_PARAGRAPH), int(mb * MB), _ODF_CLOSE
        ),
    )


def qdpx_bomb(path: Path, mb: float, *, varied: bool = False, stored: bool = False) -> Path:
    """A .qdpx with one text source of about `mb` MB: one repeated line, or varied prose;
    deflated, or `stored` as it is (big, but quick to write)."""
    source = "sources/interview.txt"
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Bomb" origin="benchmarks.bombs">'
        '<Users><User guid="33333333-3333-4333-8333-333333333333" name="Dana"/></Users>'
        '<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="Funding" '
        'isCodable="true"/></Codes></CodeBook><Sources><TextSource '
        'guid="22222222-2222-4222-8222-222222222222" name="Interview" '
        f'plainTextPath="internal://{source.split("/", 1)[-1]}"/></Sources></Project>'
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("project.qde", qde)
        line = b"Interviewer: how do you find commissioning? It is not a level field.\r\n"
        body = _varied(lambda words: words + b".\r\n") if varied else _repeat(line)
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        _stream_member(out, source, b"", body, int(mb * MB), b"", method=method)
    return path


def lying_docx(path: Path, mb: float) -> Path:
    """A .docx bomb whose headers claim word/document.xml holds 1 KB (with that KB's CRC, so
    a reader that checks only what the header promises finds nothing wrong)."""
    docx_bomb(path, mb)
    name = b"word/document.xml"
    with zipfile.ZipFile(path) as archive, archive.open(name.decode()) as member:
        crc = zlib.crc32(member.read(1024))
    data = bytearray(path.read_bytes())
    # (signature, header length, where the size is, where the name's length is)
    for signature, header, size_at, name_at in (
        (b"PK\x03\x04", 30, 22, 26),
        (b"PK\x01\x02", 46, 24, 28),
    ):
        at = data.find(signature)
        while at >= 0:
            name_length, extra_length = struct.unpack_from("<HH", data, at + name_at)
            if data[at + header : at + header + name_length] == name:
                struct.pack_into("<I", data, at + size_at - 8, crc)
                extra = at + header + name_length
                _lie_about_size(data, at + size_at, extra, extra + extra_length)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _lie_about_size(data: bytearray, size_at: int, extra: int, end: int) -> None:
    """Set a header's uncompressed size to 1 KB (in its zip64 extra field when it has one)."""
    if struct.unpack_from("<I", data, size_at)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, size_at, 1024)
        return
    while extra + 4 <= end:
        tag, length = struct.unpack_from("<HH", data, extra)
        if tag == 1:
            struct.pack_into("<Q", data, extra + 4, 1024)
            return
        extra += 4 + length


def nested_docx(path: Path, mb: float) -> Path:
    """A .docx carrying a zip of zips (42.zip style) as an embedded object."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_DEFLATED) as level_one:
        block = b"\0" * MB
        for number in range(4):
            level_two = io.BytesIO()
            with zipfile.ZipFile(level_two, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                info = zipfile.ZipInfo("zeros.bin")
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as member:
                    for _ in range(max(1, int(mb / 4))):
                        member.write(block)
            level_one.writestr(f"part{number}.zip", level_two.getvalue())
    original = _docx_bytes()
    return _rewrite(
        original,
        path,
        "",
        lambda out: out.writestr("word/embeddings/archive.zip", inner.getvalue()),
    )


CASES: dict[str, tuple[str, Callable[[Path, float], Path]]] = {
    "docx": ("interview.docx", docx_bomb),
    "docx-prose": ("prose.docx", lambda p, mb: docx_bomb(p, mb, varied=True)),
    "docx-lying-header": ("lying.docx", lying_docx),
    "docx-nested-zip": ("nested.docx", nested_docx),
    "odt": ("interview.odt", odt_bomb),
    "qdpx": ("project.qdpx", qdpx_bomb),
    "qdpx-prose": ("prose.qdpx", lambda p, mb: qdpx_bomb(p, mb, varied=True)),
}


def run_import(path: Path, work: Path) -> dict[str, Any]:
    """Import one file into a new project by the real import path: what happened, and how
    long the import took (creating the project is not timed)."""
    from qualcode.errors import QualcodeError

    target = work / "bomb.qc"
    if path.suffix == ".qdpx":
        from qualcode.refi import api

        started = time.perf_counter()
        try:
            summary, _ = api.import_qdpx(str(target), path, coder="bench")
            result = {"status": "imported", "message": f"{summary.documents} documents"}
        except QualcodeError as exc:
            result = {"status": "refused", "message": str(exc)}
        return {**result, "seconds": round(time.perf_counter() - started, 3)}
    from qualcode.codebook.yamlio import load_codebook
    from qualcode.importing import import_one
    from qualcode.project import DEFAULT_CODEBOOK, new_project

    project, _ = new_project(str(target), load_codebook(DEFAULT_CODEBOOK), coder="bench")
    with project:
        started = time.perf_counter()
        outcome = import_one(project, path, coder="bench")
        seconds = round(time.perf_counter() - started, 3)
    status = "refused" if outcome.status == "failed" else outcome.status
    return {"status": status, "message": outcome.message, "seconds": seconds}


def _child(kind: str, path: Path, cap_mb: int) -> None:
    """In the child: cap the address space, import, print one JSON line."""
    cap = cap_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    with tempfile.TemporaryDirectory(prefix="qualcode-bomb-") as folder:
        try:
            result = run_import(path, Path(folder))
        except MemoryError:
            result = {"status": "out of memory", "message": f"MemoryError at {cap_mb} MB"}
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


def measure(kind: str, mb: float, work: Path, cap_mb: int) -> dict[str, Any]:
    """Build one case and import it in a capped child process."""
    file_name, build = CASES[kind]
    path = build(work / file_name, mb)
    command = [sys.executable, "-m", "benchmarks.bombs", "--child", kind, str(path)]
    command += ["--cap-mb", str(cap_mb)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        result: dict[str, Any] = {"status": f"crashed ({done.returncode})", "message": tail}
    else:
        result = json.loads(lines[-1])
    return {"case": kind, "file_mb": round(path.stat().st_size / MB, 2), "expands_mb": mb, **result}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bombs", description=__doc__)
    parser.add_argument("--mb", type=float, default=300, help="how far each bomb expands (MB)")
    parser.add_argument("--cap-mb", type=int, default=1536, help="child's address-space cap")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# The honest cases: prose that compresses like prose, just under the cap.
_SIZES = {"docx-prose": 95.0, "qdpx-prose": 95.0, "docx-nested-zip": 40.0}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]), args.cap_mb)
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from benchmarks.report import write_json

    console = Console()
    results = []
    with tempfile.TemporaryDirectory(prefix="qualcode-bombs-") as folder:
        for kind in CASES:
            console.print(f"{kind} ...")
            results.append(measure(kind, _SIZES.get(kind, args.mb), Path(folder), args.cap_mb))
    table = Table(title=f"archive bombs (child capped at {args.cap_mb} MB of address space)")
    for column in ("case", "file MB", "expands MB", "result", "import s", "peak MB"):
        table.add_column(column)
    for r in results:
        cells = (r["case"], f"{r['file_mb']:g}", f"{r['expands_mb']:g}", r["status"])
        cells += (f"{r.get('seconds', 0):.2f}", f"{r.get('peak_mb', 0):g}")
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
    for r in results:
        console.print(Text(f"{r['case']}: {r['message']}"))
    write_json(args.out, [], {"cap_mb": args.cap_mb, "bombs": results})
    console.print(f"results written to {args.out}")
    survived = all(r["status"] in ("refused", "imported") for r in results)
    return 0 if survived else 1


if __name__ == "__main__":
    sys.exit(main())
