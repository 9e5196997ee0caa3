import { useEffect, useMemo, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { createChart, type ChartInstance } from './echarts';
import { chartOption, type ChartSpec } from './chartOptions';
import type { CanvasNode } from './chartCanvas';

let nextId = 0;

interface Found {
  node: CanvasNode;
  width: number;
  height: number;
}

/**
 * The 2d canvas behind `<Canvas id={id}>` and its CSS size. weapp: a selector query for the node. H5: the `<canvas>`
 * inside Taro's `<taro-canvas-core>` host; Taro's H5 query returns it only when the host's `type` property is `2d`,
 * which the host does not get from `<Canvas type="2d">`, so the query finds nothing there.
 */
function findCanvas(id: string, found: (hit: Found | null) => void): void {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    const canvas = host?.querySelector('canvas');
    const box = host?.getBoundingClientRect();
    found(canvas && box && box.width && box.height ? { node: canvas, width: box.width, height: box.height } : null);
    return;
  }
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((res: { node?: CanvasNode; width?: number; height?: number }[] | null) => {
      const hit = res?.[0];
      found(hit?.node && hit.width && hit.height ? { node: hit.node, width: hit.width, height: hit.height } : null);
    });
}

interface Props {
  spec: ChartSpec;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  /** CSS pixels; the width is the container's. */
  height?: number;
}

/**
 * A chart on a `<Canvas type="2d">`: once the canvas is laid out its node is found (the one step that differs
 * between weapp and H5), ECharts paints into it through the same adapter on both, and a new spec repaints the
 * same instance.
 */
export function Chart({ spec, label, height = 220 }: Props) {
  const id = useMemo(() => `tb-chart-${++nextId}`, []);
  const chart = useRef<ChartInstance | null>(null);
  const option = useMemo(() => chartOption(spec), [spec]);
  // A stable style object: the H5 canvas element resets its drawing buffer whenever it re-renders.
  const style = useMemo(() => ({ width: '100%', height: `${height}px` }), [height]);

  useEffect(() => {
    if (chart.current) {
      chart.current.setOption(option, true);
      return;
    }
    let cancelled = false;
    Taro.nextTick(() => {
      findCanvas(id, (hit) => {
        if (cancelled || chart.current || !hit) return;
        chart.current = createChart(hit.node, hit.width, hit.height);
        chart.current.setOption(option, true);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [id, option]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return (
    <View className="insights-chart" role="img" aria-label={label}>
      <Canvas type="2d" id={id} className="insights-chart__canvas" style={style} />
    </View>
  );
}
