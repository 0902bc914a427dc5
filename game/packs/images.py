"""The one check a picture passes before anything decodes it: its header is read (never the
pixels) for the format, the width and the height, and those are held to limits.

A 2.6 MB PNG can declare 30000 x 30000 pixels (3.6 GB once decoded), which is enough to kill
the window; so the loader and `validate` check every scene picture here, and `read_asset`
hands the window no bytes that fail this check. Only the formats whose header is read here are
accepted, and the file's suffix must name its format: SDL_image picks some formats (TGA) by
the name alone, so a PNG called `x.tga` would be decoded as something else.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Callable, Optional, Tuple, Union

from ..i18n import N_, _, format_integer, localize_number

MAX_IMAGE_BYTES = 16 * 1024 * 1024
# The loader reads only this much of each picture; a JPEG's size may follow metadata (EXIF,
# colour profiles) of several segments of up to 64 KiB each.
HEAD_BYTES = 512 * 1024
MAX_SIDE = 8192
MAX_PIXELS = 4096 * 4096  # 64 MiB decoded at four bytes a pixel
SUFFIXES = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "gif": (".gif",), "bmp": (".bmp",),
            "webp": (".webp",)}


Value = Union[int, float, str]


class ImageError(ValueError):
    """The bytes are not a picture Standing will decode. `sentence` (marked with N_) says why
    about the picture `{path}`; `about(path)` is that sentence in the reader's language, and
    str() its English end ("is 30,000 x 30,000 pixels; ..."), for logs."""

    def __init__(self, sentence: str, **values: Value):
        self.sentence, self.values = sentence, values
        english = {k: f"{v:,}" if isinstance(v, int) else f"{v:.1f}" if isinstance(v, float)
                   else v for k, v in values.items()}
        super().__init__(sentence.format(path="\0", **english).split("\0` ", 1)[-1])

    def about(self, path: str) -> str:
        shown = {k: format_integer(v) if isinstance(v, int) else
                 localize_number(f"{v:.1f}") if isinstance(v, float) else v
                 for k, v in self.values.items()}
        return _(self.sentence).format(path=path, **shown)


@dataclass(frozen=True)
class Picture:
    format: str
    width: int
    height: int


def check(data: bytes, name: str, size: Optional[int] = None) -> Picture:
    """The picture's header, if it is within the limits; ImageError otherwise. `data` may be
    only the start of a file of `size` bytes (the header is near the start: see HEAD_BYTES)."""
    size = len(data) if size is None else size
    if size > MAX_IMAGE_BYTES:
        raise ImageError(N_("the picture `{path}` is {size} MiB; the limit is {limit} MiB"),
                         size=size / 2 ** 20, limit=str(MAX_IMAGE_BYTES // 2 ** 20))
    pic = probe(data)
    suffixes = SUFFIXES[pic.format]
    if not name.lower().endswith(suffixes):
        kind = pic.format.upper()
        # Translators: {kind} is a picture format (PNG), {suffix} a file name ending (.png).
        raise ImageError(N_("the picture `{path}` holds a {kind} picture, but its name does not "
                            "end with {suffix}"), kind=kind, suffix=suffixes[0]) \
            if len(suffixes) == 1 else \
            ImageError(N_("the picture `{path}` holds a {kind} picture, but its name does not "
                          "end with {suffix} or {other}"), kind=kind, suffix=suffixes[0],
                       other=suffixes[1])
    if pic.width < 1 or pic.height < 1:
        raise ImageError(N_("the picture `{path}` is {width} x {height} pixels: it is empty"),
                         width=str(pic.width), height=str(pic.height))
    if max(pic.width, pic.height) > MAX_SIDE or pic.width * pic.height > MAX_PIXELS:
        raise ImageError(N_("the picture `{path}` is {width} x {height} pixels; the limit is "
                            "{side} pixels a side and {pixels} pixels in all"),
                         width=pic.width, height=pic.height, side=MAX_SIDE, pixels=MAX_PIXELS)
    return pic


def probe(data: bytes) -> Picture:
    """Format and size from the header alone."""
    for magic, reader in _READERS:
        if data.startswith(magic):
            try:
                found = reader(data)
            except (struct.error, IndexError):
                found = None
            if found is None:
                raise ImageError(N_("the picture `{path}` has a header that is cut short or "
                                    "damaged"))
            return found
    raise ImageError(N_("the picture `{path}` is not a PNG, JPEG, GIF, BMP or WebP picture"))


def _png(d: bytes) -> Optional[Picture]:
    if d[12:16] != b"IHDR":
        return None
    w, h = struct.unpack(">II", d[16:24])
    return Picture("png", w, h)


def _gif(d: bytes) -> Optional[Picture]:
    """The larger of the logical screen and the first frame (SDL_image decodes that frame)."""
    w, h, flags = struct.unpack("<HHB", d[6:11])
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while pos < len(d):
        block = d[pos]
        if block == 0x2C:  # image descriptor
            fw, fh = struct.unpack("<HH", d[pos + 5:pos + 9])
            return Picture("gif", max(w, fw), max(h, fh))
        if block != 0x21:  # only extensions may come before the first frame
            return None
        pos += 2
        while d[pos]:  # skip the extension's sub-blocks
            pos += d[pos] + 1
        pos += 1
    return None


def _bmp(d: bytes) -> Optional[Picture]:
    (header,) = struct.unpack("<I", d[14:18])
    if header == 12:  # OS/2 bitmap
        w, h = struct.unpack("<HH", d[18:22])
    else:
        w, h = struct.unpack("<ii", d[18:26])
    return Picture("bmp", abs(w), abs(h))  # a negative height stores rows top-down


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(d: bytes) -> Optional[Picture]:
    """Walk the segments to the frame header; each segment says its own length."""
    pos = 2
    while pos + 4 <= len(d):
        if d[pos] != 0xFF:
            return None
        marker = d[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _SOF:
            h, w = struct.unpack(">HH", d[pos + 5:pos + 9])
            return Picture("jpeg", w, h)
        if marker == 0xD9 or marker == 0xDA:  # end of image, or scan data before any frame
            return None
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", d[pos + 2:pos + 4])
        pos += 2 + length
    return None


def _webp(d: bytes) -> Optional[Picture]:
    if d[8:12] != b"WEBP":
        return None
    chunk = d[12:16]
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", d[26:30])
        return Picture("webp", w & 0x3FFF, h & 0x3FFF)
    if chunk == b"VP8L":
        (bits,) = struct.unpack("<I", d[21:25])
        return Picture("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        w = int.from_bytes(d[24:27], "little") + 1
        h = int.from_bytes(d[27:30], "little") + 1
        return Picture("webp", w, h)
    return None


_READERS: Tuple[Tuple[bytes, Callable[[bytes], Optional[Picture]]], ...] = (
    (b"\x89PNG\r\n\x1a\n", _png), (b"GIF87a", _gif), (b"GIF89a", _gif), (b"BM", _bmp),
    (b"\xff\xd8", _jpeg), (b"RIFF", _webp))
