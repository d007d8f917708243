"""Renders an HTML report in headless Chromium and checks it: the DOM (dumped by Chromium after
rendering) holds the expected number of figures per kind and tables, the screenshot is not a
single colour, and Chromium logged no console errors.
Usage: check_browser.py CHROMIUM HTML WORKDIR kind=count ... tables_min=N"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: F401  (DOM parsed with regexes; HTML is not XML)

import numpy as np
from PIL import Image


def run(chromium, args):
    base = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr",
            "--v=0", "--allow-file-access-from-files"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


def main():
    chromium, html, work = sys.argv[1:4]
    expected = sys.argv[4:]
    url = "file://" + html
    dom = run(chromium, ["--dump-dom", url])
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = dom.stdout
    errors = [l for l in dom.stderr.splitlines() if "CONSOLE" in l and ("rror" in l)]
    png = work + "/report.png"
    shot = run(chromium, ["--screenshot=" + png, "--window-size=1200,3000", url])
    assert shot.returncode == 0, shot.stderr[-2000:]
    errors += [l for l in shot.stderr.splitlines() if "CONSOLE" in l and ("rror" in l)]
    assert not errors, errors
    kinds = re.findall(r'<figure class="plot" data-kind="([^"]+)"', text)
    svgs = len(re.findall(r"<svg\b", text))
    tables = len(re.findall(r"<table\b", text))
    for item in expected:
        if item.startswith("tables_min="):
            assert tables >= int(item[11:]), f"{tables} tables"
            continue
        kind, count = item.split("=")
        assert kinds.count(kind) == int(count), f"{kind}: {kinds.count(kind)} != {count}"
    assert svgs == len(kinds), f"{svgs} svg elements for {len(kinds)} figures"
    image = np.asarray(Image.open(png).convert("RGB")).reshape(-1, 3)
    colours = len(np.unique(image, axis=0))
    assert colours > 50, f"screenshot has only {colours} colours (blank page?)"
    print(f"ok figures={len(kinds)} tables={tables} colours={colours}")


main()
