"""The house style from design tokens: the token forms municipalities publish, and bad files."""

import json

import pytest

from assistant.chat.theme import contrast, logo_file, theme_variables
from assistant.errors import ConfigError


def write(tmp_path, data, name="tokens.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_nested_tokens_with_values_and_references(tmp_path):
    tokens = {"gemeente": {"color": {"blauw": {"$value": "#004699"}}},
              "utrecht": {"button": {"primary-action": {
                  "background-color": {"$value": "{gemeente.color.blauw}"},
                  "color": {"value": "#ffffff"}}, "border-radius": {"value": "4px"}},
                  "document": {"font-family": {"value": "'Gemeente Sans', Arial, sans-serif"}}}}
    found = theme_variables(write(tmp_path, tokens))
    assert found == {"--primary": "213 100% 30%", "--primary-foreground": "0 0% 100%",
                     "--ring": "213 100% 30%", "--radius": "4px",
                     "--font-sans": "'Gemeente Sans', Arial, sans-serif"}


def test_flat_camel_case_tokens_and_a_colour_of_text_that_would_not_be_read(tmp_path):
    # Yellow text on a light yellow button: replaced by black, which stands out from it.
    tokens = {"nlButtonPrimaryBackgroundColor": "#ffe600", "nlButtonPrimaryColor": "#ffffff",
              "basisBorderRadiusMd": "0"}
    found = theme_variables(write(tmp_path, tokens))
    assert found["--primary-foreground"] == "0 0% 0%" and found["--radius"] == "0px"
    assert contrast((1.0, 0.9, 0.0), (0.0, 0.0, 0.0)) >= 4.5


@pytest.mark.parametrize(("content", "says"), [
    ("{kapot", "cannot be read as design tokens (not JSON)"),
    ({"ams": {"space": {"m": "1rem"}}}, "has none of the tokens that give a primary colour"),
    ({"utrecht": {"button": {"primary-action": {"background-color": "transparent"}}}},
     "has none of the tokens that give a primary colour"),
])
def test_a_file_that_gives_no_house_style_is_one_sentence(tmp_path, content, says):
    with pytest.raises(ConfigError) as refused:
        theme_variables(write(tmp_path, content))
    assert says in str(refused.value) and str(refused.value).startswith("ASSISTANT_THEME_TOKENS")
    with pytest.raises(ConfigError, match="cannot be read as design tokens"):
        theme_variables(tmp_path / "missing.json")


SVG = b'<svg viewBox="0 0 120 40"><rect width="120"/></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize(("content", "says"), [
    (None, "cannot be read"),
    (b"GIF89a" + b"\x00" * 16, "is no SVG or PNG image"),
    (b"<svg><script>alert(1)</script></svg>", "is no SVG or PNG image"),
    (b'<svg onload="alert(1)"><rect/></svg>', "is no SVG or PNG image"),
    (b"<svg>" + b" " * 1_000_001, "a logo of at most 1000 kB is expected"),
])
def test_a_logo_that_cannot_serve_is_one_sentence(tmp_path, content, says):
    path = tmp_path / "logo.svg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigError) as refused:
        logo_file(path)
    assert says in str(refused.value) and str(refused.value).startswith("ASSISTANT_THEME_LOGO")


def test_a_logo_is_known_by_its_content_and_takes_the_assistants_place(tmp_path):
    from assistant.chat.page import write_logo

    named_wrongly = tmp_path / "logo.svg"
    named_wrongly.write_bytes(PNG)
    assert logo_file(named_wrongly) == (PNG, ".png")
    (tmp_path / "plain").write_bytes(SVG)
    assert logo_file(tmp_path / "plain") == (SVG, ".svg")
    root = tmp_path / "root"
    (root / "public").mkdir(parents=True)
    for theme in ("light", "dark"):
        (root / "public" / f"logo_{theme}.svg").write_text("<svg/>")
    write_logo(root, (PNG, ".png"))
    assert sorted(p.name for p in (root / "public").iterdir()) == \
        ["logo-gemeente.png", "logo_dark.png", "logo_light.png"]
    assert (root / "public" / "logo_light.png").read_bytes() == PNG
