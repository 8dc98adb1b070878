"""Uploaded images: checked by content, cleaned of metadata, and resized into renditions.

`validate_image` is a field validator, and `ImageFormField` the form field that runs it;
`clean_image` turns an accepted upload into the file to store (orientation applied, no EXIF, GPS,
XMP or comments); `make_renditions` writes the resized copies
through a storage, so the site can move to object storage without changes here.

Colour profiles (ICC) are kept: they carry no personal data, and dropping a wide-gamut profile
(a phone's Display P3) would dull the colours. CMYK images are converted to sRGB, the web's colour
space, because browsers render CMYK unreliably.
"""

import contextlib
import io
import posixpath
import re
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from organisation.files import check_size

DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # bytes
DEFAULT_MAX_PIXELS = 40_000_000  # a 40-megapixel photo is already far more than a page shows

# Pillow's format name -> the file extension we store it under.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
JPEG_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}
PNG_OPTIONS = {"optimize": True}
WEBP_OPTIONS = {"quality": 80}

RENDITION_WIDTHS = (400, 800, 1600)
RENDITION_DIR = "renditions"

# Decoding an image takes several times its pixel count in bytes (a 40-megapixel WebP took 680 MB
# to clean and resize), which a web worker would keep. Larger images than this are decoded,
# cleaned and resized in a process of their own, which gives its memory back when it ends: the
# worker holds only the compressed files.
IN_PROCESS_PIXELS = 4_000_000

ORIENTATION_TAG = 0x0112
# EXIF orientations that turn the picture a quarter, so width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}

MESSAGES = {
    "too_big": _("The image is %(size)s; the limit is %(limit)s. Save it smaller and upload it again."),
    "not_image": _(
        "The file is not a JPEG, PNG or WebP image, or it is damaged. "
        "Save it as JPEG or PNG and upload it again."
    ),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels. "
        "Resize it and upload it again."
    ),
    "bomb": _(
        "The image claims to be far too large in pixels to be opened safely. Resize it and upload it again."
    ),
    "animated": _("Animated images are not accepted: upload a still image."),
    "broken": _(
        "The image is damaged or incomplete and cannot be read. "
        "Open it in an image editor, save it again and upload the new file."
    ),
}


def max_image_size():
    return getattr(settings, "MAX_IMAGE_UPLOAD_SIZE", DEFAULT_MAX_SIZE)


def max_image_pixels():
    return getattr(settings, "MAX_IMAGE_UPLOAD_PIXELS", DEFAULT_MAX_PIXELS)


def validate_image(file):
    """Field validator: accept only a sound JPEG, PNG or WebP within the size and pixel limits.

    The content decides, not the name: a PNG called .jpg passes (`clean_image` gives it the right
    extension), a text file called .png does not.
    """
    check_size(file, max_image_size(), MESSAGES["too_big"])
    _open_checked(file)


class ImageFormField(forms.FileField):
    """The upload field for images: checked by `validate_image`, with its messages.

    A plain FileField underneath, not forms.ImageField: that one opens the upload itself first
    and answers anything it cannot read with one generic message, hiding the reason (too many
    pixels, animated, damaged), and it would decode the image once more.
    """

    default_validators = [validate_image]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")


def dimensions(file):
    """(width, height) of an image file, from its header; as stored by `clean_image`, it is upright."""
    return _open_header(file).size


def clean_image(file):
    """The file to store instead of the upload: upright, without metadata, re-encoded.

    Re-encoding in the image's own format is what removes the metadata: nothing is copied over
    but the pixels, the colour profile and (for PNG) the transparent colour. Raises
    ValidationError like `validate_image` for anything it would refuse.
    """
    check_size(file, max_image_size(), MESSAGES["too_big"])
    header = _open_checked(file, load=False)
    data = file.read()
    file.seek(0)
    cleaned, fmt = _run(header.width * header.height, _clean_bytes, data, max_image_pixels())
    return ContentFile(cleaned, name=safe_name(getattr(file, "name", "") or "", fmt))


def _clean_bytes(data, max_pixels):
    """The pixel work of clean_image(): (the cleaned file's bytes, its format)."""
    image = _open_checked(io.BytesIO(data), max_pixels=max_pixels)
    fmt = image.format
    image = _upright(image)
    image, icc_profile = _web_colours(image)
    options = {"JPEG": JPEG_OPTIONS, "PNG": PNG_OPTIONS, "WEBP": WEBP_OPTIONS}[fmt]
    extra = {}
    if fmt == "PNG" and "transparency" in image.info:
        extra["transparency"] = image.info["transparency"]
    if fmt == "JPEG" and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    return _encode(image, fmt, icc_profile, **options, **extra), fmt


