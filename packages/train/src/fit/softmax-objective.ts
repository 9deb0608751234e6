/**
 * Multinomial logistic regression's objective and gradient, in sklearn's form: for weights W [K, C] and
 * bias b [K], `f = (Σᵢ sᵢ·(logΣₖ exp zᵢₖ − zᵢ,yᵢ) + λ/2·‖W‖²) / Σᵢ sᵢ` with `zᵢ = W·xᵢ + b` and sᵢ the row's
 * class weight. Dividing by Σsᵢ is what sklearn ≥ 1.1 does too: the minimiser is the same, and the
 * gradient's scale no longer grows with the row count, so one tolerance fits every dataset size.
 *
 * The parameters are one Float64Array `theta`: W row-major (K·C values), then b (K values). The loops are
 * written out over typed arrays (four accumulators in the dot products) because this is where a fit spends
 * its time: 2·N·K·C multiply-adds per evaluation.
 */

/** Rows to fit on, with their class indices and weights. */
export interface SoftmaxProblem {
  /** [n, c] row-major features. */
  readonly x: Float32Array;
  readonly n: number;
  readonly c: number;
  readonly k: number;
  /** Class index per row, in [0, k). */
  readonly y: Int32Array;
  /** Weight per row (its class's weight). */
  readonly sampleWeight: Float64Array;
  /** λ = 1 / sklearn's C; the bias is not penalised. */
  readonly l2: number;
}

/** Number of parameters of a problem: K·C weights and K biases. */
export function parameterCount(p: { c: number; k: number }): number {
  return p.k * (p.c + 1);
}

/** zᵢ = W·xᵢ + b for row `row` into `z` (length k). */
function rowLogits(p: SoftmaxProblem, theta: Float64Array, row: number, z: Float64Array): void {
  const { x, c, k } = p;
  const xo = row * c;
  const bo = k * c;
  for (let cls = 0; cls < k; cls++) {
    const wo = cls * c;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j + 3 < c; j += 4) {
      a0 += theta[wo + j]! * x[xo + j]!;
      a1 += theta[wo + j + 1]! * x[xo + j + 1]!;
      a2 += theta[wo + j + 2]! * x[xo + j + 2]!;
      a3 += theta[wo + j + 3]! * x[xo + j + 3]!;
    }
    for (; j < c; j++) a0 += theta[wo + j]! * x[xo + j]!;
    z[cls] = a0 + a1 + a2 + a3 + theta[bo + cls]!;
  }
}

/** Turns logits `z` into probabilities in place; returns log Σ exp z (stable: shifted by the max). */
function softmaxInPlace(z: Float64Array, k: number): number {
  let max = -Infinity;
  for (let cls = 0; cls < k; cls++) if (z[cls]! > max) max = z[cls]!;
  let sum = 0;
  for (let cls = 0; cls < k; cls++) {
    const e = Math.exp(z[cls]! - max);
    z[cls] = e;
    sum += e;
  }
  for (let cls = 0; cls < k; cls++) z[cls] = z[cls]! / sum;
  return max + Math.log(sum);
}

/**
 * The objective at `theta`; writes its gradient into `grad` (same length). `scratch` holds k values.
 *
 * @example
 * const f = softmaxLossAndGradient({ problem, theta, grad, scratch: new Float64Array(problem.k) });
 */
export function softmaxLossAndGradient(params: {
  problem: SoftmaxProblem;
  theta: Float64Array;
  grad: Float64Array;
  scratch: Float64Array;
}): number {
  const { problem: p, theta, grad, scratch: z } = params;
  const { x, n, c, k, y, sampleWeight } = p;
  const bo = k * c;
  grad.fill(0);
  let loss = 0;
  let weightSum = 0;
  for (let row = 0; row < n; row++) {
    const s = sampleWeight[row]!;
    weightSum += s;
    const target = y[row]!;
    // logits before softmax overwrites them: log-loss = logΣexp z − z_y
    rowLogits(p, theta, row, z);
    const zTarget = z[target]!;
    loss += s * (softmaxInPlace(z, k) - zTarget);
    const xo = row * c;
    for (let cls = 0; cls < k; cls++) {
      const g = s * (z[cls]! - (cls === target ? 1 : 0));
      grad[bo + cls] = grad[bo + cls]! + g;
      const wo = cls * c;
      for (let j = 0; j < c; j++) grad[wo + j] = grad[wo + j]! + g * x[xo + j]!;
    }
  }
  let squaredNorm = 0;
  const l2 = p.l2;
  for (let i = 0; i < bo; i++) {
    const w = theta[i]!;
    squaredNorm += w * w;
    grad[i] = grad[i]! + l2 * w;
  }
  const scale = 1 / weightSum;
  for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! * scale;
  return (loss + 0.5 * l2 * squaredNorm) * scale;
}

/**
 * Predicted class per row and the mean (unweighted, unpenalised) log-loss of `theta` on rows of `x`:
 * what validation and accuracy are measured with.
 */
export function softmaxPredict(params: {
  theta: Float64Array;
  x: Float32Array;
  n: number;
  c: number;
  k: number;
  /** When given, the mean log-loss against these classes is computed too. */
  y?: Int32Array;
}): { predicted: Int32Array; logLoss: number } {
  const { theta, x, n, c, k, y } = params;
  const p: SoftmaxProblem = {
    x,
    n,
    c,
    k,
    y: y ?? new Int32Array(n),
    sampleWeight: new Float64Array(0),
    l2: 0,
  };
  const z = new Float64Array(k);
  const predicted = new Int32Array(n);
  let loss = 0;
  for (let row = 0; row < n; row++) {
    rowLogits(p, theta, row, z);
    let best = 0;
    for (let cls = 1; cls < k; cls++) if (z[cls]! > z[best]!) best = cls;
    predicted[row] = best;
    if (y) {
      const zTarget = z[y[row]!]!;
      loss += softmaxInPlace(z, k) - zTarget;
    }
  }
  return { predicted, logLoss: n > 0 ? loss / n : 0 };
}
