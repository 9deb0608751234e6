import type { FractionRect } from "../image/crop-region.js";

const SVG = "http://www.w3.org/2000/svg";

/**
 * Draws the model's crop over the preview: the outside dimmed, the crop framed. The SVG spans the
 * preview in a 1×1 coordinate space (`preserveAspectRatio="none"`), so fractions map straight onto it.
 */
export function renderCropOverlay(svg: SVGSVGElement, region: FractionRect | undefined): void {
  svg.toggleAttribute("hidden", !region);
  if (!region) return;
  svg.setAttribute("viewBox", "0 0 1 1");
  const { x0, y0, x1, y1 } = region;
  const outside = document.createElementNS(SVG, "path");
  outside.setAttribute("class", "outside");
  outside.setAttribute("d", `M0 0H1V1H0Z M${x0} ${y0}V${y1}H${x1}V${y0}Z`);
  const frame = document.createElementNS(SVG, "rect");
  frame.setAttribute("class", "frame");
  frame.setAttribute("x", String(x0));
  frame.setAttribute("y", String(y0));
  frame.setAttribute("width", String(x1 - x0));
  frame.setAttribute("height", String(y1 - y0));
  svg.replaceChildren(outside, frame);
  svg.dataset.region = [x0, y0, x1, y1].map((v) => v.toFixed(4)).join(",");
}
