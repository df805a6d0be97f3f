"""The framework file: its schema refuses mistakes with the key and the line, and its knowledge
is usable on the seed corpus."""

import pytest

from assistant.engine.framework import Characteristic, Framework
from assistant.errors import CorpusError

from ..conftest import SEED_CORPUS

SEED = (SEED_CORPUS / "framework.yaml").read_text(encoding="utf-8")


def test_seed_framework_loads():
    framework = Framework.parse(SEED)
    assert [s.step for s in framework.steps] == [1, 2, 3, 4, 5]
    assert len(framework.characteristics) >= 6
    assert all(c.examples and c.triggers for c in framework.characteristics)


@pytest.mark.parametrize(("text", "message"), [
    (SEED.replace("  - key: privacy\n", "  - key: privacy\n    colour: blue\n", 1),
     r"line \d+: values\.0\.colour is not a known key"),
    (SEED.replace("values: [privacy, veiligheid, leefbaarheid]",
                  "values: [privacy, geluk]", 1), "unknown value 'geluk'"),
    (SEED.replace("yields_to: [herkent-personen", "yields_to: [herkenning", 1),
     "unknown characteristic 'herkenning'"),
    (SEED.replace("    stakes: 1\n", "    stakes: 0\n", 1),
     r"line \d+: characteristics\.\d+\.stakes Input should be greater than or equal to 1"),
    (SEED.replace("    stakes: 1\n", "    stakes: hoog\n", 1),
     r"line \d+: characteristics\.\d+\.stakes Input should be a valid integer"),
    (SEED.replace("steps:", "steps: [", 1), r"line \d+ is not valid YAML"),
    ("- a list", "must be a mapping"),
])
def test_schema_errors_name_the_key_and_the_line(text, message):
    with pytest.raises(CorpusError, match=message):
        Framework.parse(text, "framework.yaml")


def test_schema_error_line_points_at_the_key():
    broken = SEED.replace("  - key: privacy\n", "  - key: privacy\n    colour: blue\n", 1)
    line = broken.splitlines().index("    colour: blue") + 1
    with pytest.raises(CorpusError, match=f"line {line}:"):
        Framework.parse(broken)


@pytest.mark.parametrize(("words", "key", "hit"), [
    (["bodycamera", "handhavers"], "data-openbare-ruimte", True),
    (["recept", "appeltaart"], "vervangt-contact", False),
    (["een", "app", "voor", "meldingen"], "vervangt-contact", True),
    (["kentekenherkenning"], "herkent-personen", True),
    (["volgens", "de", "vng"], "herkent-personen", False),
])
def test_triggers(words, key, hit):
    framework = Framework.parse(SEED)
    char = next(c for c in framework.characteristics if c.key == key)
    assert char.matches(words) is hit


def test_a_characteristic_yields_to_one_that_says_it_was_read_wrongly():
    framework = Framework.parse(SEED)
    by_key = {c.key: c for c in framework.characteristics}
    household = [by_key[k] for k in ("meet-omgeving", "persoonsgegevens", "marktpartijen")]
    # Data traced to households are no "measuring the environment, not people".
    assert [c.key for c in Characteristic.prevailing(household)] == [
        "persoonsgegevens", "marktpartijen"]
    air = [by_key[k] for k in ("meet-omgeving", "marktpartijen")]
    assert Characteristic.prevailing(air) == air
    assert Characteristic.prevailing([]) == []
