"""What tests and benchmarks share: a real chat server on a free loopback port, a signed-in
Socket.IO client, the example intranet page, slow clients, a stub language-model endpoint, and
waiting for a condition instead of for a fixed time."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent  # the checkout
OUTPUT = TESTS / "output"  # screenshots, logs and exports the tests leave (ignored by git)
AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# Two municipalities' published design tokens, installed from npm by `make browser`.
HOUSE_STYLES = {
    "amsterdam": TESTS / "browser" / "node_modules" / "@amsterdam" / "design-system-tokens" /
    "dist" / "index.json",
    "rijkshuisstijl": TESTS / "browser" / "node_modules" / "@rijkshuisstijl-community" /
    "design-tokens" / "dist" / "index.tokens.json",
}
