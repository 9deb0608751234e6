/**
 * L-BFGS (Nocedal & Wright, algorithm 7.4/7.5) with a backtracking Armijo line search, written here rather
 * than taken from npm: the packages that exist (`fmin`, `optimization-js`, `ml-logistic-regression`) run
 * their whole loop synchronously on plain arrays, so a browser tab would freeze for the fit and there would
 * be no per-iteration progress, abort or early stopping; `ml-logistic-regression` is also one-vs-rest by
 * gradient descent, not sklearn's multinomial objective. Here each iteration ends in an `await`ed callback
 * (which yields to the event loop, reports and may stop the run), and every vector is a Float64Array
 * updated in place.
 *
 * The objective is convex (L2-regularised log-loss), so Armijo backtracking from the unit step is enough:
 * L-BFGS's scaled direction makes step 1 acceptable on almost every iteration after the first.
 */

/** What the callback after each iteration sees. */
export interface LbfgsIteration {
  /** 1-based. */
  iteration: number;
  /** Parameters after the iteration (the optimizer's own buffer: copy to keep). */
  x: Float64Array;
  f: number;
  /** Largest |gradient component| after the iteration. */
  gradMax: number;
}

/** Why the run ended. */
export type LbfgsStop = "converged" | "max-iter" | "callback" | "line-search";

/** Default number of correction pairs kept (scipy's `maxcor`, which sklearn's lbfgs uses). */
export const LBFGS_MEMORY = 10;

const ARMIJO_C1 = 1e-4;
const MAX_BACKTRACKS = 40;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Minimises `fg` from `x0` (changed in place to the result). Stops when the largest gradient component is
 * at most `gradTol` (scipy's `pgtol`, sklearn's `tol`), after `maxIter` iterations, when `onIteration`
 * returns true, or when the line search finds no decrease (the objective is flat to rounding).
 *
 * @example
 * const { stop } = await minimizeLbfgs({ x0, fg: (x, g) => lossAndGrad(x, g), maxIter: 100, gradTol: 1e-4,
 *   onIteration: async ({ iteration, f }) => false });
 */
export async function minimizeLbfgs(params: {
  x0: Float64Array;
  /** Objective at x; writes the gradient into g. */
  fg: (x: Float64Array, g: Float64Array) => number;
  maxIter: number;
  gradTol: number;
  /** Awaited after each iteration; true stops the run. */
  onIteration: (it: LbfgsIteration) => Promise<boolean>;
  memory?: number;
}): Promise<{ x: Float64Array; f: number; iterations: number; stop: LbfgsStop }> {
  const { fg, maxIter, gradTol } = params;
  const m = params.memory ?? LBFGS_MEMORY;
  const x = params.x0;
  const dim = x.length;
  const g = new Float64Array(dim);
  const xNew = new Float64Array(dim);
  const gNew = new Float64Array(dim);
  const d = new Float64Array(dim);
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let f = fg(x, g);
  if (maxAbs(g) <= gradTol) return { x, f, iterations: 0, stop: "converged" };
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < dim; i++) d[i] = -g[i]!;
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(s[j]!, d);
      const yj = yv[j]!;
      for (let i = 0; i < dim; i++) d[i] = d[i]! - alpha[j]! * yj[i]!;
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, yv[last]!) / dot(yv[last]!, yv[last]!);
      for (let i = 0; i < dim; i++) d[i] = d[i]! * gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j]! * dot(yv[j]!, d);
      const sj = s[j]!;
      for (let i = 0; i < dim; i++) d[i] = d[i]! + (alpha[j]! - beta) * sj[i]!;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (rounding in the history): restart from steepest descent.
      s.length = yv.length = rho.length = 0;
      for (let i = 0; i < dim; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    // The first step has no curvature estimate: scale it to a unit move, as scipy does.
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let t = 0; t < MAX_BACKTRACKS; t++) {
      for (let i = 0; i < dim; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + ARMIJO_C1 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, f, iterations: iteration - 1, stop: "line-search" };
    const sNew = s.length === m ? s.shift()! : new Float64Array(dim);
    const yNew = yv.length === m ? yv.shift()! : new Float64Array(dim);
    if (rho.length === m) rho.shift();
    for (let i = 0; i < dim; i++) {
      sNew[i] = xNew[i]! - x[i]!;
      yNew[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sNew, yNew);
    // Keep the pair only with positive curvature, which keeps H positive definite.
    if (sy > 1e-12 * dot(yNew, yNew)) {
      s.push(sNew);
      yv.push(yNew);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    const gradMax = maxAbs(g);
    if (await params.onIteration({ iteration, x, f, gradMax })) {
      return { x, f, iterations: iteration, stop: "callback" };
    }
    if (gradMax <= gradTol) return { x, f, iterations: iteration, stop: "converged" };
  }
  return { x, f, iterations: maxIter, stop: "max-iter" };
}
