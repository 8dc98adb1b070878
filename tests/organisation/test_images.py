import io
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from PIL import Image, ImageFile

from organisation.images import clean_image, delete_renditions, make_renditions, srcset, validate_image
from tests.files import BLUE, RED, camera_exif, image_bytes, noise_jpeg, png_bomb, two_colour_photo


def png_chunks(data):
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position : position + 12 + length])
        position += 12 + length
    return chunks


def exif_after_pixels(png):
    """The PNG with its eXIf chunk moved after the pixel data, where Pillow sees it only on decoding."""
    chunks = png_chunks(png)
    exif = [c for c in chunks if c[4:8] == b"eXIf"]
    others = [c for c in chunks if c[4:8] != b"eXIf"]
    assert exif, "Pillow wrote no eXIf chunk"
    return png[:8] + b"".join(others[:-1] + exif + others[-1:])


def upload(data, name):
    return SimpleUploadedFile(name, data)


def reopen(file):
    file.seek(0)
    image = Image.open(io.BytesIO(file.read()))
    image.load()
    return image


def assert_refused(test, file, code):
    with test.assertRaises(ValidationError) as raised:
        validate_image(file)
    test.assertEqual(raised.exception.code, code)
    return raised.exception


def close_to(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], expected, strict=True))


class ValidateImageTests(SimpleTestCase):
    def test_jpeg_is_accepted(self):
        validate_image(upload(image_bytes("JPEG"), "photo.jpg"))

    def test_png_is_accepted(self):
        validate_image(upload(image_bytes("PNG"), "logo.png"))

    def test_webp_is_accepted(self):
        validate_image(upload(image_bytes("WEBP"), "photo.webp"))

    def test_png_renamed_jpg_is_accepted_because_the_content_decides(self):
        validate_image(upload(image_bytes("PNG"), "logo.jpg"))

    def test_text_file_renamed_png_is_refused(self):
        assert_refused(self, upload(b"Minutes of the meeting\n" * 20, "minutes.png"), "not_image")

    def test_gif_is_refused_whatever_its_name(self):
        assert_refused(self, upload(image_bytes("GIF", mode="P", color=1), "flag.png"), "not_image")

    def test_empty_file_is_refused(self):
        assert_refused(self, upload(b"", "photo.jpg"), "empty")

    def test_file_over_the_default_size_limit_is_refused_before_it_is_read(self):
        error = assert_refused(self, upload(b"\x00" * (10 * 1024 * 1024 + 1), "big.jpg"), "too_big")
        self.assertIn("10.0\xa0MB", error.messages[0])

    @override_settings(MAX_IMAGE_UPLOAD_SIZE=1000)
    def test_size_limit_comes_from_settings(self):
        assert_refused(self, upload(noise_jpeg((64, 64)), "photo.jpg"), "too_big")

    def test_image_over_the_pixel_limit_is_refused_with_its_dimensions(self):
        error = assert_refused(self, upload(png_bomb(8000, 6000), "poster.png"), "too_many_pixels")
        self.assertIn("8000 × 6000", error.messages[0])

    @override_settings(MAX_IMAGE_UPLOAD_PIXELS=1000)
    def test_pixel_limit_comes_from_settings(self):
        assert_refused(self, upload(image_bytes("PNG", size=(40, 30)), "logo.png"), "too_many_pixels")

    def test_decompression_bomb_is_refused_without_decoding_it(self):
        bomb = png_bomb(50000, 50000)  # 2.5 gigapixels in about 300 kB
        self.assertLess(len(bomb), 1024 * 1024)
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")):
            error = assert_refused(self, upload(bomb, "bomb.png"), "too_many_pixels")
        self.assertIn("too large in pixels", error.messages[0])

    @override_settings(MAX_IMAGE_UPLOAD_PIXELS=10**9)
    def test_image_pillow_only_warns_about_is_refused_too(self):
        # 100 megapixels: over Pillow's warning threshold, under its hard limit.
        assert_refused(self, upload(png_bomb(10000, 10000), "bomb.png"), "too_many_pixels")

    def test_truncated_jpeg_is_refused(self):
        data = noise_jpeg()
        assert_refused(self, upload(data[: len(data) // 2], "photo.jpg"), "broken")

    def test_truncated_png_is_refused(self):
        buffer = io.BytesIO()
        Image.frombytes("RGB", (128, 128), os.urandom(128 * 128 * 3)).save(buffer, "PNG")
        data = buffer.getvalue()
        assert_refused(self, upload(data[: len(data) // 2], "logo.png"), "broken")

    def test_png_with_a_corrupt_checksum_is_refused(self):
        data = bytearray(image_bytes("PNG", size=(32, 32)))
        idat = data.index(b"IDAT")
        data[idat + 6] ^= 0xFF  # a byte of the compressed pixels: the chunk's CRC no longer matches
        assert_refused(self, upload(bytes(data), "logo.png"), "broken")

    def test_animated_image_is_refused(self):
        frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE)]
        buffer = io.BytesIO()
        frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
        assert_refused(self, upload(buffer.getvalue(), "anim.png"), "animated")

    def test_file_is_rewound_after_validation(self):
        file = upload(image_bytes("PNG"), "logo.png")
        validate_image(file)
        self.assertEqual(file.tell(), 0)


class CleanImageTests(SimpleTestCase):
    def test_returns_a_content_file_in_the_same_format(self):
        cleaned = clean_image(upload(image_bytes("WEBP"), "photo.webp"))
        self.assertIsInstance(cleaned, ContentFile)
        self.assertEqual(reopen(cleaned).format, "WEBP")

    def test_png_renamed_jpg_is_stored_with_png_extension(self):
        cleaned = clean_image(upload(image_bytes("PNG"), "logo.jpg"))
        self.assertEqual(cleaned.name, "logo.png")
        self.assertEqual(reopen(cleaned).format, "PNG")

    def test_name_is_slugified(self):
        cleaned = clean_image(upload(image_bytes("JPEG"), "../Фото Summit 2024 (final).JPG"))
        self.assertEqual(cleaned.name, "summit-2024-final.jpg")

    def test_name_without_usable_letters_becomes_image(self):
        cleaned = clean_image(upload(image_bytes("WEBP"), "Фото.webp"))
        self.assertEqual(cleaned.name, "image.webp")

    def test_gps_and_all_exif_are_removed(self):
        cleaned = clean_image(upload(two_colour_photo(camera_exif()), "photo.jpg"))
        image = reopen(cleaned)
        self.assertNotIn("exif", image.info)
        self.assertEqual(dict(image.getexif()), {})

    def test_xmp_and_comments_are_removed(self):
        data = two_colour_photo(camera_exif(), xmp=b"<x:xmpmeta>author</x:xmpmeta>", comment=b"Author")
        image = reopen(clean_image(upload(data, "photo.jpg")))
        self.assertNotIn("xmp", image.info)
        self.assertNotIn("comment", image.info)

    def test_png_text_chunks_are_removed(self):
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Author", "Someone")
        image = reopen(clean_image(upload(image_bytes("PNG", pnginfo=info), "logo.png")))
        self.assertNotIn("Author", image.info)

    def test_orientation_is_applied_to_the_pixels(self):
        image = reopen(clean_image(upload(two_colour_photo(camera_exif(orientation=6)), "photo.jpg")))
        # Orientation 6: turn a quarter clockwise, so the left (red) half comes on top.
        self.assertEqual(image.size, (20, 40))
        self.assertTrue(close_to(image.getpixel((10, 5)), RED))
        self.assertTrue(close_to(image.getpixel((10, 35)), BLUE))

    def test_jpeg_is_progressive(self):
        image = reopen(clean_image(upload(noise_jpeg((64, 64)), "photo.jpg")))
        self.assertTrue(image.info.get("progressive"))

    def test_png_transparency_is_kept(self):
        data = image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))
        image = reopen(clean_image(upload(data, "logo.png")))
        self.assertEqual(image.getpixel((0, 0))[3], 0)

    def test_icc_profile_is_kept(self):
        from PIL import ImageCms

        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        image = reopen(clean_image(upload(image_bytes("JPEG", icc_profile=profile), "photo.jpg")))
        self.assertEqual(image.info.get("icc_profile"), profile)

    def test_cmyk_jpeg_is_converted_to_rgb(self):
        data = image_bytes("JPEG", mode="CMYK", color=(0, 255, 255, 0))
        image = reopen(clean_image(upload(data, "poster.jpg")))
        self.assertEqual(image.mode, "RGB")

    def test_refuses_what_validation_refuses(self):
        with self.assertRaises(ValidationError):
            clean_image(upload(b"not an image", "photo.jpg"))


def store(storage, name, data):
    return storage.save(name, ContentFile(data))


class RenditionTests(SimpleTestCase):
    def setUp(self):
        self.storage = InMemoryStorage(base_url="/media/")

    def renditions(self, size, name="meetings/photos/summit.jpg", **kwargs):
        stored = store(self.storage, name, image_bytes("JPEG", size=size))
        return make_renditions(stored, storage=self.storage, **kwargs)

    def open(self, name):
        with self.storage.open(name) as file:
            image = Image.open(io.BytesIO(file.read()))
            image.load()
            return image

    def test_large_original_gets_every_width(self):
        renditions = self.renditions((2000, 1000))
        self.assertEqual(
            [(r["width"], r["height"]) for r in renditions], [(400, 200), (800, 400), (1600, 800)]
        )

    def test_names_derive_from_the_stored_name(self):
        renditions = self.renditions((2000, 1000))
        self.assertEqual(renditions[1]["webp"], "meetings/photos/renditions/summit-800w.webp")
        self.assertEqual(renditions[1]["jpeg"], "meetings/photos/renditions/summit-800w.jpg")

    def test_each_width_is_written_as_webp_and_jpeg_at_its_size(self):
        for rendition in self.renditions((2000, 1000)):
            for fmt, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
                image = self.open(rendition[fmt])
                self.assertEqual(image.format, pillow_format)
                self.assertEqual(image.size, (rendition["width"], rendition["height"]))

    def test_no_rendition_is_wider_than_the_original(self):
        renditions = self.renditions((1000, 500))
        self.assertEqual([r["width"] for r in renditions], [400, 800, 1000])

    def test_small_original_still_gets_one_rendition(self):
        renditions = self.renditions((300, 200))
        self.assertEqual([(r["width"], r["height"]) for r in renditions], [(300, 200)])

    def test_second_call_writes_nothing(self):
        self.renditions((2000, 1000))
        with mock.patch.object(self.storage, "save", wraps=self.storage.save) as save:
            make_renditions("meetings/photos/summit.jpg", storage=self.storage)
        save.assert_not_called()

    def test_second_call_returns_the_same_renditions(self):
        first = self.renditions((2000, 1000))
        self.assertEqual(make_renditions("meetings/photos/summit.jpg", storage=self.storage), first)

    def test_missing_rendition_is_made_again(self):
        renditions = self.renditions((2000, 1000))
        self.storage.delete(renditions[0]["jpeg"])
        with mock.patch.object(self.storage, "save", wraps=self.storage.save) as save:
            make_renditions("meetings/photos/summit.jpg", storage=self.storage)
        save.assert_called_once()
        self.assertTrue(self.storage.exists(renditions[0]["jpeg"]))

    def test_orientation_of_an_uncleaned_original_is_applied(self):
        store(self.storage, "photos/side.jpg", two_colour_photo(camera_exif(orientation=6)))
        (rendition,) = make_renditions("photos/side.jpg", widths=(10,), storage=self.storage)
        self.assertEqual((rendition["width"], rendition["height"]), (10, 20))
        self.assertEqual(self.open(rendition["jpeg"]).size, (10, 20))

    def test_orientation_kept_after_the_pixels_of_a_png_is_applied(self):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 20), RED).save(buffer, "PNG", exif=camera_exif(orientation=6))
        store(self.storage, "photos/side.png", exif_after_pixels(buffer.getvalue()))
        (rendition,) = make_renditions("photos/side.png", widths=(10,), storage=self.storage)
        self.assertEqual((rendition["width"], rendition["height"]), (10, 20))
        self.assertEqual(self.open(rendition["webp"]).size, (10, 20))

    def test_transparency_is_kept_in_webp_and_laid_on_white_in_jpeg(self):
        data = image_bytes("PNG", size=(500, 500), mode="RGBA", color=(0, 0, 0, 0))
        store(self.storage, "flags/xx.png", data)
        (rendition, _) = make_renditions("flags/xx.png", storage=self.storage)
        self.assertEqual(self.open(rendition["webp"]).getpixel((0, 0))[3], 0)
        self.assertTrue(close_to(self.open(rendition["jpeg"]).getpixel((0, 0)), (255, 255, 255)))

    def test_renditions_carry_no_metadata(self):
        store(self.storage, "photos/gps.jpg", two_colour_photo(camera_exif(orientation=1)))
        (rendition,) = make_renditions("photos/gps.jpg", widths=(20,), storage=self.storage)
        for fmt in ("webp", "jpeg"):
            self.assertEqual(dict(self.open(rendition[fmt]).getexif()), {})

    def test_accepts_the_field_file_or_its_name(self):
        stored = store(self.storage, "photos/a.jpg", image_bytes("JPEG", size=(500, 250)))
        field_file = mock.Mock(spec=["name"])
        field_file.name = stored
        self.assertEqual(make_renditions(field_file, storage=self.storage)[0]["width"], 400)

    def test_delete_removes_only_this_images_renditions(self):
        renditions = self.renditions((1000, 500))
        other = self.renditions((1000, 500), name="meetings/photos/summit-2.jpg")
        deleted = delete_renditions("meetings/photos/summit.jpg", storage=self.storage)
        self.assertEqual(len(deleted), 6)
        self.assertFalse(any(self.storage.exists(r[fmt]) for r in renditions for fmt in ("webp", "jpeg")))
        self.assertTrue(all(self.storage.exists(r[fmt]) for r in other for fmt in ("webp", "jpeg")))
        self.assertTrue(self.storage.exists("meetings/photos/summit.jpg"))

    def test_delete_without_renditions_deletes_nothing(self):
        self.assertEqual(delete_renditions("photos/none.jpg", storage=self.storage), [])

    def test_srcset_lists_each_width_with_its_url(self):
        renditions = self.renditions((1000, 500))
        self.assertEqual(
            srcset(renditions, "webp", storage=self.storage),
            "/media/meetings/photos/renditions/summit-400w.webp 400w, "
            "/media/meetings/photos/renditions/summit-800w.webp 800w, "
            "/media/meetings/photos/renditions/summit-1000w.webp 1000w",
        )

    def test_srcset_refuses_an_unknown_format(self):
        with self.assertRaises(ValueError):
            srcset([], "gif", storage=self.storage)