def _run(pixels, function, *args):
    """function(*args): here for a small image, in a fresh process for a large one."""
    if pixels <= IN_PROCESS_PIXELS:
        return function(*args)
    import concurrent.futures
    import multiprocessing

    # "spawn": a new interpreter, not a copy of this (threaded, maybe) worker.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def safe_name(name, fmt):
    """The upload's name, slugified, with the extension of its real format."""
    stem = posixpath.splitext(posixpath.basename(name.replace("\\", "/")))[0]
    return (slugify(stem)[:60].strip("-_") or "image") + EXTENSIONS[fmt]


def rendition_name(stored_name, width, fmt):
    """Where the rendition of a stored image is kept: `<dir>/renditions/<stem>-<width>w.<ext>`."""
    directory, base = posixpath.split(stored_name)
    stem = posixpath.splitext(base)[0]
    ext = ".webp" if fmt == "webp" else ".jpg"
    return posixpath.join(directory, RENDITION_DIR, f"{stem}-{width}w{ext}")


_RENDITION = re.compile(rf"^(?:(?P<directory>.*)/)?{RENDITION_DIR}/(?P<stem>[^/]+)-\d+w\.(?:webp|jpg)$")


def rendition_of(name):
    """For the name of a rendition, the start of its original's name ("<dir>/<stem>."); else None."""
    match = _RENDITION.match(name)
    if match is None:
        return None
    return posixpath.join(match["directory"] or "", match["stem"] + ".")


def rendition_widths(original_width, widths=RENDITION_WIDTHS):
    """The widths to make: those narrower than the original, and the original's own width when a
    wider one was asked for, so the largest rendition is as sharp as the original allows."""
    chosen = sorted({w for w in widths if w < original_width})
    if any(w >= original_width for w in widths) or not chosen:
        chosen.append(original_width)
    return chosen


def make_renditions(stored_name, widths=RENDITION_WIDTHS, storage=None):
    """Write WebP and JPEG renditions of a stored image, each at most as wide as the original.

    Returns one {"width", "height", "webp", "jpeg"} per width, narrowest first, with storage
    names. A rendition that exists already is left as it is, so calling this again costs only
    the reading of the original's header. The original must pass the pixel checks of
    `validate_image` (not its byte limit, which is about uploads); if not, ValidationError.
    """
    storage = storage or default_storage
    stored_name = getattr(stored_name, "name", stored_name)
    with storage.open(stored_name, "rb") as original:
        header = _open_checked(original, load=False)
        turned = _quarter_turned(header)
        renditions = _plan(stored_name, header.size, turned, widths)
        missing = [r for r in renditions if not (storage.exists(r["webp"]) and storage.exists(r["jpeg"]))]
        if not missing:
            return renditions
        largest = (missing[-1]["width"], missing[-1]["height"])
        data = original.read()
    renditions, encoded = _run(
        header.width * header.height,
        _rendition_bytes,
        data,
        stored_name,
        header.size,
        turned,
        list(widths),
        [r["width"] for r in missing],
        largest[::-1] if turned else largest,
        max_image_pixels(),
    )
    for rendition in renditions:
        for fmt in ("webp", "jpeg"):
            content = encoded.get((rendition["width"], fmt))
            if content is not None and not storage.exists(rendition[fmt]):
                rendition[fmt] = storage.save(rendition[fmt], ContentFile(content))
    return renditions


def _rendition_bytes(data, stored_name, size, turned, widths, missing_widths, draft_size, max_pixels):
    """The pixel work of make_renditions(): (the renditions planned, {(width, format): bytes} of
    those missing)."""
    image = _open_checked(io.BytesIO(data), draft_size=draft_size, max_pixels=max_pixels)
    renditions = _plan(stored_name, size, turned, widths)
    if _quarter_turned(image, decoded=True) != turned:
        # The header did not tell (a PNG may keep its EXIF after the pixels): plan again.
        renditions = _plan(stored_name, size, not turned, widths)
        missing_widths = [r["width"] for r in renditions]
    image = _upright(image)
    image, icc_profile = _web_colours(image)
    image = _eight_bit(image)
    encoded = {}
    for rendition in renditions:
        if rendition["width"] not in missing_widths:
            continue
        resized = image.resize((rendition["width"], rendition["height"]), Image.Resampling.LANCZOS)
        versions = {
            "webp": resized.convert("RGBA" if resized.has_transparency_data else "RGB"),
            "jpeg": _flatten(resized),
        }
        for fmt, options in (("webp", WEBP_OPTIONS), ("jpeg", JPEG_OPTIONS)):
            encoded[(rendition["width"], fmt)] = _encode(versions[fmt], fmt.upper(), icc_profile, **options)
    return renditions, encoded


def _plan(stored_name, size, turned, widths):
    width, height = size[::-1] if turned else size
    return [
        {
            "width": w,
            "height": max(1, round(height * w / width)),
            "webp": rendition_name(stored_name, w, "webp"),
            "jpeg": rendition_name(stored_name, w, "jpeg"),
        }
        for w in rendition_widths(width, widths)
    ]


