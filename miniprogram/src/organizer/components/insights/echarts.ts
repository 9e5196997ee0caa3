import Taro from '@tarojs/taro';
// Only the parts the insights screens draw: the whole of ECharts would be several times larger.
import { init, setPlatformAPI, use as registerParts, type EChartsType } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { chartCanvas, type CanvasNode } from './chartCanvas';

// ECharts' own `use` (registers chart parts), renamed so it is not taken for React's `use` hook.
registerParts([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer]);

if (process.env.TARO_ENV !== 'h5') {
  // ECharts measures text on a scratch canvas it makes with document.createElement; the mini-program's
  // document (Taro's) has no real canvas, WeChat's offscreen 2d canvas measures the same way.
  setPlatformAPI({
    createCanvas: () => Taro.createOffscreenCanvas({ type: '2d', width: 1, height: 1 }) as unknown as HTMLCanvasElement,
  });
}

export type { EChartsCoreOption as ChartOption, EChartsType as ChartInstance };

function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return window.devicePixelRatio || 1;
  return Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio ?? 2;
}

/** An ECharts instance painting into a `<Canvas type="2d">` node of `width`×`height` CSS pixels. */
export function createChart(node: CanvasNode, width: number, height: number): EChartsType {
  // zrender takes any object with width/height/getContext as its canvas (see chartCanvas.ts).
  const canvas = chartCanvas(node) as unknown as HTMLElement;
  return init(canvas, undefined, { renderer: 'canvas', width, height, devicePixelRatio: pixelRatio() });
}
