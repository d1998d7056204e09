"""Pictures for the demo, drawn with Pillow: no downloaded photo, no real place or person.

Each scene is a simple coloured drawing (a park, a street, a playground, a market, a
library) varied by a seed, so the same seed always gives the same picture. They are small
JPEGs (640 by 400) and take milliseconds to draw.
"""

import io
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 640, 400
Draw = ImageDraw.ImageDraw


@dataclass(frozen=True)
class Scene:
    name: str
    alt: str  # what the drawing shows, for people who cannot see it (Korean: demo data)
    draw: Callable[[Draw, random.Random], None]


def _sky(draw: Draw, rng: random.Random, *, night: bool = False) -> None:
    top = (34, 46, 92) if night else (120 + rng.randrange(40), 180 + rng.randrange(40), 235)
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=top)
    sun = rng.randrange(60, WIDTH - 60)
    colour = (245, 240, 200) if night else (255, 214, 90)
    draw.ellipse((sun - 28, 30, sun + 28, 86), fill=colour)


def _tree(draw: Draw, x: int, ground: int, size: int, rng: random.Random) -> None:
    draw.rectangle((x - size // 8, ground - size, x + size // 8, ground), fill=(110, 76, 48))
    green = (40 + rng.randrange(40), 120 + rng.randrange(60), 50 + rng.randrange(30))
    draw.ellipse((x - size // 2, ground - size * 2, x + size // 2, ground - size // 2), fill=green)


def _park(draw: Draw, rng: random.Random) -> None:
    _sky(draw, rng)
    ground = 260
    draw.rectangle((0, ground, WIDTH, HEIGHT), fill=(96, 170, 82))
    draw.polygon([(250, HEIGHT), (390, HEIGHT), (340, ground), (300, ground)], fill=(214, 196, 150))
    for _ in range(rng.randint(4, 7)):
        _tree(draw, rng.randrange(20, WIDTH - 20), ground + rng.randrange(0, 40), 60, rng)
    for _ in range(30):
        x, y = rng.randrange(WIDTH), rng.randrange(ground + 20, HEIGHT)
        colour = rng.choice([(235, 80, 90), (250, 210, 60), (245, 245, 245), (190, 110, 220)])
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=colour)
    draw.rectangle((430, 300, 540, 312), fill=(150, 100, 60))  # a bench
    draw.rectangle((440, 312, 448, 330), fill=(90, 90, 90))
    draw.rectangle((522, 312, 530, 330), fill=(90, 90, 90))


def _street(draw: Draw, rng: random.Random) -> None:
    _sky(draw, rng, night=rng.random() < 0.3)
    x = 0
    while x < WIDTH:
        width, height = rng.randrange(60, 120), rng.randrange(90, 200)
        shade = rng.randrange(150, 220)
        draw.rectangle((x, 250 - height, x + width, 250), fill=(shade, shade - 20, shade - 40))
        for wy in range(250 - height + 15, 240, 30):
            for wx in range(x + 10, x + width - 15, 25):
                draw.rectangle((wx, wy, wx + 12, wy + 14), fill=(250, 235, 160))
        x += width + rng.randrange(0, 10)
    draw.rectangle((0, 250, WIDTH, 280), fill=(200, 200, 200))  # pavement
    draw.rectangle((0, 280, WIDTH, HEIGHT), fill=(70, 70, 76))  # road
    for stripe in range(200, 440, 30):  # a zebra crossing
        draw.rectangle((stripe, 290, stripe + 16, HEIGHT - 10), fill=(245, 245, 245))
    for lamp in range(60, WIDTH, 180):
        draw.rectangle((lamp, 150, lamp + 5, 250), fill=(60, 60, 60))
        draw.ellipse((lamp - 8, 140, lamp + 13, 158), fill=(255, 230, 120))


def _playground(draw: Draw, rng: random.Random) -> None:
    _sky(draw, rng)
    draw.rectangle((0, 270, WIDTH, HEIGHT), fill=(225, 190, 130))  # sand
    base = rng.randrange(80, 200)
    draw.rectangle((base, 150, base + 70, 270), outline=(200, 60, 60), width=6)
    draw.polygon(
        [(base + 70, 150), (base + 200, 265), (base + 180, 270), (base + 70, 175)],
        fill=(250, 170, 40),
    )
    draw.line((380, 140, 560, 140), fill=(60, 90, 160), width=8)  # a swing frame
    draw.line((380, 140, 360, 270), fill=(60, 90, 160), width=8)
    draw.line((560, 140, 580, 270), fill=(60, 90, 160), width=8)
    for seat in (430, 500):
        draw.line((seat, 140, seat, 225), fill=(80, 80, 80), width=2)
        draw.line((seat + 30, 140, seat + 30, 225), fill=(80, 80, 80), width=2)
        draw.rectangle((seat - 4, 225, seat + 34, 233), fill=(220, 60, 60))
    _tree(draw, 40, 280, 50, rng)


def _market(draw: Draw, rng: random.Random) -> None:
    _sky(draw, rng)
    draw.rectangle((0, 290, WIDTH, HEIGHT), fill=(180, 170, 160))
    colours = [(220, 70, 70), (60, 130, 200), (70, 160, 90), (240, 170, 40)]
    for index, x in enumerate(range(20, WIDTH - 100, 150)):
        colour = colours[(index + rng.randrange(4)) % 4]
        draw.rectangle((x, 200, x + 130, 290), fill=(235, 225, 205))
        for stripe in range(x, x + 130, 26):  # a striped awning
            draw.rectangle((stripe, 170, stripe + 13, 205), fill=colour)
            draw.rectangle((stripe + 13, 170, stripe + 26, 205), fill=(250, 250, 250))
        for _ in range(6):
            fx = rng.randrange(x + 10, x + 120)
            fruit = rng.choice([(230, 60, 40), (250, 200, 30), (120, 180, 60), (240, 130, 30)])
            draw.ellipse((fx - 7, 240, fx + 7, 254), fill=fruit)


def _library(draw: Draw, rng: random.Random) -> None:
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=(244, 236, 220))
    draw.rectangle((0, 330, WIDTH, HEIGHT), fill=(170, 120, 80))
    for shelf_x in (40, 340):
        draw.rectangle((shelf_x, 60, shelf_x + 260, 330), fill=(140, 95, 60))
        for row in range(80, 320, 60):
            x = shelf_x + 10
            while x < shelf_x + 245:
                width = rng.randrange(10, 22)
                colour = (rng.randrange(60, 230), rng.randrange(60, 200), rng.randrange(60, 200))
                draw.rectangle((x, row + rng.randrange(0, 12), x + width, row + 50), fill=colour)
                x += width + 2
            draw.rectangle((shelf_x, row + 50, shelf_x + 260, row + 56), fill=(110, 70, 40))


SCENES: dict[str, Scene] = {
    "park": Scene("park", "나무와 꽃, 벤치가 있는 공원을 그린 그림", _park),
    "street": Scene("street", "건물과 가로등, 횡단보도가 있는 거리를 그린 그림", _street),
    "playground": Scene("playground", "미끄럼틀과 그네가 있는 놀이터를 그린 그림", _playground),
    "market": Scene("market", "줄무늬 차양 아래 과일을 파는 시장을 그린 그림", _market),
    "library": Scene("library", "책이 가득 꽂힌 책장이 있는 작은 도서관을 그린 그림", _library),
}


def draw_scene(name: str, *, seed: int) -> bytes:
    """The JPEG bytes of scene `name`, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 -- a drawing, not security
    image = Image.new("RGB", (WIDTH, HEIGHT))
    SCENES[name].draw(ImageDraw.Draw(image), rng)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return out.getvalue()


def _seed(title: str) -> int:
    return zlib.crc32(title.encode())


def has_demo_photo(title: str, *, one_in: int) -> bool:
    """Whether the demo item called `title` gets a picture: about one in `one_in`, by its title.

    Decided by the title, never by the demo's random generator, so adding pictures changes
    nothing else in the demo.
    """
    return _seed(title) % one_in == 0


def demo_upload(title: str, *, scene: str | None = None) -> tuple[SimpleUploadedFile, str]:
    """A drawn picture for the demo item `title`, as an upload, and its description."""
    seed = _seed(title)
    chosen = SCENES[scene] if scene else SCENES[sorted(SCENES)[seed % len(SCENES)]]
    upload = SimpleUploadedFile(
        f"{chosen.alt}.jpg", draw_scene(chosen.name, seed=seed), content_type="image/jpeg"
    )
    return upload, chosen.alt