# A fresh process cleans an upload and makes its renditions, as a web worker does on a save, and
# says by how much its peak memory grew. A main guard: large images are worked on in a process of
# their own, which starts this script's interpreter afresh.
MEMORY_SCRIPT = """
import io, resource
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from organisation import images

def main():
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((3300, 2500)).convert("RGB").save(buffer, "WEBP")
    upload = SimpleUploadedFile("large.webp", buffer.getvalue())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    storage = InMemoryStorage()
    name = storage.save("large.webp", images.clean_image(upload))
    images.make_renditions(name, storage=storage)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)

if __name__ == "__main__":
    main()
"""


class MemoryTests(SimpleTestCase):
    def test_a_large_image_does_not_grow_the_workers_memory(self):
        # 8.25 megapixels: cleaning and resizing it in the worker grew it by about 140 MB.
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "measure.py"
            script.write_text("import django\ndjango.setup()\n" + MEMORY_SCRIPT)
            result = subprocess.run(
                [sys.executable, str(script)],
                cwd=settings.BASE_DIR,
                env={
                    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "PYTHONPATH": str(settings.BASE_DIR),
                    "DJANGO_SETTINGS_MODULE": "cica_site.settings",
                    "DJANGO_DEBUG": "1",
                },
                capture_output=True,
                text=True,
                timeout=300,
            )
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertLess(int(result.stdout.split()[-1]), 30)  # Megabytes.
