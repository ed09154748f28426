/**
 * A price chart described as data: candles plus what to draw over them. Builders turn an
 * analysis (structure, signals, a backtest) into a model; renderers turn a model into SVG
 * (and through it PNG) or an interactive lightweight-charts page. Times are ms UTC.
 */
export interface ChartModel {
  title: string;
  candles: { time: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array };
  /** Lines over the candles (an average, a SuperTrend). NaN points are gaps. */
  lines: ChartLine[];
  /** Rectangles from one time to another between two prices (order blocks, fair value gaps, zones). */
  boxes: ChartBox[];
  /** Horizontal segments from one time to another (a broken swing level, a neckline, a stop). */
  segments: ChartSegment[];
  /** Symbols at a bar (a swing, an entry), above or below the candle. */
  markers: ChartMarker[];
}

export interface ChartLine {
  label: string;
  color: string;
  values: Float64Array;
}

export interface ChartBox {
  fromTime: number;
  toTime: number;
  top: number;
  bottom: number;
  color: string;
  label?: string;
}

export interface ChartSegment {
  fromTime: number;
  toTime: number;
  /** Price at `fromTime`; `endPrice` (default the same) at `toTime`, for sloped lines such as triangle sides. */
  price: number;
  endPrice?: number;
  color: string;
  dashed?: boolean;
  label?: string;
}

export interface ChartMarker {
  time: number;
  position: 'above' | 'below';
  shape: 'arrowUp' | 'arrowDown' | 'circle' | 'square';
  color: string;
  text?: string;
}

export const chartColors = {
  up: '#26a69a',
  down: '#ef5350',
  bullish: '#2e7d32',
  bearish: '#c62828',
  neutral: '#546e7a',
  bullishFill: 'rgba(38, 166, 154, 0.18)',
  bearishFill: 'rgba(239, 83, 80, 0.18)',
  gapFill: 'rgba(255, 193, 7, 0.22)',
  liquidity: '#6a1b9a',
} as const;

/** An empty model over some candles. */
export function chartModel(title: string, candles: ChartModel['candles']): ChartModel {
  return { title, candles, lines: [], boxes: [], segments: [], markers: [] };
}
