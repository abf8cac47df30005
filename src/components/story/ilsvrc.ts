// ILSVRC winners 2010–2017: a chart of the winning top-5 error with AlexNet's 2012 drop against the runner-up,
// the human reference line, a row of year buttons (keyboard access to every point) and a visible table.
import * as Plot from "@observablehq/plot";
import type {IlsvrcWinner} from "./history-data.js";
import {HUMAN_TOP5, ILSVRC_WINNERS, RUNNER_UP_2012, SOURCES} from "./history-data.js";
import {el, emitValue, uid} from "../ui/dom.js";

export interface IlsvrcChartOptions {
  width: number;
  selectedYear: number;
}

/** The drop in top-5 error from the 2012 runner-up to AlexNet, in percentage points. */
export function alexnetLead(): number {
  const alexnet = ILSVRC_WINNERS.find((w) => w.year === 2012)!;
  return Math.round((RUNNER_UP_2012.top5 - alexnet.top5) * 10) / 10;
}

export function ilsvrcChart({width, selectedYear}: IlsvrcChartOptions): SVGSVGElement | HTMLElement {
  const alexnet = ILSVRC_WINNERS.find((w) => w.year === 2012)!;
  const selected = ILSVRC_WINNERS.filter((w) => w.year === selectedYear);
  const narrow = width < 520;
  return Plot.plot({
    ariaLabel: "Line chart of the winning ILSVRC top-5 error by year, 2010 to 2017",
    ariaDescription: `Falls from ${ILSVRC_WINNERS[0]!.top5} % in 2010 to ${ILSVRC_WINNERS.at(-1)!.top5} % in 2017; in 2012 AlexNet reached ${alexnet.top5} % against the runner-up's ${RUNNER_UP_2012.top5} %; the human reference is about ${HUMAN_TOP5.top5} %. The table below lists every value.`,
    width,
    height: narrow ? 300 : 360,
    marginLeft: 44,
    marginRight: narrow ? 12 : 24,
    x: {label: null, tickFormat: (d: number) => (narrow ? `’${String(d).slice(2)}` : String(d)), ticks: ILSVRC_WINNERS.map((w) => w.year), domain: [2009.6, 2017.4]},
    y: {label: "Winning top-5 error (%)", domain: [0, 30], grid: true},
    marks: [
      Plot.ruleY([HUMAN_TOP5.top5], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.7}),
      Plot.text([HUMAN_TOP5], {x: 2009.7, y: "top5", text: () => "human ≈ 5.1 %", textAnchor: "start", dy: -7, fontSize: 11}),
      Plot.line(ILSVRC_WINNERS, {x: "year", y: "top5", stroke: "var(--theme-foreground-muted)", strokeWidth: 1.5}),
      Plot.arrow([{x: 2012, y1: RUNNER_UP_2012.top5, y2: alexnet.top5 + 0.8}], {x: "x", y1: "y1", y2: "y2", x1: "x", x2: "x", stroke: "var(--accent)", strokeWidth: 2}),
      Plot.dot([RUNNER_UP_2012], {x: "year", y: "top5", r: 4, stroke: "var(--accent)", fill: "var(--theme-background)", tip: true, channels: {Team: "team", Model: "model"}}),
      Plot.text([RUNNER_UP_2012], {x: "year", y: "top5", text: () => "runner-up 26.2 %", dx: 8, textAnchor: "start", fontSize: 11}),
      Plot.text([alexnet], {x: "year", y: (RUNNER_UP_2012.top5 + alexnet.top5) / 2, text: () => `−${alexnetLead()} points`, dx: 8, textAnchor: "start", fill: "var(--accent)", fontWeight: "bold", fontSize: 12}),
      Plot.dot(ILSVRC_WINNERS, {x: "year", y: "top5", r: 4.5, fill: (d: IlsvrcWinner) => (d.year === 2012 ? "var(--accent)" : "currentColor")}),
      Plot.dot(selected, {x: "year", y: "top5", r: 9, stroke: "var(--accent)", strokeWidth: 2.5, fill: "none"}),
      // Value labels: all of them when there is room, otherwise only 2012 and the selected year; 2012's sits left of its arrow.
      // Labels of points near the human line go below them, so the dashed line does not cross the text.
      ...[true, false].map((above) =>
        Plot.text(
          ILSVRC_WINNERS.filter((d) => d.year !== 2012 && (!narrow || d.year === selectedYear) && d.top5 > HUMAN_TOP5.top5 + 1 === above),
          {x: "year", y: "top5", text: (d: IlsvrcWinner) => `${d.top5} %`, dy: above ? -12 : 14, fontSize: 11}
        )
      ),
      Plot.text([alexnet], {x: "year", y: "top5", text: (d: IlsvrcWinner) => `${d.top5} %`, dx: -12, textAnchor: "end", fontSize: 11}),
      Plot.tip(ILSVRC_WINNERS, Plot.pointerX({x: "year", y: "top5", title: (d: IlsvrcWinner) => `${d.year}: ${d.team}\n${d.model}\ntop-5 error ${d.top5} %`}))
    ]
  });
}

