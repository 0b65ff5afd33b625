// The Report tab's charts as plain data (an SVG tree), drawn locally: the inspector turns the tree
// into DOM nodes, `telemock report --html` into text. No DOM and no Node.js here, so both can load it.

/** An SVG element: its attributes, and children or text. */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number>;
  children?: SvgNode[];
  text?: string;
}

/** What a pass-rate bar needs of a scenario (or population) of the report. */
export interface PassRateGroup {
  name: string;
  passed: number;
  failed: number;
  running: number;
  passRate: number | null;
}

/** A histogram bar: answers that took more than `from` and up to `to` ms (`to` null: the rest). */
export interface LatencyBucket {
  from: number;
  to: number | null;
  count: number;
}

const el = (tag: string, attrs: SvgNode['attrs'], children: SvgNode[] = []): SvgNode => ({
  tag,
  attrs,
  children,
});
const text = (attrs: SvgNode['attrs'], value: string): SvgNode => ({ tag: 'text', attrs, text: value });
const percent = (value: number | null) =>
  value === null ? 'no settled run' : `${Number.isInteger(value) ? value : value.toFixed(1)} % passed`;

/** The report's `latencyHistogram` (each bucket up to a bound) as ranges. */
export function latencyBuckets(
  histogram: ReadonlyArray<{ upToMs: number | null; count: number }>,
): LatencyBucket[] {
  return histogram.map((b, i) => ({ from: histogram[i - 1]?.upToMs ?? 0, to: b.upToMs, count: b.count }));
}

const LABEL_W = 170;
const BAR_W = 360;
const ROW_H = 26;

/**
 * A horizontal bar per group: passed (green), failed (red) and running (grey) as shares of its runs,
 * the pass rate of its settled runs beside it.
 */
export function passRateChart(groups: readonly PassRateGroup[]): SvgNode {
  const width = LABEL_W + BAR_W + 150;
  const height = Math.max(1, groups.length) * ROW_H + 8;
  const rows = groups.map((g, i) => {
    const y = 4 + i * ROW_H;
    const total = g.passed + g.failed + g.running;
    const share = (n: number) => (total === 0 ? 0 : (n / total) * BAR_W);
    const parts: Array<[string, number, number]> = [
      ['passed', g.passed, share(g.passed)],
      ['failed', g.failed, share(g.failed)],
      ['running', g.running, share(g.running)],
    ];
    let x = LABEL_W;
    const rects = parts.map(([kind, n, w]) => {
      const rect = el('rect', { class: `bar-${kind}`, x, y, width: w, height: ROW_H - 8 }, [
        { tag: 'title', attrs: {}, text: `${g.name}: ${n} ${kind}` },
      ]);
      x += w;
      return rect;
    });
    return el('g', { class: 'pass-rate-row', 'data-name': g.name }, [
      text({ x: LABEL_W - 8, y: y + ROW_H / 2, 'text-anchor': 'end', class: 'chart-label' }, g.name),
      el('rect', { class: 'bar-track', x: LABEL_W, y, width: BAR_W, height: ROW_H - 8 }),
      ...rects,
      text({ x: LABEL_W + BAR_W + 8, y: y + ROW_H / 2, class: 'chart-value' }, percent(g.passRate)),
    ]);
  });
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart pass-rate-chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': `Pass rate per scenario: ${groups.map((g) => `${g.name} ${percent(g.passRate)}`).join('; ') || 'no runs'}`,
    },
    rows,
  );
}

const short = (ms: number) => (ms >= 1000 ? `${ms / 1000}k` : String(ms));
const bucketLabel = (b: LatencyBucket) =>
  b.to === null ? `>${short(b.from)}` : `${short(b.from)}–${short(b.to)}`;

/** Vertical bars, one per bucket, with the count above each and the range (ms) below. */
export function latencyHistogram(buckets: readonly LatencyBucket[]): SvgNode {
  const barW = 64;
  const plotH = 160;
  const top = 20;
  const width = buckets.length * barW + 20;
  const height = top + plotH + 40;
  const most = Math.max(1, ...buckets.map((b) => b.count));
  const bars = buckets.map((b, i) => {
    const h = (b.count / most) * plotH;
    const x = 10 + i * barW;
    return el('g', { class: 'histogram-bar', 'data-range': bucketLabel(b) }, [
      el('rect', { class: 'bar-latency', x: x + 4, y: top + plotH - h, width: barW - 8, height: h }, [
        { tag: 'title', attrs: {}, text: `${bucketLabel(b)} ms: ${b.count}` },
      ]),
      text(
        { x: x + barW / 2, y: top + plotH - h - 9, 'text-anchor': 'middle', class: 'chart-value' },
        String(b.count),
      ),
      text(
        { x: x + barW / 2, y: top + plotH + 16, 'text-anchor': 'middle', class: 'chart-label' },
        bucketLabel(b),
      ),
    ]);
  });
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart latency-histogram',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': `Turn latency of ${total} answers, in ms: ${buckets.map((b) => `${bucketLabel(b)} ${b.count}`).join(', ')}`,
    },
    [
      el('line', { class: 'axis', x1: 10, x2: width - 10, y1: top + plotH, y2: top + plotH }),
      ...bars,
      text({ x: width / 2, y: height - 4, 'text-anchor': 'middle', class: 'chart-label' }, 'ms'),
    ],
  );
}

/** Text made safe inside XML or HTML text and double-quoted attributes. */
export const escapeXml = (value: string) =>
  value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The tree as SVG text, every attribute and text escaped. */
export function svgToString(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  const inner =
    node.text !== undefined ? escapeXml(node.text) : (node.children ?? []).map(svgToString).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
