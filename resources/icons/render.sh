#!/usr/bin/env bash
# Renders the SVG icons to the PNG sizes the console loads: Debian's Qt 6.4 here
# has no SVG module, so the .qrc carries PNGs made from these SVG sources (and
# the window icon from the installer's application icon, so both look alike).
# Run after editing an SVG (needs rsvg-convert, package librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
render() {
    local svg=$1 base=$2
    for size in 16 32 64; do
        rsvg-convert -w "$size" -h "$size" "$svg" -o "png/${base}-${size}.png"
    done
}
for svg in status-*.svg; do
    render "$svg" "${svg%.svg}"
done
render ../desktop/icons/channel-console.svg cxone-console
