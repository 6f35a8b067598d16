/**
 * The highlight key of the trace under the cursor, from a Plotly hover event.
 *
 * Charts hover in 'x unified' mode, so an event lists one point per trace at that x;
 * the trace meant is the one drawn nearest the cursor vertically. Plotly's event
 * carries the cursor's position on each y axis (`yvals`) and each point's axis
 * (`d2p`: data to pixels); when those are missing the first point is taken.
 */
interface AxisLike {
  d2p?: (value: unknown) => number;
}

interface HoverPointLike {
  y?: unknown;
  yaxis?: AxisLike;
  data?: { meta?: unknown };
}

export interface HoverEventLike {
  points?: readonly HoverPointLike[];
  yaxes?: readonly AxisLike[];
  yvals?: readonly unknown[];
}

function pixel(axis: AxisLike | undefined, value: unknown): number {
  const p = axis?.d2p?.(value);
  return typeof p === 'number' && Number.isFinite(p) ? p : NaN;
}

export function hoveredKey(event: HoverEventLike): string | null {
  const points = event.points ?? [];
  const cursor = pixel(event.yaxes?.[0], event.yvals?.[0]);
  let best: HoverPointLike | undefined = points[0];
  if (Number.isFinite(cursor)) {
    let bestDistance = Infinity;
    for (const point of points) {
      const distance = Math.abs(pixel(point.yaxis, point.y) - cursor);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = point;
      }
    }
  }
  const meta = best?.data?.meta;
  return typeof meta === 'string' ? meta : null;
}
