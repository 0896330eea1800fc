"""What a file really is, judged by its content (never by its name): pure, shared by every upload.

``sniff`` knows the types the app accepts anywhere (bukti dukung, lampiran pengumuman, pindaian,
bukti pengembangan); each feature narrows it to its own allow-list.
"""

from __future__ import annotations

import io
import zipfile

MIME = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The part that tells one Office Open XML package from another.
OOXML_PENANDA = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}


def sniff(data: bytes) -> str | None:
    """The real type from the content: pdf, jpg, png, docx, xlsx, pptx — or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names:
            for jenis, penanda in OOXML_PENANDA.items():
                if penanda in names:
                    return jenis
    return None
