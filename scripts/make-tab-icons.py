"""Draws the mini-program's tab bar icons (81x81 PNG, grey and selected blue) with the standard library only.
Run once after changing a shape: python3 scripts/make-tab-icons.py"""
import math, struct, zlib, os

SIZE = 81
OUT = os.path.join(os.path.dirname(__file__), '..', 'miniprogram', 'src', 'assets', 'tab')
COLORS = {'': (134, 144, 156), '-active': (31, 94, 255)}

def home(x, y):  # a house: roof triangle and body
    roof = y >= 12 and y <= 40 and abs(x - 40) <= (y - 12) * 1.05
    body = 40 <= y <= 68 and 18 <= x <= 62 and not (52 <= y <= 68 and 34 <= x <= 46)
    return roof or body

def policy(x, y):  # a document with lines
    inside = 16 <= x <= 64 and 10 <= y <= 70
    border = inside and not (21 <= x <= 59 and 15 <= y <= 65)
    lines = 26 <= x <= 54 and any(abs(y - ly) <= 2 for ly in (26, 38, 50))
    return border or lines

def event(x, y):  # a calendar
    inside = 12 <= x <= 68 and 16 <= y <= 68
    border = inside and not (17 <= x <= 63 and 29 <= y <= 63)
    rings = 8 <= y <= 20 and any(abs(x - rx) <= 2 for rx in (26, 54))
    dot = 30 <= x <= 40 and 38 <= y <= 48
    return border or rings or dot

def me(x, y):  # a person: head and shoulders
    head = math.hypot(x - 40, y - 26) <= 13
    shoulders = y >= 46 and y <= 70 and math.hypot(x - 40, y - 72) <= 28
    return head or shoulders

def png(path, shape, rgb):
    rows = b''
    for y in range(SIZE):
        row = bytearray([0])
        for x in range(SIZE):
            row += bytes(rgb + (255,)) if shape(x, y) else bytes((0, 0, 0, 0))
        rows += bytes(row)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)

for name, shape in {'home': home, 'policy': policy, 'event': event, 'me': me}.items():
    for suffix, rgb in COLORS.items():
        png(os.path.join(OUT, f'{name}{suffix}.png'), shape, rgb)
