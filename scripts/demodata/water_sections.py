"""water_sections: monitoring sections at fixed fractions along the rivers."""

import datetime

from .log import log

# name, river, fraction along the river, level, target_class, latest_class
SECTIONS = [
    ("黄河下冶断面", "黄河", 0.30, "provincial", "II", "II"),
    ("黄河大峪断面", "黄河", 0.62, "city", "II", "II"),
    ("黄河坡头断面", "黄河", 0.93, "national", "II", "III"),
    ("沁河河口村断面", "沁河", 0.14, "provincial", "II", "II"),
    ("沁河五龙口断面", "沁河", 0.55, "national", "III", "II"),
    ("沁河省庄断面", "沁河", 0.93, "boundary", "III", "III"),
    ("蟒河思礼断面", "蟒河", 0.25, "city", "III", "III"),
    ("蟒河赵礼庄断面", "蟒河", 0.55, "city", "IV", "IV"),
    ("蟒河梨林断面", "蟒河", 0.80, "city", "IV", "IV"),
    ("蟒河南官庄断面", "蟒河", 0.95, "provincial", "IV", "V"),
    ("济河济渎断面", "济河", 0.10, "city", "III", "III"),
    ("济河梨林断面", "济河", 0.60, "city", "IV", "IV"),
    ("西石露头断面", "济河", 0.90, "boundary", "IV", "V"),
    ("湨河轵城断面", "湨河", 0.35, "city", "IV", "IV"),
    ("湨河王庄断面", "湨河", 0.90, "boundary", "IV", "劣V"),
    ("珠龙河承留断面", "珠龙河", 0.40, "city", "IV", "V"),
    ("珠龙河入蟒口断面", "珠龙河", 0.93, "city", "IV", "劣V"),
    ("苇泉河克井断面", "苇泉河", 0.30, "city", "III", "IV"),
    ("苇泉河入蟒口断面", "苇泉河", 0.92, "city", "IV", "IV"),
    ("大峪河大峪断面", "大峪河", 0.40, "city", "II", "II"),
    ("大峪河入黄口断面", "大峪河", 0.90, "provincial", "II", "III"),
    ("逢石河王屋断面", "逢石河", 0.25, "city", "II", "I"),
    ("逢石河下冶断面", "逢石河", 0.75, "provincial", "II", "II"),
]


def make_sections(city):
    rng = city.rng(5)
    rows = []
    start = datetime.date(2024, 9, 1)
    for name, river, frac, level, target, latest in SECTIONS:
        pt = city.rivers_m[river].interpolate(frac, normalized=True)
        day = start + datetime.timedelta(days=int(rng.integers(0, 110)))
        rows.append(({"name": name, "river": river, "level": level, "target_class": target,
                      "latest_class": latest, "sampled_at": day.isoformat()},
                     city.proj.geom_to_ll(pt)))
    city.layers["water_sections"] = rows
    log("water sections: %d" % len(rows))
