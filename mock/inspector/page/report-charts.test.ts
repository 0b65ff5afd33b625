import { describe, expect, it } from 'vitest';
import {
  latencyBuckets,
  latencyHistogram,
  passRateChart,
  type SvgNode,
  svgToString,
} from './report-charts.js';

const find = (node: SvgNode, test: (n: SvgNode) => boolean): SvgNode[] => [
  ...(test(node) ? [node] : []),
  ...(node.children ?? []).flatMap((c) => find(c, test)),
];

describe('the Report tab’s charts', () => {
  it('the report’s histogram bounds become ranges, the last one open', () => {
    expect(
      latencyBuckets([
        { upToMs: 100, count: 3 },
        { upToMs: 250, count: 2 },
        { upToMs: null, count: 1 },
      ]),
    ).toEqual([
      { from: 0, to: 100, count: 3 },
      { from: 100, to: 250, count: 2 },
      { from: 250, to: null, count: 1 },
    ]);
  });

  it('a pass-rate bar splits its width by passed, failed and running', () => {
    const chart = passRateChart([{ name: 'confirms', passed: 6, failed: 3, running: 3, passRate: 66.7 }]);
    const width = (kind: string) =>
      Number(find(chart, (n) => n.attrs.class === `bar-${kind}`)[0]?.attrs.width);
    expect(width('passed')).toBe(2 * width('failed'));
    expect(width('failed')).toBe(width('running'));
    expect(svgToString(chart)).toContain('66.7 % passed');
  });

  it('the tallest histogram bar is the fullest bucket; text is escaped', () => {
    const chart = latencyHistogram(
      latencyBuckets([
        { upToMs: 100, count: 1 },
        { upToMs: null, count: 4 },
      ]),
    );
    const heights = find(chart, (n) => n.attrs.class === 'bar-latency').map((n) => Number(n.attrs.height));
    expect(heights[1]).toBe(4 * (heights[0] ?? 0));
    const named = svgToString(
      passRateChart([{ name: '<b>&', passed: 1, failed: 0, running: 0, passRate: 100 }]),
    );
    expect(named).toContain('&lt;b&gt;&amp;');
    expect(named).not.toContain('<b>');
  });
});
