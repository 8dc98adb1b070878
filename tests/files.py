"""Files to upload, made in memory: real images and PDFs, and the broken, huge or revealing ones that
uploads must refuse or clean."""

import io
import os
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

RED = (255, 0, 0)
BLUE = (0, 0, 255)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", color=RED, **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def image_file(name="photo.jpg", size=(64, 48), fmt=None, color="navy", **options):
    """A real image upload made with Pillow, in the format its name says unless `fmt` is given."""
    fmt = (
        fmt or {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[name.rsplit(".", 1)[-1].lower()]
    )
    return SimpleUploadedFile(name, image_bytes(fmt, size, color=color, **options))


def noise_jpeg(size=(256, 256)):
    """A JPEG whose compressed data is large enough that cutting it loses real pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def two_colour_photo(exif=None, **options):
    """40 × 20 pixels, red on the left, blue on the right, as a camera stores a photo on its side."""
    image = Image.new("RGB", (40, 20), BLUE)
    image.paste(RED, (0, 0, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif or Image.Exif(), **options)
    return buffer.getvalue()


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Camera maker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (40.0, 24.0, 36.0)
    gps[3] = "E"
    gps[4] = (49.0, 51.0, 12.0)
    return exif


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width, height):
    """A real 1-bit PNG of blank rows: a few kilobytes on disk, width × height bytes once decoded.

    The rows are compressed one at a time, so making it never holds the decoded image either.
    """
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def pdf_bytes(pages=1, user_password=None, owner_password=None):
    """A real PDF of `pages` blank A4 pages, made with pypdf; encrypted when given a password."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_file(name="document.pdf", pages=1):
    """A real PDF upload of `pages` blank A4 pages."""
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def pdf_with(javascript=None, launch=None, link_javascript=None, metadata=None):
    """A one-page PDF with what a hostile or careless producer puts in one: a document-level script,
    an open action that launches a program, a link that runs a script, and metadata (the
    information dictionary and an XMP stream)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject

    def name(value):
        return NameObject(value)

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {name("/S"): name("/JavaScript"), name("/JS"): TextStringObject(javascript)}
        )
        scripts = DictionaryObject(
            {name("/Names"): ArrayObject([TextStringObject("start"), writer._add_object(action)])}
        )
        writer.root_object[name("/Names")] = DictionaryObject(
            {name("/JavaScript"): writer._add_object(scripts)}
        )
    if launch:
        writer.root_object[name("/OpenAction")] = DictionaryObject(
            {name("/S"): name("/Launch"), name("/F"): TextStringObject(launch)}
        )
    if link_javascript:
        action = DictionaryObject(
            {name("/S"): name("/JavaScript"), name("/JS"): TextStringObject(link_javascript)}
        )
        link = DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name("/Link"),
                name("/Rect"): ArrayObject([]),
                name("/A"): writer._add_object(action),
            }
        )
        page[name("/Annots")] = ArrayObject([writer._add_object(link)])
    if metadata:
        writer.add_metadata(metadata)
        xmp = StreamObject()
        creator = metadata.get("/Author", "")
        xmp.set_data(f"<x:xmpmeta><dc:creator>{creator}</dc:creator></x:xmpmeta>".encode())
        xmp[name("/Type")] = name("/Metadata")
        writer.root_object[name("/Metadata")] = writer._add_object(xmp)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf_file(text, name="document.pdf"):
    """A real PDF upload of one page that says `text` (ASCII), in Helvetica."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii"))
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
