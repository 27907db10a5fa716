"""Screenshot pages of a running site at desktop and phone widths.

Usage: python scripts/screenshots.py URL [URL ...] [--out DIR] [--widths 1280,390]
                                      [--login EMAIL [--totp-secret SECRET]] [--lang de|en]

--login signs in with the demo password first (and the TOTP code, for staff).
"""

import argparse
import base64
import hashlib
import hmac
import re
import struct
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--widths", default="1280,390")
    parser.add_argument("--login", help="e-mail of a demo login")
    parser.add_argument("--password", default="ruhrbridge-demo")
    parser.add_argument("--totp-secret", default="")
    parser.add_argument("--lang", default="en")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in (int(w) for w in options.widths.split(",")):
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                locale=options.lang,
                timezone_id="Europe/Berlin",
            )
            page = context.new_page()
            if options.login:
                _sign_in(page, options)
            for url in options.urls:
                page.goto(url)
                name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
                path = out / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                print(path, f"OVERFLOWS BY {overflow} px" if overflow > 0 else "")
            context.close()
        browser.close()


def _sign_in(page, options) -> None:
    parts = urlsplit(options.urls[0])
    page.goto(f"{parts.scheme}://{parts.netloc}/{options.lang}/accounts/login/")
    page.fill("input[name=login]", options.login)
    page.fill("input[name=password]", options.password)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    if options.totp_secret:
        page.fill("input[name=code]", _totp(options.totp_secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    page.wait_for_load_state()


def _totp(secret: str, period: int = 30) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // period), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


if __name__ == "__main__":
    main()
