"""PNG and JPEG are re-encoded with Pillow, and only the re-encoded pixels are stored: whatever was
appended after the image (a PHP or HTML payload), text chunks, EXIF (with GPS position), XMP and
comments are gone. The photo's EXIF orientation is applied first so it still shows upright.

Decompression bombs are refused from the header, before any pixel is decoded: more than
``MAX_PIXELS`` pixels (40 megapixels, far above a phone photo or a scan), and Pillow's own
``DecompressionBombError``/``DecompressionBombWarning`` count as refusals too.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from .refusals import refuse

MAX_PIXELS = 40_000_000
FORMATS = {"png": "PNG", "jpg": "JPEG"}
JPEG_QUALITY = 90


def reencode_image(data: bytes, extension: str) -> bytes:
    """The image in ``data`` (of the type ``extension``) re-encoded without anything else."""
    expected = FORMATS[extension]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[expected]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise refuse("image_too_large")
                image.load()
                image = ImageOps.exif_transpose(image)
                return _save(image, expected)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise refuse("image_too_large") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:
        raise refuse("damaged") from error


def _save(image: Image.Image, image_format: str) -> bytes:
    output = io.BytesIO()
    # Nothing of the original's metadata travels along, except PNG transparency (pixels, really).
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    if image_format == "JPEG":
        if image.mode not in {"L", "RGB", "CMYK"}:
            image = image.convert("RGB")
        image.save(output, format="JPEG", quality=JPEG_QUALITY)
    else:
        if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}:
            image = image.convert("RGBA")
        image.save(output, format="PNG")
    return output.getvalue()
