"""Screenshot pages of a running site at desktop and phone widths.

Usage: python scripts/screenshots.py URL [URL ...] [--out DIR] [--widths 1280,390]
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--widths", default="1280,390")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in (int(w) for w in options.widths.split(",")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for url in options.urls:
                page.goto(url)
                name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
                path = out / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