def delete_renditions(stored_name, storage=None):
    """Delete every rendition of a stored image; returns the names deleted."""
    storage = storage or default_storage
    stored_name = getattr(stored_name, "name", stored_name)
    directory, base = posixpath.split(stored_name)
    folder = posixpath.join(directory, RENDITION_DIR)
    pattern = re.compile(re.escape(posixpath.splitext(base)[0]) + r"-\d+w\.(webp|jpg)")
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    deleted = []
    for filename in files:
        if pattern.fullmatch(filename):
            name = posixpath.join(folder, filename)
            storage.delete(name)
            deleted.append(name)
    return deleted


def srcset(renditions, fmt, storage=None):
    """A `srcset` value ("<url> 400w, <url> 800w") for one format, "webp" or "jpeg"."""
    if fmt not in ("webp", "jpeg"):
        raise ValueError(f"fmt must be 'webp' or 'jpeg', not {fmt!r}")
    storage = storage or default_storage
    return ", ".join(f"{storage.url(r[fmt])} {r['width']}w" for r in renditions)


def _open_checked(file, load=True, draft_size=None, max_pixels=None):
    """Open an image from its content, refusing anything `validate_image` refuses but its size.

    Every check that needs no pixels comes first: the format and the dimensions are known from
    the header, so a decompression bomb is refused before anything is decoded.
    """
    image = _open_header(file)
    max_pixels = max_pixels or max_image_pixels()
    if image.width * image.height > max_pixels:
        raise ValidationError(
            MESSAGES["too_many_pixels"],
            code="too_many_pixels",
            params={
                "width": image.width,
                "height": image.height,
                "limit": f"{max_pixels / 1_000_000:g}",
            },
        )
    if getattr(image, "n_frames", 1) > 1:
        raise ValidationError(MESSAGES["animated"], code="animated")
    if not load:
        return image
    try:
        # verify() checks what decoding does not (PNG checksums) but leaves the image unusable,
        # so the file is opened again to decode it.
        image.verify()
        file.seek(0)
        with _bomb_as_error():
            image = Image.open(file, formats=list(EXTENSIONS))
            if draft_size:
                image.draft(None, draft_size)  # JPEG decodes straight to a smaller scale.
            image.load()
    except Exception as exc:
        raise ValidationError(MESSAGES["broken"], code="broken") from exc
    finally:
        file.seek(0)
    return image


def _open_header(file):
    """Read only the header: format and dimensions, no pixels."""
    file.seek(0)
    try:
        with _bomb_as_error():
            image = Image.open(file, formats=list(EXTENSIONS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(MESSAGES["bomb"], code="too_many_pixels") from exc
    except Exception as exc:  # UnidentifiedImageError, and whatever a damaged header raises
        raise ValidationError(MESSAGES["not_image"], code="not_image") from exc
    finally:
        file.seek(0)
    return image


@contextlib.contextmanager
def _bomb_as_error():
    """Pillow only warns between its two pixel limits; make that a refusal too."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _quarter_turned(image, decoded=False):
    """Whether the EXIF orientation turns the picture a quarter, so width and height swap."""
    if not decoded and image.format == "PNG" and "exif" not in image.info:
        return False  # Pillow would decode the whole PNG to look further: the caller re-checks.
    try:
        return image.getexif().get(ORIENTATION_TAG) in QUARTER_TURNS
    except Exception:
        return False


def _upright(image):
    """The image turned as its EXIF orientation says."""
    # A damaged EXIF block must not stop an otherwise good picture.
    with contextlib.suppress(Exception):
        ImageOps.exif_transpose(image, in_place=True)  # in place: no second copy of the pixels
    return image


def _web_colours(image):
    """The image in a colour space browsers show reliably, and the ICC profile to embed."""
    icc_profile = image.info.get("icc_profile")
    if image.mode == "CMYK":
        converted = None
        if icc_profile:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
                converted = ImageCms.profileToProfile(
                    image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
                )
            except Exception:  # A broken profile: fall back to the plain conversion.
                converted = None
        image = converted or image.convert("RGB")
        icc_profile = None
    return image, icc_profile


def _eight_bit(image):
    """16- and 32-bit greyscale scaled to 8 bits; Pillow's own conversion would clip it to white."""
    if image.mode.startswith("I;16"):
        image = image.convert("I")
    if image.mode == "I":
        return image.point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


def _flatten(image):
    """RGB for JPEG: anything transparent is laid on white."""
    if not image.has_transparency_data:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode(image, fmt, icc_profile, **options):
    # Pillow writes some of `info` back on save (a JPEG comment, for one), so it is emptied:
    # only what is passed here reaches the file.
    image.info = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
