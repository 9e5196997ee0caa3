/**
 * A canvas as ECharts' single-canvas painter needs it, made from the node a `<Canvas type="2d">` query returns:
 * an HTMLCanvasElement on H5, WeChat's Canvas object on weapp. Both have width/height and getContext('2d');
 * neither is given to ECharts directly, so both targets run the same code: without `nodeName` zrender paints
 * straight into this canvas (no DOM of its own), and the listener methods are no-ops because the charts are
 * read, not tapped (the table beside each chart carries the figures).
 */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

export interface ChartCanvas extends CanvasNode {
  addEventListener(): void;
  removeEventListener(): void;
  attachEvent(): void;
  detachEvent(): void;
}

export function chartCanvas(node: CanvasNode): ChartCanvas {
  const noop = () => undefined;
  return {
    get width() {
      return node.width;
    },
    set width(value: number) {
      node.width = value;
    },
    get height() {
      return node.height;
    },
    set height(value: number) {
      node.height = value;
    },
    getContext: (type) => node.getContext(type),
    addEventListener: noop,
    removeEventListener: noop,
    attachEvent: noop,
    detachEvent: noop,
  };
}
