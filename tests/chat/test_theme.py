"""The house style from design tokens: the token forms municipalities publish, and bad files."""

import json

import pytest

from assistant.chat.theme import contrast, theme_variables
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