function describe(w: IlsvrcWinner): string {
  const base = `${w.year}: ${w.team}, ${w.model}: ${w.top5} % top-5 error.`;
  if (w.year === 2012) return `${base} The runner-up (${RUNNER_UP_2012.team}) had ${RUNNER_UP_2012.top5} %: a lead of ${alexnetLead()} points.`;
  if (w.top5 < HUMAN_TOP5.top5) return `${base} Below the ≈ ${HUMAN_TOP5.top5} % a trained human reached.`;
  return base;
}

/** Chart + year buttons + description + table. Its value is the selected year. */
export function ilsvrcExplorer({width, initialYear = 2012}: {width: number; initialYear?: number}): HTMLElement & {value: number} {
  let year = initialYear;
  const chartHolder = el("div", {class: "ilsvrc-chart"});
  const detail = el("p", {class: "ilsvrc-detail", "aria-live": "polite", "data-testid": "ilsvrc-detail"});
  const labelId = uid("ilsvrc-years");
  const buttons = ILSVRC_WINNERS.map((w) => el("button", {type: "button", "data-year": w.year, "aria-pressed": "false"}, String(w.year)));
  const rows = ILSVRC_WINNERS.map((w) =>
    el("tr", {}, el("td", {}, String(w.year)), el("td", {}, w.team), el("td", {}, w.model), el("td", {class: "num"}, `${w.top5} %`), el("td", {}, el("a", {href: SOURCES[w.source].url}, "source")))
  );
  const table = el(
    "details",
    {class: "ilsvrc-table"},
    el("summary", {}, "The numbers as a table"),
    el(
      "div",
      {class: "table-scroll"},
      el(
        "table",
        {},
        el("thead", {}, el("tr", {}, ...["Year", "Winner", "Model", "Top-5 error", ""].map((h) => el("th", {scope: "col"}, h)))),
        el("tbody", {}, ...rows, el("tr", {}, el("td", {}, "2012"), el("td", {}, `${RUNNER_UP_2012.team} (runner-up)`), el("td", {}, "hand-crafted features"), el("td", {class: "num"}, `${RUNNER_UP_2012.top5} %`), el("td", {}, el("a", {href: SOURCES.alexnetPaper.url}, "source"))))
      )
    )
  );
  const root = el(
    "div",
    {class: "ilsvrc"},
    chartHolder,
    el("div", {class: "ilsvrc-years"}, el("span", {id: labelId, class: "ilsvrc-years-label"}, "Pick a year: "), el("div", {role: "group", "aria-labelledby": labelId, class: "ilsvrc-buttons"}, ...buttons)),
    detail,
    table
  ) as unknown as HTMLElement & {value: number};

  function show(next: number): void {
    year = next;
    chartHolder.replaceChildren(ilsvrcChart({width, selectedYear: year}));
    for (const b of buttons) b.setAttribute("aria-pressed", b.dataset.year === String(year) ? "true" : "false");
    detail.textContent = describe(ILSVRC_WINNERS.find((w) => w.year === year)!);
    emitValue(root, year);
  }
  buttons.forEach((b, i) => {
    b.addEventListener("click", () => show(ILSVRC_WINNERS[i]!.year));
    // Arrow keys step through the years like a slider.
    b.addEventListener("keydown", (event) => {
      const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!delta) return;
      event.preventDefault();
      const j = Math.min(buttons.length - 1, Math.max(0, i + delta));
      buttons[j]!.focus();
      show(ILSVRC_WINNERS[j]!.year);
    });
  });
  show(year);
  return root;
}
