"""WCAG 2's contrast ratio of two colours: text needs 4.5:1 against what it is drawn on, a bar or a line that a
reader needs to see 3:1 against its neighbour (WCAG 1.4.3 and 1.4.11)."""

TEXT = 4.5
GRAPHICS = 3.0


def luminance(colour: str) -> float:
    """The relative luminance of "#rrggbb" (or "#rgb"), from 0 (black) to 1 (white)."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
