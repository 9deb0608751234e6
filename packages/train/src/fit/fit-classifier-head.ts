import { InputError } from "@mobilenetv1/core";
import { confusionMatrix } from "../confusion-matrix.js";
import { EmbeddingShapeError } from "../errors.js";
import type { ClassifierHead, FitOptions, FitProgress } from "../types.js";
import { labelIndices } from "./class-names.js";
import { classWeights } from "./class-weights.js";
import { resolveFitNumbers, seed32 } from "./fit-options.js";
import { minimizeLbfgs } from "./lbfgs.js";
import {
  objectiveScratch,
  parameterCount,
  type SoftmaxProblem,
  softmaxLossAndGradient,
  softmaxPredict,
} from "./softmax-objective.js";
import { stratifiedSplit } from "./split.js";
import { yieldToEventLoop } from "./yield.js";

/** What {@link fitClassifierHead} takes: embeddings with their labels, and the fit's options. */
export interface FitClassifierHeadParams extends FitOptions {
  /** [N, C] row-major: one pooled embedding per example. */
  embeddings: Float32Array;
  /** C, the length of one embedding (the backbone's hidden size, e.g. 768 for depth 0.75). */
  numFeatures: number;
  /** The class name of each row (N names). */
  labels: readonly string[];
}

/** Rows `rows` of the [n, c] matrix `x`, copied into a new [rows.length, c] matrix. */
function takeRows(x: Float32Array, c: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * c);
  rows.forEach((row, i) => out.set(x.subarray(row * c, (row + 1) * c), i * c));
  return out;
}

function accuracy(predicted: Int32Array, y: Int32Array): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) right++;
  return y.length > 0 ? right / y.length : 0;
}

function checkEmbeddings(params: FitClassifierHeadParams): number {
  const { embeddings, numFeatures, labels } = params;
  if (!(embeddings instanceof Float32Array)) {
    throw new InputError({
      argument: "embeddings",
      value: typeof embeddings,
      expected: "a Float32Array [N, C]",
    });
  }
  if (!Number.isSafeInteger(numFeatures) || numFeatures < 1) {
    throw new InputError({ argument: "numFeatures", value: numFeatures, expected: "a positive integer" });
  }
  if (!Array.isArray(labels)) {
    throw new InputError({ argument: "labels", value: typeof labels, expected: "an array of class names" });
  }
  if (embeddings.length % numFeatures !== 0) {
    throw new EmbeddingShapeError({
      argument: "embeddings.length",
      value: embeddings.length,
      expected: `a multiple of numFeatures (${numFeatures})`,
    });
  }
  const rows = embeddings.length / numFeatures;
  if (labels.length !== rows) {
    throw new EmbeddingShapeError({
      argument: "labels.length",
      value: labels.length,
      expected: `${rows}, the number of embedding rows (${embeddings.length} / ${numFeatures})`,
    });
  }
  for (let i = 0; i < embeddings.length; i++) {
    if (!Number.isFinite(embeddings[i]!)) {
      throw new InputError({
        argument: `embeddings[${i}] (row ${Math.floor(i / numFeatures)})`,
        value: String(embeddings[i]),
        expected: "finite numbers",
      });
    }
  }
  return rows;
}

/**
 * Fits a linear classifier on frozen embeddings: multinomial logistic regression with sklearn's
 * `LogisticRegression(C = 1 / l2, solver="lbfgs")` objective (sum of class-weighted log-losses plus
 * `l2/2·‖W‖²`, bias not penalised), by L-BFGS from zero weights, to convergence (`tol`) or `maxIter`.
 * A stratified, seeded validation split is held out and measured every iteration; with `patience` it
 * drives early stopping and the head with the best validation loss is returned. Deterministic:
 * the same inputs and seed give the same bytes. Each iteration yields to the event loop, so a browser
 * tab stays responsive, reports through `onProgress`, and checks `signal`.
 *
 * @throws EmbeddingShapeError when the embeddings' length is not N × numFeatures or labels are not N;
 *   TooFewClassesError for fewer than two classes; EmptyClassError for a class without rows;
 *   LabelCollisionError for class names equal after NFC + case folding; InputError for bad options or
 *   non-finite embeddings; the signal's reason when aborted.
 * @example
 * const head = await fitClassifierHead({ embeddings, numFeatures: 768, labels, seed: 0 });
 * head.classNames // ["ankle_boot", "bag", …]
 * head.weight.length // 10 * 768
 * head.report.valAccuracy // 0.84
 */
