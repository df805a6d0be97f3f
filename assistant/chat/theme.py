"""The municipality's house style from its NL Design System design tokens.

Municipalities publish their house style as design tokens (the JSON of packages such as
``@amsterdam/design-system-tokens`` or ``@rijkshuisstijl-community/design-tokens``): nested
objects whose leaves are values, or ``{"value": ...}`` / ``{"$value": ...}`` objects, or the same
names flattened (``utrecht.button.primary-action.background-color``,
``utrechtButtonPrimaryActionBackgroundColor``). :func:`theme_variables` reads such a file and
takes, by the component tokens the NL Design System community shares (Utrecht, NL, basis) and
those of the larger municipalities' own systems, the primary colour (the primary button's), the
colour of text on it, the focus ring, the font stack and the corner radius, as the CSS variables
of Chainlit's theme. A colour of text that does not stand out enough from the primary colour
(WCAG 4.5:1) is replaced by white or black, whichever does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError

# Per theme variable, the tokens that may give it, the first found winning.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "--primary": (
        "utrecht.button.primary-action.background-color", "ams.button.primary.background-color",
        "nl.button.primary.background-color", "basis.color.action-1.bg-default",
        "denhaag.button.primary.background-color", "rotterdam.button.primary.background-color",
        "utrecht.link.color", "nl.link.color", "ams.link.color"),
    "--primary-foreground": (
        "utrecht.button.primary-action.color", "ams.button.primary.color",
        "nl.button.primary.color", "basis.color.action-1.inverse.color-default"),
    "--ring": (
        "utrecht.focus.outline-color", "basis.focus.outline-color", "nl.link.focus.color",
        "utrecht.link.focus.color", "utrecht.link.color", "nl.link.color", "ams.link.color"),
    "--font-sans": (
        "utrecht.document.font-family", "basis.text.font-family.default",
        "nl.paragraph.font-family", "ams.typography.font-family", "rhc.text.font-family.default"),
    "--radius": (
        "utrecht.button.border-radius", "basis.border-radius.md", "ams.button.border-radius",
        "ams.border.radius", "rhc.border-radius.md"),
}
COLOURS = ("--primary", "--primary-foreground", "--ring")


def theme_variables(path: Path) -> dict[str, str]:
    """The theme variables the tokens file at ``path`` gives (colours as Chainlit's ``H S% L%``).
    A file that cannot be read, is no JSON or gives no primary colour is one sentence
    (``ConfigError``) naming ASSISTANT_THEME_TOKENS."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not JSON"
        raise ConfigError(f"ASSISTANT_THEME_TOKENS: {path} cannot be read as design tokens "
                          f"({reason}).") from exc
    tokens = {_key(name): value for name, value in _leaves(data)}
    found: dict[str, str] = {}
    for variable, names in CANDIDATES.items():
        for name in names:
            value = _resolve(tokens.get(_key(name)), tokens)
            if value is None:
                continue
            shown = _shown(variable, value)
            if shown is not None:
                found[variable] = shown
                break
    if "--primary" not in found:
        raise ConfigError(f"ASSISTANT_THEME_TOKENS: {path} has none of the tokens that give a "
                          "primary colour (for example utrecht.button.primary-action."
                          "background-color).")
    return _readable(found)


# The largest logo file the chat takes: a logo is a few kilobytes; a larger file is most likely
# not one (a photo, a brochure).
LOGO_BYTES = 1_000_000
_SVG_SCRIPT = re.compile(r"<script|\son\w+\s*=|javascript:")


def logo_file(path: Path) -> tuple[bytes, str]:
    """The municipality's logo at ``path`` and its extension (``.svg`` or ``.png``), read by its
    content, not its name. A file that is missing, too large or no SVG or PNG is one sentence
    (``ConfigError``) naming ASSISTANT_THEME_LOGO."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"ASSISTANT_THEME_LOGO: {path} cannot be read "
                          f"({exc.strerror or exc.__class__.__name__}).") from exc
    if len(data) > LOGO_BYTES:
        raise ConfigError(f"ASSISTANT_THEME_LOGO: {path} is {len(data) // 1000} kB; a logo "
                          f"of at most {LOGO_BYTES // 1000} kB is expected.")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data, ".png"
    text = data.decode("utf-8", "replace").lower()
    # An SVG is served from the chat's own origin: no script in it, nor handlers or script links
    # (the chat's Content-Security-Policy would block them as well).
    if "<svg" in text[:2048] and not _SVG_SCRIPT.search(text):
        return data, ".svg"
    raise ConfigError(f"ASSISTANT_THEME_LOGO: {path} is no SVG or PNG image (an SVG must not "
                      "hold a script or an event handler).")


def _shown(variable: str, value: str) -> str | None:
    """A token's value as the theme variable takes it, or None when it cannot serve (a
    colour that is transparent or a name, a radius that is no length)."""
    if variable in COLOURS:
        rgb = _rgb(value)
        return _hsl(rgb) if rgb is not None else None
    if variable == "--radius":
        if value == "0":
            return "0px"
        return value if re.fullmatch(r"\d+(\.\d+)?(px|rem|em)", value) else None
    return value


def _leaves(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        if "value" in data or "$value" in data:
            value = data.get("$value", data.get("value"))
            if isinstance(value, str | int | float):
                yield path, str(value)
            return
        for name, inner in data.items():
            yield from _leaves(inner, f"{path}.{name}" if path else str(name))
    elif isinstance(data, str | int | float) and not isinstance(data, bool):
        yield path, str(data)


def _key(name: str) -> str:
    """A token's name without separators or case: dotted, dashed and camelCase names meet."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _resolve(value: str | None, tokens: dict[str, str], depth: int = 0) -> str | None:
    """A value, with a reference to another token (``{ams.color.blue}``) followed."""
    if value is None or depth > 5:
        return None
    reference = re.fullmatch(r"\{([^}]+)\}", value.strip())
    if reference:
        return _resolve(tokens.get(_key(reference.group(1))), tokens, depth + 1)
    return value.strip()


def _rgb(value: str) -> tuple[float, float, float] | None:
    hexa = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value)
    if hexa:
        digits = hexa.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    rgb = re.fullmatch(r"rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,/\s]+([\d.]+))?\s*\)", value)
    if rgb and (rgb.group(4) is None or float(rgb.group(4)) >= 1):
        return tuple(int(rgb.group(i)) / 255 for i in (1, 2, 3))  # type: ignore[return-value]
    return None  # transparent, a name or a gradient: not a colour to build a theme on


def _hsl(rgb: tuple[float, float, float]) -> str:
    import colorsys

    h, lightness, s = colorsys.rgb_to_hls(*rgb)
    return f"{round(h * 360)} {round(s * 100, 1):g}% {round(lightness * 100, 1):g}%"


def _from_hsl(text: str) -> tuple[float, float, float]:
    import colorsys

    h, s, lightness = (float(x.rstrip("%")) for x in text.split())
    return colorsys.hls_to_rgb(h / 360, lightness / 100, s / 100)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _readable(found: dict[str, str]) -> dict[str, str]:
    primary = _from_hsl(found["--primary"])
    text = found.get("--primary-foreground")
    if text is None or contrast(primary, _from_hsl(text)) < 4.5:
        white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
        found["--primary-foreground"] = "0 0% 100%" if contrast(primary, white) >= \
            contrast(primary, black) else "0 0% 0%"
    found.setdefault("--ring", found["--primary"])
    return found
