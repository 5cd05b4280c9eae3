/**
 * Charts as PNG images: a Vega-Lite specification drawn to SVG by Vega (no browser, no
 * canvas), then to PNG by resvg with the DejaVu fonts shipped as an npm package, so that
 * labels look the same on every server, fonts installed or not.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

const require = createRequire(import.meta.url);
const FONTS = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** One bar of a grouped bar chart. */
export interface Bar {
  /** Where on the horizontal axis (a week's date, an outcome…). */
  x: string;
  /** Which group, coloured (offers, needs…). */
  group: string;
  value: number;
}

/** Labels of a chart, in the reader's language. */
export interface ChartLabels {
  title: string;
  x: string;
  y: string;
}

/** Draws grouped bars as a PNG image. */
export async function barChart(bars: readonly Bar[], labels: ChartLabels): Promise<Buffer> {
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 520,
    height: 260,
    title: labels.title,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: "bar", tooltip: false },
    encoding: {
      x: { field: "x", type: "ordinal", title: labels.x, sort: null, axis: { labelAngle: -45 } },
      xOffset: { field: "group", type: "nominal" },
      y: { field: "value", type: "quantitative", title: labels.y, axis: { tickMinStep: 1 } },
      color: { field: "group", type: "nominal", title: null },
    },
    config: { font: "DejaVu Sans", background: "white" },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [join(FONTS, "DejaVuSans.ttf"), join(FONTS, "DejaVuSans-Bold.ttf")],
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
    },
    background: "white",
    fitTo: { mode: "zoom", value: 1.5 },
  });
  return resvg.render().asPng();
}
