import { useEffect, useMemo, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { createChart, type ChartInstance } from './echarts';
import { chartOption, type ChartSpec } from './chartOptions';
import type { CanvasNode } from './chartCanvas';

let nextId = 0;

interface Props {
  spec: ChartSpec;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  /** CSS pixels; the width is the container's. */
  height?: number;
}

/**
 * A chart on a `<Canvas type="2d">`, the same code on weapp and H5: the node is found with a selector query
 * once the canvas is laid out, ECharts paints into it, and a new spec repaints the same instance.
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
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasNode; width?: number; height?: number }[] | null) => {
          const hit = res?.[0];
          if (cancelled || chart.current || !hit?.node || !hit.width || !hit.height) return;
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
