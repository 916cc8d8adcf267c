#!/usr/bin/env bash
# Renders the SVG icons to the PNG sizes the console loads: Debian's Qt 6.4 here
# has no SVG module, so the .qrc carries PNGs made from these SVG sources.
# Run after editing an SVG (needs rsvg-convert, package librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for svg in *.svg; do
    base=${svg%.svg}
    for size in 16 32 64; do
        rsvg-convert -w "$size" -h "$size" "$svg" -o "png/${base}-${size}.png"
    done
done