export async function fitClassifierHead(params: FitClassifierHeadParams): Promise<ClassifierHead> {
  params.signal?.throwIfAborted();
  checkEmbeddings(params);
  const { embeddings, numFeatures: c, onProgress, signal } = params;
  const options = resolveFitNumbers(params);
  const { classNames, y } = labelIndices({ labels: params.labels, classNames: params.classNames });
  const k = classNames.length;
  const split = stratifiedSplit({ y, k, valSplit: options.valSplit, seed: seed32(options.seed) });
  const yTrain = Int32Array.from(split.train, (row) => y[row]!);
  const yVal = Int32Array.from(split.val, (row) => y[row]!);
  const weightOfClass = classWeights({ classWeight: params.classWeight, classNames, y: yTrain });
  const problem: SoftmaxProblem = {
    x: takeRows(embeddings, c, split.train),
    n: split.train.length,
    c,
    k,
    y: yTrain,
    sampleWeight: Float64Array.from(yTrain, (cls) => weightOfClass[cls]!),
    l2: options.l2,
  };
  const xVal = takeRows(embeddings, c, split.val);
  const hasVal = split.val.length > 0;
  const scratch = objectiveScratch(k);
  const theta = new Float64Array(parameterCount({ c, k }));
  let best = { theta: theta.slice(), valLoss: Number.POSITIVE_INFINITY, iteration: 0 };
  let stoppedEarly = false;
  const run = await minimizeLbfgs({
    x0: theta,
    fg: (x, grad) => softmaxLossAndGradient({ problem, theta: x, grad, scratch }),
    maxIter: options.maxIter,
    gradTol: options.tol,
    onIteration: async ({ iteration, x, f }) => {
      const progress: FitProgress = { iteration, maxIter: options.maxIter, trainLoss: f };
      // Validation each iteration only when someone reads it (the report measures the final head anyway).
      if (hasVal && (onProgress !== undefined || options.patience !== undefined)) {
        const val = softmaxPredict({ theta: x, x: xVal, n: split.val.length, c, k, y: yVal });
        progress.valLoss = val.logLoss;
        progress.valAccuracy = accuracy(val.predicted, yVal);
        if (options.patience !== undefined) {
          if (val.logLoss < best.valLoss) best = { theta: x.slice(), valLoss: val.logLoss, iteration };
          else if (iteration - best.iteration >= options.patience) stoppedEarly = true;
        }
      }
      onProgress?.(progress);
      await yieldToEventLoop();
      signal?.throwIfAborted();
      return stoppedEarly;
    },
  });
  const final = options.patience !== undefined && hasVal ? best.theta : run.x;
  const trainPred = softmaxPredict({ theta: final, x: problem.x, n: problem.n, c, k });
  const report: ClassifierHead["report"] = {
    iterations: run.iterations,
    stoppedEarly,
    trainAccuracy: accuracy(trainPred.predicted, yTrain),
    trainIndices: split.train,
    valIndices: split.val,
    trainConfusion: confusionMatrix({
      actual: [...yTrain],
      predicted: [...trainPred.predicted],
      numClasses: k,
    }),
  };
  if (hasVal) {
    const valPred = softmaxPredict({ theta: final, x: xVal, n: split.val.length, c, k });
    report.valAccuracy = accuracy(valPred.predicted, yVal);
    report.valConfusion = confusionMatrix({
      actual: [...yVal],
      predicted: [...valPred.predicted],
      numClasses: k,
    });
  }
  return {
    classNames,
    numFeatures: c,
    weight: Float32Array.from(final.subarray(0, k * c)),
    bias: Float32Array.from(final.subarray(k * c)),
    report,
  };
}
