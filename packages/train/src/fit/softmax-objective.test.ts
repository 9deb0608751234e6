import { describe, expect, it } from "vitest";
import {
  objectiveScratch,
  parameterCount,
  type SoftmaxProblem,
  softmaxLossAndGradient,
  softmaxPredict,
} from "./softmax-objective.js";

/** A small problem with values from a fixed stream: n rows, c features (c not a multiple of 4, to cover the loop tail). */
function problem(params: { n: number; c: number; k: number; l2: number }): SoftmaxProblem {
  let s = 42;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296 - 0.5;
  };
  const x = Float32Array.from({ length: params.n * params.c }, () => 3 * next());
  const y = Int32Array.from({ length: params.n }, (_, i) => i % params.k);
  const sampleWeight = Float64Array.from({ length: params.n }, (_, i) => 0.5 + (i % 3));
  return { ...params, x, y, sampleWeight };
}

describe("softmaxLossAndGradient", () => {
  it("its gradient matches central finite differences", () => {
    const p = problem({ n: 13, c: 7, k: 4, l2: 0.7 });
    let s = 7;
    const theta = Float64Array.from({ length: parameterCount(p) }, () => {
      s = (Math.imul(s, 69069) + 1) >>> 0;
      return s / 4294967296 - 0.5;
    });
    const grad = new Float64Array(theta.length);
    const scratch = objectiveScratch(p.k);
    softmaxLossAndGradient({ problem: p, theta, grad, scratch });
    const h = 1e-6;
    const unused = new Float64Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[i]! += h;
      minus[i]! -= h;
      const numeric =
        (softmaxLossAndGradient({ problem: p, theta: plus, grad: unused, scratch }) -
          softmaxLossAndGradient({ problem: p, theta: minus, grad: unused, scratch })) /
        (2 * h);
      expect(grad[i]).toBeCloseTo(numeric, 7);
    }
  });

  it("at zero weights the loss is log K (uniform predictions), whatever the row weights", () => {
    const p = problem({ n: 10, c: 5, k: 3, l2: 1 });
    const theta = new Float64Array(parameterCount(p));
    const f = softmaxLossAndGradient({
      problem: p,
      theta,
      grad: new Float64Array(theta.length),
      scratch: objectiveScratch(3),
    });
    expect(f).toBeCloseTo(Math.log(3), 12);
  });

  it("penalises the weights and not the bias", () => {
    const p = problem({ n: 6, c: 2, k: 2, l2: 2 });
    const theta = new Float64Array(parameterCount(p));
    const grad = new Float64Array(theta.length);
    const scratch = objectiveScratch(2);
    const base = softmaxLossAndGradient({ problem: { ...p, l2: 0 }, theta, grad, scratch });
    theta[0] = 1; // a weight: + l2/2 · 1 / Σ weights on top of the data term
    const weighted = softmaxLossAndGradient({ problem: p, theta, grad, scratch });
    const dataOnly = softmaxLossAndGradient({ problem: { ...p, l2: 0 }, theta, grad, scratch });
    const sumWeights = p.sampleWeight.reduce((a, b) => a + b, 0);
    expect(weighted - dataOnly).toBeCloseTo((0.5 * 2 * 1) / sumWeights, 12);
    theta[0] = 0;
    theta[p.k * p.c] = 1; // a bias: no penalty
    const biased = softmaxLossAndGradient({ problem: p, theta, grad, scratch });
    const biasedData = softmaxLossAndGradient({ problem: { ...p, l2: 0 }, theta, grad, scratch });
    expect(biased).toBe(biasedData);
    expect(base).toBeCloseTo(Math.log(2), 12);
  });
});

describe("softmaxPredict", () => {
  it("predicts the arg-max class and the mean log-loss", () => {
    // K = 2, C = 1: class 1 when x > 0.
    const theta = Float64Array.of(-1, 1, 0, 0);
    const x = Float32Array.of(-2, 3);
    const { predicted, logLoss } = softmaxPredict({ theta, x, n: 2, c: 1, k: 2, y: Int32Array.of(0, 0) });
    expect([...predicted]).toEqual([0, 1]);
    const l0 = Math.log(1 + Math.exp(-4));
    const l1 = Math.log(1 + Math.exp(6));
    expect(logLoss).toBeCloseTo((l0 + l1) / 2, 12);
  });
});
